"""In-document coreference by rules: names, titles, descriptions and pronouns joined into chains.

No coreference model can be downloaded for this project, so this stage resolves what news text
needs most for "who said what", from the article itself and the dependency parse:

* **name variants** — "Donald Trump", "Trump", "Mr. Trump" share a chain when the shorter name's
  words are the last words of the longer one (people) or the same words (organisations, places);
* **titles** — a role noun written before a name ("US President Donald Trump", "Putin's top aide
  Yuri Ushakov") teaches the article's own roles; a later "the US President" or "the Russian
  leader" joins the chain of the person the article gave that role to. No table of real-world
  office holders is used: the role must be stated in the same article;
* **pronouns** — he/she/they/it (and their other forms) join the most salient earlier compatible
  mention: same sentence or the few before it, subjects preferred, gender and number kept apart
  (a chain's gender comes from given names, honorifics, gendered titles and its pronouns); a pronoun
  outside quotation marks never takes a name inside them, and "I"/"me"/"my" inside a quotation are
  the subject of the speech verb that introduces it;
* **people kept apart** — a name joins a chain only where its given name and gender fit the chain's
  ("Melania Trump" does not join "Donald Trump" ... "Trump"); a bare surname joins the largest
  compatible chain so far.

The stage adds ``Mention`` records of kind ``title``/``description``/``pronoun`` to
``ex.mentions`` (offsets exact: ``text == article.text[start:end]``) and sets ``chain`` on every
mention; mentions of one thing share a chain number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Extraction, Mention
from ..names import first_name_gender, first_names_agree, spelling
from ..settings import Settings
from .pipeline import stage

__all__ = ["PRONOUN_GENDER", "best_name", "chain_members", "resolve_coreference"]

# Pronoun form -> (gender, number). "m"/"f" for he/she, "n" for it, "p" for plural/they, "1" for I/we.
PRONOUN_GENDER: dict[str, tuple[str, str]] = {
    "he": ("m", "sg"), "him": ("m", "sg"), "his": ("m", "sg"), "himself": ("m", "sg"),
    "she": ("f", "sg"), "her": ("f", "sg"), "hers": ("f", "sg"), "herself": ("f", "sg"),
    "it": ("n", "sg"), "its": ("n", "sg"), "itself": ("n", "sg"),
    "they": ("x", "pl"), "them": ("x", "pl"), "their": ("x", "pl"), "theirs": ("x", "pl"),
    "themselves": ("x", "pl"),
}

# Words before a surname that are honorifics, not part of the name; they also tell gender.
_HONORIFIC_GENDER = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
    "miss": "f", "madam": "f", "lady": "f", "dame": "f",
}
_HONORIFICS = set(_HONORIFIC_GENDER) | {
    "dr", "dr.", "prof", "prof.", "gov", "gov.", "sen", "sen.", "rep", "rep.", "gen", "gen.",
    "president", "senator", "governor", "minister", "secretary", "judge", "justice", "rev", "rev.",
}
# Nouns that give a person's gender when used of them ("the first lady", "his wife").
_GENDERED_NOUNS = {
    "man": "m", "husband": "m", "father": "m", "son": "m", "brother": "m", "king": "m", "boy": "m",
    "businessman": "m", "congressman": "m", "chairman": "m", "spokesman": "m", "uncle": "m",
    "woman": "f", "wife": "f", "mother": "f", "daughter": "f", "sister": "f", "queen": "f",
    "girl": "f", "businesswoman": "f", "congresswoman": "f", "chairwoman": "f", "spokeswoman": "f",
    "aunt": "f", "lady": "f",
}
# Nouns that name an organisation-like group rather than a person, for "it"/"they" and titles.
_GROUP_LABELS = {"ORG", "NORP", "GPE"}
_PERSON_LIKE = {"PERSON"}

# How many sentences back a pronoun looks for its antecedent.
_PRONOUN_WINDOW = 3


@dataclass
class _Chains:
    """Union-find over mention indices."""

    parent: list[int] = field(default_factory=list)

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the earlier mention stays the root, so chain numbers follow text order
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


def _name_words(text: str) -> list[str]:
    words = [w for w in re.findall(r"[\w.'’-]+", text.lower())]
    while words and words[0] in _HONORIFICS:
        words = words[1:]
    # A word of dots alone ("...") would leave an empty name word, which no name comparison can use.
    return [w.rstrip(".") for w in words if w not in {"jr", "jr.", "sr", "sr."} and w.rstrip(".")] or [
        w for w in words if w.rstrip(".")]


def _same_name(short: list[str], long: list[str], label: str) -> bool:
    if not short or not long:
        return False
    if short == long:
        return True
    if label == "PERSON":
        # "Trump" ~ "Donald Trump"; "Donald Trump" ~ "Donald J. Trump"
        if len(short) == 1:
            return long[-1] == short[0]
        return short[-1] == long[-1] and short[0] == long[0]
    # organisations: "the Kremlin" ~ "Kremlin", acronyms of the long form
    if len(short) == 1 and len(long) > 1:
        acronym = "".join(w[0] for w in long if w not in {"of", "the", "and", "for"})
        return short[0] == acronym
    return False


@dataclass
class _Person:
    """What the names of one chain say of its person: given names, surnames, gender, name count."""

    given: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    gender: str | None = None
    names: int = 0

    def admits(self, words: list[str], gender: str | None) -> bool:
        """Whether a name (its words, and the gender its given name or honorific states) can be this person's."""
        if gender and self.gender and gender != self.gender:
            return False
        if len(words) > 1:
            if self.surnames and words[-1] not in self.surnames:
                return False
            if not self.given and self.names >= 2:
                # An article that has named someone twice by surname alone and now writes a full
                # name ("Obama" ... "Michelle Obama") mostly means another person; the linker joins
                # the two again where nothing contradicts.
                return False
            return all(first_names_agree(spelling(words[0]), spelling(g)) for g in self.given)
        return True

    def add(self, words: list[str], gender: str | None) -> None:
        self.names += 1
        if len(words) > 1:
            self.given.add(words[0])
            self.surnames.add(words[-1])
        if gender and not self.gender:
            self.gender = gender


