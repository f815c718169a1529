"""Who said what: attribution relations (source, cue, content) in the PolNeAR sense, by rules.

An attribution is any report of what a person or group said, thinks or intends: a direct quote
(“A,” she said), indirect speech (Ushakov told reporters that ...), a mix of the two, an
"according to X", or a report of a belief or intention (X believes that ..., X plans to ...).

The rules work over spaCy's dependency parse and a cue lexicon learned from the PolNeAR training
split (``newsweave/data/attribution/cues.json``, made by ``scripts/train_attribution.py``):

1. **cues** — a verb whose lemma the lexicon lists (with its PolNeAR cue rate), a communication
   noun ("in his view", "her statement that"), "according to", or a colon that introduces a quote;
2. **source** — the cue's subject (its phrase, with titles and appositions, as PolNeAR marks it),
   the agent of a passive cue, the object of "according to", or the subject the cue shares with
   the verb it hangs from ("..., saying that ...");
3. **content** — the cue's clausal complement; for quotations, the whole quotation, however
   many sentences it spans, split in pieces around the cue ("A," he said, "B.") and continued by
   quote paragraphs that follow with no cue of their own;
4. **speaker** — the mention the source resolves to through the coreference chains (a pronoun
   or title source gives the chain's best name).

Spans follow PolNeAR's conventions where the parse allows: content starts at the complementiser
("that ...") and keeps its quote marks; the final sentence period is left out.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from ..model import Attribution, Extraction, Mention, Span
from ..settings import Settings
from .coref import best_name
from .pipeline import stage

__all__ = ["find_attributions", "quote_spans", "cue_lexicon"]

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
_STRAIGHT = '"'

# Used when the learned lexicon is missing (a source checkout before training); the common
# PolNeAR cue verbs.
_FALLBACK_CUES = {
    "say": 0.9, "tell": 0.8, "add": 0.6, "write": 0.6, "ask": 0.5, "note": 0.6, "report": 0.5,
    "announce": 0.6, "suggest": 0.7, "tweet": 0.8, "argue": 0.8, "explain": 0.6, "claim": 0.8,
    "believe": 0.8, "think": 0.6, "insist": 0.8, "warn": 0.7, "acknowledge": 0.8, "declare": 0.7,
    "predict": 0.8, "confirm": 0.7, "deny": 0.7, "admit": 0.8, "want": 0.5, "hope": 0.6,
    "plan": 0.4, "promise": 0.7, "urge": 0.7, "reply": 0.7, "respond": 0.5, "state": 0.6,
    "reveal": 0.6, "recall": 0.6, "conclude": 0.7, "continue": 0.2, "describe": 0.5, "call": 0.3,
    "know": 0.4, "show": 0.4, "find": 0.3, "agree": 0.4, "expect": 0.4, "fear": 0.7,
}

# Nouns of communication or belief that cue an attribution when a clause or quote follows them.
_CUE_NOUNS = {
    "statement", "view", "opinion", "belief", "claim", "argument", "assertion", "comment",
    "remark", "remarks", "promise", "pledge", "warning", "suggestion", "allegation", "accusation",
    "position", "message", "words", "advice", "plan", "hope", "concern", "fear", "call", "vow",
    "announcement", "report", "insistence", "contention", "assessment",
}

# Below this cue rate a verb is no cue even before a quotation ("have", "make").
_MIN_RATE = 0.08

# Complement relations that carry what was said / believed.
_CONTENT_DEPS = {"ccomp", "xcomp", "csubj"}
# Verbs whose direct object can itself be the content ("denied the report", "endorsed Clinton").
_OBJECT_CONTENT_MIN_RATE = 0.35

# Media and settings that name the channel of a statement ("in a post on Truth Social").
_CHANNEL_NOUNS = {
    "post", "statement", "interview", "tweet", "letter", "speech", "op-ed", "video", "message",
    "briefing", "conference", "email", "appearance", "rally", "broadcast", "address", "podcast",
    "show", "program", "programme", "press", "remarks", "radio", "television", "twitter",
    "facebook", "x", "telegram",
}


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, float]:
    """Cue lemma -> how often that lemma was a PolNeAR cue in training (the learned lexicon)."""
    try:
        raw = resources.files("newsweave.data.attribution").joinpath("cues.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return dict(_FALLBACK_CUES)
    data = json.loads(raw)
    return {k: float(v) for k, v in data["verbs"].items()}


@functools.lru_cache(maxsize=1)
def _lexicon_settings() -> dict:
    try:
        raw = resources.files("newsweave.data.attribution").joinpath("cues.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {"threshold": 0.3, "nouns": {n: 0.5 for n in _CUE_NOUNS}}
    data = json.loads(raw)
    return {"threshold": data.get("threshold", 0.3), "nouns": data.get("nouns", {})}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations in ``text``, quote marks included.

    Curly quotes pair up; straight double quotes alternate within a paragraph. A quotation still
    open at the end of a paragraph closes there (news style reopens it in the next paragraph).
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_text = para.start(), para.group()
        i = 0
        while i < len(p_text):
            ch = p_text[i]
            if ch in _OPEN_CLOSE or ch == _STRAIGHT:
                close = _OPEN_CLOSE.get(ch, _STRAIGHT)
                j = p_text.find(close, i + 1)
                if ch == "“":
                    # a stray straight quote may close a curly one in sloppy copy
                    k = p_text.find('"', i + 1)
                    if j < 0 or (0 <= k < j and p_text.find("“", i + 1, k) < 0 and False):
                        j = j
                nested_open = p_text.find(ch, i + 1) if ch == "“" else -1
                if j < 0:
                    j = len(p_text) - 1 if i < len(p_text) - 1 else -1
                    if j < 0:
                        break
                elif ch == "“" and 0 <= nested_open < j:
                    # “ ... “ ... ” : an unclosed quotation before another one
                    j = nested_open - 1
                    while j > i and p_text[j] == " ":
                        j -= 1
                spans.append((p_start + i, p_start + j + 1))
                i = j + 1
            else:
                i += 1
        pos = para.end()
    return [(s, e) for s, e in spans if e - s > 2]


@dataclass
class _Found:
    cue: tuple[int, int]  # char span
    source: tuple[int, int] | None
    content: list[tuple[int, int]]
    cue_tok: int
    source_tok: int | None
    channel: tuple[int, int] | None = None
    score: float = 1.0


def _span(text: str, s: int, e: int) -> Span:
    return Span(s, e, text[s:e])


def _trim_chars(text: str, s: int, e: int, punct: str = " \t\n,;:.—–-") -> tuple[int, int]:
    while s < e and text[s] in punct:
        s += 1
    while e > s and text[e - 1] in punct:
        e -= 1
    return s, e


def _subtree_span(tok, exclude: set[int] = frozenset()) -> tuple[int, int]:
    toks = [t for t in tok.subtree if t.i not in exclude]
    return toks[0].i, toks[-1].i + 1


def _char_range(doc, start_tok: int, end_tok: int) -> tuple[int, int]:
    return doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text)


def _cue_span(doc, cue) -> tuple[int, int]:
    """The cue's verb group: auxiliaries, negation and adverbs right before it, as PolNeAR marks it."""
    first = cue.i
    for child in sorted(cue.children, key=lambda c: -c.i):
        if child.i < cue.i and child.i == first - 1 and child.dep_ in {"aux", "auxpass", "neg", "advmod"} \
                and child.pos_ in {"AUX", "PART", "ADV", "VERB"}:
            first = child.i
    last = cue.i
    # "called for", "called on": the particle/preposition that links the cue to its content
    for child in cue.children:
        if child.i == last + 1 and child.dep_ in {"prt"}:
            last = child.i
        elif child.i == last + 1 and child.dep_ == "prep" and child.lower_ in {"for", "on"} and \
                any(g.dep_ == "pobj" for g in child.children):
            last = child.i
    s, e = _char_range(doc, first, last + 1)
    return s, e


