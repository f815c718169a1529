"""The learned attribution model: where each span of a rule attribution starts and ends, and which pieces stay.

``"newsweave.attribution.model.v1"`` finds attributions with the rules of ``attribution`` (cue,
source, content pieces, each anchored in the parse) and then lets a model learned from
polnear-train re-rank their boundaries:

* **boundaries** — for each span of each role (source, cue, content), every token boundary within
  a few tokens of the rules' start (and end) in the same paragraph is a candidate; a conditional
  logistic model per role and side scores them over the words, tags and parse relations at the
  boundary and where it lies relative to the cue, and the best one wins (so "that", "to", an
  object before the complement, a trailing "who is 70" go in or out as PolNeAR marks them);
* **pieces** — a logistic model over where a content piece lies relative to the cue (same sentence,
  how many sentences or paragraphs after, quoted or not) keeps or drops it, so a quotation
  continued from the wrong speaker is left out.

The weights are in ``data/attribution/span_model.json``, made by ``scripts/train_attribution_model.py``
from polnear-train only, and applied here with dot products: running it needs no machine-learning
library. The model only runs where the rules found an attribution, and its ``version`` is recorded
with every extraction (``made_by["attributions.model"]``).
"""

from __future__ import annotations

import functools
import json
import math
import re
from importlib import resources

from ..errors import ExtractError
from .attribution_cues import NESTED_THRESHOLD, cue_probability, cue_settings
from .attribution_spans import doc_text, nest, trim_chars

__all__ = ["MODEL_FILE", "accept_features", "boundary_instances", "candidate_threshold", "model_version", "piece_features",
           "refine", "span_model"]

MODEL_FILE = "span_model.json"

# How far (in tokens) a boundary may move from the rules' choice, per role.
WINDOW = {"source": 6, "cue": 3, "content": 12}

_ROLES = ("source", "cue", "content")


