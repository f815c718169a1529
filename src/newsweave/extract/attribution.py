"""Who said what: attribution relations (source, cue, content) in the PolNeAR sense.

An attribution is any report of what a person or group said, thinks or intends: a direct quote
(“A,” she said), indirect speech (Ushakov told reporters that ...), a mix of the two, an
"according to X", or a report of a belief or intention (X believes that ..., X plans to ...).

Rules over spaCy's dependency parse, with the cue decision learned from the PolNeAR training
split (``attribution_cues``: a lemma lexicon and a small logistic model over the verb's parse
context, both made by ``scripts/train_attribution.py``; quote marks are paired by
``attribution_quotes``). This module runs the rules over a doc and makes their findings
attributions; ``attribution_verbs`` holds the rules of a cue verb, ``attribution_phrases`` those
of the other cues, ``attribution_spans`` what they share:

1. **cues** — a verb the cue model accepts, a communication noun with its clause ("her claim
   that"), "according to", a "Name: ..." headline, or a dash signing a quote ("“...” ― Name");
2. **source** — the cue's subject phrase (titles and appositions kept, comma-set participles
   dropped, as PolNeAR marks it), the agent of a passive cue, the object of "according to", or
   the subject shared with the verb the cue hangs from ("..., saying that ...");
3. **content** — the cue's clausal complement (with an object before it: urged voters to ...);
   for quotations, the whole quotation, in pieces around the cue ("A," he said, "B.") and
   continued by quotations right after it that have no cue of their own; never the one addressed
   alone ("cautions Trump against selling ...": what was said is "against selling ...");
4. **nesting** — an attribution inside another's content gets ``parent`` (PolNeAR marks only
   the outermost, so contract output for PolNeAR scoring should leave those out);
5. **speaker** — the mention the source resolves to through the coreference chains (a pronoun
   or title source gives the chain's best name; a pronoun that resolves to no one is no speaker);
   **channel** — "told reporters", "in a post on X";
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

from ..model import Attribution, Extraction, Mention, Span
from ..settings import Settings
from .attribution_cues import MIN_RATE, cue_lexicon, cue_settings
from .attribution_phrases import (
    according_to,
    colon_headlines,
    in_opinion,
    noun_attribution,
    signed_quotes,
)
from .attribution_quotes import quote_spans
from .attribution_segments import keep_within_segments
from .attribution_spans import (
    Found,
    char_range,
    doc_text,
    nest,
    one_per_cue,
    trim_chars,
)
from .attribution_verbs import verb_attribution
from .coref import best_name
from .pipeline import stage

__all__ = ["cue_lexicon", "find_attributions", "quote_spans", "rule_attributions"]


# Nouns this often a cue in training count when a that-clause or to-infinitive follows them.
_NOUN_RATE = 0.2


def _wh_object_cue(doc, f: Found) -> bool:
    """Whether a nested cue's object is a wh-word and its content was taken from before it ("take into
    account what the Russian President told him"): what was said is named nowhere, and the clause around
    the cue is the outer statement's, not this one's content. Only nested ones are dropped: on outermost
    cues the same test lost more right attributions than wrong ones on PolNeAR train (source exact 0.747
    -> 0.745)."""
    if not 0 <= f.cue_tok < len(doc):
        return False
    cue = doc[f.cue_tok]
    wh = [c for c in cue.children if c.tag_ in {"WP", "WDT"} and c.i < cue.i and c.dep_ in {"dobj", "dative"}]
    # "what he called a 'brazen breach'" names what was said after the cue: that stays; a content
    # before the wh-word was taken from the clause that holds the cue
    return bool(wh) and any(e <= wh[0].idx for s, e in f.content)


def _span(text: str, s: int, e: int) -> Span:
    return Span(s, e, text[s:e])


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
    for f in found:
        _content_beyond_addressee(doc, f)
    keep_within_segments(doc, doc_text(doc), found)
    found = one_per_cue(found)
    dropped = {id(f): f for f in found if f.parent is not None and _wh_object_cue(doc, f)}
    for f in found:
        while f.parent is not None and id(f.parent) in dropped:
            f.parent = f.parent.parent  # what nested in a dropped one nests in what held it
    found = [f for f in found if id(f) not in dropped]
    for f in found:
        _source_before_cue(doc_text(doc), f)
    ordered = sorted(found, key=lambda f: f.cue[0])
    out = [_to_attribution(doc, f, quotes, mentions or []) for f in ordered]
    index = {id(f): i for i, f in enumerate(ordered)}
    for f, att in zip(ordered, out):
        if f.parent is not None and id(f.parent) in index:
            att.parent = index[id(f.parent)]
    return out


def rule_attributions(doc, threshold: float | None = None) -> tuple[list[Found], list[tuple[int, int]]]:
    """The rules' attributions of ``doc`` as character spans (with their parse anchors), and the quotations.

    ``threshold`` (the cue probability a verb needs) defaults to the cue model's own; a lower one
    gives more candidates, for a model that judges each whole attribution.
    """
    text = doc_text(doc)
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

    found: list[Found] = []
    used_quotes: set[int] = set()
    sents = list(doc.sents)
    for sent in sents:
        sent_quotes = sorted({quote_of_char[t.idx] for t in sent if t.idx in quote_of_char and not t.is_space})
        for tok in sent:
            f = None
            if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                f = according_to(doc, sent, tok)
            elif tok.lower_ == "in" and tok.dep_ == "prep" and in_quote(tok) is None:
                f = in_opinion(doc, sent, tok)
            elif tok.pos_ == "VERB" and lex.get(tok.lemma_.lower(), 0.0) >= MIN_RATE \
                    and in_quote(tok) is None:
                f = verb_attribution(doc, sent, tok, lex, threshold, quotes, sent_quotes, quote_of_char)
            elif tok.pos_ == "NOUN" and nouns.get(tok.lemma_.lower(), 0.0) >= _NOUN_RATE \
                    and in_quote(tok) is None:
                f = noun_attribution(doc, tok)
            if f is not None:
                found.append(f)
    found.extend(signed_quotes(doc, quotes))
    found.extend(colon_headlines(doc, quote_of_char))
    keep_within_segments(doc, text, found)
    found = nest(found, threshold)
    for f in found:
        for s, e in f.content:
            for qi, (qs, qe) in enumerate(quotes):
                if qs < e and s < qe:
                    used_quotes.add(qi)
    _continue_quotes(doc, found, quotes, used_quotes)
    return found, quotes




def _continue_quotes(doc, found: list[Found], quotes, used: set[int]) -> None:
    """Quotations with no cue of their own continue the quoted attribution right before them.

    “A,” she said. “B.” — and a quoted paragraph after the one holding the cue — are one
    attribution with several content pieces, as PolNeAR marks them. "Right before" means that
    nothing but white space separates the quotation from the end of that attribution's sentence.
    """
    text = doc_text(doc)
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
        # the latest quoted attribution before it: an unquoted one later in the same sentence ("“A,”
        # said Caddell, speaking of her health. “B.”") does not stand in between (the gap check below
        # still wants nothing but white space after the quoted one's sentence)
        prev = [f for f in found if f.parent is None and _end(f) <= qs
                and any(text[s] in "“\"'" for s, e in f.content)]
        if not prev:
            continue
        f = max(prev, key=_end)
        gap = text[max(_end(f), end_of_sentence(_end(f) - 1)):qs]
        if gap.strip(" \t\n\u00a0.,") or gap.count("\n") > 2:
            continue
        f.content.append((qs, qe))
        used.add(qi)


def _content_beyond_addressee(doc, f: Found) -> None:
    """Make sure a content is more than the one a verb of address (tell, warn, caution, urge, ...) addresses.

    "Putin cautions Trump against selling Tomahawks": Trump is who was cautioned, not what was said
    (PolNeAR leaves the recipient out of the content: "She is telling me otherwise"). A content that is
    only the object becomes the complement after it ("against selling Tomahawks ...", "that ...",
    "reminded the crowd [of the stakes]"); an infinitive keeps its object, as PolNeAR marks "urged
    [voters to register]". With no complement there is no content ("told The Washington Post": what was
    said is elsewhere, so the attribution keeps its source and cue and loses the wrong content).
    """
    cue = doc[f.cue_tok]
    text = doc_text(doc)
    objs = [c for c in cue.children if c.dep_ in {"dobj", "dative"} and c.i > cue.i]
    if not objs or not f.content or cue.lemma_.lower() not in _ADDRESS_VERBS:
        # another cue's object is part of what is said: "She calls him the man with two left feet"
        # (PolNeAR's guidelines), "called Palin a clown", "accused Clinton of ..."
        return
    obj = objs[0]
    # the object with the place and time after it ("told reporters in Ohio on Monday")
    last = max([t.i for t in obj.subtree] + [t.i for c in cue.children if c.i > obj.i and c.dep_ in
                                             {"prep", "npadvmod", "advmod"} and not _says_what(c)
                                             for t in c.subtree])
    os_, oe = char_range(doc, min(t.i for t in obj.subtree), last + 1)
    if not all(os_ <= s and e <= oe for s, e in f.content) or not any(s <= obj.idx < e for s, e in f.content):
        return  # more than the object, or a clause the parser hung under it ("told a meeting ... that")
    if not (obj.ent_type_ in {"PERSON", "NORP", "ORG", "GPE"} or obj.pos_ == "PRON"
            or obj.lemma_.lower() in _AUDIENCES):
        return  # "urges retaliation", "tell an American story": the object is what is said
    after = sorted((c for c in (*cue.children, *obj.children) if c.i > obj.i and _says_what(c)), key=lambda c: c.i)
    if after:
        comp = after[0]
        start = min(t.i for t in obj.subtree) if comp.dep_ == "xcomp" else min(t.i for t in comp.subtree)
        span = trim_chars(text, *char_range(doc, start, max(t.i for t in comp.subtree) + 1))
        if span[1] > span[0]:
            f.content = [span]
            return
    f.content = []


def _says_what(c) -> bool:
    """Whether a dependent after the object of a verb of address holds what was said: a clause ("that
    ...", "to bow out", "if he would endorse ..."), a preposition's clause ("against selling") or noun
    ("of the stakes", "about the risks"; not "on Monday", "in Ohio")."""
    if c.dep_ in {"xcomp", "ccomp"}:
        return True
    if c.dep_ == "advcl":
        # the parser hangs "to bow out" and "if ..." off the verb as adverbial clauses now and then
        return any((x.dep_ == "aux" and x.lower_ == "to") or (x.dep_ == "mark" and x.lower_ in {"if", "whether"})
                   for x in c.children)
    if c.dep_ != "prep":
        return False
    return any(g.dep_ == "pcomp" or (g.dep_ == "pobj" and (
        c.lower_ in {"of", "about"} or g.ent_type_ not in {"DATE", "TIME", "GPE", "LOC", "FAC"}))
        for g in c.children)


# Common nouns for those a statement is made to ("told reporters", "urged supporters to ...").
_AUDIENCES = {"reporter", "journalist", "supporter", "crowd", "audience", "voter", "lawmaker", "viewer", "listener",
              "reader", "official", "leader", "member", "colleague", "donor", "student", "worker", "resident"}

# Verbs whose object is the one addressed, not what is said ("warned Trump", "told reporters").
_ADDRESS_VERBS = {"tell", "ask", "remind", "assure", "warn", "caution", "inform", "advise", "urge", "notify",
                  "brief", "reassure", "alert"}


def _source_before_cue(text: str, f: Found) -> None:
    """A source phrase that runs on over its own cue (a subject whose subtree the parser hung the
    whole clause under: "A majority of voters expect Clinton to win ...") stops before the cue."""
    if f.source is None or not (f.source[0] < f.cue[0] and f.cue[1] <= f.source[1]):
        return
    s, e = trim_chars(text, f.source[0], f.cue[0])
    if e > s:
        f.source = (s, e)


def _end(f: Found) -> int:
    return max([e for s, e in f.content] + [f.cue[1]] + ([f.source[1]] if f.source else []))




def _to_attribution(doc, f: Found, quotes, mentions: list[Mention]) -> Attribution:
    text = doc_text(doc)
    content = sorted(set(f.content))
    quoted = 0
    for s, e in content:
        inside = sum(1 for qs, qe in quotes if qs <= s and e <= qe + 1)
        quoted += bool(inside)
    if content and quoted == len(content):  # no content left (an addressee alone) is no quotation
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


def _speaker(doc, f: Found, mentions: list[Mention]) -> Mention | None:
    """The mention the source resolves to: the mention at the source's head, through its chain."""
    if f.source is None or f.source_tok is None:
        return None
    head = doc[f.source_tok]
    if head.lower_ in {"who", "that", "which"} and head.head.dep_ != "ROOT":
        # "Ushakov, who said ..." — the relative pronoun stands for the noun it modifies
        head = head.head.head
    inside = [m for m in mentions if f.source[0] <= m.start and m.end <= f.source[1]]
    at_head = _mentions_at(mentions, head)
    pick = at_head[0] if at_head else None
    if pick is None or pick.kind != "name":
        # "Another critic, Laurence H. Tribe, said": the name set beside the description says who
        pick = _appositive_name(head, inside) or pick
    if pick is None and inside:
        # the name in the source phrase ("Putin's top aide Yuri Ushakov" -> Yuri Ushakov)
        names = [m for m in inside if m.kind == "name" and m.label == "PERSON"] or inside
        pick = names[-1]
    if pick is None:
        return None
    # "Ann Vale and Tom Reyes said ...": a compound source (PolNeAR's "Google and Yahoo say") is all of
    # them; so is a name pair set beside a plural ("producers Craig Zadan and Neil Meron said")
    anchor = head
    if not (pick.start <= head.idx < pick.end):
        span = doc.char_span(pick.start, pick.end, alignment_mode="expand")
        anchor = span.root if span is not None and len(span) else head
    others = [m for c in anchor.conjuncts if f.source[0] <= c.idx < f.source[1]
              for m in _mentions_at(mentions, c) if m.label == "PERSON" == pick.label]
    if others:
        return _people(pick, [pick.chain, *(m.chain for m in others)], mentions)
    if pick.kind == "name":
        return pick
    named = best_name(mentions, pick.chain)
    if named is not None:
        return named
    if pick.kind != "pronoun":
        return pick  # "the US President" with no name in the article still says who spoke
    together = next((m.stands_for for m in mentions if m.chain == pick.chain and m.stands_for), ())
    if together:
        # "they" for "Trump ... his meeting with Zelensky" (or a "they" of its chain): both spoke
        return _people(pick, list(together), mentions)
    # A pronoun the coreference stage could not tie to anyone ("they", "he" with no antecedent) names
    # nobody: made a speaker, it became a speaker group of its own called "they" or "he". The chain's
    # title or description, if any, still says who; otherwise the quote is left without a speaker.
    described = [m for m in mentions if m.chain == pick.chain and m.kind != "pronoun"]
    return described[0] if described else None


def _appositive_name(head, inside: list[Mention]) -> Mention | None:
    """A person's name in apposition to the source's head ("Another critic, Laurence H. Tribe"; "Scott's
    niece, state Del. Marcia Price" — Price, not the possessor Scott), or None."""
    by_start = {t.idx: t for t in head.subtree}
    for m in inside:
        tok = by_start.get(m.start)
        if m.kind != "name" or m.label != "PERSON" or tok is None or m.start <= head.idx:
            continue
        # The first apposition on the way up to the head, compared by index (spaCy makes a new Token
        # on each access); it must hang on the head itself, not inside its object ("revelations about X").
        for up in (tok, *tok.ancestors):
            if up.i == head.i:
                break
            if up.dep_ == "appos":
                if up.head.i == head.i:
                    return m
                break
    return None


def _mentions_at(mentions: list[Mention], tok) -> list[Mention]:
    """The mentions that hold the token ``tok``."""
    return [m for m in mentions if m.start <= tok.idx < m.end]


def _people(where: Mention, chains: list[int | None], mentions: list[Mention]) -> Mention | None:
    """One speaker for several people spoken for together, named after each ("Donald Trump and Volodymyr
    Zelensky"); linked to no entity, as each of them is one person and the pair is not. None where one
    of them has no name in the article."""
    people = [best_name(mentions, c) for c in dict.fromkeys(chains)]
    if not all(people):
        return None
    if len(people) == 1:
        return people[0]
    return Mention(start=where.start, end=where.end, text=" and ".join(m.text for m in people),
                   label="PERSON", kind="group")


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
