"""Lexical side of ranking: stemmed tokens, BM25 (bm25s) and IDF-weighted term coverage."""

from __future__ import annotations

import functools
import json
import logging
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import bm25s
import bm25s.scoring as scoring
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
# Transliterated names are spelled several ways (Zelensky, Zelenskyy, Zelenskiy), and pages misspell
# them (Pekskov, Besant): tokens this similar, sharing their first four letters or their first two and
# last two, are treated as one word.
VARIANT_SIMILARITY = 0.8
# A country's initials and the words for it and its people (as tokens) name the same thing: "Roughly
# 13,000 US troops remain" says how many American troops do. The two countries English news names by
# initials most; a name of two words ("United States") is two tokens and not matched.
_ALIASES = {token: frozenset(group) for group in (("us_", "usa", "America", "america", "American", "american"),
                                                   ("uk", "Britain", "british", "British"))
            for token in group}
# Rows whose token sets a reader keeps (candidates and their neighbours of recent questions).
TOKEN_SET_CACHE = 20_000


# A country's or a body's initials: "U.K." is the same word as "UK", and "US" or "U.S." is not the
# function word "us". Dotted initials are joined; capitals spelling a function word are initials
# (kept, as "us_") unless a neighbouring word is in capitals too: a headline in capitals ("LOOK WHAT
# YOU MADE ME DO") is no list of initials.
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
_CAPITALS = re.compile(r"\b[A-Z]{2,}\b")


def _initials(text: str) -> str:
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", "") + " ", text)

    def kept(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.lower() not in STOPWORDS:
            return word
        before = re.search(r"(\w+)\W*$", text[:m.start()])
        after = re.match(r"\W*(\w+)", text[m.end():])
        if any(n and len(n.group(1)) > 1 and n.group(1).isupper() for n in (before, after)):
            return word
        return word + "_"
    return _CAPITALS.sub(kept, text)


def tokenize(text: str) -> list[str]:
    words = _TOKEN.findall(_POSSESSIVE.sub("", _initials(text).lower()))
    return [normal_form(w) for w in words if w not in STOPWORDS]


# A capitalised word, or a run of initials: how a text writes a name ("Square", "Page", "NATO").
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.&-]*")


def capitalised_tokens(text: str) -> frozenset[str]:
    """The tokens of the words `text` writes with a capital: the name "Square", not the shape."""
    return frozenset(tokenize(" ".join(_CAPITALISED.findall(text))))


def names_asked(question: str) -> frozenset[str]:
    """The tokens of the names in a question: its capitalised words but the first (which any
    question capitalises). Empty when most of its words are capitalised: a title-case or all-capitals
    question says nothing of which words are names."""
    words = re.findall(r"[\w'’.&-]+", question)
    capitals = [w for w in words[1:] if w[0].isupper()]
    if len(capitals) * 2 > len(words):
        return frozenset()
    return frozenset(tokenize(" ".join(capitals)))