@functools.lru_cache(maxsize=1)
def span_model() -> dict:
    """The learned weights (``heads``: one weight table per role and side, plus ``keep``)."""
    try:
        raw = resources.files("newsweave.data.attribution").joinpath(MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ExtractError(
            f"the attribution model ({MODEL_FILE} in newsweave/data/attribution) is missing: run "
            "`make attribution-model`, or use the stage newsweave.attribution.rules.v1") from exc
    try:
        model = json.loads(raw)
        model["heads"], model["version"]
    except (ValueError, KeyError) as exc:
        raise ExtractError(f"the attribution model {MODEL_FILE} is not a span model file: {exc}") from exc
    return model


def model_version() -> str:
    """The shipped model's version name, recorded with the attributions it made."""
    return span_model()["version"]


# ------------------------------------------------------------------------------------------ features
def _tok_range(doc, s: int, e: int) -> tuple[int, int] | None:
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.start, span.end


def _word(doc, i: int) -> str:
    if i < 0:
        return "<s>"
    if i >= len(doc):
        return "</s>"
    t = doc[i]
    return "<nl>" if "\n" in t.text else t.lower_


def _pos(doc, i: int) -> str:
    if i < 0 or i >= len(doc):
        return "<edge>"
    t = doc[i]
    return "NL" if "\n" in t.text else t.pos_


def _cue_relation(doc, i: int, cue: tuple[int, int], cue_tok: int) -> str:
    """Where token ``i`` lies relative to the cue: before, inside, right after, after; under the cue head?"""
    cs, ce = cue
    if i < cs:
        where = "before" if i < cs - 1 else "just_before"
    elif i < ce:
        where = "in"
    elif i == ce:
        where = "just_after"
    else:
        where = "after"
    under = 0 <= cue_tok < len(doc) and doc[i].head.i == cue_tok and i != cue_tok
    return f"{where}|{'under' if under else 'free'}"


def _start_features(doc, i: int, rule: int, ctx: dict) -> list[str]:
    t = doc[i]
    d = max(-9, min(9, i - rule))
    w, pw, pos, ppos = _word(doc, i), _word(doc, i - 1), _pos(doc, i), _pos(doc, i - 1)
    rel = _cue_relation(doc, i, ctx["cue"], ctx["cue_tok"])
    q = ctx["quoted"]
    return [
        "bias", f"d={d}", f"q={q}|d={d}", f"w={w}", f"pw={pw}", f"pos={pos}", f"ppos={ppos}",
        f"dep={t.dep_}", f"pdep={doc[i - 1].dep_ if i > 0 else '<s>'}", f"pos|ppos={pos}|{ppos}",
        f"d={d}|pos={pos}", f"d={d}|ppos={ppos}", f"d={d}|w={w}", f"d={d}|pw={pw}",
        f"edge={t.left_edge.i == i}", f"edge|dep={t.left_edge.i == i}|{t.dep_}", f"cue={rel}",
        f"cue|d={rel}|{d}", f"sent_start={t.is_sent_start}", f"kind={ctx['kind']}|d={d}",
        f"headdep={t.head.dep_}|{t.dep_}",
    ]


def _end_features(doc, j: int, rule: int, ctx: dict) -> list[str]:
    """Features of a span that ends with token ``j`` (inclusive)."""
    t = doc[j]
    d = max(-9, min(9, j - rule))
    w, nw, pos, npos = _word(doc, j), _word(doc, j + 1), _pos(doc, j), _pos(doc, j + 1)
    n = doc[j + 1] if j + 1 < len(doc) else None
    ndep = n.dep_ if n is not None else "</s>"
    nn = _word(doc, j + 2)
    rel = _cue_relation(doc, j + 1, ctx["cue"], ctx["cue_tok"]) if n is not None else "end"
    q = ctx["quoted"]
    return [
        "bias", f"d={d}", f"q={q}|d={d}", f"w={w}", f"nw={nw}", f"pos={pos}", f"npos={npos}",
        f"ndep={ndep}", f"nw|nn={nw}|{nn}", f"pos|npos={pos}|{npos}", f"d={d}|npos={npos}",
        f"d={d}|nw={nw}", f"d={d}|pos={pos}", f"edge={t.right_edge.i == j}",
        f"nedge={n is not None and n.left_edge.i == n.i}|{ndep}",
        f"nhead={n.head.dep_ if n is not None else '</s>'}|{ndep}", f"cue={rel}", f"cue|d={rel}|{d}",
        f"sent_end={n is None or n.is_sent_start}", f"kind={ctx['kind']}|d={d}",
    ]


def _candidates(doc, text: str, lo: int, hi: int, keep: int) -> list[int]:
    """Token indices in [lo, hi] that can bound a span: words (the rules' own choice always)."""
    out = []
    for i in range(max(0, lo), min(len(doc) - 1, hi) + 1):
        t = doc[i]
        if i == keep or not (t.is_space or t.is_punct and t.text not in {"“", '"', "‘"}):
            out.append(i)
    return out


def boundary_instances(doc, text: str, role: str, span: tuple[int, int], ctx: dict):
    """The start and end choices for one span: ``(rule_tok, candidates, features)`` per side.

    A candidate never takes the span over a paragraph break that the rules' span did not cross.
    """
    rng = _tok_range(doc, *span)
    if rng is None:
        return None
    ts, te = rng
    last = te - 1
    w = WINDOW[role]
    starts = [i for i in _candidates(doc, text, ts - w, min(ts + w, last), ts)
              if i == ts or "\n" not in text[doc[i].idx:max(span[0], doc[i].idx)]
              and "\n" not in text[span[0]:doc[i].idx]]
    ends = [j for j in _candidates(doc, text, max(last - w, ts), last + w, last)
            if j == last or "\n" not in text[span[1]:doc[j].idx + len(doc[j].text)]
            and "\n" not in text[doc[j].idx:span[1]]]
    return ((ts, starts, [_start_features(doc, i, ts, ctx) for i in starts]),
            (last, ends, [_end_features(doc, j, last, ctx) for j in ends]))


def span_context(doc, f, quotes) -> dict:
    """What every boundary of one attribution is scored against: its cue tokens and its kind."""
    cue = _tok_range(doc, *f.cue) or (f.cue_tok, f.cue_tok + 1)
    quoted = [any(qs <= s and e <= qe + 1 for qs, qe in quotes) for s, e in f.content]
    kind = "direct" if all(quoted) else "indirect" if not any(quoted) else "mixed"
    return {"cue": cue, "cue_tok": f.cue_tok, "kind": kind, "quoted": False}


def piece_features(doc, text: str, f, k: int, piece: tuple[int, int], quotes) -> list[str]:
    """Where content piece ``k`` lies relative to its attribution's cue, as the keep model's features."""
    s, e = piece
    quoted = any(qs <= s and e <= qe + 1 for qs, qe in quotes)
    cs, ce = f.cue
    sent_of = doc[min(max(f.cue_tok, 0), len(doc) - 1)].sent
    if s >= ce:
        where = "after"
        gap = text[ce:s]
    elif e <= cs:
        where = "before"
        gap = text[e:cs]
    else:
        where = "around"
        gap = ""
    paras = min(gap.count("\n\n") + (gap.count("\n") > 0), 3)
    in_sent = sent_of.start_char <= s < sent_of.end_char or sent_of.start_char < e <= sent_of.end_char
    seps = min(sum(gap.count(c) for c in ".?!"), 4)
    n = len(f.content)
    first = text[s:e].split(None, 1)[0].lower() if text[s:e].split() else ""
    words = len(text[s:e].split())
    size = 0 if words < 4 else 1 if words < 12 else 2 if words < 30 else 3
    return [
        "bias", f"q={quoted}", f"where={where}", f"q|where={quoted}|{where}", f"paras={paras}",
        f"q|paras={quoted}|{paras}", f"in_sent={in_sent}", f"q|in_sent={quoted}|{in_sent}", f"seps={seps}",
        f"n={min(n, 5)}", f"k={min(k, 4)}", f"size={size}", f"q|size={quoted}|{size}", f"first={first}",
        f"source={f.source is not None}", f"nested={f.parent is not None}",
        f"where|paras|q={where}|{paras}|{quoted}",
    ]


def accept_features(doc, text: str, f, quotes) -> list[str]:
    """The whole of one candidate attribution, as the accept model's features.

    The cue model judged the verb alone; this one sees what the rules made of it: whether a source
    and what kind, how the content looks and where it lies.
    """
    cue = doc[min(max(f.cue_tok, 0), len(doc) - 1)]
    lemma = cue.lemma_.lower() if cue.pos_ in {"VERB", "NOUN", "AUX"} else text[f.cue[0]:f.cue[1]].lower()[:20]
    p = min(int(f.score * 20), 19)
    quoted = [any(qs <= s and e <= qe + 1 for qs, qe in quotes) for s, e in f.content]
    kind = "direct" if all(quoted) else "indirect" if not any(quoted) else "mixed"
    if f.source is None:
        src = "none"
    else:
        head = doc[f.source_tok] if f.source_tok is not None and 0 <= f.source_tok < len(doc) else None
        if head is None:
            src = "span"
        elif head.pos_ == "PRON":
            src = "pron_" + head.lower_
        elif head.ent_type_:
            src = "ent_" + head.ent_type_
        else:
            src = head.pos_
    n_words = sum(len(text[s:e].split()) for s, e in f.content)
    size = 0 if n_words < 3 else 1 if n_words < 8 else 2 if n_words < 20 else 3
    first = text[f.content[0][0]:f.content[0][1]].split(None, 1)[0].lower() if f.content else ""
    first = first if first in {"that", "to", "“", '"', "what", "how", "whether", "if", "why"} else \
        "quote" if first[:1] in "“\"'‘" else "other"
    where = "after" if f.content and f.content[0][0] >= f.cue[1] else "before"
    src_len = 0 if f.source is None else min(len(text[f.source[0]:f.source[1]].split()), 6)
    return [
        "bias", f"p={p}", f"lemma={lemma}", f"pos={cue.pos_}", f"dep={cue.dep_}", f"src={src}",
        f"kind={kind}", f"size={size}", f"first={first}", f"where={where}", f"n={min(len(f.content), 4)}",
        f"src_len={src_len}", f"lemma|src={lemma}|{src == 'none'}", f"lemma|kind={lemma}|{kind}",
        f"lemma|first={lemma}|{first}", f"p|kind={p}|{kind}", f"p|src={p}|{src == 'none'}",
        f"tag={cue.tag_}", f"lemma|dep={lemma}|{cue.dep_}",
    ]


# ------------------------------------------------------------------------------------------- apply
def _score(weights: dict[str, float], feats: list[str]) -> float:
    return sum(weights.get(x, 0.0) for x in feats)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _best(weights: dict[str, float], choice) -> int:
    rule, cands, feats = choice
    if not cands:
        return rule
    scores = [_score(weights, fs) for fs in feats]
    return cands[max(range(len(cands)), key=scores.__getitem__)]


def _rebound(doc, text: str, heads: dict, role: str, span, ctx: dict) -> tuple[int, int]:
    inst = boundary_instances(doc, text, role, span, ctx)
    if inst is None:
        return span
    start_choice, end_choice = inst
    ts = _best(heads[f"{role}_start"], start_choice)
    te = _best(heads[f"{role}_end"], end_choice)
    if te < ts:
        return span
    s, e = trim_chars(text, doc[ts].idx, doc[te].idx + len(doc[te].text))
    # The scorer ignores quote marks at the edges, so the model never learned where they go: a source
    # or cue has none, and a content piece keeps its marks in pairs (“very productive”, not “very productive).
    if role != "content":
        s, e = _strip_marks(text, s, e)
    else:
        s, e = _paired_marks(text, s, e)
    return (s, e) if e > s else span


_OPENING = "“‘\"'"
_CLOSING = "”’\"'"


def _strip_marks(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s] in _OPENING or text[s] in _CLOSING or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in _OPENING or text[e - 1] in _CLOSING or text[e - 1].isspace()):
        e -= 1
    return s, e


