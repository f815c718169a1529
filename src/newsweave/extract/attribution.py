"""Who said what: attribution relations (source, cue, content) in the PolNeAR sense.

An attribution is any report of what a person or group said, thinks or intends: a direct quote
(“A,” she said), indirect speech (Ushakov told reporters that ...), a mix of the two, an
"according to X", or a report of a belief or intention (X believes that ..., X plans to ...).

Rules over spaCy's dependency parse, with the cue decision learned from the PolNeAR training
split (``attribution_cues``: a lemma lexicon and a small logistic model over the verb's parse
context, both made by ``scripts/train_attribution.py``; quote marks are paired by
``attribution_quotes``):

1. **cues** — a verb the cue model accepts, a communication noun with its clause ("her claim
   that"), "according to", a "Name: ..." headline, or a dash signing a quote ("“...” ― Name");
2. **source** — the cue's subject phrase (titles and appositions kept, comma-set participles
   dropped, as PolNeAR marks it), the agent of a passive cue, the object of "according to", or
   the subject shared with the verb the cue hangs from ("..., saying that ...");
3. **content** — the cue's clausal complement (with an object before it: urged voters to ...);
   for quotations, the whole quotation, in pieces around the cue ("A," he said, "B.") and
   continued by quotations right after it that have no cue of their own;
4. **nesting** — an attribution inside another's content gets ``parent`` (PolNeAR marks only
   the outermost, so contract output for PolNeAR scoring should leave those out);
5. **speaker** — the mention the source resolves to through the coreference chains (a pronoun
   or title source gives the chain's best name); **channel** — "told reporters", "in a post on X";
6. **boundaries** — no source or syntax-made content crosses a paragraph break or the end of a
   run-in subheading (``attribution_segments``).

Two stages: ``newsweave.attribution.rules.v1`` (the rules alone) and
``newsweave.attribution.model.v1`` (the default: the rules' attributions with span boundaries and
content pieces chosen by the model learned on polnear-train, ``attribution_model``).

Spans follow PolNeAR's conventions where the parse allows: content starts at the complementiser
("that ...") and keeps its quote marks; the verb group (auxiliaries, negation, a linking
preposition) makes the cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Attribution, Extraction, Mention, Span
from ..settings import Settings
from .attribution_cues import (
    MIN_RATE,
    cue_frame,
    cue_lexicon,
    cue_object,
    cue_probability,
    cue_settings,
    cue_tail,
    prep_object,
)
from .attribution_quotes import quote_spans
from .attribution_segments import keep_within_segments
from .coref import best_name
from .pipeline import stage

__all__ = ["cue_lexicon", "find_attributions", "quote_spans"]


# Verbs whose object is the addressee, which PolNeAR leaves out of the content ("told him that").
_RECIPIENT_VERBS = {"tell", "ask", "remind", "assure", "warn", "inform", "promise", "convince", "persuade", "advise"}

# A conjoined verb this often a cue splits the content it would otherwise extend.
_SPLIT_RATE = 0.7

# Nouns this often a cue in training count when a that-clause or to-infinitive follows them.
_NOUN_RATE = 0.2

# How sure the cue model must be of a cue inside another attribution's content.
_NESTED_THRESHOLD = 0.15

# Frames where the verb's object would be the content; they need a surer cue.
_WEAK_FRAMES = {"dobj", "prep", "none"}
_WEAK_FRAME_THRESHOLD = 0.35

# Complement relations that carry what was said / believed.
_CONTENT_DEPS = {"ccomp", "xcomp", "csubj"}
# Media and settings that name the channel of a statement ("in a post on Truth Social").
_CHANNEL_NOUNS = {
    "post", "statement", "interview", "tweet", "letter", "speech", "op-ed", "video", "message",
    "briefing", "conference", "email", "appearance", "rally", "broadcast", "address", "podcast",
    "show", "program", "programme", "press", "remarks", "radio", "television", "twitter",
    "facebook", "x", "telegram",
}


@dataclass
class _Found:
    cue: tuple[int, int]  # char span
    source: tuple[int, int] | None
    content: list[tuple[int, int]]
    cue_tok: int
    source_tok: int | None
    channel: tuple[int, int] | None = None
    score: float = 1.0
    parent: _Found | None = None


def _text(doc) -> str:
    # spaCy rebuilds Doc.text from its tokens on every access; the rules read it hundreds of
    # times per article, so it is kept once in the doc's user data
    text = doc.user_data.get("newsweave.text")
    if text is None:
        text = doc.user_data["newsweave.text"] = doc.text
    return text


def _span(text: str, s: int, e: int) -> Span:
    return Span(s, e, text[s:e])


def _trim_chars(text: str, s: int, e: int, punct: str = " \t\n\u00a0,;:.—–―-") -> tuple[int, int]:
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
    """The cue's verb group as PolNeAR marks it (proportions measured on polnear-train).

    Auxiliaries, "to" and negation before the verb, with any adverb among them ("has also
    said"); a preposition that links the verb to its content ("called for", "spoke about"), but
    not after "say" ("said of", "said in"); a bare day or date right after it ("said Friday").
    The word right after the verb (preposition, adverb, an infinitive's "to" and verb) joins as
    often as it did on polnear-train (``cue_tail``), where train saw it often enough.
    """
    first = cue.i
    subj = [c.i for c in cue.children if c.dep_ in {"nsubj", "nsubjpass", "expl"} and c.i < cue.i]
    # "has he called for": an auxiliary before the subject stays out; so does one inside a quote
    group = [c.i for c in cue.children if c.i < cue.i and c.dep_ in {"aux", "auxpass", "neg"}
             and not (subj and c.i < max(subj)) and c.i > cue.i - 5]
    if group:
        first = min(group)
    while first > 0 and doc[first - 1].head == cue and doc[first - 1].dep_ in {"advmod", "aux", "auxpass", "neg"} \
            and doc[first - 1].pos_ in {"ADV", "AUX", "PART"} and first - 1 >= cue.i - 3:
        first -= 1
    last = cue.i
    for child in sorted(cue.children, key=lambda c: c.i):
        if child.i != last + 1:
            continue
        if child.dep_ == "prt" or child.dep_ == "prep" and _prep_in_cue(cue, child) and \
                any(g.dep_ in {"pobj", "pcomp"} for g in child.children):
            last = child.i
        elif child.dep_ == "npadvmod" and child.ent_type_ in {"DATE", "TIME"}:
            last = max(t.i for t in child.subtree)
        elif child.dep_ == "advmod" and child.pos_ == "ADV" \
                and (cue_tail("advmod", cue.lemma_.lower(), child.lower_) or 0.0) >= 0.5:
            # "asks rhetorically", "shot back", "spoke favorably of" (learned per adverb)
            last = child.i
    to = doc[cue.i + 1] if last == cue.i and cue.i + 2 < len(doc) else None
    if to is not None and to.lower_ == "to" and to.dep_ == "aux" and to.head.dep_ == "xcomp" \
            and to.head.head == cue and to.head.i == to.i + 1:
        # "tried to use", "threatened to": PolNeAR keeps the infinitive (or its "to") in the cue
        # after some verbs and not others ("is expected"), learned per verb
        if (cue_tail("xcomp", cue.lemma_.lower()) or 0.0) >= 0.5:
            last = to.head.i
        elif (cue_tail("to", cue.lemma_.lower()) or 0.0) >= 0.5:
            last = to.i
    obj = cue_object(cue)
    if obj is not None and obj.i > last:
        # "expressed concern about", "issued a statement": the object noun (and the preposition
        # that links it to the content) is part of the cue
        last = obj.i
        prep = next((c for c in obj.children if c.i == obj.i + 1 and c.dep_ == "prep"
                     and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)), None)
        if prep is not None and prep.lower_ not in {"in", "at", "on", "during", "after", "from", "as"}:
            last = prep.i
    head = cue.head
    artifact_verb = _artifact_verb(cue)
    if artifact_verb is not None:
        # "issued a statement saying", "sent a letter to the board urging": one cue, verb to participle
        return _cue_span(doc, artifact_verb)[0], _char_range(doc, first, last + 1)[1]
    if cue.dep_ == "xcomp" and head.i < cue.i and head.pos_ in {"VERB", "AUX"} and cue.i - head.i <= 4 \
            and head.lemma_.lower() in _RAISING_VERBS:
        # "appeared to suggest", "could not resist pointing out": the governing verb's group joins
        hs, _ = _cue_span(doc, head) if head.dep_ != "xcomp" else (head.idx, 0)
        return min(hs, _char_range(doc, first, last + 1)[0]), _char_range(doc, first, last + 1)[1]
    return _char_range(doc, first, last + 1)


def _artifact_verb(cue):
    """For "released a statement saying", the verb ("released") whose object the cue participle modifies."""
    if cue.dep_ != "acl" or cue.tag_ != "VBG":
        return None
    noun = cue.head
    if noun.dep_ != "dobj" or noun.head.pos_ != "VERB" or not 0 < cue.i - noun.head.i <= 10:
        return None
    return noun.head


# Verbs that take a cue as their complement and belong to its cue span ("appeared to suggest").
_RAISING_VERBS = {"appear", "seem", "resist", "continue", "begin", "start", "go", "refuse", "decline",
                  "try", "attempt", "fail", "tend", "stop", "keep", "use", "rush", "move", "vow"}


def _prep_in_cue(cue, prep) -> bool:
    """Whether a preposition right after a cue verb belongs to the cue ("called for") or not ("said in")."""
    rate = cue_tail("prep", cue.lemma_.lower(), prep.lower_)
    if rate is not None:
        return rate >= 0.5
    if cue.lemma_.lower() == "say":
        return False
    return prep.lower_ not in {"in", "during", "after", "from", "among", "between", "at", "as"}


def _subject(cue, depth: int = 0):
    """The cue's subject token: its own, an agent's, or the one it shares with the verb it hangs from.

    "Trump took to Twitter to accuse ...", "..., saying ...", "promised A and said B" share the
    subject of the governing verb; the walk stops at a clause of its own (ccomp) or a relative clause.
    """
    for child in cue.children:
        if child.dep_ in {"nsubj", "csubj", "nsubjpass"} and not (child.dep_ == "nsubjpass" and
                                                                  child.lower_ in {"it", "there"}):
            if child.dep_ == "nsubjpass":
                break  # "X was asked ...": the passive subject is the addressee, look for an agent
            return child
    for child in cue.children:
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    if depth == 0 and cue.dep_ == "advcl" and cue.tag_ == "VBG":
        # "Ushakov said that X would start ..., while adding ...": the parser hangs the participle
        # inside the reported clause, but it is the reporter who adds
        anc = cue.head
        while anc.head != anc and anc.dep_ != "ccomp":
            anc = anc.head
        if anc.dep_ == "ccomp" and cue_lexicon().get(anc.head.lemma_.lower(), 0.0) >= 0.5:
            return _subject(anc.head, depth + 1)
    if depth < 3 and cue.dep_ in {"advcl", "xcomp", "conj"} and cue.head != cue:
        return _subject(cue.head, depth + 1)
    artifact_verb = _artifact_verb(cue) if depth == 0 else None
    if artifact_verb is not None:
        return _subject(artifact_verb, depth + 1)
    return None


_INCIDENTAL = {"acl", "relcl", "advcl"}


def _source_span(doc, subj, cue) -> tuple[int, int]:
    """The source phrase: the subject's subtree, as PolNeAR marks it.

    Titles and appositions stay ("Scott Pruitt, the attorney general of Oklahoma"); a participle
    or relative clause set off by a comma is incidental and goes ("Trump, speaking to veterans,").
    The phrase never runs back over a paragraph break (timestamped live blogs).
    """
    drop: set[int] = set()
    cut = None
    for child in subj.children:
        if child.i > subj.i and child.dep_ in _INCIDENTAL:
            sub = [t.i for t in child.subtree]
            if sub[0] > 0 and doc[sub[0] - 1].text in {",", "—", "―", "("}:
                drop.update(sub)
                if child.dep_ != "relcl" or cue_lexicon().get(child.lemma_.lower(), 0.0) >= _SPLIT_RATE:
                    # a participle ("Rubio, speaking at a rally,") or a relative clause that is an
                    # attribution of its own ("Barkley, who said ...,") ends the phrase; a plain
                    # relative clause stays inside it up to its closing comma, as PolNeAR marks it
                    cut = sub[0] if cut is None else min(cut, sub[0])
    toks = [t for t in subj.subtree if t.i not in drop and t.i != cue.i
            and not (cue.i in {a.i for a in t.subtree} and t != subj)]
    if cut is not None and all(t.is_punct for t in toks if t.i > max(drop)):
        toks = [t for t in toks if t.i < cut] or toks
    s, e = toks[0].i, toks[-1].i + 1
    cs, ce = _char_range(doc, s, e)
    text = _text(doc)
    para = text.rfind("\n", cs, ce)
    if para >= 0 and para < subj.idx:
        cs = para + 1
    return _trim_chars(text, cs, ce)


def find_attributions(doc, mentions: list[Mention] | None = None, refine=None,
                      threshold: float | None = None) -> list[Attribution]:
    """Every attribution in ``doc``, in text order, with ``speaker`` resolved through ``mentions``.

    ``refine(doc, found, quotes)`` returns the rules' attributions to keep, their spans changed as
    it sees fit, before they become attributions (the learned model of ``attribution_model`` does);
    ``threshold`` is the cue probability a verb needs to be a candidate (the cue model's own by default).
    """
    found, quotes = rule_attributions(doc, threshold)
    if refine is not None:
        found = refine(doc, found, quotes)
        keep_within_segments(doc, _text(doc), found)
    ordered = sorted(found, key=lambda f: f.cue[0])
    out = [_to_attribution(doc, f, quotes, mentions or []) for f in ordered]
    index = {id(f): i for i, f in enumerate(ordered)}
    for f, att in zip(ordered, out):
        if f.parent is not None and id(f.parent) in index:
            att.parent = index[id(f.parent)]
    return out


def rule_attributions(doc, threshold: float | None = None) -> tuple[list[_Found], list[tuple[int, int]]]:
    """The rules' attributions of ``doc`` as character spans (with their parse anchors), and the quotations.

    ``threshold`` (the cue probability a verb needs) defaults to the cue model's own; a lower one
    gives more candidates, for a model that judges each whole attribution.
    """
    text = _text(doc)
    lex = cue_lexicon()
    opts = cue_settings()
    if threshold is None:
        threshold = opts["model_threshold"] if opts["model"] else opts["threshold"]
    quotes = quote_spans(text)
    nouns = opts["nouns"]
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
            elif tok.lower_ == "in" and tok.dep_ == "prep" and in_quote(tok) is None:
                f = _in_opinion(doc, sent, tok)
            elif tok.pos_ == "VERB" and lex.get(tok.lemma_.lower(), 0.0) >= MIN_RATE \
                    and in_quote(tok) is None:
                f = _verb_attribution(doc, sent, tok, lex, threshold, quotes, sent_quotes, quote_of_char)
            elif tok.pos_ == "NOUN" and nouns.get(tok.lemma_.lower(), 0.0) >= _NOUN_RATE \
                    and in_quote(tok) is None:
                f = _noun_attribution(doc, tok)
            if f is not None:
                found.append(f)
    found.extend(_signed_quotes(doc, quotes))
    found.extend(_colon_headlines(doc, quote_of_char))
    keep_within_segments(doc, text, found)
    found = _nest(found, threshold)
    for f in found:
        for s, e in f.content:
            for qi, (qs, qe) in enumerate(quotes):
                if qs < e and s < qe:
                    used_quotes.add(qi)
    _continue_quotes(doc, found, quotes, used_quotes)
    return found, quotes


def _is_cue_candidate(tok, lex) -> bool:
    return tok.pos_ == "VERB" and lex.get(tok.lemma_.lower(), 0.0) >= MIN_RATE


def _quote_owner(doc, sent, qs, qe, lex, quote_of_char):
    """The cue candidate a quotation in ``sent`` belongs to: its nearest cue ancestor outside quotes.

    A quotation whose words hang under no cue belongs to the sentence's cue outside quotations
    nearest to it ("“A,” he said" parses "said" under the quoted verb).
    """
    words = [t for t in sent if qs <= t.idx < qe and not (t.is_punct or t.is_space)]
    if not words:
        return None
    inside = {t.i for t in words}
    # the quotation's own root: the word whose head is outside the quotation
    roots = [t for t in words if t.head.i not in inside or t.head == t] or words[:1]
    anc = roots[0]
    for _ in range(40):
        if anc.head == anc:
            break
        anc = anc.head
        if anc.i not in inside and quote_of_char.get(anc.idx) is None and _is_cue_candidate(anc, lex):
            return anc
    cands = [t for t in sent if quote_of_char.get(t.idx) is None and _is_cue_candidate(t, lex)]
    if not cands:
        return None
    return min(cands, key=lambda t: min(abs(t.idx - qs), abs(t.idx - qe)))


def _verb_attribution(doc, sent, cue, lex, threshold, quotes, sent_quotes, quote_of_char) -> _Found | None:
    text = _text(doc)
    frame = cue_frame(cue, bool(sent_quotes))
    rate = cue_probability(cue, bool(sent_quotes))
    if frame in _WEAK_FRAMES and not cue_settings()["model"]:
        # an object is far more often a plain action's ("filed a complaint") than what was said
        threshold = max(threshold, _WEAK_FRAME_THRESHOLD)
    content_children = [c for c in cue.children if c.dep_ in _CONTENT_DEPS]
    # "called for X", "called on X to ...": the prepositional object is the content
    prep_content = prep_object(cue)
    subj = _subject(cue)
    quote_pieces = [(quotes[qi][0], quotes[qi][1], qi) for qi in sent_quotes
                    if _quote_owner(doc, sent, *quotes[qi], lex, quote_of_char) is cue
                    or _quote_owner(doc, sent, *quotes[qi], lex, quote_of_char) == cue]

    def words_outside_quotes(tok) -> int:
        return sum(1 for t in tok.subtree if quote_of_char.get(t.idx) is None
                   and not (t.is_punct or t.is_space) and t.i != cue.i)

    content: list[tuple[int, int]] = []
    cue_char = _cue_span(doc, cue)
    # an object or predicate that holds a quotation is the content with it: called Machado
    # "disgusting", urged supporters to "go to your place and vote"
    if not content_children and quote_pieces:
        content_children = [c for c in cue.children if c.dep_ in {"dobj", "oprd"}
                            and any(c.idx <= qs < _char_range(doc, *_subtree_span(c))[1] for qs, qe, qi in quote_pieces)]
    if content_children and any(words_outside_quotes(cc) for cc in content_children):
        # indirect or mixed: the clause complement, with any quotation it opens taken whole
        start_tok = None if cue.lemma_ in _RECIPIENT_VERBS else _object_before(cue, content_children)
        for cc in content_children:
            s, e = _content_range(cc, cue)
            if start_tok is not None and cc is content_children[0]:
                s = start_tok
            cs, ce = _char_range(doc, s, e)
            for qs, qe, qi in quote_pieces:
                if cs <= qs < ce and qe > ce:
                    ce = qe
            content.append(_trim_chars(text, cs, ce))
        if subj is not None and cue.dep_ == "ROOT" and all(cc.i < min(subj.i, cue.i) for cc in content_children):
            # "A, but B, another source said." — everything before the source is what was said
            first = sent.start
            while first < subj.i and (doc[first].is_space or doc[first].is_punct):
                first += 1
            end = min(min(t.i for t in subj.subtree), cue.i)
            span = _trim_chars(text, *_char_range(doc, first, end))
            if span[1] > span[0] and doc[end - 1].text == "," and not re.search(r"[“”\"]", text[span[0]:span[1]]):
                content = [span]
    elif quote_pieces:
        # direct speech: the quotation(s) the cue introduces or closes
        content.extend((qs, qe) for qs, qe, qi in quote_pieces)
    elif content_children:
        for cc in content_children:
            content.append(_trim_chars(text, *_char_range(doc, *_subtree_span(cc, exclude={cue.i}))))
    elif (passive := _passive_subject(cue)) is not None:
        # "X was endorsed by the Times": what is endorsed is the passive subject
        content.append(_trim_chars(text, *_char_range(doc, *_subtree_span(passive))))
    elif cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) \
            and subj is not None and subj.head == cue:
        # "As many experts have pointed out, CONTENT": the clause the aside hangs from
        excl = {t.i for t in cue.subtree}
        toks = [t for t in cue.head.subtree if t.i not in excl and sent.start <= t.i < sent.end]
        content.extend(_pieces(doc, toks))
    elif prep_content:
        prep, obj = prep_content
        # "called for X": the preposition goes with the cue; "responded by X": with the content
        s, e = _subtree_span(obj if _prep_in_cue(cue, prep) else prep)
        content.append(_trim_chars(text, *_char_range(doc, s, e)))
    elif subj is not None and (cue.dep_ == "parataxis" or (cue.dep_ == "ccomp" and cue.head.i < cue.i
                                                           and lex.get(cue.head.lemma_.lower(), 0.0) < 0.5)):
        # "A, he said, B" — the cue hangs off the clause it reports (but in "..., saying they would
        # discuss ..." the clause is what the governing cue reports, not a report of its own)
        excl = {t.i for t in cue.subtree}
        toks = [t for t in cue.head.subtree if t.i not in excl]
        content.extend(_pieces(doc, toks))
    elif (adjacent := _adjacent_quote(doc, sent, cue, quotes)) is not None:
        # the parser split "“A.” He said." or "He said: “A.”" into two sentences
        content.append(adjacent)
    else:
        # a direct object of a cue verb: "denied the report", "backed Clinton" (the frame's rate
        # says how often that is an attribution)
        objs = [c for c in cue.children if c.dep_ in {"dobj"}]
        if not objs:
            return None
        if objs[0] is cue_object(cue):
            # the object is part of the cue ("expressed concern about X"): X, or the noun's clause
            what = next((g for c in objs[0].children if c.dep_ == "prep" and c.i == objs[0].i + 1
                         for g in c.children if g.dep_ in {"pobj", "pcomp"}), None) \
                or next((c for c in objs[0].children if c.dep_ in {"acl", "ccomp", "relcl"} and c.i > objs[0].i), None)
            if what is not None:
                objs = [what]
        s, e = _subtree_span(objs[0])
        # the rest of the predicate belongs with the object ("views Obama more favorably than
        # Trump", "called the charges unsubstantiated"), but not a channel, another clause or a time
        for c in cue.children:
            if c.i > objs[0].i and c.dep_ in {"oprd", "advmod", "npadvmod", "acomp", "prep", "dative"} \
                    and not (c.dep_ == "prep" and _channel_prep(c)) and c.ent_type_ not in {"DATE", "TIME"}:
                e = max(e, max(t.i for t in c.subtree) + 1)
        content.append(_trim_chars(text, *_char_range(doc, s, e)))
    # what the cue span took in ("to" of "threatened to", "as" of "known as") is not content
    content = [_trim_chars(text, max(s, cue_char[1]), e) if cue_char[0] <= s < cue_char[1] else (s, e)
               for s, e in content]
    content = [_same_paragraph(text, s, e, cue.idx) for s, e in content]
    content = [(s, e) for s, e in content if e > s and re.search(r"\w", text[s:e])]
    if not content:
        return None
    if rate < threshold and cue_probability(cue, bool(sent_quotes), nested=True) < _NESTED_THRESHOLD:
        return None
    source = _source_span(doc, subj, cue) if subj is not None else None
    if subj is None and cue.dep_ == "ROOT" and cue.i > sent.start and doc[cue.i - 1].pos_ in {"PROPN", "NOUN"}:
        # "CONTENT, Honorary Chairman ... Bill Boerum told TASS." parsed with no subject: the
        # noun phrase between the last comma and the cue is the source, and the content ends before it
        comma = max((t.i for t in sent if t.i < cue.i and t.text == ","), default=None)
        if comma is not None and cue.i - comma <= 25:
            subj = doc[cue.i - 1]
            source = _trim_chars(text, *_char_range(doc, comma + 1, cue.i))
            content = [(s, min(e, doc[comma].idx)) for s, e in content if s < doc[comma].idx]
            content = [_trim_chars(text, s, e) for s, e in content]
    if source is not None and any(s <= source[0] < e for s, e in content):
        source = None
    return _Found(cue=cue_char, source=source, content=content, cue_tok=cue.i,
                  source_tok=subj.i if subj is not None else None, channel=_channel(doc, cue), score=rate)


def _object_before(cue, content_children) -> int | None:
    """The first token of an object between the cue and its complement: urged [supporters to vote]."""
    first = min(cc.i for cc in content_children)
    objs = [c for c in cue.children if c.dep_ in {"dobj", "dative"} and cue.i < c.i < first]
    if not objs:
        return None
    return min(t.i for t in objs[0].subtree)


def _content_range(cc, cue) -> tuple[int, int]:
    """Token range of a complement, without a comma-set relative clause on a name at its end.

    PolNeAR leaves out what the author adds ("the health of Donald Trump, who is 70").
    """
    toks = [t for t in cc.subtree if t.i != cue.i]
    s, e = toks[0].i, toks[-1].i + 1
    lex = cue_lexicon()
    for t in toks:
        # "X promised A and said B", "..., when Clinton noted that ...": a later conjoined or
        # adverbial cue verb starts an attribution of its own, so the content stops before it
        if t.i > cc.i and t.dep_ in {"conj", "advcl"} and t.pos_ == "VERB" \
                and lex.get(t.lemma_.lower(), 0.0) >= _SPLIT_RATE:
            cut = min(x.i for x in t.subtree)
            while cut > s + 1 and (t.doc[cut - 1].is_punct or t.doc[cut - 1].pos_ in {"CCONJ", "SCONJ"}
                                   or t.doc[cut - 1].dep_ in {"mark", "cc", "advmod"}):
                cut -= 1
            if cut > s:
                e = min(e, cut)
    for t in cc.children:
        # "to sign up 5 million people, focusing on those under 30": a trailing participle set off
        # by a comma is the author's gloss more often than the source's words
        if t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > cc.i and t.i > 0 and t.doc[t.i - 1].text == "," \
                and max(x.i for x in t.subtree) + 2 >= e:
            e = min(e, t.i - 1)
    for t in toks:
        if t.dep_ in {"relcl", "acl"} and t.head.pos_ == "PROPN" and t.i > t.head.i:
            sub = sorted(x.i for x in t.subtree)
            prev = t.doc[sub[0] - 1] if sub[0] > 0 else None
            if sub[-1] + 1 >= e - 1 and prev is not None and prev.text == ",":
                e = min(e, sub[0] - 1)
    return s, max(e, s + 1)


def _channel_prep(prep) -> bool:
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return pobj is not None and prep.lower_ in {"in", "on", "during", "at", "to"} and (
        pobj.lemma_.lower() in _CHANNEL_NOUNS or pobj.ent_type_ in {"ORG", "DATE", "TIME", "GPE", "FAC"})


def _passive_subject(cue):
    """The passive subject of a cue with an agent ("X was reported by the Post"), or None."""
    if not any(c.dep_ == "agent" for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "nsubjpass" and c.lower_ not in {"it", "there"}), None)


def _same_paragraph(text: str, s: int, e: int, anchor: int) -> tuple[int, int]:
    """Cut a piece at paragraph breaks, keeping the part nearest the cue.

    spaCy sometimes runs a sentence on over a paragraph break (a headline, a quote paragraph);
    syntax-made content must not follow it there. A quotation's own span is left whole.
    """
    if "\n" not in text[s:e] or text[s] in "“\"'":
        return s, e
    parts = [(m.start() + s, m.end() + s) for m in re.finditer(r"[^\n]+", text[s:e])]
    best = min(parts, key=lambda p: 0 if p[0] <= anchor <= p[1] else min(abs(anchor - p[0]), abs(anchor - p[1])))
    return _trim_chars(text, *best)


def _adjacent_quote(doc, sent, cue, quotes) -> tuple[int, int] | None:
    """A quotation that ends right before the cue's sentence, or opens right after a cue and colon."""
    text = _text(doc)
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
        spans.append(_trim_chars(_text(doc), s, e))
    return spans


_SIGNATURE = re.compile(r"[ \t\u00a0]*([―—])[ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \t\u00a0]+[A-Z][\w.'’-]*){0,4})[ \t\u00a0]*(?=\n|$)")


def _signed_quotes(doc, quotes) -> list[_Found]:
    """A quotation signed with a dash and a name on its line: “...” ― Jane Doe."""
    text = _text(doc)
    out = []
    for qs, qe in quotes:
        m = _SIGNATURE.match(text, qe)
        if m is None:
            continue
        name = m.span(2)
        tok = doc.char_span(*name, alignment_mode="expand")
        out.append(_Found(cue=m.span(1), source=name, content=[(qs, qe)], cue_tok=tok.start if tok else 0,
                          source_tok=tok.root.i if tok else None, score=1.0))
    return out


def _colon_headlines(doc, quote_of_char) -> list[_Found]:
    """A line that opens with a name and a colon: "Pat Caddell: Voters Worried About ..."."""
    text = _text(doc)
    out = []
    for line in re.finditer(r"[^\n]+", text):
        head, sep, rest = line.group().partition(": ")
        if not sep or not rest.strip() or len(head.split()) > 5 or not head[:1].isupper():
            continue
        start = line.start()
        span = doc.char_span(start, start + len(head), alignment_mode="expand")
        if span is None or any(t.pos_ in {"VERB", "AUX", "NUM"} for t in span) or start in quote_of_char:
            continue
        # the part before the colon must be a name, not a rubric ("Correction:", "Editor's note:")
        words = [t for t in span if not t.is_punct]
        if not (all(t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} for t in words)
                or (len(words) == 1 and words[0].pos_ == "PROPN")):
            continue
        colon = start + len(head)
        content = _trim_chars(text, colon + 1, line.end())
        out.append(_Found(cue=(colon, colon + 1), source=(start, colon), content=[content],
                          cue_tok=span.end, source_tok=span.root.i, score=1.0))
    return out


def _noun_attribution(doc, noun) -> _Found | None:
    """A communication or belief noun with its content: "her claim that ...", "his plan to ..."."""
    text = _text(doc)
    content_tok = None
    for c in noun.children:
        if c.i < noun.i:
            continue
        if c.dep_ in {"ccomp", "acl"} and (any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                                          or any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)):
            content_tok = c
            break
    if content_tok is None:
        return None
    s, e = _subtree_span(content_tok)
    content = _trim_chars(text, *_char_range(doc, s, e))
    poss = [c for c in noun.children if c.dep_ == "poss"]
    mods = [c for c in noun.children if c.i < noun.i and c.dep_ in {"amod", "det", "compound"}]
    first = min([m.i for m in mods if not poss or m.i > max(x.i for x in poss[0].subtree)] + [noun.i])
    cue = _char_range(doc, first, noun.i + 1)
    source = None
    if poss:
        source = _trim_chars(text, *_char_range(doc, *_subtree_span(poss[0])), punct=" \t\n,;:—–-")
    return _Found(cue=cue, source=source, content=[content], cue_tok=noun.i,
                  source_tok=poss[0].i if poss else None, score=0.5)


def _according_to(doc, sent, tok) -> _Found | None:
    """"According to X, CONTENT" / "CONTENT, according to X"."""
    to = next(c for c in tok.children if c.lower_ == "to")
    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
    if pobj is None:
        return None
    src = _trim_chars(_text(doc), *_char_range(doc, *_subtree_span(pobj)))
    head = tok.head
    excl = {t.i for t in tok.subtree}
    toks = [t for t in head.subtree if t.i not in excl and t.i >= sent.start and t.i < sent.end]
    content = _pieces(doc, toks)
    content = [(s, e) for s, e in content if re.search(r"\w", _text(doc)[s:e])]
    if not content:
        return None
    cue = _char_range(doc, tok.i, to.i + 1)
    return _Found(cue=cue, source=src, content=content, cue_tok=tok.i, source_tok=pobj.i, score=1.0)


# "in his opinion, ...", "in the view of X, ...": the noun is the cue, its possessor the source.
_OPINION_NOUNS = {"opinion", "view", "estimation", "judgment", "judgement", "words", "mind", "eyes"}


def _in_opinion(doc, sent, prep) -> _Found | None:
    """"In his opinion, CONTENT": the clause the phrase hangs from, without the phrase itself."""
    noun = next((g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in _OPINION_NOUNS), None)
    if noun is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if owner is None or owner.pos_ not in {"PRON", "PROPN", "NOUN"}:
        return None
    text = _text(doc)
    excl = {t.i for t in prep.subtree}
    head = prep.head
    # an adverbial set off before the phrase ("At the same time, in his opinion, ...") is the author's
    excl.update(t.i for c in head.children if c.i < prep.i and c.dep_ in {"prep", "advmod", "npadvmod"}
                for t in c.subtree)
    toks = [t for t in head.subtree if t.i not in excl and sent.start <= t.i < sent.end]
    content = [(s, e) for s, e in _pieces(doc, toks) if re.search(r"\w", text[s:e])]
    if not content:
        return None
    source = _trim_chars(text, *_char_range(doc, *_subtree_span(owner)))
    return _Found(cue=_char_range(doc, noun.i, noun.i + 1), source=source, content=content, cue_tok=noun.i,
                  source_tok=owner.i, score=1.0)


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


def _nest(found: list[_Found], threshold: float) -> list[_Found]:
    """Link attributions whose cue lies in another's content to that outer one (``parent``).

    PolNeAR marks only the outermost attribution; the nested ones are kept, marked, so that a
    reader can see that Ushakov reported what Putin told Trump. Where two attributions claim each
    other (a parse gone wrong), the one with the longer content is the outer one.
    """
    found = sorted(found, key=lambda f: f.cue[0])
    for f in found:
        outers = [k for k in found if k is not f and k.score >= threshold
                  and any(s <= f.cue[0] < e for s, e in k.content)]
        if outers:
            # the innermost enclosing attribution is the parent
            f.parent = min(outers, key=lambda k: sum(e - s for s, e in k.content))
    for f in found:
        k = f.parent
        if k is not None and k.parent is f:
            size = lambda x: sum(e - s for s, e in x.content)
            inner, outer = (f, k) if size(f) <= size(k) else (k, f)
            outer.parent = None
            inner.parent = outer
    # a source phrase that holds a cue ("the man who said ...") is no nesting: drop such cues;
    # a less certain cue stands only inside another attribution (the model learned from PolNeAR,
    # which marks only outermost attributions, so it doubts every nested cue)
    return [f for f in found if not any(k.source and k.source[0] <= f.cue[0] < k.source[1]
                                        for k in found if k is not f)
            and (f.score >= threshold or f.parent is not None)]


def _continue_quotes(doc, found: list[_Found], quotes, used: set[int]) -> None:
    """Quotations with no cue of their own continue the quoted attribution right before them.

    “A,” she said. “B.” — and a quoted paragraph after the one holding the cue — are one
    attribution with several content pieces, as PolNeAR marks them. "Right before" means that
    nothing but white space separates the quotation from the end of that attribution's sentence.
    """
    text = _text(doc)
    if not found:
        return
    sent_end = {}
    for sent in doc.sents:
        sent_end[sent.start_char] = sent.end_char
    sents = sorted(sent_end.items())

    def end_of_sentence(char: int) -> int:
        # the end of the sentence holding ``char``
        lo, hi = 0, len(sents) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if sents[mid][0] <= char:
                lo = mid
            else:
                hi = mid - 1
        return sents[lo][1]

    for qi, (qs, qe) in enumerate(quotes):
        if qi in used:
            continue
        # only a quotation that stands as its own sentence(s): it starts a sentence
        before = text[max(0, qs - 3):qs]
        if before.strip() and not before.rstrip().endswith((".", "!", "?", ":", "”", '"')):
            continue
        prev = [f for f in found if f.parent is None and _end(f) <= qs]
        if not prev:
            continue
        f = max(prev, key=_end)
        if not any(text[s] in "“\"'" for s, e in f.content):
            continue
        gap = text[max(_end(f), end_of_sentence(_end(f) - 1)):qs]
        if gap.strip(" \t\n\u00a0.,") or gap.count("\n") > 2:
            continue
        f.content.append((qs, qe))
        used.add(qi)


def _end(f: _Found) -> int:
    return max([e for s, e in f.content] + [f.cue[1]] + ([f.source[1]] if f.source else []))


def _to_attribution(doc, f: _Found, quotes, mentions: list[Mention]) -> Attribution:
    text = _text(doc)
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


@stage("newsweave.attribution.model.v1", requires=("doc", "mentions", "mentions.chain"),
       assigns=("attributions", "attributions.speaker"))
def attribution_model_stage(ex: Extraction, settings: Settings) -> None:
    """The rules' attributions with span boundaries and content pieces chosen by the learned model."""
    # imported here: the rules stage must work without the model file
    from .attribution_model import candidate_threshold, model_version, refine

    ex.attributions = find_attributions(ex.doc, ex.mentions, refine=refine, threshold=candidate_threshold())
    ex.made_by["attributions.model"] = model_version()
