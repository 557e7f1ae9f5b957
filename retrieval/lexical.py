"""Lexical side of ranking: stemmed tokens, BM25 (bm25s) and IDF-weighted term coverage."""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

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
    """Every sentence's tokens as ids (one flat array, with row offsets), document frequencies and
    BM25 (bm25s) over them.

    The indexing run builds it once per index generation and saves it beside the index; readers
    memory-map the arrays, so a reader's own memory does not grow with the corpus. The vocabulary
    only grows across generations (`extend`), so a kept article's token ids stay valid and the next
    run copies them instead of tokenizing its sentences again.
    """

    def __init__(self, vocab: list[str], tokens: np.ndarray, row_ptr: np.ndarray, df: np.ndarray | None = None,
                 bm25: bm25s.BM25 | None = None):
        self.vocab = vocab
        self.token_id = {t: i for i, t in enumerate(vocab)}
        self.tokens = tokens
        self.row_ptr = row_ptr
        self.rows = len(row_ptr) - 1
        self.df = df if df is not None else _document_frequencies(tokens, row_ptr, len(vocab))
        n = max(self.rows, 1)
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)
        self._idf = np.log1p((n - self.df + 0.5) / (self.df + 0.5))
        self._variants: dict[str, frozenset[str]] = {}
        self._prefixes: dict[str, list[str]] | None = None
        self._bm25 = bm25
        if bm25 is None and len(tokens):
            self._bm25 = bm25s.BM25()
            ids = [row.tolist() for row in np.split(tokens, row_ptr[1:-1])]
            self._bm25.index((ids, {t: i for i, t in enumerate(vocab)}), create_empty_token=False, show_progress=False)

    @classmethod
    def from_texts(cls, texts: list[str], vocab: list[str] | None = None) -> "LexicalIndex":
        vocab = list(vocab or [])
        token_rows = encode(texts, vocab)
        return cls.from_rows(vocab, token_rows)

    @classmethod
    def from_rows(cls, vocab: list[str], token_rows: list[list[int]] | list[np.ndarray]) -> "LexicalIndex":
        lengths = np.fromiter((len(r) for r in token_rows), dtype=np.int64, count=len(token_rows))
        row_ptr = np.zeros(len(token_rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=row_ptr[1:])
        tokens = np.concatenate([np.asarray(r, dtype=np.int32) for r in token_rows]) if token_rows else np.zeros(0, np.int32)
        return cls(vocab, tokens.astype(np.int32, copy=False), row_ptr)

    # --- files --------------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")
        np.save(folder / "tokens.npy", self.tokens)
        np.save(folder / "row_ptr.npy", self.row_ptr)
        np.save(folder / "df.npy", self.df)
        if self._bm25 is not None:
            self._bm25.save(folder / "bm25", show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        arrays = [np.load(folder / f"{name}.npy", mmap_mode="r") for name in ("tokens", "row_ptr", "df")]
        bm25 = bm25s.BM25.load(folder / "bm25", mmap=True, load_vocab=False, show_progress=False) \
            if (folder / "bm25").is_dir() else None
        return cls(vocab, *arrays, bm25=bm25)

    # --- rows ---------------------------------------------------------------------------------
    def row_tokens(self, row: int) -> np.ndarray:
        return self.tokens[self.row_ptr[row]:self.row_ptr[row + 1]]

    def token_set(self, row: int) -> frozenset[str]:
        return frozenset(self.vocab[i] for i in self.row_tokens(row))

    def words(self, first: int, last: int) -> frozenset[str]:
        """Every token of rows first..last-1 (an article)."""
        return frozenset(self.vocab[i] for i in np.unique(self.tokens[self.row_ptr[first]:self.row_ptr[last]]))

    # --- question side ------------------------------------------------------------------------
    def idf(self, token: str) -> float:
        i = self.token_id.get(token)
        return float(self._idf[i]) if i is not None and self.df[i] else self._unseen_idf

    def known(self, token: str) -> bool:
        i = self.token_id.get(token)
        return i is not None and bool(self.df[i])

    def variants(self, token: str) -> frozenset[str]:
        """The token and the corpus words that are spellings of it."""
        found = self._variants.get(token)
        if found is None:
            similar = {v for v in self._by_prefix().get(token[:4], ()) if len(token) >= 5
                       and SequenceMatcher(None, token, v).ratio() >= VARIANT_SIMILARITY}
            found = self._variants[token] = frozenset({token, *similar})  # racing threads write the same value
        return found

    def _by_prefix(self) -> dict[str, list[str]]:
        if self._prefixes is None:  # first question only; racing threads build the same value
            prefixes: dict[str, list[str]] = defaultdict(list)
            for tok, d in zip(self.vocab, self.df):
                if d and len(tok) >= 5:
                    prefixes[tok[:4]].append(tok)
            self._prefixes = prefixes
        return self._prefixes

    def expand(self, query_tokens: list[str]) -> dict[str, frozenset[str]]:
        return {t: self.variants(t) for t in dict.fromkeys(query_tokens)}

    def search(self, query: dict[str, frozenset[str]], k: int) -> list[tuple[int, float]]:
        """Row numbers and BM25 scores of the best `k` rows with any query term (or a variant)."""
        terms = sorted({self.token_id[v] for vs in query.values() for v in vs if self.known(v)})
        if self._bm25 is None or not terms:
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
        here = self.token_set(row)
        near = set(context).union(*(self.token_set(n) for n in neighbours))
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


def encode(texts: list[str], vocab: list[str], token_id: dict[str, int] | None = None) -> list[list[int]]:
    """Each text's tokens as ids into `vocab`, which grows by the tokens it lacked."""
    token_id = token_id if token_id is not None else {t: i for i, t in enumerate(vocab)}
    rows = []
    for text in texts:
        row = []
        for tok in tokenize(text):
            i = token_id.get(tok)
            if i is None:
                i = token_id[tok] = len(vocab)
                vocab.append(tok)
            row.append(i)
        rows.append(row)
    return rows


def _document_frequencies(tokens: np.ndarray, row_ptr: np.ndarray, size: int) -> np.ndarray:
    """How many rows hold each token."""
    if not len(tokens):
        return np.zeros(size, dtype=np.int32)
    row_of = np.repeat(np.arange(len(row_ptr) - 1, dtype=np.int64), np.diff(row_ptr))
    pairs = np.unique(row_of * size + tokens.astype(np.int64))
    return np.bincount(pairs % size, minlength=size).astype(np.int32)