def _subject(cue):
    """The cue's subject token: its own, an agent's, or the one it shares with its head verb."""
    for child in cue.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return child
    for child in cue.children:
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    if cue.dep_ in {"advcl", "xcomp", "conj", "relcl"} and cue.head != cue:
        head = cue.head
        if cue.dep_ == "relcl":
            return None
        for child in head.children:
            if child.dep_ in {"nsubj"}:
                return child
        if head.dep_ == "conj" or head.dep_ == "xcomp":
            return _subject(head)
    return None


def _source_span(doc, subj, cue) -> tuple[int, int]:
    """The source phrase: the subject's subtree, without a trailing relative clause that holds the cue."""
    toks = [t for t in subj.subtree if not (cue.i in {a.i for a in t.subtree} and t != subj)]
    # cut at the cue when the subtree runs past it (inverted "said Mr. X" never does)
    toks = [t for t in toks if t.i != cue.i]
    s, e = toks[0].i, toks[-1].i + 1
    cs, ce = _char_range(doc, s, e)
    return _trim_chars(doc.text, cs, ce)


def find_attributions(doc, mentions: list[Mention] | None = None) -> list[Attribution]:
    """Every attribution in ``doc``, in text order, with ``speaker`` resolved through ``mentions``."""
    text = doc.text
    lex = cue_lexicon()
    opts = _lexicon_settings()
    threshold = opts["threshold"]
    quotes = quote_spans(text)
    quote_of_char = {}
    for qi, (qs, qe) in enumerate(quotes):
        for c in range(qs, qe):
            quote_of_char[c] = qi

    def in_quote(tok) -> int | None:
        return quote_of_char.get(tok.idx)

    found: list[_Found] = []
    used_quotes: set[int] = set()
    sents = list(doc.sents)
    for sent in sents:
        sent_quotes = sorted({quote_of_char[t.idx] for t in sent if t.idx in quote_of_char and not t.is_space})
        for tok in sent:
            f = None
            if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                f = _according_to(doc, sent, tok)
            elif tok.pos_ == "VERB" and lex.get(tok.lemma_.lower(), 0.0) >= _MIN_RATE \
                    and in_quote(tok) is None:
                f = _verb_attribution(doc, sent, tok, lex, threshold, quotes, sent_quotes, quote_of_char)
            if f is not None:
                found.append(f)
    found = _drop_overlaps(found)
    for f in found:
        for s, e in f.content:
            for qi, (qs, qe) in enumerate(quotes):
                if qs < e and s < qe:
                    used_quotes.add(qi)
    _continue_quotes(doc, found, quotes, used_quotes)
    return [_to_attribution(doc, f, quotes, mentions or []) for f in sorted(found, key=lambda f: f.cue[0])]


