"""Score candidate sentences for a question, group statements that several articles share,
and decide whether the coverage answers the question at all.

Plain functions over arrays, in the spirit of sentence-transformers' retrieve-and-rerank examples:
dense cosine similarity and lexical coverage are combined into one score, and the answer is
refused when the best score is too low to be an answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import numpy as np

from retrieval.lexical import normal_form

MAX_SNIPPET_CHARS = 400

# Ranking weights, next to cosine similarity. Lexical coverage: names, numbers and rare words that
# the question and a sentence share are strong evidence that a bi-encoder alone under-weights.
# Answer type: a sentence carrying the kind of thing the question asks for (a name for "who", ...)
# gains this much (twice that for a count of what is counted, or a figure beside the question's words),
# one lacking it loses as much. Chosen by leave-one-set-out cross-validation over
# the labelled question sets (bench/calibrate.py; README, "Quality").
LEXICAL_WEIGHT = 0.5
ANSWER_TYPE_WEIGHT = 0.3
# What a "which hotel" / "how many rebounds" question asks about: a sentence lacking those words
# loses this much times the share it lacks (Candidate.unfocused).
FOCUS_WEIGHT = 0.2
# Two sentences from different articles whose embeddings are this close say the same thing.
SAME_STATEMENT = 0.78
# Two sentences from different articles giving the same answer (the same person for "who", the same
# figure for "how many"), the second no other, and this close say the same thing in other words:
# "Hegseth called Ukraine's NATO membership unrealistic" and "Hegseth dismissed Ukraine's aspirations
# for NATO membership".
SAME_ANSWER = 0.7
# Further snippets must score within this margin of the best one; weaker ones are noise.
SNIPPET_MARGIN = 0.25
# A passage scoring within this margin of the best goes first when more articles give its answer.
AGREEMENT_MARGIN = 0.05

# Confidence = the probability that the first snippet answers the question: a logistic model over
# the first snippet's evidence (Candidate.features, named in FEATURES), fitted by bench/calibrate.py
# on the labelled sets together (its leave-one-set-out scores are in the README). A zero weight is
# a feature the cross-validation left out. A refit replaces these only when it makes fewer errors on
# all sets together by more than one without refusing more than two answerable questions in more sets
# (README, "Quality", on why the refits since the first six sets were not adopted).
CONFIDENCE_WEIGHTS = (0.00, 0.00, 0.26, 0.00, -2.69, -6.50)
CONFIDENCE_BIAS = 1.69

# The confidence of a best passage that lacks the kind of answer the question asks for: never an answer.
UNTYPED_CONFIDENCE = 0.2
# Nor is a best passage that is neither close to the question in meaning (cosine) nor in words
# (coverage): "Directed by | Akitaro Daichi" for "Who directed Iron Man 2?". Its confidence is held
# to UNTYPED_CONFIDENCE. Chosen leave-one-set-out by bench/calibrate.py (README, "Quality").
WEAK_COSINE = 0.55
WEAK_COVERAGE = 0.4

# Sentences opening with these lean on the sentence before for who or what they are about.
# "It is clear that ...", "It was hard to ...", "It's raining": an "it" that stands for what follows
# (or for nothing), not for the sentence before; "It's the third extension of the license" does.
_EXPLETIVE = (r"it(?: is|\u2019s|'s| was)(?: not| also| still| now| very| so| too| quite)? "
              r"(?:clear|unclear|likely|unlikely|possible|impossible|important|difficult|hard|easy|true|false|"
              r"(?:expected|thought|believed|said|reported|understood|estimated|feared|hoped|known) that|worth|"
              r"essential|crucial|vital|obvious|evident|apparent|certain|uncertain|time|raining|snowing|unusual|"
              r"rare|common|striking|surprising|interesting|notable|significant|good|bad|better|best|fair|safe|"
              r"tough|easier|harder|unknown|necessary|enough|up to|about|because|as if|as though|"
              r"when|what|how|why|where|who|whether|that|for|in|on|at|only|just)\b")
# "The 47 year old was one of the guests": an age standing for the person named before.
# "One at Appin was brought under control", "Another at Spencer ...": one of those the sentence
# before counts, its noun left out.
_ANAPHOR = re.compile(rf"^(?!{_EXPLETIVE})(?:he|she|they|it|this|that|these|those|his|her|their|its|such|"
                      r"the \d{1,3}[- ]years?[- ]old|(?:one|another|the other) (?=at|in|on|near|from)\b)\b", re.I)
# "Scientist David Vaughan says if that happens, sea levels would rise by one metre": a condition
# told only by pointing back leans on the sentence before as well, wherever it stands.
_CONDITION_BEFORE = re.compile(r"\b(?:if|when|once|unless|should) (?:that|this) (?:happens|happened|occurs|occurred|"
                               r"were to|was to|is the case|goes ahead)\b|\bif so\b", re.I)


@dataclass
class Candidate:
    row: int
    cosine: float
    coverage: float
    embedding: np.ndarray
    typed: int = 0  # 1: carries the wanted answer type, -1: lacks it, 0: the question wants no type
    missing: float = 0.0  # largest share of the question's weight in one word this sentence lacks
    unfocused: float = 0.0  # share of what the question asks about ("how many REBOUNDS") it lacks
    absent: float = 0.0  # share of the question's weight in words its whole article never uses
    score: float = 0.0
    also: list[int] = field(default_factory=list)  # rows in other articles carrying the same statement
    leans_on: int | None = None  # the sentence before it, quoted with it (leans_back)
    then: int | None = None  # the sentence after it, quoted after it (leaning on it, or ranked as a snippet too)
    first: int | None = None  # the sentence before it, ranked as a snippet too, quoted before it
    # Vectors of the other sentences its quote holds (the one it leans on, and candidates joined to it
    # by grouping): a restatement of any of them is a restatement of this snippet.
    quoted: list[np.ndarray] = field(default_factory=list)
    chars: int = 0  # length of its quote (with the sentence it leans on)
    answers: frozenset[str] = frozenset()  # the answers of the asked-for kind it gives (answer_types.answers_given)

    def features(self) -> tuple[float, ...]:
        return (self.cosine, self.coverage, float(self.typed), self.missing, self.unfocused, self.absent)


FEATURES = ("cosine", "coverage", "answer_type", "missing", "unfocused", "absent")


def combine(cosine: float, coverage: float, typed: int = 0, lexical_weight: float = LEXICAL_WEIGHT,
            type_weight: float = ANSWER_TYPE_WEIGHT, unfocused: float = 0.0, focus_weight: float = FOCUS_WEIGHT) -> float:
    return cosine + lexical_weight * coverage + type_weight * typed - focus_weight * unfocused


def confidence(features: tuple[float, ...], weights: tuple[float, ...] = CONFIDENCE_WEIGHTS,
               bias: float = CONFIDENCE_BIAS) -> float:
    z = bias + sum(w * x for w, x in zip(weights, features))
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def group(ranked: list[Candidate], doc_of: Mapping[int, str], limit: int) -> list[Candidate]:
    """Pick up to `limit` distinct statements, best first; fold restatements into `also`."""
    chosen: list[Candidate] = []
    if not ranked:
        return chosen
    floor = ranked[0].score - SNIPPET_MARGIN
    quoted_by: dict[int, Candidate] = {}  # the rows the chosen snippets quote, and which quotes each
    slots = limit
    for cand in ranked:
        if cand.score < floor:
            break
        rows = {cand.row} if cand.leans_on is None else {cand.row, cand.leans_on}
        if overlap := rows & quoted_by.keys():
            # Its quote would repeat a sentence a snippet above already quotes. A sentence leaning on
            # that snippet's sentence is quoted after it instead, in the same snippet (the follow-up
            # often holds what the first only announces); either way it is shown, and takes its slot.
            host = quoted_by[min(overlap)]
            if host.row == cand.leans_on and host.then is None:
                host.then = cand.row
                host.typed = max(host.typed, cand.typed)
            host.quoted.append(cand.embedding)
            quoted_by.update(dict.fromkeys(rows, host))
            slots -= 1
            continue
        if (host := _adjacent_host(cand, quoted_by, doc_of)) is not None:
            # The sentence right after (or before) a snippet's, itself ranked as a snippet: the two
            # are one passage, quoted together ("A video showing the moment the girl was rescued was
            # released Monday. The suspect, Michael Webb, was convicted ..."). One of them often
            # restates the question and the other answers it.
            if cand.row > host.row:
                host.then = cand.row
            else:
                host.first = cand.row
            host.chars += 1 + cand.chars
            host.typed = max(host.typed, cand.typed)  # the quoted passage holds the asked-for kind
            host.quoted.append(cand.embedding)
            quoted_by[cand.row] = host
            slots -= 1
            continue
        # The same answer is looked for behind the first snippet only, the answer: the articles giving
        # it are the ones to cite. A further snippet is a passage close to the question, not an answer.
        same = next((c for c in chosen if any(float(e @ cand.embedding) >= SAME_STATEMENT for e in (c.embedding, *c.quoted))
                     or c is chosen[0] and _same_answer(c, cand, doc_of)), None)
        if same is not None:
            docs = {doc_of[same.row], *(doc_of[r] for r in same.also)}
            if doc_of[cand.row] not in docs:
                same.also.append(cand.row)
            continue
        if len(chosen) < slots:
            chosen.append(cand)
            quoted_by.update(dict.fromkeys(rows, cand))
    return chosen


def put_agreed_first(ranked: list[Candidate], doc_of: Mapping[int, str], margin: float = AGREEMENT_MARGIN) -> None:
    """Put first, in place, the passage whose answer the most articles give in a passage on the same
    topic, when it scores within `margin` of the best: four articles saying Putin invited Trump "to
    Moscow" outweigh one saying "to visit Russia" that its wording ranks a little higher."""
    if not ranked or not ranked[0].answers:
        return
    top = ranked[0]
    # Only a rival as good on every other count, giving another answer, can go first; most questions
    # have none, and the support is not counted for them.
    rivals = []
    for i, cand in enumerate(ranked[1:], 1):
        if cand.score < top.score - margin:
            break
        if cand.answers and cand.answers != top.answers and cand.typed == top.typed and cand.unfocused <= top.unfocused:
            rivals.append(i)
    if not rivals:
        return

    def support(cand: Candidate) -> int:
        vectors = (cand.embedding, *cand.quoted)
        return len({doc_of[c.row] for c in ranked if c.answers & cand.answers
                    and any(float(v @ c.embedding) >= SAME_ANSWER for v in vectors)})

    best = support(top)
    for i in rivals:
        if support(ranked[i]) > best:
            ranked.insert(0, ranked.pop(i))
            return


