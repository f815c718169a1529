"""What an article states of a person beside the name, and whether an entity can bear it.

Four statements tell two people of one full name apart (issue 12: "a merge needs evidence; what
contradicts it keeps them apart"): the years of birth the ages stated allow (``entity_ages``), a
generational suffix ("Sr." is no "Jr."), and the trades its descriptions give (``entity_trades``) and
the countries its article names (``entity_places``), these two read only against an entity of another
story: inside one story a second trade word is more often the same person's, and a second country a
trip. ``Stated`` carries them together from ``EntityLinker.add`` through the resolving rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from .entity_ages import ages_agree, join_born
from .entity_places import places_agree
from .entity_state import EntityRecord
from .entity_trades import trades_agree, travels

__all__ = ["NOTHING", "Stated"]


@dataclass(frozen=True, slots=True)
class Stated:
    """The birth years an article's stated ages allow, its generational suffix, trade families and countries."""

    born: tuple[int, int] | None = None
    suffix: str | None = None
    trades: frozenset = frozenset()
    places: frozenset = frozenset()  # the countries the article names (ISO alpha-3)

    def fits(self, e: EntityRecord) -> bool:
        """Whether the ages and suffix stated can be entity ``e``'s ("Fatima Hassan, 58" is no "Fatima
        Hassan, a 34-year-old"; Samuel Adeyemi Sr. is no Jr.)."""
        return ages_agree(self.born, e.born) and not (self.suffix and e.suffix and self.suffix != e.suffix)

    def fits_elsewhere(self, e: EntityRecord) -> bool:
        """Whether the trades and countries stated can be those of ``e``, an entity of another story (a
        prosecutor there is no intensive-care nurse here; a Lagos coach no accountant in Ontario)."""
        return trades_agree(self.trades, e.trades) and self._places_fit(e)

    def contradicts_elsewhere(self, e: EntityRecord, story: str) -> bool:
        """Whether the trades or countries stated contradict those another story gave ``e`` (a
        merge of one full name across stories made before either said what or where)."""
        return (e.trades_in not in (None, story) and not trades_agree(self.trades, e.trades)
                or e.places_in not in (None, story) and not self._places_fit(e))

    def _places_fit(self, e: EntityRecord) -> bool:
        # a correspondent files from one country after another, an athlete plays abroad
        return travels(self.trades) or travels(e.trades) or places_agree(self.places, e.places)

    def record(self, e: EntityRecord, story: str | None, person: bool) -> None:
        """Keep what was stated on the entity the name was linked to."""
        if self.born is not None:
            e.born_in = e.born_in if e.born is not None else story
            e.born = join_born(e.born, self.born)
        if self.suffix is not None and person:
            e.suffix = e.suffix or self.suffix
        if self.trades and person:
            e.trades_in = e.trades_in if e.trades else story
            e.trades |= self.trades
        if self.places and person:
            e.places_in = e.places_in if e.places else story
            e.places |= self.places


NOTHING = Stated()
