"""Learn the attribution stage's cue lexicon from the PolNeAR training split.

    .venv/bin/python scripts/train_attribution.py [--min-count 3]

For every lemma (verbs and nouns apart) this counts how often a token with that lemma heads a
gold cue span and how often it occurs at all in the training articles; the ratio is the lemma's
cue rate. Writes ``src/newsweave/data/attribution/cues.json``. Only polnear-train is read, so the
dev figures stay honest. Takes a few minutes on 2 cores (the parse; cached under /tmp).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

OUT = REPO / "src/newsweave/data/attribution/cues.json"
MODEL = REPO / "src/newsweave/data/attribution/cue_model.json"


def cue_heads(doc, start: int, end: int):
    """The tokens of a gold cue span whose head lies outside it (usually one verb or noun)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    ids = {t.i for t in span}
    heads = [t for t in span if t.head.i not in ids or t.head == t]
    content = [t for t in heads if t.pos_ in {"VERB", "NOUN", "AUX", "ADJ"}]
    if content:
        return content[:1]
    # "told reporters": the verb, not the recipient; "according to": the first word
    words = [t for t in span if t.pos_ in {"VERB", "NOUN", "AUX", "ADJ"}]
    return words[:1] or [span[0]]


def unquoted_verbs(row, doc):
    """Each verb outside quote marks, with whether its sentence quotes and whether gold marks it a cue.

    The candidates both the cue frames and the cue model learn from.
    """
    from newsweave.extract.attribution import quote_spans

    quoted = set()
    for qs, qe in quote_spans(doc.text):
        quoted.update(range(qs, qe))
    gold_heads = {t.i for att in row["gold"]["attributions"] for s, e in att["cue"] for t in cue_heads(doc, s, e)}
    for sent in doc.sents:
        has_quote = any(t.idx in quoted for t in sent)
        for tok in sent:
            if tok.pos_ == "VERB" and tok.idx not in quoted:
                yield tok, has_quote, tok.i in gold_heads


def main() -> None:
    from attribution_eval import load_docs

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--threshold", type=float, default=0.25)
    ap.add_argument("--model-threshold", type=float, default=0.4)
    ap.add_argument("--min-feature-count", type=int, default=5)
    args = ap.parse_args()
    rows, docs, _ = load_docs("train")
    from newsweave.extract.attribution_cues import cue_frame

    cue_n, all_n = Counter(), Counter()
    frame_n, frame_cue = Counter(), Counter()
    for row, doc in zip(rows, docs):
        for tok, has_quote, is_cue in unquoted_verbs(row, doc):
            key = (tok.lemma_.lower(), cue_frame(tok, has_quote))
            frame_n[key] += 1
            frame_cue[key] += is_cue
        for tok in doc:
            if tok.pos_ in {"VERB", "AUX"}:
                all_n[("v", tok.lemma_.lower())] += 1
            elif tok.pos_ == "NOUN":
                all_n[("n", tok.lemma_.lower())] += 1
        for att in row["gold"]["attributions"]:
            for s, e in att["cue"]:
                for t in cue_heads(doc, s, e):
                    kind = "v" if t.pos_ in {"VERB", "AUX"} else "n" if t.pos_ == "NOUN" else None
                    if kind:
                        cue_n[(kind, t.lemma_.lower())] += 1
    verbs, nouns = {}, {}
    for (kind, lemma), n in sorted(cue_n.items()):
        if n < args.min_count or not lemma.isalpha():
            continue
        rate = round(n / (max(all_n[(kind, lemma)], n) + 1), 3)  # +1: a lemma seen 3 times is no sure cue
        (verbs if kind == "v" else nouns)[lemma] = rate
    frames: dict[str, dict[str, list[int]]] = {}
    for (lemma, frame), n in sorted(frame_n.items()):
        if lemma in verbs and n >= 2:
            frames.setdefault(lemma, {})[frame] = [frame_cue[(lemma, frame)], n]
    extensions = cue_extensions(rows, docs)
    tails = cue_tails(rows, docs)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "made_by": "scripts/train_attribution.py from polnear-train.jsonl",
        "min_count": args.min_count,
        "threshold": args.threshold,
        "verbs": verbs,
        "nouns": nouns,
        "frames": frames,
        "extensions": extensions,
        "tails": tails,
    }, indent=None, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(verbs)} verbs, {len(nouns)} nouns")
    train_cue_model(rows, docs, args.model_threshold, args.min_feature_count)


def cue_extensions(rows, docs, min_n: int = 4, min_rate: float = 0.65) -> dict[str, float]:
    """How often a cue verb's object noun belongs to the cue ("expressed concern", "issued a statement").

    Keys are ``lemma|dobj|noun`` and ``*|dobj|noun`` (any cue verb); only objects seen at least
    ``min_n`` times after a gold cue verb, inside its cue at least ``min_rate`` of the time, are kept.
    """
    n, inside = Counter(), Counter()
    for row, doc in zip(rows, docs):
        for att in row["gold"]["attributions"]:
            for s, e in att["cue"]:
                for head in cue_heads(doc, s, e):
                    if head.pos_ != "VERB":
                        continue
                    for c in head.children:
                        if c.i > head.i and c.dep_ == "dobj" and c.pos_ == "NOUN":
                            for key in (f"{head.lemma_.lower()}|dobj|{c.lemma_.lower()}", f"*|dobj|{c.lemma_.lower()}"):
                                n[key] += 1
                                inside[key] += s <= c.idx < e
    return {k: round(inside[k] / n[k], 3) for k in sorted(n) if n[k] >= min_n and inside[k] / n[k] >= min_rate}


