"""Command groups of the ``newsweave`` CLI that live in their own modules (each registered in ``cli.py``)."""
