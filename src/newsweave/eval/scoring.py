"""Our copy of the evaluation rules of ../shared/eval/score.py, so ``newsweave eval`` needs nothing else.

The definitions are the scorer's: spans are trimmed of white space, punctuation and quote marks
before exact comparison; overlap is counted in word tokens; who-said-what pairs need content-token
Jaccard >= 0.5 and overlapping (or both absent) sources; timexes match on the first overlapping gold
span; stories and entities are scored by BCubed. A test checks that both scorers agree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

__all__ = ["TASKS", "score", "bcubed"]

_PUNCT = frozenset(" \t\r\n\"'“”‘’«»„.,;:!?()[]—–-")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _PUNCT:
        s += 1
    while e > s and text[e - 1] in _PUNCT:
        e -= 1
    return s, e


def _tokens(text: str, spans) -> set[int]:
    return {m.start() for s, e in spans for m in _TOKEN.finditer(text, s, e)}


def _pieces(x) -> list[tuple[int, int]]:
    if not x:
        return []
    if isinstance(x, dict):
        x = [x]
    return [(int(p["start"]), int(p["end"])) for p in x if p and "start" in p]


def attribution(gold: dict, system: dict) -> dict[str, Any]:
    roles = ("source", "cue", "content")
    exact = {r: [0, 0, 0] for r in roles}
    overlap = {r: [0, 0, 0] for r in roles}
    pair = [0, 0, 0]
    for did, g in gold.items():
        text = g["text"]
        preds = system.get(did, {}).get("attributions") or []
        golds = g["gold"]["attributions"]
        for r in roles:
            gs = {_trim(text, s, e) for a in golds for s, e in a[r]} - {(0, 0)}
            ps = {_trim(text, s, e) for a in preds for s, e in _pieces(a.get(r))}
            exact[r][0] += len(gs & ps); exact[r][1] += len(ps); exact[r][2] += len(gs)  # noqa: E702
            gt = _tokens(text, [sp for a in golds for sp in a[r]])
            pt = _tokens(text, [sp for a in preds for sp in _pieces(a.get(r))])
            overlap[r][0] += len(gt & pt); overlap[r][1] += len(pt); overlap[r][2] += len(gt)  # noqa: E702
        gsets = [(_tokens(text, a["content"]), _tokens(text, a["source"])) for a in golds]
        used: set[int] = set()
        for a in preds:
            pc, psrc = _tokens(text, _pieces(a.get("content"))), _tokens(text, _pieces(a.get("source")))
            for i, (gc, gsrc) in enumerate(gsets):
                if i in used or not gc or not pc:
                    continue
                if len(gc & pc) / len(gc | pc) >= 0.5 and ((gsrc & psrc) or (not gsrc and not psrc)):
                    used.add(i)
                    pair[0] += 1
                    break
        pair[1] += len(preds)
        pair[2] += len(golds)
    out: dict[str, Any] = {}
    for r in roles:
        out[f"{r}_exact"] = _prf(*exact[r])
        out[f"{r}_overlap"] = _prf(*overlap[r])
    out["who_said_what"] = _prf(*pair)
    return out


def timex(gold: dict, system: dict) -> dict[str, Any]:
    strict, relaxed, value, typ = [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0]
    for did, g in gold.items():
        text = g["text"]
        golds = [(_trim(text, t["start"], t["end"]), t) for t in g["gold"]["timexes"]]
        preds = [(_trim(text, int(t["start"]), int(t["end"])), t) for t in system.get(did, {}).get("timexes") or []]
        used: set[int] = set()
        for (ps, pe), pt in preds:
            for i, ((gs, ge), gt) in enumerate(golds):
                if i in used or not (ps < ge and gs < pe):
                    continue
                used.add(i)
                relaxed[0] += 1
                strict[0] += (ps, pe) == (gs, ge)
                value[0] += str(pt.get("value")) == str(gt["value"])
                typ[0] += str(pt.get("type", "")).upper() == str(gt["type"]).upper()
                typ[1] += 1
                break
        for c in (strict, relaxed, value):
            c[1] += len(preds)
            c[2] += len(golds)
    return {"strict": _prf(*strict), "relaxed": _prf(*relaxed), "value": _prf(*value),
            "type_accuracy": round(typ[0] / typ[1], 4) if typ[1] else 0.0}


def bcubed(assign_gold: dict, assign_pred: dict) -> dict[str, float]:
    """BCubed P/R/F1 over the items of ``assign_gold``; an item without a prediction is a singleton."""
    by_g, by_p = defaultdict(set), defaultdict(set)
    for item, c in assign_gold.items():
        by_g[c].add(item)
        by_p[assign_pred.get(item, ("__single__", item))].add(item)
    P = R = 0.0
    for item, c in assign_gold.items():
        gc, pc = by_g[c], by_p[assign_pred.get(item, ("__single__", item))]
        inter = len(gc & pc)
        P += inter / len(pc)
        R += inter / len(gc)
    n = len(assign_gold) or 1
    p, r = P / n, R / n
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def cluster(gold: dict, system: dict) -> dict[str, Any]:
    g = {did: d["gold"]["story"] for did, d in gold.items()}
    p = {did: system[did]["story_id"] for did in g if did in system and system[did].get("story_id") is not None}
    return {"bcubed": bcubed(g, p), "gold_stories": len(set(g.values())), "predicted_stories": len(set(p.values())),
            "docs": len(g)}


def entities(gold: dict, system: dict) -> dict[str, Any]:
    g_assign, p_assign, found = {}, {}, 0
    for did, d in gold.items():
        preds = system.get(did, {}).get("entities") or []
        for k, m in enumerate(d["gold"]["entity_mentions"]):
            key = (did, k)
            g_assign[key] = m["instance"]
            best, best_len = None, 0
            for pm in preds:
                s, e = max(m["start"], int(pm["start"])), min(m["end"], int(pm["end"]))
                if e > s and e - s > best_len and pm.get("entity_id") is not None:
                    best, best_len = pm["entity_id"], e - s
            if best is not None:
                p_assign[key] = ("e", best)
                found += 1
    return {"bcubed": bcubed(g_assign, p_assign), "gold_mentions": len(g_assign),
            "mention_recall": round(found / len(g_assign), 4) if g_assign else 0.0}


def events(gold: dict, system: dict) -> dict[str, Any]:
    typ, src, tgt, top1 = [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0]
    for did, d in gold.items():
        preds = system.get(did, {}).get("events") or []
        gtypes = {e["type"] for e in d["gold"]["events"]}
        ptypes = {str(e.get("type", "")).upper() for e in preds}
        typ[0] += len(gtypes & ptypes); typ[1] += len(ptypes); typ[2] += len(gtypes)  # noqa: E702
        top1[1] += 1
        top1[0] += bool(preds) and str(preds[0].get("type", "")).upper() in gtypes
        for role, c in (("source", src), ("target", tgt)):
            gc = {a["code"] for e in d["gold"]["events"] for a in e[role] if a.get("code")}
            pc = {a.get("code") for e in preds for a in (e.get(role) or []) if a.get("code")}
            c[0] += len(gc & pc); c[1] += len(pc); c[2] += len(gc)  # noqa: E702
    return {"type": _prf(*typ), "type_top1_accuracy": round(top1[0] / top1[1], 4) if top1[1] else 0.0,
            "source_code": _prf(*src), "target_code": _prf(*tgt)}


TASKS: dict[str, Callable[[dict, dict], dict[str, Any]]] = {
    "attribution": attribution, "timex": timex, "cluster": cluster, "entities": entities, "events": events,
}


def score(task: str, gold: dict, system: dict) -> dict[str, Any]:
    """Score ``system`` output (id -> contract object) against ``gold`` (id -> gold line) for ``task``."""
    from ..errors import ConfigError

    if task not in TASKS:
        raise ConfigError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}")
    result = TASKS[task](gold, system)
    result["missing_docs"] = sum(1 for k in gold if k not in system)
    return result
