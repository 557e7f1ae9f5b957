"""Score candidate sentences for a question, group statements that several articles share,
and decide whether the coverage answers the question at all.

Plain functions over arrays, in the spirit of sentence-transformers' retrieve-and-rerank examples:
dense cosine similarity and lexical coverage are combined into one score, and the answer is
refused when the best score is too low to be an answer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

MAX_SNIPPET_CHARS = 400

# Weight of lexical coverage next to cosine similarity: names, numbers and rare words that the
# question and a sentence share are strong evidence that a bi-encoder alone under-weights.
LEXICAL_WEIGHT = 0.5
# Bonus for a sentence carrying the kind of thing the question asks for (a name for "who", ...).
ANSWER_TYPE_WEIGHT = 0.25
# Two sentences from different articles whose embeddings are this close say the same thing.
SAME_STATEMENT = 0.78
# Further snippets must score within this margin of the best one; weaker ones are noise.
SNIPPET_MARGIN = 0.25
# Logistic map from combined score to a confidence in [0, 1]; 0.5 sits at CONFIDENCE_CENTER.
CONFIDENCE_CENTER = 0.75
CONFIDENCE_SCALE = 0.06

# Sentences opening with these lean on the sentence before for who or what they are about.
_ANAPHOR = re.compile(r"^(?!it(?: i|\u2019|')s\b|it was\b)(?:he|she|they|it|this|that|these|those|his|her|their|its|such)\b", re.I)


@dataclass
class Candidate:
    row: int
    cosine: float
    coverage: float
    embedding: np.ndarray
    score: float = 0.0
    also: list[int] = field(default_factory=list)  # rows in other articles carrying the same statement


def combine(cosine: float, coverage: float, typed: bool = False) -> float:
    return cosine + LEXICAL_WEIGHT * coverage + (ANSWER_TYPE_WEIGHT if typed else 0.0)


def confidence(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-(score - CONFIDENCE_CENTER) / CONFIDENCE_SCALE))


def group(ranked: list[Candidate], doc_of: list[str], limit: int) -> list[Candidate]:
    """Pick up to `limit` distinct statements, best first; fold restatements into `also`."""
    chosen: list[Candidate] = []
    if not ranked:
        return chosen
    floor = ranked[0].score - SNIPPET_MARGIN
    for cand in ranked:
        if cand.score < floor:
            break
        same = next((c for c in chosen if float(c.embedding @ cand.embedding) >= SAME_STATEMENT), None)
        if same is not None:
            docs = {doc_of[same.row], *(doc_of[r] for r in same.also)}
            if doc_of[cand.row] not in docs:
                same.also.append(cand.row)
            continue
        if len(chosen) < limit:
            chosen.append(cand)
    return chosen


def snippet_text(rows: list[str], index: int, previous: int | None) -> str:
    """The sentence, with the one before it when it opens with a pronoun, at most 400 characters."""
    text = rows[index]
    if previous is not None and _ANAPHOR.match(text):
        joined = f"{rows[previous]} {text}"
        if len(joined) <= MAX_SNIPPET_CHARS:
            return joined
    return clip(text)


def clip(text: str, limit: int = MAX_SNIPPET_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"
