"""Story clustering and cross-document entity figures on ECB+ (shared data), beside a TF-IDF baseline.

    .venv/bin/python benchmarks/cluster_eval.py                 # dev figures: baseline, stories, entities
    .venv/bin/python benchmarks/cluster_eval.py --tune          # grid-search story thresholds on TRAIN
    .venv/bin/python benchmarks/cluster_eval.py --tune-idf      # idf_power x threshold on TRAIN
    .venv/bin/python benchmarks/cluster_eval.py --split train   # figures on another split

The baseline is TF-IDF (regex words, no stop words) with average-link agglomerative clustering on cosine
distance, its cut threshold tuned on dev itself (so it is, if anything, flattered). Ours is
``newsweave.link`` run on a real Pipeline's extractions; its thresholds are tuned on train.
Parses are cached as spaCy DocBins under ``$NW_CACHE`` (default /tmp/nw-cache-linking/).
Scores come from the shared scorer ../shared/eval/score.py, imported as it is.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CACHE = Path(os.environ.get("NW_CACHE", "/tmp/nw-cache-linking"))

STAGES_WANTED = ("newsweave.parse.spacy.v1", "newsweave.entities.spacy.v1", "newsweave.mentions.nominal.v1",
                 "newsweave.coref.rules.v1", "newsweave.descriptions.parse.v1", "newsweave.story_words.parse.v1")


def scorer():
    spec = importlib.util.spec_from_file_location("nw_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_split(split: str) -> list[dict]:
    path = SHARED / "data" / "clustering" / f"ecbplus-{split}.jsonl"
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def parsed_docs(split: str, rows: list[dict]):
    """spaCy Docs of the split, parsed once and cached as a DocBin."""
    from spacy.tokens import DocBin

    from newsweave.extract.nlp import load_model
    from newsweave.extract.pipeline import Pipeline
    from newsweave.settings import Settings

    nlp = load_model()
    path = CACHE / f"ecbplus-{split}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(rows) and all(d.text == r["text"] for d, r in zip(docs, rows)):
            return docs
    CACHE.mkdir(parents=True, exist_ok=True)
    disabled = Pipeline(Settings(stages=("newsweave.parse.spacy.v1",)))._spacy_disabled()
    docs = list(nlp.pipe([r["text"] for r in rows], batch_size=32, disable=disabled))
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(path)
    return docs


def extractions(split: str, stages: tuple[str, ...] | None = None):
    """A real Pipeline's extractions of the split (the registered stages among STAGES_WANTED)."""
    from datetime import date

    from newsweave.extract.pipeline import Pipeline, registered_stages
    from newsweave.model import Article
    from newsweave.settings import Settings

    rows = load_split(split)
    have = registered_stages()
    stages = stages or tuple(s for s in STAGES_WANTED if s in have)
    pipe = Pipeline(Settings(stages=stages))
    out = []
    for row, doc in zip(rows, parsed_docs(split, rows)):
        pub = row.get("published")
        art = Article(text=row["text"], id=row["id"], title=row.get("title"), outlet=row.get("outlet"),
                      published=date.fromisoformat(pub[:10]) if pub else None)
        out.append(pipe.process_doc(art, doc))
    return rows, out, stages