def _token_index_at(doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _role_of(tokens) -> tuple[str, frozenset[str]] | None:
    """The role a title phrase states: its last common noun and the modifiers before it."""
    nouns = [t for t in tokens if t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.text[:1].isupper()
                                                          and t.lower_ in _ROLE_PROPN)]
    if not nouns:
        return None
    head = nouns[-1]
    before = [t for t in tokens if t.i < head.i and t.pos_ in {"ADJ", "PROPN", "NOUN"}
              and t.lower_ not in {"top", "senior", "former", "new", "then"}]
    mods = {t.lower_.replace(".", "") for t in before}
    # "United States President" and "US President" state one role: add the run's initials
    caps = [t for t in before if t.pos_ == "PROPN" and t.text[:1].isupper()]
    if len(caps) > 1:
        mods.add("".join(t.text[0].lower() for t in caps))
    return head.lemma_.lower(), frozenset(mods)


# Capitalised role words that the tagger often calls proper nouns ("President", "Chancellor").
_ROLE_PROPN = {
    "president", "minister", "secretary", "chancellor", "senator", "governor", "mayor", "leader",
    "chairman", "chairwoman", "ambassador", "spokesman", "spokeswoman", "premier", "king", "queen",
    "prince", "general", "director", "speaker", "aide", "envoy", "adviser", "advisor", "candidate",
    "nominee", "chief", "commissioner", "judge", "prosecutor", "attorney",
}


def _title_before(doc, name_start_tok, name_end_tok):
    """Tokens of the title written right before a person's name, in the name's noun phrase.

    "US President Donald Trump" -> [US, President]; "Putin's top aide Yuri Ushakov" ->
    [Putin, 's, top, aide]. Stops at a determiner, punctuation or a word outside the phrase.
    """
    name_tokens = set(range(name_start_tok, name_end_tok))
    head = max((doc[i] for i in name_tokens), key=lambda t: t.head.i not in name_tokens)
    toks = []
    i = name_start_tok - 1
    while i >= 0:
        t = doc[i]
        if t.is_punct or t.pos_ in {"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM"}:
            if t.lower_ in {"'s", "’s"}:
                toks.append(t)
                i -= 1
                continue
            break
        # the word must belong to the same noun phrase as the name
        anc = t
        in_phrase = False
        for _ in range(4):
            if anc.i in name_tokens or anc == head or anc.i == head.i:
                in_phrase = True
                break
            if anc.head == anc:
                break
            anc = anc.head
        if not in_phrase:
            break
        toks.append(t)
        i -= 1
    toks.reverse()
    while toks and toks[0].lower_ in {"'s", "’s"}:
        toks = toks[1:]
    return toks