def _verb_attribution(doc, sent, cue, lex, threshold, quotes, sent_quotes, quote_of_char) -> _Found | None:
    text = doc.text
    rate = lex.get(cue.lemma_.lower(), 0.0)
    content_children = [c for c in cue.children if c.dep_ in _CONTENT_DEPS and quote_of_char.get(c.idx) is None
                        or (c.dep_ in _CONTENT_DEPS)]
    # "called for X", "called on X to ...": the prepositional object is the content
    prep_content = [g for c in cue.children if c.dep_ == "prep" and c.lower_ in {"for", "on", "about"}
                    and c.i == cue.i + 1 for g in c.children if g.dep_ == "pobj"]
    subj = _subject(cue)
    # Quotations in this sentence that are not inside the cue's own clause complement
    quote_pieces = []
    for qi in sent_quotes:
        qs, qe = quotes[qi]
        quote_pieces.append((qs, qe, qi))

    content: list[tuple[int, int]] = []
    cue_char = _cue_span(doc, cue)
    if quote_pieces and not any(quote_of_char.get(c.idx) is None and not c.is_punct
                                 for cc in content_children for c in [cc]):
        # direct speech: the quotation(s) around the cue are the content
        for qs, qe, qi in quote_pieces:
            content.append((qs, qe))
    elif content_children:
        for cc in content_children:
            s, e = _subtree_span(cc, exclude={cue.i})
            cs, ce = _char_range(doc, s, e)
            # a quotation that begins inside the complement belongs to it whole
            for qs, qe, qi in quote_pieces:
                if cs <= qs < ce and qe > ce:
                    ce = qe
            content.append(_trim_chars(text, cs, ce))
    elif prep_content:
        s, e = _subtree_span(prep_content[0])
        content.append(_trim_chars(text, *_char_range(doc, s, e)))
    elif cue.dep_ in {"parataxis", "ccomp"} and cue.head.i < cue.i and subj is not None:
        # "A, he said, B" — the cue hangs off the clause it reports
        excl = {t.i for t in cue.subtree}
        toks = [t for t in cue.head.subtree if t.i not in excl]
        content.extend(_pieces(doc, toks))
    elif (adjacent := _adjacent_quote(doc, sent, cue, quotes)) is not None:
        # the parser split "“A.” He said." or "He said: “A.”" into two sentences
        content.append(adjacent)
    else:
        if rate < 0.6:
            return None
        # a direct object of a strong cue: "denied the report", "tweeted a photo"
        objs = [c for c in cue.children if c.dep_ in {"dobj"}]
        if not objs:
            return None
        s, e = _subtree_span(objs[0])
        content.append(_trim_chars(text, *_char_range(doc, s, e)))
    content = [(s, e) for s, e in content if e > s and re.search(r"\w", text[s:e])]
    if not content:
        return None
    if rate < threshold and not any(text[s] in "“\"" for s, e in content):
        return None
    source = _source_span(doc, subj, cue) if subj is not None else None
    if source is not None and any(s <= source[0] < e for s, e in content):
        source = None
    # an expletive subject is no source: "It is said that ..."
    if subj is not None and subj.lower_ in {"it", "there"} and cue.dep_ != "ROOT" and False:
        source = None
    return _Found(cue=cue_char, source=source, content=content, cue_tok=cue.i,
                  source_tok=subj.i if subj is not None else None, channel=_channel(doc, cue), score=rate)


