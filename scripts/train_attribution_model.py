"""Train the attribution model (``newsweave.attribution.model.v1``) from the PolNeAR training split.

    .venv/bin/python scripts/train_attribution_model.py [--l2 1.0] [--heads source,cue,content,keep]

(or ``make attribution-model``). Runs the attribution rules over polnear-train (parsed once, cached
under /tmp by ``benchmarks/attribution_eval.py``), matches each rule attribution to the gold one
it stands for (overlapping cue, else overlapping content), and fits

* per role (source, cue, content) and side (start, end), a conditional logistic model that picks
  the gold boundary among the candidate token boundaries near the rules' one;
* a logistic model that keeps or drops each content piece of an attribution with several pieces
  (kept when most of its words are in the gold attribution's content);
* optionally (``--heads ...,accept``) a logistic model over whole candidate attributions found with
  a lower cue threshold (0.2), each training article's candidates scored by a cue model fitted on the
  other fold; on dev it raised content and cue exact F1 but lowered who-said-what, so it does not ship.

Writes ``src/newsweave/data/attribution/span_model.json``. numpy and scipy only (both installed with
newsweave); about two minutes on one core after the parse. Only polnear-train is read, so dev stays
honest; which heads ship was chosen by measurement on dev (``benchmarks/attribution_eval.py
--method model``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

OUT = REPO / "src/newsweave/data/attribution/span_model.json"

from train_attribution import feature_matrix, fit_logistic

# the scorer's own word offsets and trimming, so that labels mean what the scorer counts
from newsweave.eval.scoring import _tokens as words
from newsweave.eval.scoring import _trim as scorer_trim


def match_gold(text: str, f, golds: list[dict], taken: set[int]) -> dict | None:
    """The gold attribution a rule attribution stands for: same cue, else most shared content words."""
    for i, g in enumerate(golds):
        if i not in taken and any(s < f.cue[1] and f.cue[0] < e for s, e in g["cue"]):
            taken.add(i)
            return g
    pc = words(text, f.content)
    best, best_j = None, 0.5
    for i, g in enumerate(golds):
        gc = words(text, g["content"])
        if i in taken or not gc or not pc:
            continue
        j = len(gc & pc) / len(gc | pc)
        if j >= best_j:
            best, best_j = i, j
    if best is None:
        return None
    taken.add(best)
    return golds[best]


def nearest_gold(text: str, span, gold_spans) -> tuple[int, int] | None:
    """The gold span sharing most words with ``span``, trimmed as the scorer trims it."""
    pw = words(text, [span])
    best, n = None, 0
    for s, e in gold_spans:
        k = len(pw & words(text, [(s, e)]))
        if k > n:
            best, n = (s, e), k
    return scorer_trim(text, *best) if best else None


def collect(rows, docs, limit: int | None = None, threshold: float | None = None):
    """Training instances: per head, a list of (candidate features, index of the gold candidate),
    the keep model's (features, label) pairs and the accept model's (features, label) pairs."""
    from newsweave.extract.attribution import rule_attributions
    from newsweave.extract.attribution_model import (
        accept_features,
        boundary_instances,
        piece_features,
        span_context,
    )
    from newsweave.extract.attribution_spans import doc_text

    choices: dict[str, list] = {f"{r}_{side}": [] for r in ("source", "cue", "content") for side in ("start", "end")}
    keep: list[tuple[list[str], int]] = []
    accept: list[tuple[list[str], int]] = []
    seen = Counter()
    for row, doc in list(zip(rows, docs))[:limit]:
        text = doc_text(doc)
        golds = row["gold"]["attributions"]
        found, quotes = rule_attributions(doc, threshold)
        taken: set[int] = set()
        # outermost first: PolNeAR marks only those, so they take the gold attributions
        for f in sorted(found, key=lambda x: (x.parent is not None, x.cue[0])):
            g = match_gold(text, f, golds, taken)
            if f.parent is None:
                accept.append((accept_features(doc, text, f, quotes), int(g is not None)))
            if g is None:
                continue
            gold_content = words(text, g["content"])
            ctx = span_context(doc, f, quotes)
            if len(f.content) > 1:
                for k, piece in enumerate(f.content):
                    pw = words(text, [piece])
                    label = int(bool(pw) and len(pw & gold_content) >= 0.5 * len(pw))
                    keep.append((piece_features(doc, text, f, k, piece, quotes), label))
            spans = [("content", p, g["content"]) for p in f.content]
            if f.source is not None:
                spans.append(("source", f.source, g["source"]))
            spans.append(("cue", f.cue, g["cue"]))
            for role, span, gold_spans in spans:
                target = nearest_gold(text, span, gold_spans)
                seen[f"{role}_spans"] += 1
                if target is None:
                    continue
                quoted = any(qs <= span[0] and span[1] <= qe + 1 for qs, qe in quotes)
                inst = boundary_instances(doc, text, role, span, {**ctx, "quoted": quoted})
                if inst is None:
                    continue
                (_, starts, sfeats), (_, ends, efeats) = inst
                s_pos = [k for k, i in enumerate(starts) if scorer_trim(text, doc[i].idx, span[1])[0] == target[0]]
                e_pos = [k for k, j in enumerate(ends)
                         if scorer_trim(text, span[0], doc[j].idx + len(doc[j].text))[1] == target[1]]
                if s_pos:
                    choices[f"{role}_start"].append((sfeats, s_pos[0]))
                    seen[f"{role}_start_reachable"] += 1
                if e_pos:
                    choices[f"{role}_end"].append((efeats, e_pos[0]))
                    seen[f"{role}_end_reachable"] += 1
    return choices, keep, accept, seen


def fit_choice(instances, l2: float, min_count: int) -> dict[str, float]:
    """Conditional logistic regression: the softmax over each instance's candidates, gold one up."""
    import numpy as np
    from scipy.optimize import minimize

    rows = [fs for feats, _ in instances for fs in feats]
    sizes = np.array([len(feats) for feats, _ in instances])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    gold = starts + np.array([g for _, g in instances])
    X, names = feature_matrix(rows, min_count)
    y = np.zeros(len(rows))
    y[gold] = 1.0
    Xt = X.T.tocsr()

    def loss(w):
        s = X @ w
        m = np.maximum.reduceat(s, starts)
        ex = np.exp(s - np.repeat(m, sizes))
        z = np.add.reduceat(ex, starts)
        p = ex / np.repeat(z, sizes)
        nll = -(s[gold] - m - np.log(z)).sum()
        return nll + 0.5 * l2 * w @ w, Xt @ (p - y) + l2 * w

    res = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 400})
    return {f: round(float(v), 3) for f, v in zip(names, res.x) if abs(v) >= 0.005}


