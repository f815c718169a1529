"""Attributions anchored at a cue verb: its verb group, its source phrase and its content.

A verb the cue model (``attribution_cues``) accepts is the cue; its span is the verb group as PolNeAR
marks it; the source is its subject phrase (titles and appositions kept, comma-set participles
dropped), a passive cue's agent, or the subject shared with the verb it hangs from; the content is
its clausal complement, the quotations it introduces or closes, or what the parse offers instead
(a prepositional object, the clause a parenthetical cue hangs from, an adjacent quotation, an object).
"""

from __future__ import annotations

import re

from .attribution_cues import (
    MIN_RATE,
    NESTED_THRESHOLD,
    cue_frame,
    cue_lexicon,
    cue_object,
    cue_probability,
    cue_settings,
    cue_tail,
    prep_object,
)
from .attribution_spans import (
    Found,
    char_range,
    doc_text,
    pieces,
    subtree_span,
    trim_chars,
)

__all__ = ["verb_attribution"]


# Verbs whose object is the addressee, which PolNeAR leaves out of the content ("told him that").
_RECIPIENT_VERBS = {"tell", "ask", "remind", "assure", "warn", "inform", "promise", "convince", "persuade", "advise"}

# A conjoined verb this often a cue splits the content it would otherwise extend.
_SPLIT_RATE = 0.7

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
        return _cue_span(doc, artifact_verb)[0], char_range(doc, first, last + 1)[1]
    if cue.dep_ == "xcomp" and head.i < cue.i and head.pos_ in {"VERB", "AUX"} and cue.i - head.i <= 4 \
            and head.lemma_.lower() in _RAISING_VERBS:
        # "appeared to suggest", "could not resist pointing out": the governing verb's group joins
        hs, _ = _cue_span(doc, head) if head.dep_ != "xcomp" else (head.idx, 0)
        return min(hs, char_range(doc, first, last + 1)[0]), char_range(doc, first, last + 1)[1]
    return char_range(doc, first, last + 1)


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
    cs, ce = char_range(doc, s, e)
    text = doc_text(doc)
    para = text.rfind("\n", cs, ce)
    if para >= 0 and para < subj.idx:
        cs = para + 1
    return trim_chars(text, cs, ce)



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


