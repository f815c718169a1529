"""A store-backed entity linker reads its records on demand and forgets them: same links, flat memory."""

from __future__ import annotations

import json
import random

import pytest
from test_link_entities import _feed

from newsweave.errors import ConfigError
from newsweave.link.entities import EntityLinker
from newsweave.settings import EntityConfig, Settings
from newsweave.store import Store


def _held(el: EntityLinker) -> int:
    return sum(map(len, el._tables()))


def _stored(store: Store) -> dict:
    return {k: json.loads(r) for k, r in store.db.execute(
        "SELECT key, record FROM link_records WHERE linker = 'entities' ORDER BY key")}


def test_store_backed_linker_links_as_the_whole_one_and_forgets(tmp_path):
    store = Store(tmp_path / "s.db")
    live = EntityLinker()  # everything in memory, as link_batch keeps it
    kept: dict = {}
    header = None
    held = []
    for batch in range(8):
        rng = random.Random(batch)
        expected = _feed(live, rng, batch * 25, 25)
        delta = live.state_changes()
        for k in delta.drop:
            kept.pop(k, None)
        kept.update(json.loads(json.dumps(delta.put)))
        if header is None:
            store.save_changes("entities", delta)  # the first run writes a fresh store
            header = delta.header
            continue
        # Every later batch is a new run over the store, with a memory bound small enough to forget
        # everything after each save.
        lazy = EntityLinker.lazy(header, lambda key: store.load_record("entities", key),
                                 EntityConfig(cache_records=10))
        assert _held(lazy) == 0  # start-up reads the header alone
        got = _feed(lazy, random.Random(batch), batch * 25, 25)
        assert got == expected
        held.append(_held(lazy))
        store.save_changes("entities", lazy.state_changes())
        assert _held(lazy) == 0
        header = store.load_state("entities")
        assert header == json.loads(json.dumps(live.state_changes().header))
        assert _stored(store) == kept  # the store holds exactly what the whole linker would have saved
    assert live.history and max(held) < len(kept)


def test_a_long_run_forgets_between_batches_and_links_the_same(tmp_path):
    store = Store(tmp_path / "s.db")
    live, lazy = EntityLinker(), None
    first = live.state_changes()
    store.save_changes("entities", first)
    lazy = EntityLinker.lazy(first.header, lambda key: store.load_record("entities", key),
                             EntityConfig(cache_records=50))
    for batch in range(6):
        assert _feed(live, random.Random(batch), batch * 30, 30) == _feed(lazy, random.Random(batch), batch * 30, 30)
        live.state_changes()
        store.save_changes("entities", lazy.state_changes())
        assert _held(lazy) <= 50
    rebuilt = EntityLinker.from_records(store.load_state("entities"), store.load_records("entities"))
    assert rebuilt.to_state() == json.loads(json.dumps(live.to_state()))
    assert len(lazy) == len(live)


def test_entity_config_is_validated_and_recorded():
    with pytest.raises(ConfigError, match="person_head_share"):
        EntityConfig(person_head_share=2)
    with pytest.raises(ConfigError, match="pronoun_linking"):
        EntityConfig(pronoun_linking="yes")
    with pytest.raises(ConfigError, match="EntityConfig"):
        Settings(entities={"pronoun_linking": False})
    el = EntityLinker(config=EntityConfig(surname_dominance=2.0))
    settings = el.state_changes().header["settings"]
    assert settings["surname_dominance"] == 2.0 and "cache_records" not in settings
