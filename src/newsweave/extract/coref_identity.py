"""Identity statements: a common-noun phrase the sentence says *is* a named participant joins its chain.

News introduces a participant by a name and a description in one breath, and later reports (or
other outlets) use the description alone: "Vishwanand Subryan, 23, a driver from Schenectady",
"The driver, who police identified as Vishwanand Subryan", "the victim was Raj Chohan". Chaining the
description to the name here lets the story's later "the driver" find Subryan (the cross-document
linker learns a story's descriptions from the chains), and lets a quote of "the driver" name him.

Only what the parse states as identity counts, each one a domain rule below:

* apposition — the noun phrase and the name are appositives of each other;
* "identified as" / "named as" — the phrase is what was identified (or the verb's relative clause
  hangs on it) and the name is the object of "as";
* the copula — "the driver was Subryan", "Subryan was the driver", "Roe became the first woman to
  ..."; never negated ("was not") nor under a modal ("could be the next surgeon general" is a
  possibility, not an identity);
* an appointment — "Obama named Benjamin (as) the next surgeon general", "Benjamin was named the new
  surgeon general", "nominated Benjamin to be ...", "hired Cheeks as their coach": the office is the
  person from then on, and news calls the person by it ("the surgeon general said ..."). Not
  negated, not under a modal ("could be named coach").

A plural phrase names a group, not the person; a description whose gender (woman, man)
contradicts what the chain is known to be stays apart. A family noun stated of a name ("Raj Chohan,
a grandmother"; "his wife, Melania") is that person all the same.
"""

from __future__ import annotations

from ..model import Mention
from .coref_names import Chains

__all__ = ["identity_statements"]

_IDENTIFY_VERBS = frozenset({"identify", "name"})
# Verbs that put a person in an office: the office phrase is then that person.
_APPOINT_VERBS = frozenset({"name", "appoint", "nominate", "elect", "hire", "choose", "pick", "tap", "select",
                            "install", "designate", "promote", "reelect", "re-elect"})
_FUTURE = frozenset({"will", "'ll", "’ll", "shall"})
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def _side_by_side(left, right) -> bool:
    """Whether two appositives stand together: between them only punctuation, numbers and the left
    one's own modifiers ("Subryan, 23, of Schenectady, a driver"; "the head of the service, Dalman"),
    and the right one is not in parentheses ("Reggie Bush (knee)" is an injury, not Bush). A parse
    that calls a later list item an appositive of a name ("Nichols ... was found guilty of murdering
    a judge, a court reporter") has the verb between them."""
    doc = left.doc
    lo, hi = (left, right) if left.i < right.i else (right, left)
    start = lo.right_edge.i + 1 if lo.right_edge.i < hi.left_edge.i else lo.i + 1
    end = hi.left_edge.i
    if any(t.text == "(" for t in doc[max(start, end - 1):hi.i]):
        return False
    subtree = {t.i for t in lo.subtree}
    return all(t.is_punct or t.like_num or t.i in subtree for t in doc[start:end])


def _appositive_name(head, name_of: dict[int, int]) -> int | None:
    """The name in apposition to ``head`` ("Subryan, a driver"; "the driver, Subryan")."""
    if head.dep_ == "appos" and head.head.i in name_of and _side_by_side(head.head, head):
        return name_of[head.head.i]
    for c in head.children:
        if c.dep_ == "appos" and c.i in name_of and _side_by_side(head, c):
            return name_of[c.i]
    return None


def _identified_name(head, name_of: dict[int, int]) -> int | None:
    """The name a phrase is identified as: "the driver, (who police) identified as Subryan"; "the
    victim was identified as Raj Chohan"."""
    verbs = [head.head] if head.dep_ in ("nsubjpass", "dobj") else []
    verbs += [c for c in head.children if c.dep_ in ("relcl", "acl")]
    for v in verbs:
        if v.lemma_.lower() not in _IDENTIFY_VERBS:
            continue
        for prep in v.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in name_of:
                        return name_of[obj.i]
    return None


