"""Fit the learned story similarity (``newsweave.stories.learned.v1``) on ECB+ train.

    .venv/bin/python benchmarks/train_story_model.py            # fit, cross-validate, write the model
    .venv/bin/python benchmarks/train_story_model.py --dry-run  # the same, without writing

Pairs: the articles of ECB+ train go through a story clusterer in the order ``cluster_stories`` feeds
them; each article is weighed with the document frequencies seen so far (as the online clusterer weighs
it) and paired with every earlier article; a pair is positive when both are of one gold story. A
logistic regression (numpy, L2-regularised Newton steps) over ``story_model.FEATURES`` is fitted to the
pairs. The join threshold is chosen by cross-validation with the real clusterer: five folds by ECB+
topic (both sub-stories of a topic in one fold), the model fitted on four, the fifth clustered at each
threshold of a grid; the threshold whose mean held-out BCubed F1, averaged with its two neighbours', is
highest (a plateau, not a lucky peak) is kept, with the model refitted on all of train. Dev is not read.
The model, with how it was fitted, goes to ``src/newsweave/data/story_model.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "src"))

from cluster_eval import bcubed_f1, extractions, scorer

from newsweave.link.stories import StoryClusterer, cluster_stories
from newsweave.link.story_features import dot, features_for
from newsweave.link.story_model import (
    FEATURES,
    MODEL_FILE,
    StoryModel,
    overlaps,
    pair_features,
    person_overlaps,
    side_of,
)
from newsweave.settings import Settings, StoryConfig

LEARNED = "newsweave.stories.learned.v1"
L2 = 1.0  # ridge on the weights (not the bias), in units of the summed log-loss
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 20)]
FOLDS = 5


def pairs(feats, config: StoryConfig):
    """(features, label, i, j) of every article with every earlier one, weighed as the clusterer weighs."""
    sc = StoryClusterer(Settings(stories=config.replace(similarity="newsweave.stories.cosine.v1")))
    seen: list[tuple[dict, dict, object]] = []
    rows, pos = [], []
    for i, f in enumerate(feats):
        words, names = sc.observe(f)
        side = side_of(words, f.title)
        if seen:
            sims = np.array([dot(words, w) for w, _, _ in seen])
            name_sims = np.array([dot(names, n) for _, n, _ in seen])
            named = np.array([bool(names) and bool(n) for _, n, _ in seen])
            rows.append(pair_features(sims, name_sims, named, *overlaps(side, [s for _, _, s in seen]),
                                      *person_overlaps(names, [n for _, n, _ in seen])))
            pos += [(i, j) for j in range(len(seen))]
        seen.append((words, names, side))
    return np.vstack(rows), np.array(pos)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (the bias is not penalised)."""
    a = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(a.shape[1])
    ridge = np.full(a.shape[1], L2)
    ridge[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        grad = a.T @ (p - y) + ridge * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(ridge) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def clustered_f1(sc_mod, rows, feats, model: StoryModel, threshold: float, config: StoryConfig) -> float:
    settings = Settings(stories=config.replace(similarity=LEARNED, threshold=threshold))
    return bcubed_f1(sc_mod, rows, cluster_stories(feats, settings, model=model))["f1"]


def plateau_best(curve: dict[float, float]) -> float:
    """The threshold whose F1 averaged with its two neighbours is highest (ties: the lower threshold)."""
    inner = THRESHOLDS[1:-1]
    return max(inner, key=lambda t: (sum(curve[THRESHOLDS[THRESHOLDS.index(t) + d]] for d in (-1, 0, 1)), -t))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="fit and report without writing the model")
    args = ap.parse_args(argv)
    sc_mod = scorer()
    config = StoryConfig()
    rows, exs, stages = extractions("train")
    feats = [features_for(ex, str(ex.article.id), config) for ex in exs]
    # ECB+ train is undated: cluster_stories keeps the input order, and so do the pairs.
    gold = [r["gold"]["story"] for r in rows]
    x, ij = pairs(feats, config)
    y = np.array([float(gold[i] == gold[j]) for i, j in ij])
    print(f"{len(rows)} articles, {len(y)} pairs, {int(y.sum())} positive")

    topics = sorted({g.split("-")[0] for g in gold}, key=lambda t: (len(t), t))
    fold_of = {t: k % FOLDS for k, t in enumerate(topics)}
    art_fold = np.array([fold_of[g.split("-")[0]] for g in gold])
    curves = []
    for k in range(FOLDS):
        train_pairs = (art_fold[ij[:, 0]] != k) & (art_fold[ij[:, 1]] != k)
        w, b = fit(x[train_pairs], y[train_pairs])
        model = StoryModel(tuple(w), b, 0.5, {})
        held = [i for i in range(len(rows)) if art_fold[i] == k]
        held_rows, held_feats = [rows[i] for i in held], [feats[i] for i in held]
        curves.append({t: clustered_f1(sc_mod, held_rows, held_feats, model, t, config) for t in THRESHOLDS})
    cv = {t: float(np.mean([c[t] for c in curves])) for t in THRESHOLDS}
    threshold = plateau_best(cv)
    print("held-out BCubed F1 by threshold (mean of the folds):", {t: round(v, 4) for t, v in cv.items()})
    w, b = fit(x, y)
    train_f1 = clustered_f1(sc_mod, rows, feats, StoryModel(tuple(w), b, threshold, {}), threshold, config)
    fitted = {
        "data": "ecbplus-train.jsonl", "articles": len(rows), "pairs": len(y), "positive_pairs": int(y.sum()),
        "method": f"logistic regression, L2 {L2} (bias free), Newton steps; pairs of each article with every "
                  "earlier one, weighed online", "stages": list(stages),
        "threshold_rule": "the threshold (step 0.05) whose cross-validated BCubed F1, averaged with its two "
                          "neighbours', is highest; the folds hold out whole ECB+ topics",
        "cv_folds_by_topic": FOLDS, "cv_bcubed_f1": round(cv[threshold], 4),
        "cv_bcubed_f1_per_fold": [round(c[threshold], 4) for c in curves],
        "train_bcubed_f1": round(train_f1, 4), "script": "benchmarks/train_story_model.py",
    }
    model = StoryModel(tuple(float(v) for v in w), b, threshold, fitted)
    print("weights:", dict(zip(FEATURES, np.round(w, 3))), "bias", round(b, 3))
    print(f"threshold {threshold}: cross-validated BCubed F1 {cv[threshold]:.4f}, on train itself {train_f1:.4f}")
    if not args.dry_run:
        path = REPO / "src" / "newsweave" / "data" / MODEL_FILE
        path.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