def _mention_tokens(doc, m: Mention):
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span


def resolve_coreference(doc, mentions: list[Mention]) -> list[Mention]:
    """Return the article's mentions (names given, plus titles and pronouns found) with ``chain`` set.

    ``mentions`` are the name mentions of ``doc`` (from the entities stage); the result is sorted by
    position and every mention's ``chain`` is an int shared by the mentions of one thing.
    """
    text = doc.text
    names = _join_split_names(doc, sorted((m for m in mentions), key=lambda m: (m.start, -m.end)))
    out: list[Mention] = []
    uf = _Chains()
    gender: dict[int, str] = {}  # mention index -> gender evidence
    token_of: dict[int, int] = {}  # mention index -> head token index
    roles: dict[tuple[str, frozenset[str]], int] = {}  # stated role -> mention index holding it
    poss_roles: dict[tuple[str, int], int] = {}  # (role noun, owner mention index) -> holder

    def add(m: Mention, head_tok: int | None) -> int:
        out.append(m)
        idx = uf.add()
        if head_tok is not None:
            token_of[idx] = head_tok
        return idx

    covered_chars: set[int] = set()
    name_idx_by_tok: dict[int, int] = {}
    for m in names:
        span = _mention_tokens(doc, m)
        idx = add(m, span.root.i if span is not None and len(span) else None)
        if span is not None and len(span):
            for t in span:
                name_idx_by_tok[t.i] = idx
            covered_chars.update(range(m.start, m.end))
            if m.label == "PERSON":
                title = _title_before(doc, span.start, span.end)
                before = doc[span.start - 1] if span.start > 0 else None
                if before is not None and before.lower_ in _HONORIFIC_GENDER:
                    gender[idx] = _HONORIFIC_GENDER[before.lower_]
                first = span[0].lower_
                if first in _HONORIFIC_GENDER:
                    gender[idx] = _HONORIFIC_GENDER[first]
                role = _role_of(title) if title else None
                if role is not None:
                    # cut what follows the role noun ("aide Yury" when NER split the name)
                    title = [t for t in title if t.i <= max(x.i for x in title if x.lemma_.lower() == role[0])]
                if title and role is not None:
                    # the title itself is a mention of the person ("US President" Donald Trump)
                    tstart, tend = title[0].idx, title[-1].idx + len(title[-1].text)
                    if title[0].dep_ != "poss" and not any(t.dep_ == "poss" for t in title):
                        t_idx = add(Mention(start=tstart, end=tend, text=text[tstart:tend], label="PERSON",
                                            kind="title"), title[-1].i)
                        uf.union(idx, t_idx)
                    role = _role_of(title)
                    if role is not None:
                        roles[role] = idx
                        roles.setdefault((role[0], frozenset()), idx)
                        roles[(role[0], frozenset())] = idx
                        g = _GENDERED_NOUNS.get(role[0])
                        if g:
                            gender[idx] = g
                        owner = [t for t in title if t.dep_ == "poss"]
                        if owner and owner[0].i in name_idx_by_tok:
                            poss_roles[(role[0], uf.find(name_idx_by_tok[owner[0].i]))] = idx

    # Name variants join one chain (a later short form joins the earlier long one), only where
    # nothing in the chain contradicts: Melania Trump does not join the chain of "Donald Trump" ...
    # "Trump", and a bare "Trump" joins the article's most-named compatible Trump so far.
    words = [_name_words(m.text) for m in out]
    for i, m in enumerate(out):
        if m.kind == "name" and m.label == "PERSON" and len(words[i]) > 1 and i not in gender:
            g = first_name_gender(words[i][0])
            if g:
                gender[i] = g
    people: dict[int, _Person] = {}  # chain root -> what its names say of the person
    size: dict[int, int] = {}  # chain root -> mentions in the chain so far (names and their titles)
    for k in range(len(out)):
        size[uf.find(k)] = size.get(uf.find(k), 0) + 1
    for i, m in enumerate(out):
        wi = words[i]
        best, best_key = None, None
        for j in range(i):
            mj = out[j]
            wj = words[j]
            label = m.label
            if mj.label != m.label:
                # spaCy's small model tags a surname ORG now and then ("Trump assured ..."): a
                # short name matching an earlier full PERSON name is that person
                if mj.label == "PERSON" and len(wj) > 1 and len(wi) == 1:
                    label = "PERSON"
                elif not ({mj.label, m.label} <= {"ORG", "GPE", "NORP"} and wj == wi):
                    continue
            given_alone = (label == "PERSON" == mj.label and len(wi) == 1 and len(wj) > 1 and wi[0] == wj[0]
                           and mj.kind == "name" and first_name_gender(wi[0]) is not None)
            if not (_same_name(wi, wj, label) or _same_name(wj, wi, label) or given_alone):
                continue  # "Donald" alone is the article's Donald Trump (a given name the Census lists know)
            if label != "PERSON":
                best = j
                break
            person = people.get(uf.find(j))
            if person is not None and not person.admits(wi, gender.get(i)):
                continue
            # the most-mentioned compatible person so far; the later one among equals
            key = (size.get(uf.find(j), 1), j)
            if best_key is None or key > best_key:
                best, best_key = j, key
        if best is not None:
            if out[best].label == "PERSON" and m.label != "PERSON" and len(wi) == 1:
                m.label = "PERSON"
            root_before, root_i = uf.find(best), uf.find(i)
            uf.union(best, i)
            if root_before != root_i:
                size[uf.find(i)] = size.pop(root_before, 1) + size.pop(root_i, 1)
            if best in gender and i not in gender:
                gender[i] = gender[best]
            person = people.pop(root_before, None) or _Person()
        else:
            person = _Person()
        if m.label == "PERSON" and m.kind == "name":
            person.add(wi, gender.get(i))
            people[uf.find(i)] = person

    # Titles and descriptions: "the US President", "the Russian leader", "Putin's top aide".
    # A nominal mention the nominal stage made of the phrase ("Russian President") is that phrase.
    nominal_at = {m.end - 1: i for i, m in enumerate(out) if m.kind == "nominal"}
    # The noun phrases, and the owner phrases inside them ("the US President" in "the US President's
    # talk"), which the chunker does not give as phrases of their own.
    phrases = list(doc.noun_chunks)
    phrases += [doc[t.left_edge.i:t.i + 1] for t in doc if t.dep_ == "poss" and t.pos_ in {"NOUN", "PROPN"}
                and t.left_edge.i < t.i]
    phrases.sort(key=lambda p: (p.start, p.end))
    for chunk in phrases:
        root = chunk.root
        root_end = root.idx + len(root.text) - 1
        if root.idx in covered_chars and root_end not in nominal_at:
            continue
        if root.pos_ not in {"NOUN", "PROPN"} or root.tag_ in {"NNS", "NNPS"}:
            continue
        det = chunk[0].lower_
        poss = [t for t in chunk if t.dep_ == "poss" and t.i < root.i]
        if det not in {"the", "this", "that"} and not poss:
            continue
        role = _role_of([t for t in chunk if t.i <= root.i])
        if role is None:
            continue
        holder = None
        if poss and poss[0].i in name_idx_by_tok:
            holder = poss_roles.get((role[0], uf.find(name_idx_by_tok[poss[0].i])))
        if holder is None and not poss:
            holder = roles.get(role)
            if holder is None and role[1]:
                # "the Russian President" matches a stated "Russian President"; a bare
                # "the president" matches the only holder of that role noun
                cands = {uf.find(v) for k, v in roles.items() if k[0] == role[0] and role[1] <= k[1]}
                if len(cands) == 1:
                    holder = next(v for k, v in roles.items() if k[0] == role[0] and role[1] <= k[1])
        if holder is None:
            continue
        start = chunk[0].idx  # PolNeAR and readers both take the determiner with the title
        end = root.idx + len(root.text)
        mtext = text[start:end]
        kind = "title" if root.lower_ in _ROLE_PROPN or root.text[:1].isupper() else "description"
        if root_end in nominal_at:
            idx = nominal_at.pop(root_end)
            out[idx].label, out[idx].kind = out[holder].label, kind
        else:
            idx = add(Mention(start=start, end=end, text=mtext, label=out[holder].label, kind=kind), root.i)
        uf.union(holder, idx)
        covered_chars.update(range(start, end))

    # Pronouns, in text order, each to the most salient compatible earlier mention.
    quoted = _quoted_chars(text)
    by_pos = sorted(range(len(out)), key=lambda i: out[i].start)
    sent_of = {}
    for s_i, sent in enumerate(doc.sents):
        for t in sent:
            sent_of[t.i] = s_i
    for tok in doc:
        low = tok.lower_
        if low not in PRONOUN_GENDER or tok.pos_ not in {"PRON", "DET"}:
            continue
        if tok.idx in covered_chars:
            continue
        g, number = PRONOUN_GENDER[low]
        ante = _antecedent(doc, tok, g, number, out, by_pos, token_of, gender, uf, sent_of, quoted)
        label = out[ante].label if ante is not None else ("PERSON" if g in {"m", "f"} else "ORG")
        idx = add(Mention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, label=label,
                          kind="pronoun"), tok.i)
        by_pos.append(idx)
        if ante is not None:
            uf.union(ante, idx)
            root = uf.find(ante)
            if g in {"m", "f"}:
                gender[root] = g
                gender[ante] = g
        gender[idx] = g

    _relative_pronouns(doc, out, uf, covered_chars)
    _first_person_in_quotes(doc, out, uf, covered_chars)

    roots = {}
    for i, m in enumerate(out):
        r = uf.find(i)
        m.chain = roots.setdefault(r, len(roots))
    out.sort(key=lambda m: (m.start, -m.end))
    return out