def verb_attribution(doc, sent, cue, lex, threshold, quotes, sent_quotes, quote_of_char) -> Found | None:
    """The attribution the verb ``cue`` makes in ``sent``, or None (no content, or a cue too unsure).

    ``lex`` is the cue lexicon, ``threshold`` the cue probability it needs, ``quotes`` the doc's
    quotations, ``sent_quotes`` the indices of those in ``sent`` and ``quote_of_char`` each quoted
    character's quotation index.
    """
    text = doc_text(doc)
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
                            and any(c.idx <= qs < char_range(doc, *subtree_span(c))[1] for qs, qe, qi in quote_pieces)]
    if content_children and any(words_outside_quotes(cc) for cc in content_children):
        # indirect or mixed: the clause complement, with any quotation it opens taken whole
        start_tok = None if cue.lemma_ in _RECIPIENT_VERBS else _object_before(cue, content_children)
        for cc in content_children:
            s, e = _content_range(cc, cue)
            if start_tok is not None and cc is content_children[0]:
                s = start_tok
            cs, ce = char_range(doc, s, e)
            for qs, qe, qi in quote_pieces:
                if cs <= qs < ce and qe > ce:
                    ce = qe
            content.append(trim_chars(text, cs, ce))
        if subj is not None and cue.dep_ == "ROOT" and all(cc.i < min(subj.i, cue.i) for cc in content_children):
            # "A, but B, another source said." — everything before the source is what was said
            first = sent.start
            while first < subj.i and (doc[first].is_space or doc[first].is_punct):
                first += 1
            end = min(min(t.i for t in subj.subtree), cue.i)
            span = trim_chars(text, *char_range(doc, first, end))
            if span[1] > span[0] and doc[end - 1].text == "," and not re.search(r"[“”\"]", text[span[0]:span[1]]):
                content = [span]
    elif quote_pieces:
        # direct speech: the quotation(s) the cue introduces or closes
        content.extend((qs, qe) for qs, qe, qi in quote_pieces)
    elif content_children:
        for cc in content_children:
            content.append(trim_chars(text, *char_range(doc, *subtree_span(cc, exclude={cue.i}))))
    elif (passive := _passive_subject(cue)) is not None:
        # "X was endorsed by the Times": what is endorsed is the passive subject
        content.append(trim_chars(text, *char_range(doc, *subtree_span(passive))))
    elif cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) \
            and subj is not None and subj.head == cue:
        # "As many experts have pointed out, CONTENT": the clause the aside hangs from
        excl = {t.i for t in cue.subtree}
        toks = [t for t in cue.head.subtree if t.i not in excl and sent.start <= t.i < sent.end]
        content.extend(pieces(doc, toks))
    elif prep_content and not _channel_prep(prep_content[0]):
        # ("said on Friday", "wrote on Twitter": when and where it was said, not what)
        prep, obj = prep_content
        # "called for X": the preposition goes with the cue; "responded by X": with the content
        s, e = subtree_span(obj if _prep_in_cue(cue, prep) else prep)
        content.append(trim_chars(text, *char_range(doc, s, e)))
    elif subj is not None and (cue.dep_ == "parataxis" or (cue.dep_ == "ccomp" and cue.head.i < cue.i
                                                           and lex.get(cue.head.lemma_.lower(), 0.0) < 0.5)):
        # "A, he said, B" — the cue hangs off the clause it reports (but in "..., saying they would
        # discuss ..." the clause is what the governing cue reports, not a report of its own)
        excl = {t.i for t in cue.subtree}
        toks = [t for t in cue.head.subtree if t.i not in excl]
        content.extend(pieces(doc, toks))
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
        s, e = subtree_span(objs[0])
        # the rest of the predicate belongs with the object ("views Obama more favorably than
        # Trump", "called the charges unsubstantiated"), but not a channel, another clause or a time
        for c in cue.children:
            if c.i > objs[0].i and c.dep_ in {"oprd", "advmod", "npadvmod", "acomp", "prep", "dative"} \
                    and not (c.dep_ == "prep" and _channel_prep(c)) and c.ent_type_ not in {"DATE", "TIME"}:
                e = max(e, max(t.i for t in c.subtree) + 1)
        content.append(trim_chars(text, *char_range(doc, s, e)))
    unnamed = _unnamed_passive_subject(cue)
    if unnamed is not None and content and unnamed.i < cue.i:
        # "the losing side is expected to take the case ...": with no one named as the source, PolNeAR
        # keeps the passive subject in the content (three times in four on polnear-train)
        piece = trim_chars(text, *char_range(doc, *subtree_span(unnamed)))
        if not any(s < piece[1] and piece[0] < e for s, e in content):
            content.insert(0, piece)
    # what the cue span took in ("to" of "threatened to", "as" of "known as") is not content
    content = [trim_chars(text, max(s, cue_char[1]), e) if cue_char[0] <= s < cue_char[1] else (s, e)
               for s, e in content]
    content = [_same_paragraph(text, s, e, cue.idx) for s, e in content]
    content = [(s, e) for s, e in content if e > s and re.search(r"\w", text[s:e])]
    if not content:
        return None
    if rate < threshold and cue_probability(cue, bool(sent_quotes), nested=True) < NESTED_THRESHOLD:
        return None
    source = _source_span(doc, subj, cue) if subj is not None else None
    if subj is None and cue.dep_ == "ROOT" and cue.i > sent.start and doc[cue.i - 1].pos_ in {"PROPN", "NOUN"}:
        # "CONTENT, Honorary Chairman ... Bill Boerum told TASS." parsed with no subject: the
        # noun phrase between the last comma and the cue is the source, and the content ends before it
        comma = max((t.i for t in sent if t.i < cue.i and t.text == ","), default=None)
        if comma is not None and cue.i - comma <= 25:
            subj = doc[cue.i - 1]
            source = trim_chars(text, *char_range(doc, comma + 1, cue.i))
            content = [(s, min(e, doc[comma].idx)) for s, e in content if s < doc[comma].idx]
            content = [trim_chars(text, s, e) for s, e in content]
    if source is not None and any(s <= source[0] < e for s, e in content):
        source = None
    return Found(cue=cue_char, source=source, content=content, cue_tok=cue.i,
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


def _unnamed_passive_subject(cue):
    """The passive subject of a cue with no agent ("X is expected to ..."), or None."""
    if any(c.dep_ == "agent" for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "nsubjpass" and c.lower_ not in {"it", "there", "which", "that", "who"}), None)


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
    return trim_chars(text, *best)


def _adjacent_quote(doc, sent, cue, quotes) -> tuple[int, int] | None:
    """A quotation that ends right before the cue's sentence, or opens right after a cue and colon."""
    text = doc_text(doc)
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



def _channel(doc, cue) -> tuple[int, int] | None:
    """Where the statement was made: "told TASS", "told reporters", "in a post on Truth Social"."""
    for child in cue.children:
        if child.dep_ in {"dobj", "dative"} and cue.lemma_.lower() == "tell":
            return char_range(doc, *subtree_span(child))
        if child.dep_ == "prep" and child.lower_ in {"in", "on", "during", "to"}:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and (pobj.lemma_.lower() in _CHANNEL_NOUNS or pobj.ent_type_ in {"ORG"}):
                return char_range(doc, *subtree_span(child))
    return None
