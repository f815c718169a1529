"""Which verbs are attribution cues: the lexicon and the small cue model learned from PolNeAR train.

Both live in ``newsweave/data/attribution/`` and are made by ``scripts/train_attribution.py``
from polnear-train only:

* ``cues.json`` — per lemma, how often it headed a gold cue (verbs and nouns apart), and per
  lemma and *complement frame* (ccomp, xcomp, quote, dobj, prep, none) the counts behind it;
* ``cue_model.json`` — a logistic regression over a verb's parse context (lemma, frame, its
  relation, what its subject is, tense, its neighbours). Applied here with a plain dot product,
  so running newsweave needs no machine-learning library.

Without the data files (a bare source checkout) a short built-in list of common cue verbs is used.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources

__all__ = ["MIN_RATE", "NESTED_THRESHOLD", "cue_features", "cue_frame", "cue_lexicon", "cue_object",
           "cue_probability", "cue_rate", "cue_settings", "cue_tail", "prep_object"]

# Below this lexicon rate a verb is not considered at all ("have", "make"): it keeps the model
# from being asked about every verb of the article.
MIN_RATE = 0.08

# How sure the cue model must be of a cue inside another attribution's content.
NESTED_THRESHOLD = 0.15

# Used when the learned lexicon is missing; the common PolNeAR cue verbs.
_FALLBACK_CUES = {
    "say": 0.9, "tell": 0.8, "add": 0.6, "write": 0.6, "ask": 0.5, "note": 0.6, "report": 0.5,
    "announce": 0.6, "suggest": 0.7, "tweet": 0.8, "argue": 0.8, "explain": 0.6, "claim": 0.8,
    "believe": 0.8, "think": 0.6, "insist": 0.8, "warn": 0.7, "acknowledge": 0.8, "declare": 0.7,
    "predict": 0.8, "confirm": 0.7, "deny": 0.7, "admit": 0.8, "want": 0.5, "hope": 0.6,
    "plan": 0.4, "promise": 0.7, "urge": 0.7, "reply": 0.7, "respond": 0.5, "state": 0.6,
    "reveal": 0.6, "recall": 0.6, "conclude": 0.7, "continue": 0.2, "describe": 0.5, "call": 0.3,
    "know": 0.4, "show": 0.4, "find": 0.3, "agree": 0.4, "expect": 0.4, "fear": 0.7,
}
_FALLBACK_NOUNS = {
    "statement": 0.3, "view": 0.2, "opinion": 0.3, "belief": 0.3, "claim": 0.3, "assertion": 0.4,
    "promise": 0.2, "pledge": 0.3, "warning": 0.3, "suggestion": 0.3, "allegation": 0.3,
    "hope": 0.2, "concern": 0.2, "vow": 0.4, "insistence": 0.4, "contention": 0.2,
}

_PERSON_PRONOUNS = {"i", "we", "you", "he", "she", "they", "who"}


@functools.lru_cache(maxsize=4)
def _data(name: str) -> dict | None:
    try:
        raw = resources.files("newsweave.data.attribution").joinpath(name).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return json.loads(raw)


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, float]:
    """Cue verb lemma -> how often that lemma headed a PolNeAR cue in training."""
    data = _data("cues.json")
    if data is None:
        return dict(_FALLBACK_CUES)
    return {k: float(v) for k, v in data["verbs"].items()}


@functools.lru_cache(maxsize=1)
def cue_settings() -> dict:
    """The decision thresholds and the noun lexicon that go with the learned data."""
    data = _data("cues.json") or {}
    model = _data("cue_model.json") or {}
    return {"threshold": data.get("threshold", 0.3), "nouns": data.get("nouns", _FALLBACK_NOUNS),
            "model": bool(model), "model_threshold": model.get("threshold", 0.5)}


def cue_object(verb):
    """The object noun that belongs to a cue verb's span ("expressed concern", "issued a statement"), or None.

    Which objects do is learned from polnear-train (``extensions`` in ``cues.json``): the noun
    after this verb, or after any cue verb, was inside the gold cue at least two times in three.
    """
    table = (_data("cues.json") or {}).get("extensions") or {}
    if not table:
        return None
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if c.i > verb.i and c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i - verb.i <= 4:
            noun = c.lemma_.lower()
            # only a plain noun phrase up to the noun ("a scathing statement"), no clause before it
            if (f"{lemma}|dobj|{noun}" in table or f"*|dobj|{noun}" in table) and \
                    all(t.dep_ in {"det", "amod", "compound", "poss", "nummod", "advmod"} or t.is_punct
                        for t in verb.doc[verb.i + 1:c.i]):
                return c
    return None


def cue_tail(kind: str, lemma: str, word: str = "") -> float | None:
    """How often the word right after a cue verb belonged to its cue on polnear-train, or None if unseen.

    ``kind`` is ``prep`` ("called for", "known as"), ``advmod`` ("asks rhetorically"), ``to`` (the
    "to" of an infinitive right after the verb: "threatened to") or ``xcomp`` (that infinitive's
    verb: "tried to use"). A preposition is looked up for this verb first, then for any cue verb.
    """
    table = (_data("cues.json") or {}).get("tails") or {}
    if kind == "prep":
        keys = (f"prep|{lemma}|{word}", f"prep|*|{word}")
    elif kind == "advmod":
        keys = (f"advmod|*|{word}",)
    else:
        keys = (f"{kind}|{lemma}",)
    for key in keys:
        counts = table.get(key)
        if counts:
            return counts[0] / counts[1]
    return None


def prep_object(tok):
    """The preposition right after a verb and its object ("called for X", "responded by Xing"), or None."""
    for c in tok.children:
        if c.dep_ == "prep" and tok.i < c.i <= tok.i + 2:
            for g in c.children:
                if g.dep_ in {"pobj", "pcomp"}:
                    return c, g
    return None


def cue_frame(tok, sentence_has_quote: bool) -> str:
    """What a verb's complements look like: the context the learned cue rates are kept per."""
    deps = {c.dep_ for c in tok.children}
    if "ccomp" in deps:
        return "ccomp"
    if "xcomp" in deps:
        return "xcomp"
    if sentence_has_quote:
        return "quote"
    if "agent" in deps and "nsubjpass" in deps:
        return "passive"
    if "dobj" in deps:
        return "dobj"
    if prep_object(tok) is not None:
        return "prep"
    return "none"


