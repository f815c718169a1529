"""What a reader asks of a story: timelines, outlet comparison, and plans followed over time.

Modules here work on plain records (``newsweave.model``) from many articles; ``plans`` turns
planned events into ``Plan`` objects with a history (see ``newsweave.analyze.plans``).
"""
