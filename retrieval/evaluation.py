"""Scores for a question file, with the definitions of shared/eval/score.py (see README)."""

from __future__ import annotations

import re
from pathlib import Path

MAX_SNIPPET = 400


def _norm(s: str) -> str:
    s = re.sub(r"[\u2018\u2019\u02bc]", "'", s)
    s = re.sub(r"[\u201c\u201d]", '"', s)
    return re.sub(r"\s+", " ", s).lower()


def _stem(name: str) -> str:
    return Path(str(name)).stem


def _good(q: dict, snip: dict) -> bool:
    text = snip.get("text", "")
    return (_stem(snip.get("source", "")) in q["sources"] and len(text) <= MAX_SNIPPET
            and any(_norm(e) in _norm(text) for e in q["expect"]))


def score(questions: list[dict], answers: list[dict]) -> dict:
    """answer@1, hit@3, cite_recall, cite_precision over answer questions; abstentions on abstain questions."""
    top1 = hit3 = false_abstain = abstained = n_answer = n_abstain = 0
    recall: list[float] = []
    precision: list[float] = []
    misses: list[tuple[str, str, str]] = []
    for q, a in zip(questions, answers):
        snips = a.get("snippets") or []
        answered = bool(a.get("answered"))
        first = snips[0]["text"][:120] if snips else ""
        if q.get("kind") == "abstain":
            n_abstain += 1
            abstained += not answered
            if answered:
                misses.append(("answered", q["question"], first))
            continue
        n_answer += 1
        false_abstain += not answered
        ok = answered and bool(snips) and _good(q, snips[0])
        top1 += ok
        hit3 += answered and any(_good(q, s) for s in snips[:3])
        cited = {_stem(s.get("source", "")) for s in snips[:3]}
        cited |= {_stem(x) for s in snips[:3] for x in s.get("also_in") or []}
        cited.discard("")
        right = set(q["sources"])
        recall.append(len(cited & right) / len(right) if answered and right else 0.0)
        if answered and cited:
            precision.append(len(cited & right) / len(cited))
        if not ok:
            misses.append(("missed" if answered else "abstained", q["question"], first))
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return {
        "answer@1": top1 / max(n_answer, 1), "hit@3": hit3 / max(n_answer, 1),
        "cite_recall": mean(recall), "cite_precision": mean(precision),
        "false_abstain": false_abstain, "answer_questions": n_answer,
        "abstain": abstained, "abstain_questions": n_abstain, "misses": misses,
    }


def format_scores(r: dict) -> str:
    lines = [f"  {kind:9s} {q}  ->  {text!r}" for kind, q, text in r["misses"]]
    lines.append(f"answer@1 {r['answer@1']:.2f}  hit@3 {r['hit@3']:.2f}  cite_recall {r['cite_recall']:.2f}  "
                 f"cite_precision {r['cite_precision']:.2f}  false_abstain {r['false_abstain']}/{r['answer_questions']}  "
                 f"abstain {r['abstain']}/{r['abstain_questions']}")
    return "\n".join(lines)