def cue_rate(lemma: str, frame: str, lex: dict[str, float] | None = None) -> float:
    """How often a verb with this lemma and complement frame was a cue in training (smoothed)."""
    lex = cue_lexicon() if lex is None else lex
    base = lex.get(lemma, 0.0)
    counts = ((_data("cues.json") or {}).get("frames") or {}).get(lemma, {}).get(frame)
    if not counts:
        return base * 0.5
    cue_n, all_n = counts
    # shrink towards the lemma's overall rate when the frame was seen only a few times
    return (cue_n + 2.0 * base) / (all_n + 2.0)


def _subject_kind(tok) -> str:
    for c in tok.children:
        if c.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            if c.lower_ in _PERSON_PRONOUNS:
                return "person_pron"
            if c.lower_ in {"it", "this", "that", "there"}:
                return "it"
            if c.ent_type_:
                return "ent_" + c.ent_type_
            return "noun_" + (c.tag_ or "x")
    if tok.dep_ in {"xcomp", "advcl", "conj"}:
        return "shared"
    if tok.dep_ == "relcl":
        return "relcl"
    return "none"


def cue_features(tok, sentence_has_quote: bool) -> list[str]:
    """The parse context of a candidate cue verb, as the cue model's feature names."""
    lemma = tok.lemma_.lower()
    frame = cue_frame(tok, sentence_has_quote)
    subj = _subject_kind(tok)
    deps = sorted({c.dep_ for c in tok.children if c.dep_ in {"ccomp", "xcomp", "dobj", "dative", "prep",
                                                              "agent", "neg", "aux", "auxpass", "advcl"}})
    mark = next((g.lower_ for c in tok.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "mark"), "")
    doc = tok.doc
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "<end>"
    prv = doc[tok.i - 1].lower_ if tok.i > 0 else "<start>"
    rate = cue_lexicon().get(lemma, 0.0)
    feats = [
        "bias", f"lemma={lemma}", f"frame={frame}", f"lemma|frame={lemma}|{frame}", f"dep={tok.dep_}",
        f"lemma|dep={lemma}|{tok.dep_}", f"subj={subj}", f"lemma|subj={lemma}|{subj}", f"frame|subj={frame}|{subj}",
        f"tag={tok.tag_}", f"next={nxt}", f"prev={prv}", f"mark={mark}", f"rate_bin={min(int(rate * 10), 9)}",
        f"frame|rate_bin={frame}|{min(int(rate * 10), 9)}",
    ]
    feats += [f"child={d}" for d in deps]
    # what the verb governs and what governs it: "expressed concern", "called for", "poll shows",
    # "wants to know" (words, so that the model can tell a report from an action)
    for c in tok.children:
        if c.dep_ == "dobj":
            feats += [f"obj={c.lemma_.lower()}", f"lemma|obj={lemma}|{c.lemma_.lower()}"]
        elif c.dep_ == "prep" and c.i > tok.i:
            feats += [f"prep={c.lower_}", f"lemma|prep={lemma}|{c.lower_}"]
        elif c.dep_ == "xcomp":
            feats.append(f"xcomp={c.lemma_.lower()}")
        elif c.dep_ in {"nsubj", "nsubjpass"} and not c.ent_type_ and c.lower_ not in _PERSON_PRONOUNS:
            feats.append(f"subj_lemma={c.lemma_.lower()}")
    if tok.dep_ in {"xcomp", "advcl", "conj", "ccomp", "relcl", "acl"} and tok.head != tok:
        feats.append(f"gov={tok.head.lemma_.lower()}|{tok.dep_}")
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children):
        feats.append("aside=" + next(c.lower_ for c in tok.children if c.dep_ == "mark"))
    if sentence_has_quote:
        feats.append("quote_in_sentence")
    return feats


def cue_probability(tok, sentence_has_quote: bool, nested: bool = False) -> float:
    """The cue model's probability that ``tok`` is an attribution cue (the frame rate without a model).

    ``nested=True`` asks about the verb as a cue inside another attribution ("said that X told
    him"): the governing clause is then left out of the features, because PolNeAR marks only
    outermost attributions and so taught the model that a reported verb is no cue.
    """
    model = _data("cue_model.json")
    if model is None:
        return cue_rate(tok.lemma_.lower(), cue_frame(tok, sentence_has_quote))
    weights = model["weights"]
    feats = cue_features(tok, sentence_has_quote)
    if nested:
        feats = [f for f in feats if not f.startswith("gov=")]
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