# Relative pronouns and the kind of antecedent each can take.
_RELATIVE = {"who": _PERSON_LIKE, "whom": _PERSON_LIKE, "whose": None, "which": None, "where": None}


def _join_split_names(doc, names: list[Mention]) -> list[Mention]:
    """One person's name the tagger cut in two ("Yury" ORG + "Ushakov" PERSON): a single capitalised
    proper noun written right before a person's name, as a compound of it, is the name's first word."""
    out: list[Mention] = []
    for m in names:
        prev = out[-1] if out else None
        if (prev is not None and m.label == "PERSON" and m.kind == "name" and prev.kind == "name"
                and prev.label not in {"GPE", "NORP", "LOC", "PERSON"} and prev.end + 1 == m.start
                and doc.text[prev.end] == " " and prev.text[:1].isupper() and not prev.text.isupper()):
            span = doc.char_span(prev.start, prev.end)
            target = doc.char_span(m.start, m.end)
            if (span is not None and target is not None and len(span) == 1 and span[0].pos_ == "PROPN"
                    and span[0].dep_ == "compound" and span[0].head.i in range(target.start, target.end)):
                out[-1] = Mention(start=prev.start, end=m.end, text=doc.text[prev.start:m.end], label="PERSON",
                                  kind="name")
                continue
        out.append(m)
    return out


