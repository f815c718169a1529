"""Coreference of pronouns: personal pronouns to their antecedent, relative pronouns to the phrase their
clause is said of, and "I"/"me"/"my" inside a quotation to its speaker.

Used by ``coref.resolve_coreference`` once names and titles are chained; a pronoun outside quotation
marks never takes a name inside them.
"""

from __future__ import annotations

from ..model import Mention
from .coref_names import Chains
from .mentions import NOMINAL_LABEL

__all__ = ["FIRST_PERSON", "PRONOUN_GENDER", "RELATIVE_PRONOUNS", "antecedent", "first_person_in_quotes",
           "people_together", "quote_spans", "quoted_chars", "relative_pronouns"]

# Pronoun form -> (gender, number). "m"/"f" for he/she, "n" for it, "p" for plural/they, "1" for I/we.
PRONOUN_GENDER: dict[str, tuple[str, str]] = {
    "he": ("m", "sg"), "him": ("m", "sg"), "his": ("m", "sg"), "himself": ("m", "sg"),
    "she": ("f", "sg"), "her": ("f", "sg"), "hers": ("f", "sg"), "herself": ("f", "sg"),
    "it": ("n", "sg"), "its": ("n", "sg"), "itself": ("n", "sg"),
    "they": ("x", "pl"), "them": ("x", "pl"), "their": ("x", "pl"), "theirs": ("x", "pl"),
    "themselves": ("x", "pl"),
}

# Labels of organisation-like groups rather than persons, for "it"/"they".
_GROUP_LABELS = {"ORG", "NORP", "GPE"}
_PERSON_LIKE = {"PERSON"}

# How many sentences back a pronoun looks for its antecedent.
_PRONOUN_WINDOW = 3

# What a he/she antecedent whose chain is known to have the pronoun's gender gains over one whose
# gender nothing in the article states: less than the main-clause subject bonus, so a "McLenney said ..."
# whose gender is unknown still takes the "she" of her own quote over a woman she talked about.
_KNOWN_GENDER = 0.75

# Prepositions that make a place the setting of what is said ("in Ohio", "from Washington").
_PLACE_PREPS = {"in", "at", "on", "from", "to", "near", "across", "throughout", "into", "around", "outside",
                "inside", "within", "through"}

# Relative pronouns and the kind of antecedent each can take.
RELATIVE_PRONOUNS = {"who": _PERSON_LIKE, "whom": _PERSON_LIKE, "whose": None, "which": None, "where": None}

# Verbs that introduce a quotation's speaker ("...," she said; Trump told reporters: "...").
_SPEECH_VERBS = frozenset(["say", "tell", "add", "explain", "write", "ask", "insist", "argue", "state", "claim",
                           "note", "declare", "recall", "warn", "continue", "reply", "respond", "tweet", "post",
                           "announce", "comment", "remark", "acknowledge", "admit", "joke", "quip"])
FIRST_PERSON = frozenset(["i", "me", "my", "mine", "myself"])


def relative_pronouns(doc, relatives: list, out: list[Mention], uf: Chains, covered_chars: set[int]) -> None:
    """Join "who"/"whose"/"which"/"where" opening a relative clause to the phrase the clause is
    said of ("Zurana Horton, who was shot ..."): the parse attaches the clause to that phrase's head.

    ``relatives``: the article's tokens whose lower-case form is a key of ``RELATIVE_PRONOUNS``, in order."""
    at_token: dict[int, int] = {}
    for i, m in enumerate(out):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            at_token.setdefault(span.root.i, i)
    for tok in relatives:
        low = tok.lower_
        if tok.idx in covered_chars:
            continue
        clause = tok.head if tok.dep_ != "poss" else tok.head.head
        if clause.dep_ != "relcl" or not (clause.head.i < tok.i):
            continue
        ante = at_token.get(clause.head.i)
        if ante is None:
            continue
        labels = RELATIVE_PRONOUNS[low]
        m = out[ante]
        if labels is not None and m.label not in labels and m.kind == "name":
            continue
        idx = uf.add()
        out.append(Mention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, label=m.label,
                           kind="pronoun"))
        uf.union(ante, idx)
        covered_chars.update(range(tok.idx, tok.idx + len(tok.text)))


def _chain_gender(uf: Chains, root: int, gender: dict[int, str]) -> str | None:
    seen = {g for j, g in gender.items() if uf.find(j) == root and g in {"m", "f"}}
    return seen.pop() if len(seen) == 1 else None