# Two or more capitalised words in a row ("Election Data Services", "Federal Bureau of Investigation").
_NAME_WORDS = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|&)\s+)?[A-Z][\w'’-]*)+")


@functools.lru_cache(maxsize=1024)  # read for every candidate of a question
def short_names(question: str) -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    """The initials of each name of several words the question writes ("EDS" for "Election Data
    Services"), as a pattern, with the name's tokens: a sentence that writes the initials names it
    ("said EDS President Kim Brace")."""
    if not names_asked(question):
        return ()
    found = []
    for m in _NAME_WORDS.finditer(question, 1):
        words = [w for w in m.group(0).split() if w[0].isupper()]
        if len(words) > 1:
            found.append((re.compile(r"\b%s\b" % "".join(w[0] for w in words)), frozenset(tokenize(m.group(0)))))
    return tuple(found)


@functools.lru_cache(maxsize=1024)
def acronyms(question: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The initials the question writes ("What could hibernation shrink, according to the ESA
    study?"), each as its token with the pattern of the name it stands for written out ("the European
    Space Agency"; small words may stand between: "Federal Bureau of Investigation")."""
    found = []
    for m in re.finditer(r"\b[A-Z]{2,5}\b", question):
        letters = m.group(0)
        between = r"[\w'’.-]*[\s-]+(?:(?:of|the|and|for|on|in|&)\s+)*"
        found.append((tokenize(letters)[0] if tokenize(letters) else letters.lower(),
                      re.compile(r"\b" + between.join(letters) + r"[\w'’.-]*")))
    return tuple(found)


# A run of capitalised words ending in a name ("Solicitor General Elizabeth Prelogar"): its last two.
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


@functools.lru_cache(maxsize=1024)  # read for every candidate of a question
def surnames(question: str) -> tuple[tuple[re.Pattern[str], str, frozenset[str]], ...]:
    """Each full name the question writes ("Elizabeth Prelogar"), as a pattern of its last word
    written alone as a person's surname is (not after "the": "the Council" for "the Press Council",
    "the Thunder" for "the Oklahoma City Thunder"), that word's token, and the tokens of the word
    before: after naming someone once, a news story writes the surname alone ("Prelogar, 43,
    argues ...")."""
    words = re.findall(r"[\w'’-]+", question)[1:]
    if not any(w[0].islower() for w in words):
        return ()  # a title-case question says nothing of which words are names
    found = []
    for m in _NAME_RUN.finditer(question, 1):
        *_, given, last = m.group(0).split()
        last = _POSSESSIVE.sub("", last)
        surname, first = tokenize(last), frozenset(tokenize(given))
        if len(surname) == 1 and first and surname[0] not in first:
            found.append((re.compile(rf"(?<!\b[Tt]he )\b{re.escape(last)}\b"), surname[0], first))
    return tuple(found)


# Accents on Latin letters only: a question typed as "cafe" or "Pique" finds "café" and "Piqué";
# marks on other scripts (Japanese voicing marks, the Cyrillic й) tell letters apart and stay.
_LATIN_MARKS = re.compile(r"(?<=[a-z])[\u0300-\u036f]+")


def fold_accents(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text)))


@functools.lru_cache(maxsize=200_000)
def normal_form(word: str) -> str:
    """Lemma, then stem: the stemmer alone leaves irregular forms apart ("paid" and "pay")."""
    return _stemmer.stemWord(simplemma.lemmatize(fold_accents(word), lang="en"))


def _ends(token: str) -> str:
    """A token's first two and last two letters: a misspelling inside a name keeps them ("Peskov",
    "Pekskov"). Never four letters long, so it cannot collide with a four-letter prefix."""
    return f"{token[:2]}-{token[-2:]}"


@dataclass(frozen=True)
class Weighed:
    """A question's words (each with its spellings) and their IDF weights."""
    words: list[tuple[frozenset[str], float]]
    total: float


class LexicalIndex:
    """Every sentence's distinct tokens as ids with their counts (flat arrays, with row offsets),
    document frequencies, and BM25 (bm25s) over them.

    The indexing run builds it once per index generation and saves it beside the index; readers
    memory-map the arrays, so a reader's own memory does not grow with the corpus. The vocabulary
    only grows across generations, so a kept article's token ids stay valid and the next run copies
    them instead of tokenizing its sentences again.
    """

    def __init__(self, vocab: list[str], tokens: np.ndarray, tf: np.ndarray, row_ptr: np.ndarray,
                 bm25: bm25s.BM25 | None = None):
        self.vocab = vocab
        self.token_id = {t: i for i, t in enumerate(vocab)}
        self.tokens = tokens  # distinct per row
        self.tf = tf
        self.row_ptr = row_ptr
        self.rows = len(row_ptr) - 1
        self.df = np.bincount(tokens, minlength=len(vocab)) if len(tokens) else np.zeros(len(vocab), np.int64)
        n = max(self.rows, 1)
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)
        self._idf = np.log1p((n - self.df + 0.5) / (self.df + 0.5))
        self._variants: dict[str, frozenset[str]] = {}
        self._token_sets: dict[int, frozenset[str]] = {}
        self._idf_of: dict[str, float] = {}
        self._prefixes: dict[str, list[str]] | None = None  # by first four letters, and by first two + last two
        self._bm25 = bm25 if bm25 is not None or not len(tokens) else _bm25(tokens, tf, row_ptr, self.df, len(vocab))

    @classmethod
    def from_texts(cls, texts: list[str], vocab: list[str] | None = None) -> "LexicalIndex":
        vocab = list(vocab or [])
        rows = encode(texts, vocab)
        row_ptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(ids) for ids, _ in rows], out=row_ptr[1:])
        tokens = np.asarray([t for ids, _ in rows for t in ids], dtype=np.int32)
        tf = np.asarray([c for _, counts in rows for c in counts], dtype=np.int32)
        return cls(vocab, tokens, tf, row_ptr)

    # --- files --------------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")
        np.save(folder / "tokens.npy", self.tokens)
        np.save(folder / "tf.npy", self.tf)
        np.save(folder / "row_ptr.npy", self.row_ptr)
        if self._bm25 is not None:
            self._bm25.save(folder / "bm25", show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        # Plain views of the mapped files: indexing a np.memmap goes through Python for every access.
        arrays = [np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r")) for name in ("tokens", "tf", "row_ptr")]
        bm25 = bm25s.BM25.load(folder / "bm25", mmap=True, load_vocab=False, show_progress=False) \
            if (folder / "bm25").is_dir() else None
        return cls(vocab, *arrays, bm25=bm25)

    # --- rows ---------------------------------------------------------------------------------
    def row_tokens(self, row: int) -> np.ndarray:
        return self.tokens[self.row_ptr[row]:self.row_ptr[row + 1]]

    def token_set(self, row: int) -> frozenset[str]:
        found = self._token_sets.get(row)
        if found is None:
            found = frozenset(map(self.vocab.__getitem__, self.row_tokens(row).tolist()))
            if len(self._token_sets) >= TOKEN_SET_CACHE:
                self._token_sets.clear()  # bounded; racing threads at worst recompute a set
            self._token_sets[row] = found
        return found

    def words(self, first: int, last: int) -> frozenset[str]:
        """Every token of rows first..last-1 (an article)."""
        return frozenset(map(self.vocab.__getitem__, np.unique(self.tokens[self.row_ptr[first]:self.row_ptr[last]]).tolist()))

    # --- question side ------------------------------------------------------------------------
    def idf(self, token: str) -> float:
        found = self._idf_of.get(token)
        if found is None:  # a Python float per question word: numpy scalars are slow to read one by one
            i = self.token_id.get(token)
            found = float(self._idf[i]) if i is not None and self.df[i] else self._unseen_idf
            if len(self._idf_of) >= TOKEN_SET_CACHE:
                self._idf_of.clear()
            self._idf_of[token] = found
        return found

    def known(self, token: str) -> bool:
        i = self.token_id.get(token)
        return i is not None and bool(self.df[i])

    def variants(self, token: str) -> frozenset[str]:
        """The token and the corpus words that are spellings of it."""
        found = self._variants.get(token)
        if found is None:
            near = self._by_prefix()
            similar = {v for v in (*near.get(token[:4], ()), *near.get(_ends(token), ())) if spelled_alike(token, v)}
            if token.islower() and len(token) >= 5:
                # "Argentine", "Argentinian": the lemmatizer keeps a country's name capitalised
                # ("Argentina") but not the word for its people, and a story writes "Argentina's
                # President" for the Argentine one. Only this way round: "Russian President Putin"
                # does not say what happened between Russia and Ukraine.
                similar |= {v for v in near.get(token[:1].upper() + token[1:4], ()) if v[:1].isupper() and
                            v.lower() != token and SequenceMatcher(None, token, v.lower()).ratio() >= VARIANT_SIMILARITY}
            similar |= {v for v in _ALIASES.get(token, ()) if self.known(v)}
            found = self._variants[token] = frozenset({token, *similar})  # racing threads write the same value
        return found

    def _by_prefix(self) -> dict[str, list[str]]:
        if self._prefixes is None:  # first question only; racing threads build the same value
            prefixes: dict[str, list[str]] = defaultdict(list)
            for tok, d in zip(self.vocab, self.df):
                if d and len(tok) >= 5:
                    prefixes[tok[:4]].append(tok)
                    prefixes[_ends(tok)].append(tok)
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

    def weighed(self, query: dict[str, frozenset[str]]) -> Weighed:
        """The question's words with their IDF weights, for scoring many rows against it."""
        words = [(forms, self.idf(token)) for token, forms in query.items()]
        return Weighed(words, sum(weight for _, weight in words))

    def coverage(self, query: dict[str, frozenset[str]] | Weighed, row: int, neighbours: tuple[int, ...] = (),
                 context: frozenset[str] = frozenset(), joined: int | None = None,
                 named: frozenset[str] = frozenset()) -> tuple[float, float]:
        """Share of the question's IDF weight found in row `row` (and in row `joined`, quoted with it),
        in [0, 1] (words found only in the
        neighbouring rows or in `context`, the article's title, count CONTEXT_WEIGHT as much), and the
        largest share held by a single question word found in neither: a rare word the passage lacks
        ("severance" in "How much severance pay ...?") is a sign that it is about something else.
        `named`: the tokens of names the row writes by their initials (short_names). A question
        scored against many rows is weighed once (`weighed`)."""
        weighed = query if isinstance(query, Weighed) else self.weighed(query)
        if weighed.total == 0:
            return 0.0, 0.0
        here = self.token_set(row) if joined is None else self.token_set(row) | self.token_set(joined)
        here = here | named if named else here
        near = (context, *map(self.token_set, neighbours))
        got = 0.0
        missing = 0.0
        for forms, weight in weighed.words:
            if not forms.isdisjoint(here):
                got += weight
                continue
            for tokens in near:
                if not forms.isdisjoint(tokens):
                    got += CONTEXT_WEIGHT * weight
                    break
            else:
                missing = max(missing, weight)
        return got / weighed.total, missing / weighed.total

    def absent(self, query: dict[str, frozenset[str]], tokens: frozenset[str]) -> float:
        """Share of the question's IDF weight in words found nowhere in `tokens` (a whole article):
        a question about a detail its article never mentions is about something the article lacks."""
        weights = {token: self.idf(token) for token in query}
        total = sum(weights.values())
        if total == 0:
            return 0.0
        return sum(w for token, w in weights.items() if not (query[token] & tokens or _written_apart(token, tokens))) / total


def spelled_alike(word: str, other: str) -> bool:
    """Whether two words of five letters or more are spellings of one (VARIANT_SIMILARITY)."""
    if len(word) < 5:
        return False
    # The cheap upper bounds first, as difflib's own get_close_matches does: most pairs fail them.
    matcher = SequenceMatcher(None, word, other)
    return (matcher.real_quick_ratio() >= VARIANT_SIMILARITY and matcher.quick_ratio() >= VARIANT_SIMILARITY
            and matcher.ratio() >= VARIANT_SIMILARITY)


def _written_apart(token: str, tokens: frozenset[str]) -> bool:
    """Whether a compound the question writes as one word is in `tokens` as two ("firefighters",
    "fire fighters"; "healthcare", "health care")."""
    return len(token) >= 8 and any(
        token[:i] in tokens and any(t.startswith(token[i:]) for t in tokens) for i in range(3, len(token) - 2))


def encode(texts: list[str], vocab: list[str], token_id: dict[str, int] | None = None) -> list[tuple[list[int], list[int]]]:
    """Each text's distinct tokens as ids into `vocab` (which grows by the tokens it lacked), with counts."""
    token_id = token_id if token_id is not None else {t: i for i, t in enumerate(vocab)}
    rows = []
    for text in texts:
        counts: dict[int, int] = {}
        for tok in tokenize(text):
            i = token_id.get(tok)
            if i is None:
                i = token_id[tok] = len(vocab)
                vocab.append(tok)
            counts[i] = counts.get(i, 0) + 1
        rows.append((list(counts), list(counts.values())))
    return rows


def _bm25(tokens: np.ndarray, tf: np.ndarray, row_ptr: np.ndarray, df: np.ndarray, vocab_size: int) -> bm25s.BM25:
    """bm25s's index over rows given as (distinct token, count) arrays.

    bm25s's own builder (`build_index_from_ids`, which its docs invite overriding) loops in Python
    over every row: 3 s at 260,000 sentences, most of an incremental indexing run. This computes the
    same weights (bm25s's IDF and term-frequency scorers, its default Lucene variant) with array
    operations; bm25s still stores, memory-maps and scores the index.
    """
    model = bm25s.BM25()
    rows = len(row_ptr) - 1
    lengths = np.add.reduceat(tf, row_ptr[:-1]) if len(tf) else np.zeros(rows)
    lengths[np.diff(row_ptr) == 0] = 0  # reduceat gives an empty row its neighbour's value
    row_of = np.repeat(np.arange(rows, dtype=np.int32), np.diff(row_ptr))
    idf_of = scoring._select_idf_scorer(model.idf_method)
    values, inverse = np.unique(df, return_inverse=True)  # few distinct frequencies: score each once
    idf = np.array([idf_of(int(v), N=rows) if v else 0.0 for v in values], dtype=np.float32)[inverse]
    tfc = scoring._select_tfc_scorer(model.method)(tf.astype(np.float32), l_d=lengths[row_of], l_avg=max(float(lengths.mean()), 1e-9),
                                                    k1=model.k1, b=model.b, delta=model.delta)
    order = np.argsort(tokens, kind="stable")  # by token, rows ascending within each: CSC
    indptr = np.zeros(vocab_size + 1, dtype=np.int64)
    np.cumsum(np.bincount(tokens, minlength=vocab_size), out=indptr[1:])
    model.scores = {"data": (idf[tokens] * tfc)[order].astype(model.dtype), "indices": row_of[order].astype(model.int_dtype),
                    "indptr": indptr, "num_docs": rows}
    model.vocab_dict = {}
    model.unique_token_ids_set = set()
    model.nonoccurrence_array = None
    return model