def _paired_marks(text: str, s: int, e: int) -> tuple[int, int]:
    """Close a quotation the span opens but does not close when its closing mark follows right after;
    drop an opening mark at the span's end and a curly closing mark at its start."""
    while e > s and (text[e - 1] == "“" or text[e - 1] == '"' and e - 1 > s and text[e - 2].isspace()):
        s, e = trim_chars(text, s, e - 1)
    if s < e and text[s] in "”’":
        s, e = trim_chars(text, s + 1, e)
    piece = text[s:e]
    if piece.count("“") > piece.count("”") or piece.count('"') % 2 == 1:
        close = re.match(r"[,.!?]?[”\"]", text[e:e + 2])
        if close:
            e += close.end()
    return s, e


def candidate_threshold() -> float | None:
    """The cue probability a verb needs to be a candidate for the accept model (None: the rules' own)."""
    model = span_model()
    return model.get("candidate_threshold") if "accept" in model["heads"] else None


def _accepted(doc, text: str, found: list, quotes, model: dict) -> list:
    """The candidates the accept model keeps: outermost ones by its probability; nested ones as the
    rules would (PolNeAR marks no nested attribution, so the model never learned about them)."""
    opts = cue_settings()
    base = opts["model_threshold"] if opts["model"] else opts["threshold"]
    weights = model["heads"]["accept"]
    threshold = model.get("accept_threshold", 0.5)
    kept = []
    for f in found:
        if f.parent is None:
            ok = _sigmoid(_score(weights, accept_features(doc, text, f, quotes))) >= threshold
        elif f.score >= base or not 0 <= f.cue_tok < len(doc):
            ok = True
        else:
            cue = doc[f.cue_tok]
            has_quote = any(qs < cue.sent.end_char and cue.sent.start_char < qe for qs, qe in quotes)
            ok = cue_probability(cue, has_quote, nested=True) >= NESTED_THRESHOLD
        if ok:
            kept.append(f)
    for f in kept:
        f.parent = None
    return nest(kept, 0.0)