def antecedent(doc, tok, g, number, out, by_pos, token_of, gender, uf, sent_of, quoted=()) -> int | None:
    """The mention index a pronoun refers to, or None.

    ``sent_of`` gives each token's sentence number; ``quoted`` holds the character offsets inside quotation marks: a pronoun outside them ("...,"
    she said) is not someone the quote names ("the plan that Donald has put forth").
    """
    s_here = sent_of[tok.i]
    best, best_score = None, -1e9
    # Nothing joins or gains a gender while one pronoun is resolved: a chain's gender is read once.
    chain_gender: dict[int, str | None] = {}
    for i in by_pos:
        m = out[i]
        if m.start >= tok.idx:
            continue
        ti = token_of.get(i)
        if ti is None:
            continue
        s = sent_of[ti]
        dist = s_here - s
        if dist > _PRONOUN_WINDOW:
            continue
        if g in {"m", "f"}:
            if m.label not in _PERSON_LIKE:
                continue
            root = uf.find(i)
            if root not in chain_gender:
                chain_gender[root] = _chain_gender(uf, root, gender)
            cg = chain_gender[root]
            if cg is not None and cg != g:
                continue
        elif g == "n":
            if m.label == NOMINAL_LABEL:
                # "The city sent a letter. It says ...": the thing "it" stands for is most often named
                # by a common noun; without these, the nearest place or organisation name took it
                if doc[ti].tag_ not in {"NN", "NNP"}:
                    continue
            elif m.label not in _GROUP_LABELS - {"NORP"} and m.label not in {"ORG", "PRODUCT", "LAW"}:
                continue
            elif m.label == "GPE" and doc[ti].dep_ == "pobj" and doc[ti].head.lower_ in _PLACE_PREPS:
                continue  # "an event in Florida": a place named as the setting is no actor "it" stands for
            if m.kind == "pronoun" and PRONOUN_GENDER.get(m.text.lower(), ("", ""))[0] != "n":
                continue
        else:  # they: a group named as a subject nearby, or an earlier "they"; people in the
            # plural ("Trump and Zelensky") have no single mention to join, so none is guessed
            if dist > 1:
                continue
            if m.kind == "pronoun":
                if PRONOUN_GENDER.get(m.text.lower(), ("", ""))[1] != "pl":
                    continue
            elif m.label not in {"ORG", "NORP"} or not doc[token_of[i]].dep_.startswith("nsubj"):
                continue
        if m.start in quoted and tok.idx not in quoted:
            continue
        t = doc[ti]
        # same clause, object pronoun: "Trump praised him" cannot be Trump
        if dist == 0 and tok.dep_ in {"dobj", "pobj", "iobj"} and t.dep_.startswith("nsubj") and t.head == tok.head:
            continue
        # "Putin and him": a pronoun is never its own conjunct's coreferent
        if dist == 0 and ((t.dep_ == "conj" and t.head.i == tok.i) or (tok.dep_ == "conj" and tok.head.i == t.i)):
            continue
        score = -2.0 * dist
        if t.dep_ in {"nsubj", "nsubjpass"}:
            score += 2.5
            if t.head.dep_ == "ROOT":
                score += 1.0  # the main clause's subject is the sentence's topic
        elif _subject_of_relative_clause(t):
            # "with Hillary Clinton — who's called for tax hikes — lambasting ...": the clause is said
            # of her, she is its subject, as salient as the subject of a clause of her own
            score += 2.5
        elif t.dep_ == "poss":
            score += 0.5
        if g in {"m", "f"} and chain_gender[uf.find(i)] == g:
            # a person known to be a woman is a better "she" than one whose gender nothing states (a
            # surname alone, a given name the name lists do not know)
            score += _KNOWN_GENDER
        if dist == 0:
            score += 1.0
        # later mentions in the window win ties (recency)
        score += m.start / 1e7
        if score > best_score:
            best, best_score = i, score
    return best


# Words of an act done together, whose "with" names the other party: "his meeting with Zelensky",
# "Vale met with Reyes". Their participants are the people a later "they" stands for.
_JOINT_ACTS = frozenset(["meet", "meeting", "talk", "talks", "call", "conversation", "summit", "negotiate",
                         "negotiation", "negotiations", "discussion", "discussions", "speak", "phone"])


