"""`newsweave extract` follows ../shared/eval/CONTRACT.md: every field, valid offsets, ids copied."""

import json
import subprocess
import sys

import pytest

from newsweave.contract import extract_file, parse_published, read_contract_input
from newsweave.errors import IngestError

ATTRIBUTION_KINDS = {"direct", "indirect", "mixed"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
STATUSES = {"occurred", "planned", "proposed", "cancelled", "denied", "unknown"}


def _check_span(text, span, where):
    assert isinstance(span["start"], int) and isinstance(span["end"], int), where
    assert 0 <= span["start"] <= span["end"] <= len(text), where
    if "text" in span:
        assert text[span["start"]:span["end"]] == span["text"], where


def check_contract(inputs: dict, outputs: list[dict]) -> None:
    """Assert that ``outputs`` is contract-valid for ``inputs`` (id -> input object)."""
    assert [o["id"] for o in outputs] == list(inputs)
    for o in outputs:
        text = inputs[o["id"]]["text"]
        assert set(o) >= {"id", "story_id", "entities", "attributions", "nested_attributions", "timexes", "events"}
        assert isinstance(o["story_id"], str)
        for e in o["entities"]:
            _check_span(text, e, e)
            assert e["label"] and "entity_id" in e
        for a in o["attributions"]:
            assert a["kind"] in ATTRIBUTION_KINDS
            assert a["content"], a
            for piece in a["content"]:
                _check_span(text, piece, a)
            for role in ("source", "cue"):
                if a[role] is not None:
                    _check_span(text, a[role], a)
            if a["source"] is not None:
                assert "entity_id" in a["source"]
        for t in o["timexes"]:
            _check_span(text, t, t)
            assert t["type"] in TIMEX_TYPES and isinstance(t["value"], str)
        for ev in o["events"]:
            assert ev["type"].isupper() and ev["status"] in STATUSES
            _check_span(text, ev["evidence"], ev)
            for actor in ev["source"] + ev["target"]:
                assert "text" in actor and "code" in actor


def _seed_jsonl(seeds_dir, path):
    from newsweave.ingest import read_inputs

    rows = {}
    for art in read_inputs([seeds_dir]):
        assert not isinstance(art, IngestError), art
        rows[art.id] = {"id": art.id, "text": art.text, "published": art.published.isoformat()}
    path.write_text("".join(json.dumps(r) + "\n" for r in rows.values()), encoding="utf-8")
    return rows


@pytest.mark.slow
def test_extract_on_the_seeds_is_contract_valid_and_finds_things(seeds_dir, tmp_path):
    inputs = _seed_jsonl(seeds_dir, tmp_path / "seeds.jsonl")
    report = extract_file(tmp_path / "seeds.jsonl", tmp_path / "out.jsonl")
    assert report.written == 2 and not report.errors
    outputs = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    check_contract(inputs, outputs)
    for o in outputs:
        assert o["entities"] and o["timexes"] and o["attributions"], o["id"]
    assert len({o["story_id"] for o in outputs}) == 1  # one story: the planned Budapest summit


@pytest.mark.slow
def test_extract_cli_call_of_the_contract(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Mayor Ines Halvorsen said on Tuesday that the river rose.",
                    "published": "2026-03-04T08:00:00Z", "gold": {"ignored": True}}) + "\n"
        + json.dumps({"id": "b", "text": "", "published": None}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "newsweave.cli", "extract", str(src), "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    check_contract({"a": json.loads(src.read_text().splitlines()[0]), "b": {"text": ""}}, rows)


def test_bad_contract_lines_are_named_and_the_rest_read(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "ok", "text": "fine"}\n{not json}\n{"id": "ok", "text": "dup"}\n{"text": "no id"}\n'
        '{"id": "d", "text": "x", "published": "2025-02-30"}\n[1, 2]\n{"id": "t", "text": 5}\n',
        encoding="utf-8",
    )
    items = list(read_contract_input(src))
    good = [i for i in items if not isinstance(i, IngestError)]
    bad = [str(i) for i in items if isinstance(i, IngestError)]
    assert [a.id for a in good] == ["ok"]
    assert len(bad) == 6
    assert bad[0].startswith(f"{src}:2: not valid JSON")
    assert "duplicate id 'ok'" in bad[1] and f"{src}:3" in bad[1]
    assert "missing 'id'" in bad[2]
    assert "not a date" in bad[3] and f"{src}:5" in bad[3]


def test_published_accepts_dates_and_timestamps():
    assert parse_published("2025-10-17", "x").isoformat() == "2025-10-17"
    assert parse_published("2025-10-17T23:10:00+03:00", "x").isoformat() == "2025-10-17"
    assert parse_published(None, "x") is None
    with pytest.raises(IngestError, match="YYYY-MM-DD"):
        parse_published(20251017, "x")


def test_nested_attributions_are_kept_apart_from_the_outermost():
    from newsweave.contract import to_contract
    from newsweave.model import Article, Attribution, Extraction, Span

    text = "Ushakov said Putin told Trump that the sale would damage ties."
    outer = Attribution(content=[Span(13, 62, text[13:62])], kind="indirect", source=Span(0, 7, "Ushakov"),
                        cue=Span(8, 12, "said"))
    inner = Attribution(content=[Span(30, 62, text[30:62])], kind="indirect", source=Span(13, 18, "Putin"),
                        cue=Span(19, 23, "told"), parent=0)
    out = to_contract(Extraction(article=Article(text=text, id="x"), attributions=[outer, inner]))
    assert [a["source"]["text"] for a in out["attributions"]] == ["Ushakov"]
    assert out["nested_attributions"][0]["source"]["text"] == "Putin"
    assert out["nested_attributions"][0]["parent"] == 0


def test_extract_builds_articles_as_ingest_does(tmp_path):
    """One article builder: a contract line and the same JSON Lines record given to `ingest` become the same
    article (agency credit read as wire, one date rule), except that the contract keeps its id as given."""
    from newsweave.ingest import read_inputs

    # Fictional text, written for this test.
    record = {"id": "f1", "published": "2024-03-04T09:30:00+02:00", "title": "Talks resume",
              "text": "ORVILLE, March 4 (Reuters) - Officials of two fictional republics met on Tuesday.",
              "gold": {"ignored": True}}
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (via_contract,) = list(read_contract_input(src))
    (via_ingest,) = list(read_inputs([src]))
    assert via_contract.wire == via_ingest.wire == "Reuters"
    assert via_contract.published == via_ingest.published
    assert via_contract.published.isoformat() == "2024-03-04"
    for name in ("text", "title", "outlet", "url", "id"):
        assert getattr(via_contract, name) == getattr(via_ingest, name), name
