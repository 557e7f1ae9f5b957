"""Choose the ranking weights and fit the confidence model by leave-one-set-out cross-validation.

    .venv/bin/python bench/calibrate.py [--shared ../shared]

For every labelled set (bench/eval_sets.py) and every question, the candidates and their evidence
are computed once. Then, for each set in turn, the ranking weights are picked on the other sets
(best answer@1 + hit@3 over a small grid) and the confidence model (logistic regression on the first
snippet's evidence, label: the first snippet answers) is fitted on the other sets; the set left out
is scored with both. These left-out scores are what the README reports. Finally both are chosen on
all sets together: the constants printed at the end go into retrieval/ranking.py.

The weak-evidence floor (a first snippet with cosine and coverage both below it is no answer,
ranking.WEAK_COSINE / WEAK_COVERAGE) is left out of the comparison of feature sets and chosen after
it, the same way: for each set in turn, the floor that makes the fewest errors on the other sets with
the shipped model, scored on the set left out.

Answering threshold: 0.5, where the calibrated probability that the first snippet answers is even.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from config import load_settings  # noqa: E402
from eval_sets import sets  # noqa: E402
from retrieval.evaluation import read_questions, reliability, retriever_for, score, top1_right  # noqa: E402
from retrieval import ranking  # noqa: E402
from retrieval.ranking import FEATURES  # noqa: E402

LEXICAL_GRID = (0.3, 0.4, 0.5, 0.6, 0.7)
TYPE_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
FOCUS_GRID = (0.0, 0.1, 0.2, 0.3, 0.4)
THRESHOLD = 0.5
# Weak-evidence floors tried: (cosine, coverage); (0, 0) is none.
FLOOR_GRID = [(0.0, 0.0)] + list(itertools.product((0.35, 0.4, 0.45, 0.5, 0.55), (0.3, 0.4, 0.5, 0.6)))
NO_FLOOR = (0.0, 0.0)
# Feature sets compared by their left-out errors (cosine, coverage, answer_type, missing, unfocused, absent).
MASKS = [(1, 1, 1, 1, 1, 1), (1, 0, 1, 1, 1, 1), (1, 0, 1, 0, 1, 1), (1, 1, 1, 0, 1, 1), (1, 0, 0, 0, 1, 1),
         (0, 0, 1, 0, 1, 1), (1, 1, 0, 0, 0, 0)]
L2 = 0.1  # a light ridge penalty: 120 questions are few for 5 coefficients


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """Newton's method on the penalised log-likelihood (the bias is not penalised)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.diag([l2] * x.shape[1] + [0.0])
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -40, 40)))
        grad = xb.T @ (p - y) + penalty @ w
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def collect(shared: Path):
    """Per set: its name, questions, retriever, snapshot and candidates per question."""
    settings = load_settings()
    embedder = None
    data = []
    for name, path, corpus in sets(shared):
        if not path.is_file():
            continue
        retriever, _ = retriever_for(settings, corpus, embedder)
        embedder = retriever.embedder
        snap = retriever._current()
        items = [record for record, error in read_questions(path) if not error]
        cands = [retriever._candidates(snap, q["question"], type_all=True) for q in items]
        data.append((name, items, retriever, snap, cands))
        print(f"{name}: {len(items)} questions", file=sys.stderr)
    return data


def answers(entry, weights: tuple[float, float, float], calibration=None, floor=NO_FLOOR) -> list[dict]:
    """`weights`: the ranking's (lexical, answer type, focus) weights; `floor`: the weak-evidence floor."""
    _, items, retriever, snap, cands = entry
    lw, tw, fw = weights
    out = []
    for q, c in zip(items, cands):
        a = retriever._answer(snap, q["question"], c, lw, tw, calibration, fw, floor)
        record = a.to_record()
        record["features"] = list(a.evidence.values())
        out.append(record)
    return out


def cached(entry, weights, cache: dict) -> list[dict]:
    key = (entry[0], weights)
    if key not in cache:
        cache[key] = answers(entry, weights)
    return cache[key]


def set_quality(entry, weights, cache: dict) -> float:
    """answer@1 + hit@3 of one set's ranking alone (the decision ignored), computed once: every
    left-out round and every feature set looks it up again."""
    key = ("quality", entry[0], weights)
    if key not in cache:
        forced = [{**r, "answered": True} for r in cached(entry, weights, cache)]
        s = score(entry[1], forced)
        cache[key] = s["answer@1"] + s["hit@3"]
    return cache[key]


def ranking_quality(entries, weights, cache: dict) -> float:
    return sum(set_quality(entry, weights, cache) for entry in entries) / len(entries)


def training(entries, weights, cache, mask):
    xs, ys = [], []
    for entry in entries:
        recs = cached(entry, weights, cache)
        for q, r in zip(entry[1], recs):
            if r["features"]:
                xs.append([x for x, keep in zip(r["features"], mask) if keep])
                ys.append(float(top1_right(q, r)))
    return np.array(xs), np.array(ys)


def expand(model, mask) -> tuple[tuple[float, ...], float]:
    """Weights for every feature: zero for those the mask leaves out."""
    it = iter(model[0])
    return tuple(float(next(it)) if keep else 0.0 for keep in mask), model[1]