def refine(doc, found: list, quotes: list[tuple[int, int]]) -> list:
    """The attributions of ``found`` the model accepts, their span boundaries re-ranked and the content
    pieces it doubts dropped."""
    model = span_model()
    heads = model["heads"]
    keep_threshold = model.get("keep_threshold", 0.5)
    text = doc_text(doc)
    if "accept" in heads:
        found = _accepted(doc, text, found, quotes, model)
    for f in found:
        ctx = span_context(doc, f, quotes)
        kept = list(f.content)
        if len(f.content) > 1 and "keep" in heads:
            probs = [_sigmoid(_score(heads["keep"], piece_features(doc, text, f, k, piece, quotes)))
                     for k, piece in enumerate(f.content)]
            # an attribution keeps at least its likeliest piece
            best = max(range(len(probs)), key=probs.__getitem__)
            kept = [p for k, p in enumerate(f.content) if probs[k] >= keep_threshold or k == best]
        pieces = []
        for piece in kept:
            quoted = any(qs <= piece[0] and piece[1] <= qe + 1 for qs, qe in quotes)
            pieces.append(_rebound(doc, text, heads, "content", piece, {**ctx, "quoted": quoted})
                          if "content_start" in heads else piece)
        f.content = [p for p in pieces if p[1] > p[0]] or f.content
        if f.source is not None and "source_start" in heads:
            f.source = _rebound(doc, text, heads, "source", f.source, ctx)
        if "cue_start" in heads:
            f.cue = _rebound(doc, text, heads, "cue", f.cue, ctx)
    return found
