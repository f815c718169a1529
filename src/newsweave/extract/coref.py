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
  mention: same sentence or the few before it, subjects preferred (the subject of a relative clause
  too: "with Hillary Clinton — who's called for ... — lambasting ..."), gender and number kept apart
  (a chain's gender comes from given names, honorifics, gendered titles and its pronouns; a chain
  known to agree beats one whose gender nothing states; "it" may stand for a thing a common noun
  names, "the campaign", never for a place named as the setting, "in Ohio"); a pronoun
  outside quotation marks never takes a name inside them, and "I"/"me"/"my" inside a quotation are
  the subject of the speech verb that introduces it; a "they" with no plural antecedent stands for
  the people of a conjoined subject ("Ann Vale and Tom Reyes") or of a meeting ("Vale ... her talks
  with Reyes"), named just before it in its sentence (``Mention.stands_for``);
* **identity and organisations** — a description the sentence states to be a named participant
  ("Subryan, 23, a driver"; "named Benjamin the next surgeon general"; ``coref_identity``), and a
  definite "the company", "the team" after the article's clearly dominant organisation
  (``coref_orgs``);
* **people kept apart** — a name joins a chain only where its given name and gender fit the chain's
  ("Melania Trump" does not join "Donald Trump" ... "Trump"); a bare surname joins the largest
  compatible chain so far; a title written before two names ("rival Barack Obama", "rival Hillary
  Clinton") is not a name and joins neither to the other.

The stage adds ``Mention`` records of kind ``title``/``description``/``pronoun`` to
``ex.mentions`` (offsets exact: ``text == article.text[start:end]``) and sets ``chain`` on every
mention; mentions of one thing share a chain number.

Titles and the order of the passes live here; name variants in ``coref_names``, pronouns (and the
quotations they are read against) in ``coref_pronouns``.
"""

from __future__ import annotations

from ..model import Extraction, Mention
from ..names import honorific_word_gender
from ..settings import Settings
from .coref_identity import identity_statements
from .coref_names import Chains, join_name_variants, join_split_names
from .coref_orgs import dominant_organisation_descriptions
from .coref_pronouns import (
    FIRST_PERSON,
    PRONOUN_GENDER,
    RELATIVE_PRONOUNS,
    antecedent,
    first_person_in_quotes,
    people_together,
    quote_spans,
    quoted_chars,
    relative_pronouns,
)
from .pipeline import stage

__all__ = ["PRONOUN_GENDER", "best_name", "chain_members", "resolve_coreference"]

# Nouns that give a person's gender when used of them ("the first lady", "his wife").
_GENDERED_NOUNS = {
    "man": "m", "husband": "m", "father": "m", "son": "m", "brother": "m", "king": "m", "boy": "m",
    "businessman": "m", "congressman": "m", "chairman": "m", "spokesman": "m", "uncle": "m",
    "woman": "f", "wife": "f", "mother": "f", "daughter": "f", "sister": "f", "queen": "f",
    "girl": "f", "businesswoman": "f", "congresswoman": "f", "chairwoman": "f", "spokeswoman": "f",
    "aunt": "f", "lady": "f",
}


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
    "nominee", "chief", "commissioner", "judge", "prosecutor", "attorney", "captain",
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
        if t.is_space or (t.ent_type_ == "PERSON" and not (toks and toks[-1].lower_ in {"'s", "’s"})):
            # a line break ends a headline; another person's name ("lawyer Shawn Holley Actress
            # Lindsay Lohan", parsed as one phrase) is no title of this one
            break
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



def resolve_coreference(doc, mentions: list[Mention]) -> list[Mention]:
    """Return the article's mentions (names given, plus titles and pronouns found) with ``chain`` set.

    ``mentions`` are the name mentions of ``doc`` (from the entities stage); the result is sorted by
    position and every mention's ``chain`` is an int shared by the mentions of one thing.
    """
    text = doc.text
    names = join_split_names(doc, sorted((m for m in mentions), key=lambda m: (m.start, -m.end)))
    out: list[Mention] = []
    uf = Chains()
    gender: dict[int, str] = {}  # mention index -> gender evidence
    token_of: dict[int, int] = {}  # mention index -> head token index
    roles: dict[tuple[str, frozenset[str]], int] = {}  # stated role -> mention index holding it
    title_heads: dict[int, str] = {}  # name mention index -> the head of the title written before it
    poss_roles: dict[tuple[str, int], int] = {}  # (role noun, owner mention index) -> holder

    def add(m: Mention, head_tok: int | None) -> int:
        out.append(m)
        idx = uf.add()
        if head_tok is not None:
            token_of[idx] = head_tok
        return idx

    # One pass over the tokens for what the passes below look for: spaCy makes a Token object anew
    # each time a Doc is iterated, and those passes were a fair part of this stage's time.
    owners, pronouns, relatives, firsts = [], [], [], []
    for t in doc:
        low = t.lower_
        if low in PRONOUN_GENDER:
            pronouns.append(t)
        elif low in RELATIVE_PRONOUNS:
            relatives.append(t)
        elif low in FIRST_PERSON:
            firsts.append(t)
        if t.dep_ == "poss" and t.pos_ in {"NOUN", "PROPN"} and t.left_edge.i < t.i:
            owners.append(t)

    covered_chars: set[int] = set()
    name_idx_by_tok: dict[int, int] = {}
    for m in names:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        idx = add(m, span.root.i if span is not None and len(span) else None)
        if span is not None and len(span):
            for t in span:
                name_idx_by_tok[t.i] = idx
            covered_chars.update(range(m.start, m.end))
            if m.label == "PERSON":
                title = _title_before(doc, span.start, span.end)
                before = doc[span.start - 1] if span.start > 0 else None
                said = honorific_word_gender(before.text) if before is not None else None
                said = honorific_word_gender(span[0].text) or said
                if said is not None:
                    gender[idx] = said
                role = _role_of(title) if title else None
                if role is not None:
                    title_heads[idx] = role[0]
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

    # Name variants join one chain: "Donald Trump" ... "Trump" ... "Mr. Trump".
    join_name_variants(out, uf, gender, title_heads)

    # Titles and descriptions: "the US President", "the Russian leader", "Putin's top aide".
    # A nominal mention the nominal stage made of the phrase ("Russian President") is that phrase.
    nominal_at = {m.end - 1: i for i, m in enumerate(out) if m.kind == "nominal"}
    # The noun phrases, and the owner phrases inside them ("the US President" in "the US President's
    # talk"), which the chunker does not give as phrases of their own.
    phrases = list(doc.noun_chunks)
    phrases += [doc[t.left_edge.i:t.i + 1] for t in owners]
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

    # Descriptions the sentence states to be a named participant ("Subryan, a driver").
    identity_statements(doc, out, uf, name_idx_by_tok, token_of, gender, _GENDERED_NOUNS)
    # "The company", "the team": the organisation the article is about.
    dominant_organisation_descriptions(doc, out, uf, token_of)

    # Pronouns, in text order, each to the most salient compatible earlier mention.
    quotes = quote_spans(text)
    quoted = quoted_chars(quotes)
    by_pos = sorted(range(len(out)), key=lambda i: out[i].start)
    sent_of = sentence_numbers(doc)
    plural: dict[int, tuple[int, ...]] = {}  # "they" -> the people it stands for together
    for tok in pronouns:
        low = tok.lower_
        if tok.pos_ not in {"PRON", "DET"}:
            continue
        if tok.idx in covered_chars:
            continue
        g, number = PRONOUN_GENDER[low]
        ante = antecedent(doc, tok, g, number, out, by_pos, token_of, gender, uf, sent_of, quoted)
        together = people_together(doc, tok, out, token_of) if ante is None and number == "pl" else ()
        label = out[ante].label if ante is not None else ("PERSON" if g in {"m", "f"} else "ORG")
        idx = add(Mention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, label=label,
                          kind="pronoun"), tok.i)
        by_pos.append(idx)
        if together:
            plural[idx] = together
        if ante is not None:
            uf.union(ante, idx)
            root = uf.find(ante)
            if g in {"m", "f"}:
                gender[root] = g
                gender[ante] = g
        gender[idx] = g

    relative_pronouns(doc, relatives, out, uf, covered_chars)
    first_person_in_quotes(doc, quotes, firsts, out, uf, covered_chars)

    roots = {}
    for i, m in enumerate(out):
        r = uf.find(i)
        m.chain = roots.setdefault(r, len(roots))
    for i, people in plural.items():
        out[i].stands_for = tuple(out[j].chain for j in people)
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def sentence_numbers(doc) -> list[int]:
    """The number of each token's sentence, as ``doc.sents`` counts them, from the sentence starts alone
    (iterating ``doc.sents`` makes a Span of each sentence and a Token of each word)."""
    starts = doc.to_array("SENT_START") == 1
    if len(starts):
        starts[0] = False
    return starts.cumsum().tolist()


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