def _adjacent_quote(doc, sent, cue, quotes) -> tuple[int, int] | None:
    """A quotation that ends right before the cue's sentence, or opens right after a cue and colon."""
    text = doc.text
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(words) > 12:
        return None
    lead = text[sent.start_char:cue.idx]
    for qs, qe in quotes:
        if qe <= sent.start_char and not text[qe:sent.start_char].strip() and not re.search(r"\w", lead[:0]):
            return qs, qe
        tail = text[cue.idx + len(cue.text):qs]
        if qs >= cue.idx + len(cue.text) and len(tail) < 40 and tail.rstrip().endswith(":"):
            return qs, qe
    return None


def _pieces(doc, toks) -> list[tuple[int, int]]:
    """Contiguous character pieces covering ``toks`` (sorted), punctuation trimmed at the edges."""
    toks = sorted(toks, key=lambda t: t.i)
    out = []
    run = []
    for t in toks:
        if run and t.i != run[-1].i + 1:
            out.append(run)
            run = []
        run.append(t)
    if run:
        out.append(run)
    spans = []
    for run in out:
        s, e = _char_range(doc, run[0].i, run[-1].i + 1)
        spans.append(_trim_chars(doc.text, s, e))
    return spans


def _according_to(doc, sent, tok) -> _Found | None:
    """"According to X, CONTENT" / "CONTENT, according to X"."""
    to = next(c for c in tok.children if c.lower_ == "to")
    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
    if pobj is None:
        return None
    src = _trim_chars(doc.text, *_char_range(doc, *_subtree_span(pobj)))
    head = tok.head
    excl = {t.i for t in tok.subtree}
    toks = [t for t in head.subtree if t.i not in excl and t.i >= sent.start and t.i < sent.end]
    content = _pieces(doc, toks)
    content = [(s, e) for s, e in content if re.search(r"\w", doc.text[s:e])]
    if not content:
        return None
    cue = _char_range(doc, tok.i, to.i + 1)
    return _Found(cue=cue, source=src, content=content, cue_tok=tok.i, source_tok=pobj.i, score=1.0)


def _channel(doc, cue) -> tuple[int, int] | None:
    """Where the statement was made: "told TASS", "told reporters", "in a post on Truth Social"."""
    for child in cue.children:
        if child.dep_ in {"dobj", "dative"} and cue.lemma_.lower() == "tell":
            return _char_range(doc, *_subtree_span(child))
        if child.dep_ == "prep" and child.lower_ in {"in", "on", "during", "to"}:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and (pobj.lemma_.lower() in _CHANNEL_NOUNS or pobj.ent_type_ in {"ORG"}):
                return _char_range(doc, *_subtree_span(child))
    return None