def _relative_pronouns(doc, out: list[Mention], uf: _Chains, covered_chars: set[int]) -> None:
    """Join "who"/"whose"/"which"/"where" opening a relative clause to the phrase the clause is
    said of ("Zurana Horton, who was shot ..."): the parse attaches the clause to that phrase's head."""
    at_token: dict[int, int] = {}
    for i, m in enumerate(out):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            at_token.setdefault(span.root.i, i)
    for tok in doc:
        low = tok.lower_
        if low not in _RELATIVE or tok.idx in covered_chars:
            continue
        clause = tok.head if tok.dep_ != "poss" else tok.head.head
        if clause.dep_ != "relcl" or not (clause.head.i < tok.i):
            continue
        ante = at_token.get(clause.head.i)
        if ante is None:
            continue
        labels = _RELATIVE[low]
        m = out[ante]
        if labels is not None and m.label not in labels and m.kind == "name":
            continue
        idx = uf.add()
        out.append(Mention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, label=m.label,
                           kind="pronoun"))
        uf.union(ante, idx)
        covered_chars.update(range(tok.idx, tok.idx + len(tok.text)))


def _chain_gender(uf: _Chains, i: int, gender: dict[int, str]) -> str | None:
    root = uf.find(i)
    seen = {g for j, g in gender.items() if uf.find(j) == root and g in {"m", "f"}}
    return seen.pop() if len(seen) == 1 else None