def decide(entry, weights, model, floor=NO_FLOOR) -> dict:
    recs = answers(entry, weights, model, floor)
    result = score(entry[1], recs)
    result["reliability"] = reliability(entry[1], recs)
    return result


def errors_of(items, recs) -> int:
    """Answerable questions refused or answered wrongly, and unanswerable ones answered."""
    r = score(items, recs)
    # "missed": a wrong first snippet answered; an unanswerable question answered is counted once,
    # by the abstain count ("answered" misses are the same questions).
    wrong = sum(1 for kind, _, _ in r["misses"] if kind == "missed")
    return r["false_abstain"] + (r["abstain_questions"] - r["abstain"]) + wrong


def with_floor(recs: list[dict], floor: tuple[float, float]) -> list[dict]:
    """The records as the floor decides them: answered ones whose first snippet's cosine and coverage
    are both below it refused (what Retriever._decide does)."""
    cosine, coverage = FEATURES.index("cosine"), FEATURES.index("coverage")
    return [{**r, "answered": False} if r["answered"] and r["features"] and r["features"][cosine] < floor[0]
            and r["features"][coverage] < floor[1] else r for r in recs]


def choose_floor(data, weights, model) -> tuple[float, float]:
    """The weak-evidence floor, left-out scores first, then chosen on all sets (the shipped model)."""
    recs = [answers(entry, weights, model) for entry in data]
    cost = {floor: [errors_of(entry[1], with_floor(r, floor)) for entry, r in zip(data, recs)] for floor in FLOOR_GRID}
    left_out = 0
    for i in range(len(data)):
        # Ties go to no floor, then to the lower one.
        floor = min(FLOOR_GRID, key=lambda f: (sum(cost[f]) - cost[f][i], f != NO_FLOOR, f))
        left_out += cost[floor][i]
        print(f"{data[i][0]:24s} floor {floor}: {cost[floor][i]} errors (none: {cost[NO_FLOOR][i]})")
    print(f"left-out errors with the floor chosen on the other sets: {left_out} (no floor: {sum(cost[NO_FLOOR])})")
    return min(FLOOR_GRID, key=lambda f: (sum(cost[f]), f != NO_FLOOR, f))


def line(name: str, r: dict) -> str:
    return (f"{name:24s} answer@1 {r['answer@1']:.2f}  hit@3 {r['hit@3']:.2f}  cite_precision {r['cite_precision']:.2f}  "
            f"abstain {r['abstain']}/{r['abstain_questions']}  false_abstain {r['false_abstain']}/{r['answer_questions']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    data = collect(args.shared)
    cache: dict = {}
    grid = list(itertools.product(LEXICAL_GRID, TYPE_GRID, FOCUS_GRID))

    tried = []
    for mask in MASKS:
        names = "+".join(f for f, keep in zip(FEATURES, mask) if keep)
        errors = 0
        lines = []
        for i, held in enumerate(data):
            others = data[:i] + data[i + 1:]
            weights = max(grid, key=lambda g: ranking_quality(others, g, cache))
            model = expand(fit_logistic(*training(others, weights, cache, mask)), mask)
            recs = answers(held, weights, model)
            errors += errors_of(held[1], recs)
            r = score(held[1], recs)
            lines.append(line(held[0], r) + "   (lexical {}, type {}, focus {})".format(*weights))
        print(f"\nleft-out scores with {names}: {errors} questions refused wrongly or answered wrongly")
        print("\n".join(lines))
        tried.append((errors, sum(mask), MASKS.index(mask), mask))

    # The fewest features among the sets within one error of the best: with 120 questions, a
    # difference of one is noise, and fewer coefficients carry over to other coverage better. Ties go
    # to fewer errors, then to the earlier set in MASKS (cosine, the evidence everything rests on, first).
    fewest = min(t[0] for t in tried)
    mask = min((n, e, i, m) for e, n, i, m in tried if e <= fewest + 1)[3]
    chosen = max(grid, key=lambda g: ranking_quality(data, g, cache))
    weights, bias = expand(fit_logistic(*training(data, chosen, cache, mask)), mask)
    print("\nweak-evidence floor, with the shipped weights and confidence model:")
    shipped = (ranking.LEXICAL_WEIGHT, ranking.ANSWER_TYPE_WEIGHT, ranking.FOCUS_WEIGHT)
    floor = choose_floor(data, shipped, (ranking.CONFIDENCE_WEIGHTS, ranking.CONFIDENCE_BIAS))
    print("\nfitted on all sets, with " + "+".join(f for f, keep in zip(FEATURES, mask) if keep) + " and the floor:")
    for entry in data:
        r = decide(entry, chosen, (weights, bias), floor)
        print(line(entry[0], r))
        print("    reliability: " + ", ".join(f"{b['bin']}: {b['right']}/{b['n']}" for b in r["reliability"] if b["n"]))
    print("\nLEXICAL_WEIGHT = {}\nANSWER_TYPE_WEIGHT = {}\nFOCUS_WEIGHT = {}".format(*chosen))
    print(f"CONFIDENCE_WEIGHTS = ({', '.join(f'{w:.2f}' for w in weights)})\nCONFIDENCE_BIAS = {bias:.2f}")
    print(f"WEAK_COSINE = {floor[0]}\nWEAK_COVERAGE = {floor[1]}")


if __name__ == "__main__":
    main()