def _drop_overlaps(found: list[_Found]) -> list[_Found]:
    """PolNeAR gives each token one role in one attribution: keep the outer one where cues nest."""
    found = sorted(found, key=lambda f: (f.cue[0]))
    keep: list[_Found] = []
    for f in found:
        clash = False
        for k in keep:
            if any(s <= f.cue[0] < e for s, e in k.content):
                clash = True  # f's cue lies inside k's content: nested, the outer one stays
                break
            if k.source and k.source[0] <= f.cue[0] < k.source[1]:
                clash = True
                break
        if clash:
            continue
        # f's content may swallow an earlier-found attribution's cue (quote before "he said")
        keep = [k for k in keep if not any(s <= k.cue[0] < e for s, e in f.content)]
        keep.append(f)
    return keep


def _continue_quotes(doc, found: list[_Found], quotes, used: set[int]) -> None:
    """Quotations with no cue of their own continue the nearest quoted attribution before them."""
    text = doc.text
    if not found:
        return
    ordered = sorted(found, key=lambda f: f.cue[0])
    for qi, (qs, qe) in enumerate(quotes):
        if qi in used:
            continue
        # only a quotation that stands as its own sentence(s): it starts a sentence
        before = text[max(0, qs - 3):qs]
        if before.strip() and not before.rstrip().endswith((".", "!", "?", ":", "”", '"')):
            continue
        prev = [f for f in ordered if f.content and max(e for s, e in f.content) <= qs]
        if not prev:
            continue
        f = prev[-1]
        last_end = max(e for s, e in f.content)
        gap = text[last_end:qs]
        # close enough: the next sentence or the next paragraph, nothing but a short gap between
        if len(gap) > 80 or gap.count("\n") > 2:
            continue
        if not any(text[s] in "“\"" or text[s:e].startswith(("“", '"')) for s, e in f.content) and ":" not in gap:
            continue
        f.content.append((qs, qe))
        used.add(qi)


def _to_attribution(doc, f: _Found, quotes, mentions: list[Mention]) -> Attribution:
    text = doc.text
    content = sorted(set(f.content))
    quoted = 0
    for s, e in content:
        inside = sum(1 for qs, qe in quotes if qs <= s and e <= qe + 1)
        quoted += bool(inside)
    if quoted == len(content):
        kind = "direct"
    elif any(qs < e and s < qe for s, e in content for qs, qe in quotes):
        kind = "mixed"
    else:
        kind = "indirect"
    source = _span(text, *f.source) if f.source else None
    cue = _span(text, *f.cue)
    speaker = _speaker(doc, f, mentions)
    channel = _span(text, *f.channel) if f.channel else None
    return Attribution(content=[_span(text, s, e) for s, e in content], kind=kind, source=source, cue=cue,
                       speaker=speaker, channel=channel)


def _speaker(doc, f: _Found, mentions: list[Mention]) -> Mention | None:
    """The mention the source resolves to: the mention at the source's head, through its chain."""
    if f.source is None or f.source_tok is None:
        return None
    head = doc[f.source_tok]
    if head.lower_ in {"who", "that", "which"} and head.head.dep_ != "ROOT":
        # "Ushakov, who said ..." — the relative pronoun stands for the noun it modifies
        head = head.head.head
    inside = [m for m in mentions if f.source[0] <= m.start and m.end <= f.source[1]]
    at_head = [m for m in mentions if m.start <= head.idx < m.end]
    pick = at_head[0] if at_head else None
    if pick is None and inside:
        # the name in the source phrase ("Putin's top aide Yuri Ushakov" -> Yuri Ushakov)
        names = [m for m in inside if m.kind == "name" and m.label == "PERSON"] or inside
        pick = names[-1]
    if pick is None:
        return None
    if pick.kind != "name":
        return best_name(mentions, pick.chain) or pick
    return pick


@stage("newsweave.attribution.rules.v1", requires=("doc", "mentions", "mentions.chain"),
       assigns=("attributions", "attributions.speaker"))
def attribution_stage(ex: Extraction, settings: Settings) -> None:
    """Find the article's attributions and resolve each source to its speaker."""
    ex.attributions = find_attributions(ex.doc, ex.mentions)
