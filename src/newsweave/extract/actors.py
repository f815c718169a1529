"""The PLOVER actor codes, for the extract stages: the rule is one kernel, ``newsweave.actors``.

Kept so that ``from .actors import actor_code`` in the event stages keeps working; new code imports
``newsweave.actors``.
"""

from ..actors import SECTORS, actor_code, actor_codes, actor_sector, country_names

__all__ = ["SECTORS", "actor_code", "actor_codes", "actor_sector", "country_names"]
