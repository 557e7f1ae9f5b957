"""Scores for a question file, with the definitions of shared/eval/score.py (see README)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from retrieval.errors import RetrievalError

MAX_SNIPPET = 400


def read_questions(path: Path) -> list[tuple[dict, str | None]]:
    """Each non-blank line of a question file as (record, why it cannot be asked or None).

    A line is a JSON object with a "question" string, or a plain question. Only newlines end a line:
    a form feed or another control character inside a question is part of that question."""
    if not path.is_file():
        raise RetrievalError(f"question file {path} does not exist")
    text = path.read_bytes().decode("utf-8", errors="replace")
    return [_parse_question(path, n, line.strip()) for n, line in enumerate(text.split("\n"), 1) if line.strip()]


def _parse_question(path: Path, n: int, line: str) -> tuple[dict, str | None]:
    if not line.startswith("{"):
        return {"question": line}, None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"question": ""}, f"{path}:{n}: not valid JSON ({exc.msg})"
    if not isinstance(obj, dict) or not isinstance(obj.get("question"), str):
        return {"question": ""}, f"{path}:{n}: a JSON line needs a \"question\" string"
    return obj, None


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


def top1_right(q: dict, a: dict) -> bool:
    """Whether the first snippet answers the question, whatever the answer's confidence: what the
    confidence claims to predict."""
    snips = a.get("snippets") or []
    return q.get("kind") != "abstain" and bool(snips) and _good(q, snips[0])


# Confidence bins of the reliability table.
BINS = (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0001)


def reliability(questions: list[dict], answers: list[dict]) -> list[dict]:
    """Per confidence bin: how many answers fell in it and the share whose first snippet was right."""
    rows = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [(q, a) for q, a in zip(questions, answers) if lo <= float(a.get("confidence") or 0.0) < hi]
        right = sum(top1_right(q, a) for q, a in inside)
        rows.append({"bin": f"{lo:.1f}-{min(hi, 1.0):.1f}", "n": len(inside), "right": right,
                     "share_right": right / len(inside) if inside else None})
    return rows


def format_reliability(rows: list[dict]) -> str:
    cells = [f"{r['bin']}: {r['right']}/{r['n']}" for r in rows if r["n"]]
    return "reliability (confidence bin: first snippet right / answers): " + ", ".join(cells)


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


def retriever_for(settings, folder: Path, embedder=None):
    """A retriever for `folder`, indexed and up to date: the configured index for the configured
    corpus, a private one (kept between runs, updated incrementally) for any other folder."""
    from retrieval.retriever import Retriever

    if folder.resolve() != settings.corpus_dir.resolve():
        slug = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:10]
        settings = settings.model_copy(update={"corpus_dir": folder, "index_dir": settings.index_dir / "eval" / slug,
                                               "collection": f"{settings.collection}-eval-{slug}"})
    retriever = Retriever.from_settings(settings, embedder)
    return retriever, retriever.reindex()