def cue_tails(rows, docs, min_n: int = 4) -> dict[str, list[int]]:
    """How often the word right after a gold cue verb belongs to the cue, by kind of word.

    Keys (counts ``[inside, seen]``, kept when seen at least ``min_n`` times):

    * ``prep|LEMMA|WORD`` and ``prep|*|WORD`` — a preposition with an object ("called for", "known
      as", but "said in a statement" only about half the time);
    * ``advmod|*|WORD`` — an adverb ("asks rhetorically", "shot back");
    * ``to|LEMMA`` and ``xcomp|LEMMA`` — the "to" of an infinitive complement, and its verb
      ("threatened to", "tried to use").
    """
    n, inside = Counter(), Counter()

    def count(key: str, hit: bool) -> None:
        n[key] += 1
        inside[key] += hit

    for row, doc in zip(rows, docs):
        for att in row["gold"]["attributions"]:
            for s, e in att["cue"]:
                for head in cue_heads(doc, s, e):
                    if head.pos_ != "VERB" or head.i + 1 >= len(doc):
                        continue
                    nxt = doc[head.i + 1]
                    lemma = head.lemma_.lower()
                    if nxt.head == head and nxt.dep_ == "prep" and any(g.dep_ in {"pobj", "pcomp"} for g in nxt.children):
                        count(f"prep|{lemma}|{nxt.lower_}", nxt.idx < e)
                        count(f"prep|*|{nxt.lower_}", nxt.idx < e)
                    elif nxt.head == head and nxt.dep_ == "advmod" and nxt.pos_ == "ADV":
                        count(f"advmod|*|{nxt.lower_}", nxt.idx < e)
                    elif nxt.dep_ == "aux" and nxt.lower_ == "to" and nxt.head.dep_ == "xcomp" \
                            and nxt.head.head == head and nxt.head.i == nxt.i + 1:
                        count(f"to|{lemma}", nxt.idx < e)
                        count(f"xcomp|{lemma}", nxt.head.idx < e)
    return {k: [inside[k], n[k]] for k in sorted(n) if n[k] >= min_n}


def feature_matrix(samples: list[list[str]], min_count: int):
    """A sparse 0/1 matrix of the samples' feature names seen at least ``min_count`` times, and the names."""
    import numpy as np
    from scipy.sparse import csr_matrix

    counts = Counter(f for feats in samples for f in feats)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    indptr, indices = [0], []
    for feats in samples:
        indices.extend(sorted({vocab[f] for f in feats if f in vocab}))
        indptr.append(len(indices))
    X = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(samples), len(vocab)))
    return X, sorted(vocab, key=vocab.get)


def fit_logistic(X, y, l2: float):
    """L2-regularised logistic regression without intercept (``bias`` is a feature), by L-BFGS."""
    import numpy as np
    from scipy.optimize import minimize

    Xt = X.T.tocsr()
    y = np.asarray(y, dtype=float)

    def loss(w):
        z = X @ w
        p = 1.0 / (1.0 + np.exp(-z))
        return (np.logaddexp(0, z) - y * z).sum() + 0.5 * l2 * w @ w, Xt @ (p - y) + l2 * w

    res = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return res.x


def train_cue_model(rows, docs, threshold: float, min_count: int) -> None:
    """Fit the logistic cue model over candidate verbs and write its weights (``cue_model.json``).

    numpy and scipy only (both installed with newsweave); newsweave applies the weights with a plain dot product.
    """
    import numpy as np

    from newsweave.extract import attribution_cues

    attribution_cues._data.cache_clear()
    attribution_cues.cue_lexicon.cache_clear()
    lex = attribution_cues.cue_lexicon()
    samples, labels = [], []
    for row, doc in zip(rows, docs):
        for tok, has_quote, is_cue in unquoted_verbs(row, doc):
            if lex.get(tok.lemma_.lower(), 0.0) >= attribution_cues.MIN_RATE:
                samples.append(attribution_cues.cue_features(tok, has_quote))
                labels.append(int(is_cue))
    X, names = feature_matrix(samples, min_count)
    y = np.array(labels)
    coef = fit_logistic(X, y, l2=2.0)  # scikit-learn's C=0.5, no intercept
    weights = {f: round(float(w), 2) for f, w in zip(names, coef) if abs(w) >= 0.05}
    MODEL.write_text(json.dumps({
        "made_by": "scripts/train_attribution.py from polnear-train.jsonl (logistic regression, C=0.5)",
        "threshold": threshold,
        "candidates": len(samples),
        "positives": int(y.sum()),
        "weights": weights,
    }, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MODEL}: {len(weights)} weights from {len(samples)} candidate verbs ({int(y.sum())} cues)")


if __name__ == "__main__":
    main()
