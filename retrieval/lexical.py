"""Lexical side of ranking: stemmed tokens, BM25 (bm25s) and IDF-weighted term coverage."""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

import bm25s
import numpy as np
import simplemma
import Stemmer

logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets its own logger to DEBUG on import

# Function words and question words: they say what kind of answer is wanted, not what it is about.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing done down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom whose why will with would you your yours yourself yourselves s t don re ve ll d m o y us one may might
must shall tell say says said happen happened thing things get got anything something many much
""".split())

_TOKEN = re.compile(r"\b\w\w+\b|\b\d\b")
_POSSESSIVE = re.compile(r"['’]s\b")

_stemmer = Stemmer.Stemmer("english")

# Words found only in a neighbouring sentence count this much: "He said..." is about the person
# named just before.
CONTEXT_WEIGHT = 0.5
# Transliterated names are spelled several ways (Zelensky, Zelenskyy, Zelenskiy); tokens this
# similar, sharing their first letters, are treated as one word.
VARIANT_SIMILARITY = 0.8


def tokenize(text: str) -> list[str]:
    words = _TOKEN.findall(_POSSESSIVE.sub("", text.lower()))
    return [_normal_form(w) for w in words if w not in STOPWORDS]


@functools.lru_cache(maxsize=200_000)
def _normal_form(word: str) -> str:
    """Lemma, then stem: the stemmer alone leaves irregular forms apart ("paid" and "pay")."""
    return _stemmer.stemWord(simplemma.lemmatize(word, lang="en"))


class LexicalIndex:
    def __init__(self, texts: list[str]):
        self.tokens = [tokenize(t) for t in texts]
        self.token_sets = [set(t) for t in self.tokens]
        df = Counter(tok for toks in self.token_sets for tok in toks)
        n = max(len(texts), 1)
        self._idf = {tok: math.log(1 + (n - d + 0.5) / (d + 0.5)) for tok, d in df.items()}
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)
        self._variants: dict[str, frozenset[str]] = {}
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for tok in df:
            if len(tok) >= 5:
                self._by_prefix[tok[:4]].append(tok)
        self._bm25 = bm25s.BM25()
        self._empty = not any(self.tokens)
        if not self._empty:
            self._bm25.index(self.tokens, show_progress=False)

    def idf(self, token: str) -> float:
        return self._idf.get(token, self._unseen_idf)

    def known(self, token: str) -> bool:
        return token in self._idf

    def variants(self, token: str) -> frozenset[str]:
        """The token and the corpus words that are spellings of it."""
        found = self._variants.get(token)
        if found is None:
            similar = {v for v in self._by_prefix.get(token[:4], ()) if len(token) >= 5
                       and SequenceMatcher(None, token, v).ratio() >= VARIANT_SIMILARITY}
            found = self._variants[token] = frozenset({token, *similar})  # racing threads write the same value
        return found

    def expand(self, query_tokens: list[str]) -> dict[str, frozenset[str]]:
        return {t: self.variants(t) for t in dict.fromkeys(query_tokens)}

    def search(self, query: dict[str, frozenset[str]], k: int) -> list[tuple[int, float]]:
        """Row numbers and BM25 scores of the best `k` rows with any query term (or a variant)."""
        terms = sorted({v for vs in query.values() for v in vs if v in self._idf})
        if self._empty or not terms:
            return []
        scores = self._bm25.get_scores(terms)
        k = min(k, int(np.count_nonzero(scores)))
        if k == 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        return [(int(i), float(scores[i])) for i in top[np.argsort(-scores[top])]]

    def coverage(self, query: dict[str, frozenset[str]], row: int, neighbours: tuple[int, ...] = (),
                 context: frozenset[str] = frozenset()) -> tuple[float, float]:
        """Share of the question's IDF weight found in row `row`, in [0, 1] (words found only in the
        neighbouring rows or in `context`, the article's title, count CONTEXT_WEIGHT as much), and the
        largest share held by a single question word found in neither: a rare word the passage lacks
        ("severance" in "How much severance pay ...?") is a sign that it is about something else."""
        weights = {token: self.idf(token) for token in query}
        total = sum(weights.values())
        if total == 0:
            return 0.0, 0.0
        here = self.token_sets[row]
        near = set(context).union(*(self.token_sets[n] for n in neighbours))
        got = 0.0
        missing = 0.0
        for token, forms in query.items():
            if forms & here:
                got += weights[token]
            elif forms & near:
                got += CONTEXT_WEIGHT * weights[token]
            else:
                missing = max(missing, weights[token])
        return got / total, missing / total

    def absent(self, query: dict[str, frozenset[str]], tokens: frozenset[str]) -> float:
        """Share of the question's IDF weight in words found nowhere in `tokens` (a whole article):
        a question about a detail its article never mentions is about something the article lacks."""
        weights = {token: self.idf(token) for token in query}
        total = sum(weights.values())
        if total == 0:
            return 0.0
        return sum(w for token, w in weights.items() if not (query[token] & tokens)) / total