def _antecedent(doc, tok, g, number, out, by_pos, token_of, gender, uf, sent_of, quoted=()) -> int | None:
    """The mention index a pronoun refers to, or None.

    ``quoted`` holds the character offsets inside quotation marks: a pronoun outside them ("...,"
    she said) is not someone the quote names ("the plan that Donald has put forth").
    """
    s_here = sent_of.get(tok.i, 0)
    best, best_score = None, -1e9
    for i in by_pos:
        m = out[i]
        if m.start >= tok.idx:
            continue
        ti = token_of.get(i)
        if ti is None:
            continue
        s = sent_of.get(ti, 0)
        dist = s_here - s
        if dist > _PRONOUN_WINDOW:
            continue
        if g in {"m", "f"}:
            if m.label not in _PERSON_LIKE:
                continue
            cg = _chain_gender(uf, i, gender)
            if cg is not None and cg != g:
                continue
        elif g == "n":
            if m.label not in _GROUP_LABELS - {"NORP"} and m.label not in {"ORG", "PRODUCT", "LAW"}:
                continue
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
        elif t.dep_ == "poss":
            score += 0.5
        if dist == 0:
            score += 1.0
        # later mentions in the window win ties (recency)
        score += m.start / 1e7
        if score > best_score:
            best, best_score = i, score
    return best


def _quote_spans(text: str) -> list[tuple[int, int]]:
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


def _quoted_chars(text: str) -> set[int]:
    """Offsets inside quotation marks."""
    return {i for s, e in _quote_spans(text) for i in range(s, e)}


# Verbs that introduce a quotation's speaker ("...," she said; Trump told reporters: "...").
_SPEECH_VERBS = frozenset(["say", "tell", "add", "explain", "write", "ask", "insist", "argue", "state", "claim",
                           "note", "declare", "recall", "warn", "continue", "reply", "respond", "tweet", "post",
                           "announce", "comment", "remark", "acknowledge", "admit", "joke", "quip"])
_FIRST_PERSON = frozenset(["i", "me", "my", "mine", "myself"])


def _first_person_in_quotes(doc, out: list[Mention], uf: _Chains, covered_chars: set[int]) -> None:
    """"I", "me", "my" inside a quotation are its speaker: the subject of the speech verb written
    right before or after it in the same sentence ("'I am ready,' she said" -> the chain of "she")."""
    text = doc.text
    spans = _quote_spans(text)
    if not spans:
        return
    at_char: dict[int, int] = {}
    for i, m in enumerate(out):
        if m.label == "PERSON" and m.kind in {"name", "pronoun", "title"}:
            for c in range(m.start, m.end):
                at_char.setdefault(c, i)
    for qs, qe in spans:
        inside = [t for t in doc if qs <= t.idx < qe and t.lower_ in _FIRST_PERSON and t.idx not in covered_chars]
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


def chain_members(mentions: list[Mention], chain: int) -> list[Mention]:
    """The mentions of one chain, in text order."""
    return [m for m in mentions if m.chain == chain]


def best_name(mentions: list[Mention], chain: int | None) -> Mention | None:
    """The chain's most informative name mention: the longest name, the earliest among equals."""
    if chain is None:
        return None
    names = [m for m in mentions if m.chain == chain and m.kind == "name"]
    if not names:
        return None
    return max(names, key=lambda m: (len(m.text.split()), -m.start))


@stage("newsweave.coref.rules.v1", requires=("doc", "mentions"), assigns=("mentions.chain",))
def coref_stage(ex: Extraction, settings: Settings) -> None:
    """Add title, description and pronoun mentions to ``ex.mentions`` and set every ``chain``."""
    ex.mentions = resolve_coreference(ex.doc, ex.mentions)