def _stated(verb) -> bool:
    """Whether a verb is stated as fact: not negated, not under a modal of possibility ("could be",
    "was not"); "will" states what is to happen ("will host the Oscars, becoming the first ...")."""
    return not any(c.dep_ == "neg" or (c.tag_ == "MD" and c.lower_ not in _FUTURE) for c in verb.children)


def _copula_name(head, name_of: dict[int, int]) -> int | None:
    """The name a copula equates with the phrase: "the victim was Raj Chohan", "Subryan was the driver",
    "Roe became the first woman ..." (and ", becoming the first woman" of the clause's subject)."""
    verb = head.head
    if verb.lemma_ not in ("be", "become") or head.dep_ not in ("attr", "nsubj") or not _stated(verb):
        return None
    if verb.lemma_ == "become" and head.dep_ != "attr":
        return None  # "the driver became ..." says what the driver became, not who
    other = "nsubj" if head.dep_ == "attr" else "attr"
    for c in verb.children:
        if c.dep_ == other and c.i in name_of:
            return name_of[c.i]
    if verb.lemma_ == "become" and verb.dep_ == "advcl" and verb.tag_ == "VBG" and _stated(verb.head):
        for c in verb.head.children:  # "DeGeneres will host ..., becoming the first woman to ..."
            if c.dep_ == "nsubj" and c.i in name_of:
                return name_of[c.i]
    return None


def _appointed_name(head, name_of: dict[int, int]) -> int | None:
    """The name an appointment puts in the office the phrase names: "named Benjamin (as) the next
    surgeon general", "Benjamin was named the new surgeon general", "nominated Benjamin to be the next
    surgeon general", "hired Cheeks as their coach"."""
    verb = head.head
    if head.dep_ == "pobj" and verb.lower_ == "as" and verb.dep_ == "prep":
        verb = verb.head  # "... as the next surgeon general"
        if verb.i in name_of and verb.dep_ in ("dobj", "nsubjpass"):
            # the parse hung "as ..." on the name: "appointed [Reyl as manager]"
            return name_of[verb.i] if verb.head.lemma_.lower() in _APPOINT_VERBS and _stated(verb.head) else None
    elif head.dep_ == "attr" and verb.lemma_ == "be" and verb.dep_ == "xcomp":
        verb = verb.head  # "... to be the next surgeon general"
    elif head.dep_ != "oprd":
        return None
    if verb.lemma_.lower() not in _APPOINT_VERBS or not _stated(verb):
        return None
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "oprd") and c.i != head.i and c.i in name_of:
            return name_of[c.i]
    return None


def identity_statements(doc, out: list[Mention], uf: Chains, name_of: dict[int, int], head_of: dict[int, int],
                        gender: dict[int, str], gendered_nouns: dict[str, str]) -> None:
    """Join each nominal mention of ``out`` that the parse states to be a named one to that name's chain.

    ``name_of`` maps each token of a name mention to its index in ``out``; ``head_of`` maps a mention's
    index to its head token's (coreference's ``token_of``: a nominal phrase ends at its head);
    ``gender`` (mention index -> gender evidence) is read to keep a "woman" off a chain known to be a man's.
    """
    for idx, m in enumerate(out):
        if m.kind != "nominal" or idx not in head_of:
            continue
        head = doc[head_of[idx]]
        if head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
            continue  # a group; "Felt was no liberal" says what he was not
        name = _appositive_name(head, name_of)
        if name is None:
            name = _identified_name(head, name_of)
        if name is None:
            name = _copula_name(head, name_of)
        if name is None:
            name = _appointed_name(head, name_of)
        if name is None or out[name].label not in _NAMED_LABELS:
            continue
        said = gendered_nouns.get(head.lower_)
        known = gender.get(uf.find(name)) or gender.get(name)
        if said and known and said != known:
            continue
        uf.union(name, idx)
        out[idx].label = out[name].label
        if said and not known:
            gender[name] = said