def cite_same_answer(first: Candidate, others: list[Candidate], doc_of: Mapping[int, str]) -> None:
    """Add to the answer's `also` the articles among `others` that give its answer (_same_answer)."""
    cited = {doc_of[first.row], *(doc_of[r] for r in first.also)}
    for cand in others:
        if doc_of[cand.row] not in cited and _same_answer(first, cand, doc_of):
            first.also.append(cand.row)
            cited.add(doc_of[cand.row])


def _same_answer(chosen: Candidate, cand: Candidate, doc_of: Mapping[int, str]) -> bool:
    """Whether `cand`, in another article, gives the answers `chosen` gives, no more and no fewer, in a sentence
    on the same topic: hidden behind `chosen`'s quote, it hides nothing ("22 launch titles" goes with
    "launching with 22 games"; "bringing the total to 14" does not go with "join the original nine")."""
    return bool(cand.answers) and cand.answers == chosen.answers and doc_of[chosen.row] != doc_of[cand.row] \
        and any(float(e @ f) >= SAME_ANSWER for e in (chosen.embedding, *chosen.quoted)
                for f in (cand.embedding, *cand.quoted))


def _adjacent_host(cand: Candidate, quoted_by: dict[int, Candidate], doc_of: Mapping[int, str]) -> Candidate | None:
    """The snippet whose own sentence stands right before or after `cand`'s in the same article, when
    `cand` can join its quote (it leans on nothing, that side is free, and the two fit)."""
    if cand.leans_on is not None:
        return None
    for row, side in ((cand.row - 1, "then"), (cand.row + 1, "first")):
        host = quoted_by.get(row)
        if host is None or host.row != row or doc_of[host.row] != doc_of[cand.row]:
            continue
        if getattr(host, side) is None and not (side == "first" and host.leans_on is not None) \
                and host.chars + 1 + cand.chars <= MAX_SNIPPET_CHARS:
            return host
    return None