def people_together(doc, tok, out: list[Mention], token_of: dict[int, int]) -> tuple[int, ...]:
    """The people a "they" with no plural antecedent stands for, as mention indices, or ().

    Only where its own sentence names them together before it, in a clause "they" hangs from: a
    conjoined subject ("Ann Vale and Tom Reyes said they ...") or the parties of a joint act ("Vale
    mentioned her meeting with Reyes, saying they would ..."). Nothing further back is guessed, nor
    people named in a clause aside ("McConnell and Ryan backed the bill, but some, such as Corker and
    Graham, now say they ...").
    """
    person_at = {ti: i for i, ti in token_of.items() if out[i].label == "PERSON" and out[i].kind != "pronoun"
                 or out[i].kind == "pronoun" and out[i].label == "PERSON" and out[i].text.lower() in _OWNERS}
    above = {a.i for a in tok.ancestors}
    before = [t for t in tok.sent if t.i < tok.i]
    for t in reversed(before):
        # "Ann Vale and Tom Reyes": a subject and the people conjoined with it
        if t.dep_ in {"nsubj", "nsubjpass"} and t.i in person_at and t.head.i in above:
            group = [t.i] + [c.i for c in t.conjuncts if c.i < tok.i]
            if len(group) > 1 and all(i in person_at for i in group):
                return tuple(person_at[i] for i in group)
    for t in reversed(before):
        if t.lemma_.lower() not in _JOINT_ACTS:
            continue
        verb = t if t.pos_ in {"VERB", "AUX"} else t.head
        if verb.i not in above:
            continue
        other = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "with"
                      for g in c.children if g.dep_ == "pobj" and g.i in person_at), None)
        if other is None:
            continue
        # the other party: the act's owner ("his meeting") or the subject of the act or of its clause
        owner = next((c for c in t.children if c.dep_ == "poss" and c.i in person_at), None)
        if owner is None:
            owner = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in person_at), None)
        if owner is not None and owner.i != other.i:
            return (person_at[owner.i], person_at[other.i])
    return ()


# Possessive pronouns that can name the owner of a joint act ("his meeting with ...").
_OWNERS = frozenset(["his", "her"])


def _subject_of_relative_clause(t) -> bool:
    """Whether a relative clause on ``t`` has its relative pronoun for subject ("X, who said ...")."""
    return any(c.dep_ == "relcl" and any(s.dep_ in {"nsubj", "nsubjpass"} and s.lower_ in {"who", "that"}
                                         for s in c.children)
               for c in t.children)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation, marks included (curly or straight); none runs past its paragraph."""
    spans = []
    for para_start, para in _paragraphs(text):
        open_at = None
        for k, ch in enumerate(para):
            if ch == "“" or (ch == '"' and open_at is None):
                open_at = k
            elif (ch == "”" or ch == '"') and open_at is not None:
                spans.append((para_start + open_at, para_start + k + 1))
                open_at = None
    return spans


def quoted_chars(spans: list[tuple[int, int]]) -> set[int]:
    """Offsets inside the quotations ``spans`` (from ``quote_spans``)."""
    return {i for s, e in spans for i in range(s, e)}


def first_person_in_quotes(doc, spans: list[tuple[int, int]], firsts: list, out: list[Mention], uf: Chains,
                           covered_chars: set[int]) -> None:
    """"I", "me", "my" inside a quotation are its speaker: the subject of the speech verb written
    right before or after it in the same sentence ("'I am ready,' she said" -> the chain of "she").

    ``spans``: the article's quotations (``quote_spans``); ``firsts``: its tokens whose lower-case form
    is in ``FIRST_PERSON``, in order (looking for them in the whole article once per quotation made
    this step quadratic in the article's length)."""
    if not firsts or not spans:
        return
    at_char: dict[int, int] = {}
    for i, m in enumerate(out):
        if m.label == "PERSON" and m.kind in {"name", "pronoun", "title"}:
            for c in range(m.start, m.end):
                at_char.setdefault(c, i)
    for qs, qe in spans:
        inside = [t for t in firsts if qs <= t.idx < qe and t.idx not in covered_chars]
        if not inside:
            continue
        quote = doc.char_span(qs, qe, alignment_mode="expand")
        if quote is None or not len(quote):
            continue
        speaker = None
        for t in doc[quote[0].sent.start:quote[-1].sent.end]:
            if qs <= t.idx < qe or t.lemma_.lower() not in _SPEECH_VERBS or t.pos_ not in {"VERB", "AUX"}:
                continue
            subj = [c for c in t.children if c.dep_ == "nsubj" and not qs <= c.idx < qe]
            if subj and subj[0].idx in at_char:
                speaker = at_char[subj[0].idx]
                break
        if speaker is None:
            continue
        for t in inside:
            idx = uf.add()
            out.append(Mention(start=t.idx, end=t.idx + len(t.text), text=t.text, label="PERSON", kind="pronoun"))
            uf.union(speaker, idx)
            covered_chars.update(range(t.idx, t.idx + len(t.text)))


def _paragraphs(text: str):
    start = 0
    for part in text.split("\n"):
        yield start, part
        start += len(part) + 1
