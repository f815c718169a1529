"""The web UI and HTTP API: HTML pages and the same data as JSON (``/stories/17`` and ``/stories/17.json``).

Needs the ``web`` extra (starlette, jinja2, uvicorn, python-multipart); imported lazily by the CLI.
"""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