# ------------------------------------------------------------------------------------- baseline
_TOKEN = re.compile(r"[a-z0-9]+")
_BASE_STOP = frozenset(["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "they", "this", "to", "was", "were", "will", "with", "said", "not", "but", "been", "who", "which", "after", "had"])


def tfidf_matrix(texts: list[str]):
    import numpy as np

    counts = [Counter(t for t in _TOKEN.findall(x.lower()) if t not in _BASE_STOP) for x in texts]
    df = Counter(t for c in counts for t in c)
    vocab = {t: i for i, t in enumerate(df)}
    n = len(texts)
    m = np.zeros((n, len(vocab)))
    for r, c in enumerate(counts):
        for t, k in c.items():
            m[r, vocab[t]] = (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1)
    m /= np.linalg.norm(m, axis=1, keepdims=True) + 1e-12
    return m


def baseline_tree(rows: list[dict]):
    """The average-link agglomerative tree of TF-IDF vectors under cosine distance."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import pdist

    return linkage(pdist(tfidf_matrix([r["text"] for r in rows]), "cosine"), method="average")


def baseline_clusters(rows: list[dict], threshold: float, tree=None) -> dict[str, str]:
    """TF-IDF + average-link agglomerative clustering cut at cosine distance ``threshold``."""
    from scipy.cluster.hierarchy import fcluster

    labels = fcluster(baseline_tree(rows) if tree is None else tree, t=threshold, criterion="distance")
    return {r["id"]: f"b{lab}" for r, lab in zip(rows, labels)}


def bcubed_f1(sc, rows, assign) -> dict:
    gold = {r["id"]: r["gold"]["story"] for r in rows}
    return sc.bcubed(gold, assign)


def tune_baseline(sc, rows) -> tuple[float, dict]:
    best = (0.0, None, None)
    tree = baseline_tree(rows)
    for i in range(20, 100):
        t = i / 100
        res = bcubed_f1(sc, rows, baseline_clusters(rows, t, tree))
        if res["f1"] > best[0]:
            best = (res["f1"], t, res)
    return best[1], best[2]


# ------------------------------------------------------------------------------------------ ours
def story_features(exs, config=None):
    from newsweave.link.stories import features_for

    return [features_for(ex, str(ex.article.id), config) for ex in exs]


def ours_clusters(feats, config) -> dict[str, str]:
    from newsweave.link.stories import cluster_stories
    from newsweave.settings import Settings

    return cluster_stories(feats, Settings(stories=config))


def tune_ours(sc, rows, exs, similarity: str) -> tuple[dict, dict]:
    """Grid over the word weights (proper nouns, lead), entity weight and join threshold on train.

    A setting is judged by its F1 averaged with the two neighbouring thresholds (0.02 either side),
    so that the choice sits on a plateau rather than a sharp, lucky peak. Each setting is a
    ``StoryConfig``; the one chosen is printed whole.
    """
    from newsweave.settings import StoryConfig

    best = (0.0, None, None)
    for proper in (1, 2, 3):
        for lead in (1, 2, 3):
            base = StoryConfig(similarity=similarity, proper_boost=proper, lead_boost=lead)
            feats = story_features(exs, base)
            for ew in (0.0, 0.2):
                f1 = {}
                for i in range(17, 37, 2):
                    f1[i] = bcubed_f1(sc, rows, ours_clusters(feats, base.replace(threshold=i / 100, entity_weight=ew)))
                for i in range(19, 35, 2):
                    plateau = (f1[i - 2]["f1"] + f1[i]["f1"] + f1[i + 2]["f1"]) / 3
                    if plateau > best[0]:
                        chosen = base.replace(threshold=i / 100, entity_weight=ew)
                        best = (plateau, {**chosen.to_json(), "plateau_f1": round(plateau, 4)}, f1[i])
    return best[1], best[2]


def tune_idf(sc, rows, exs, similarity: str) -> tuple[dict, dict]:
    """Grid over ``idf_power`` and the join threshold on train, the other settings as they are (same plateau rule)."""
    from newsweave.settings import StoryConfig

    base = StoryConfig(similarity=similarity)
    feats = story_features(exs, base)
    best = (0.0, None, None)
    for power in (0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0, 1.5, 2.0):
        f1 = {i: bcubed_f1(sc, rows, ours_clusters(feats, base.replace(idf_power=power, threshold=i / 100)))
              for i in range(13, 45, 2)}
        for i in range(15, 43, 2):
            plateau = (f1[i - 2]["f1"] + f1[i]["f1"] + f1[i + 2]["f1"]) / 3
            print(f"  idf_power {power} threshold {i / 100}: F1 {f1[i]['f1']:.4f} plateau {plateau:.4f}")
            if plateau > best[0]:
                chosen = base.replace(idf_power=power, threshold=i / 100)
                best = (plateau, {**chosen.to_json(), "plateau_f1": round(plateau, 4)}, f1[i])
    return best[1], best[2]


def entity_output(rows, exs) -> dict[str, dict]:
    """The contract's ``story_id`` and ``entities`` fields, as newsweave extract writes them."""
    out = {}
    for row, ex in zip(rows, exs):
        ents = [{"start": m.start, "end": m.end, "text": m.text, "label": m.label, "entity_id": m.entity_id}
                for m in ex.mentions]
        out[row["id"]] = {"id": row["id"], "story_id": ex.story_id, "entities": ents}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--tune", action="store_true", help="grid-search our story thresholds on train")
    ap.add_argument("--tune-idf", action="store_true", help="grid-search idf_power and the threshold on train")
    ap.add_argument("--similarity", default="newsweave.stories.cosine.v1",
                    help="the story similarity the --tune grids search (the learned one is fitted by "
                         "benchmarks/train_story_model.py)")
    ap.add_argument("--out", help="write the contract JSONL here")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    from newsweave.link import link_batch
    from newsweave.settings import Settings

    sc = scorer()
    if args.tune_idf:
        rows, exs, stages = extractions("train")
        opts, res = tune_idf(sc, rows, exs, args.similarity)
        print(f"ours, idf_power and threshold tuned on train: {opts} -> {res}")
        return 0
    if args.tune:
        rows, exs, stages = extractions("train")
        opts, res = tune_ours(sc, rows, exs, args.similarity)
        print(f"ours, tuned on train: {opts} -> {res}")
        bt, bres = tune_baseline(sc, rows)
        print(f"baseline, tuned on train: threshold {bt} -> {bres}")
        return 0

    t0 = time.time()
    rows, exs, stages = extractions(args.split)
    t_extract = time.time() - t0
    bt, bres = tune_baseline(sc, rows)
    print(f"stages: {', '.join(stages)}  ({len(rows)} docs, extraction {t_extract:.1f}s)")
    print(f"baseline TF-IDF+agglomerative, threshold tuned on {args.split} itself ({bt}): {bres}")
    if args.split != "train":
        train_bt, _ = tune_baseline(sc, load_split("train"))
        fair = bcubed_f1(sc, rows, baseline_clusters(rows, train_bt))
        print(f"baseline TF-IDF+agglomerative, threshold tuned on train ({train_bt}): {fair}")
    t0 = time.time()
    settings = Settings()
    result = link_batch(exs, settings)
    t_link = time.time() - t0
    print(f"story config: {settings.stories.to_json()}")
    out = entity_output(rows, exs)
    gold = {r["id"]: r for r in rows}
    print(f"newsweave stories ({t_link:.1f}s link_batch): {sc.score_cluster(gold, out)}")
    print(f"newsweave entities: {sc.score_entities(gold, out)}")
    print(f"stories {len(result.stories)}, entities {len(result.entities)}, copies {len(result.copies)}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(out[row["id"]]) + "\n" for row in rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