# The words a sentence pointing back may open with (_ANAPHOR); what a condition pointing back holds
# (_CONDITION_BEFORE) is looked for as plain text first: most sentences have neither, and are let go
# without the patterns.
_POINTING_OPENERS = frozenset("he she they it it's it’s this that these those his her their its such the one another".split())


def points_back(text: str) -> bool:
    """Whether the sentence stands on the one before for who or what it is about: it opens with a
    pronoun, or tells a condition only by pointing back ("if that happens")."""
    first = text[:12].split(maxsplit=1)[:1]
    if first and first[0].lower().rstrip(",") in _POINTING_OPENERS and _ANAPHOR.match(text):
        return True
    lower = text.lower()
    return ("if th" in lower or "when th" in lower or "once th" in lower or "unless th" in lower or "should th" in lower
            or "if so" in lower) and bool(_CONDITION_BEFORE.search(text))


def leans_back(text: str, previous: str | None) -> bool:
    """Whether a sentence is quoted with the one before it: it points back ("It will start at
    $44,000.", "if that happens") and the two fit in a snippet. Such a sentence is ranked as the pair, too."""
    return previous is not None and points_back(text) and len(previous) + 1 + len(text) <= MAX_SNIPPET_CHARS


def snippet_text(rows: Mapping[int, str], index: int, previous: int | None, then: int | None = None,
                 first: int | None = None, terms: Collection[str] = ()) -> str:
    """The sentence, with the one before it when it leans on it (or `first`, quoted with it), and
    `then` after it, each when it fits, at most 400 characters: a longer sentence is cut to the part
    holding most of `terms`, the question's words (in the lexical index's form). `rows`: texts by
    row; a neighbour a concurrent re-index has just deleted may be missing."""
    text = rows[index]
    before = rows.get(previous) if previous is not None else None
    text = clip(f"{before} {text}" if leans_back(text, before) else text, MAX_SNIPPET_CHARS, terms)
    ahead = rows.get(first) if first is not None else None
    if ahead is not None and len(ahead) + 1 + len(text) <= MAX_SNIPPET_CHARS:
        text = f"{ahead} {text}"
    after = rows.get(then) if then is not None else None
    if after is not None and len(text) + 1 + len(after) <= MAX_SNIPPET_CHARS:
        text = f"{text} {after}"
    return text


def clip(text: str, limit: int = MAX_SNIPPET_CHARS, terms: Collection[str] = ()) -> str:
    """`text` cut to at most `limit` characters at word boundaries, "…" marking a cut: the window
    holding the most of `terms` (a long sentence's answer may stand at its end: "... and why Wall
    Street punished Tivo's stock price"), its start when none is found."""
    if len(text) <= limit:
        return text
    words = [(m.start(), m.end(), normal_form(m.group(0).lower())) for m in re.finditer(r"\w+", text)]
    room = limit - 2  # the ellipses
    best, best_start = -1, 0
    for i, (start, _, _) in enumerate(words):
        held = {w for _, e, w in words[i:] if e <= start + room and w in terms}
        if len(held) > best:
            best, best_start = len(held), start
    if best_start == 0:
        cut = text[: limit - 1].rsplit(" ", 1)[0]
        return cut + "…"
    end = best_start + room
    cut = text[best_start:end]
    if end < len(text):
        cut = cut.rsplit(" ", 1)[0] + "…"
    return "…" + cut