def fit_binary(instances, l2: float, min_count: int) -> dict[str, float]:
    """Plain logistic regression (the keep and accept models)."""
    X, names = feature_matrix([feats for feats, _ in instances], min_count)
    coef = fit_logistic(X, [label for _, label in instances], l2)
    return {f: round(float(v), 3) for f, v in zip(names, coef) if abs(v) >= 0.005}


def crossfit_accept(rows, docs, threshold: float, folds: int = 2) -> list[tuple[list[str], int]]:
    """The accept model's instances, each article's candidates scored by a cue model fitted without it.

    The shipped cue model was fitted on all of train, so on train it is surer than on new text and
    there would be little for the accept model to learn; fitting it per fold makes its scores on the
    held-out fold look like those on unseen articles.
    """
    import numpy as np
    from train_attribution import unquoted_verbs

    from newsweave.extract import attribution_cues

    full = attribution_cues._data("cue_model.json")
    lex = attribution_cues.cue_lexicon()
    accept = []
    for k in range(folds):
        held = [i for i in range(len(rows)) if i % folds == k]
        samples, labels = [], []
        for i in range(len(rows)):
            if i % folds == k:
                continue
            for tok, has_quote, is_cue in unquoted_verbs(rows[i], docs[i]):
                if lex.get(tok.lemma_.lower(), 0.0) >= attribution_cues.MIN_RATE:
                    samples.append(attribution_cues.cue_features(tok, has_quote))
                    labels.append(int(is_cue))
        X, names = feature_matrix(samples, 5)
        coef = fit_logistic(X, np.array(labels), l2=2.0)
        fold_model = dict(full, weights={f: float(w) for f, w in zip(names, coef) if abs(w) >= 0.05})
        data = attribution_cues._data
        attribution_cues._data = lambda name, fm=fold_model, data=data: fm if name == "cue_model.json" else data(name)
        try:
            accept += collect([rows[i] for i in held], [docs[i] for i in held], threshold=threshold)[2]
        finally:
            attribution_cues._data = data
    return accept


def main() -> None:
    from attribution_eval import load_docs

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=3.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--heads", default="source,cue,content,keep",
                    help="which parts to learn and ship: roles (source, cue, content), keep, accept; "
                         "the default is what measured best on dev")
    ap.add_argument("--keep-threshold", type=float, default=0.5)
    ap.add_argument("--candidate-threshold", type=float, default=0.2,
                    help="with the accept head: the cue probability a verb needs to be a candidate")
    ap.add_argument("--accept-threshold", type=float, default=0.5)
    ap.add_argument("--version", default=f"span-lr-{date.today():%Y%m%d}")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--limit", type=int, default=None, help="only the first N training articles")
    args = ap.parse_args()
    wanted = set(args.heads.split(","))
    t0 = time.perf_counter()
    rows, docs, _ = load_docs("train")
    choices, keep, _, seen = collect(rows, docs, args.limit)
    accept = crossfit_accept(rows[:args.limit], docs[:args.limit], args.candidate_threshold) \
        if "accept" in wanted else []
    print(f"instances from {len(rows[:args.limit])} articles in {time.perf_counter() - t0:.0f} s: "
          + ", ".join(f"{k} {len(v)}" for k, v in choices.items()) + f", keep {len(keep)}, accept {len(accept)}; "
          + str(dict(seen)))
    heads = {}
    for name, instances in choices.items():
        if name.split("_")[0] in wanted and instances:
            heads[name] = fit_choice(instances, args.l2, args.min_count)
    if "keep" in wanted and keep:
        heads["keep"] = fit_binary(keep, args.l2, args.min_count)
    if "accept" in wanted and accept:
        heads["accept"] = fit_binary(accept, args.l2, args.min_count)
    args.out.write_text(json.dumps({
        "version": args.version,
        "made_by": "scripts/train_attribution_model.py from polnear-train.jsonl "
                   f"(conditional logistic boundaries and logistic piece filter, l2={args.l2})",
        "keep_threshold": args.keep_threshold,
        # the rules' own cue threshold unless an accept model judges the candidates
        "candidate_threshold": args.candidate_threshold if "accept" in heads else None,
        "accept_threshold": args.accept_threshold,
        "instances": {k: len(v) for k, v in choices.items()} | {"keep": len(keep), "accept": len(accept)},
        "heads": heads,
    }, sort_keys=True) + "\n", encoding="utf-8")
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.1f} MB, heads {', '.join(sorted(heads))}) "
          f"in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
