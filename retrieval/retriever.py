"""The public entry point: index a corpus, answer questions with cited snippets."""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval import ranking
from retrieval.answer_types import (FIGURE_KINDS, abbreviations, anchored, answers_given, asks_for_others,
                                    asks_the_means, asks_what_was_said, carries, counted_words, counts, deed,
                                    does_the_deed, expected_type, focus_words, lists_others, money_of_another_kind,
                                    names_the_object, opening_subject, other_parties, people_asked_about,
                                    role_initials, role_words, tells_the_deed, tells_the_means, tells_the_saying,
                                    tells_the_toll, topic_of)
from retrieval.embedding import Embedder, load_embedder
from retrieval.errors import IndexMissingError, ModelMismatchError, QuestionError, RetrievalError
from retrieval import generation
from retrieval.generation import Generation
from retrieval.indexing import Progress, sync
from retrieval.lexical import (LexicalIndex, acronyms, capitalised_tokens, names_asked, normal_form, short_names,
                               surnames, tokenize)
from retrieval.models import Answer, IndexReport, Passage, Snippet, Source, SourceText
from retrieval.sentences import PARAGRAPH_SEP
from retrieval.text_page import TERMINAL
from retrieval.store import Manifest, Store, open_store

log = logging.getLogger(__name__)

CANDIDATES = 40  # from each of the dense and the lexical side
FOLLOWING = 5  # the best lexical matches whose next sentence joins the candidates
MANIFEST_CHECK_SECONDS = 2.0  # how stale a long-running reader may be after another process re-indexes
# Candidate vectors a reader keeps between questions: 20,000 MiniLM vectors are 30 MB, whatever the corpus size.
VECTOR_CACHE = 20_000
# Sentences read to tell whether an article writes a word as a name (_Snapshot.writes_capitalised).
CAPITALS_READ = 8
# An article's first sentences, read to find the name a question's initials stand for (_Snapshot.spells_out).
LEAD_READ = 5


@dataclass
class _Snapshot:
    """What a reader keeps of one committed index generation: its articles, and its generation's
    files (row table and lexical index, memory-mapped). Sentence texts and vectors stay in Chroma
    and are fetched for each question's candidates, with a bounded cache of recent ones: the
    reader's own memory does not grow with the corpus (README, "Growing")."""

    manifest: Manifest
    rows: Generation
    sources: dict[str, Source]  # by content hash
    store: Store

    @classmethod
    def load(cls, store: Store, manifest: Manifest) -> "_Snapshot":
        rows = None
        folder = generation.folder_for(store.files, manifest.generation, manifest.stamp) if store.files else None
        if folder is not None:
            rows = Generation.load(folder)
        if rows is None:
            # No files for this generation here (another machine indexed, or they were deleted):
            # build them from Chroma once, and keep them for the next start.
            log.info("building the lexical index of generation %s from the store", manifest.generation)
            rows = generation.assemble(generation.order(manifest), None, {}, store)
            generation.attach_vectors(rows, None, {}, store)
            if folder is not None:
                rows.save(folder)
                generation.save_manifest(store, manifest)
                rows = Generation.load(folder) or rows  # memory-mapped from now on
        return cls(manifest=manifest, rows=rows, sources=manifest.by_hash(), store=store)

    @property
    def lexical(self) -> LexicalIndex:
        return self.rows.lexical

    # Recently used sentences' texts and vectors, so that questions about the same story (as in a
    # community following it) skip the round trip; bounded, so memory does not grow with the corpus.
    _cache: OrderedDict = dataclasses.field(default_factory=OrderedDict)
    _cache_lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    _words: OrderedDict = dataclasses.field(default_factory=OrderedDict)
    _by_id: dict | None = None
    _titles: dict = dataclasses.field(default_factory=dict)

    def fetch(self, rows: list[int], vectors: bool = True) -> dict[int, tuple[str, np.ndarray | None]]:
        """(text, vector) of these rows: from the cache, the rest in one round trip to the store.
        A small generation has its vectors in its files: only texts are fetched."""
        local = self.rows.vectors
        if local is not None and vectors:
            texts = self.texts(rows)
            found = list(texts)
            block = np.asarray(local[found]) if found else None  # one read, not a memory-map view per row
            return {r: (texts[r], block[i]) for i, r in enumerate(found)}
        with self._cache_lock:
            found = {r: self._cache[r] for r in rows if r in self._cache and (self._cache[r][1] is not None or not vectors)}
            for r in found:
                self._cache.move_to_end(r)
        missing = [r for r in dict.fromkeys(rows) if r not in found]
        if missing:
            ids = {self.rows.sentence_id(r): r for r in missing}
            if vectors:
                got = {ids[i]: tv for i, tv in self.store.texts_and_vectors(list(ids)).items()}
            else:
                got = {ids[i]: (t, None) for i, t in self.store.texts(list(ids)).items()}
            found.update(got)
            with self._cache_lock:
                for r, tv in got.items():
                    if tv[1] is not None or r not in self._cache:
                        self._cache[r] = tv
                while len(self._cache) > VECTOR_CACHE:
                    self._cache.popitem(last=False)
        return found

    def by_id(self) -> dict[str, Source]:
        if self._by_id is None:  # racing threads build the same value
            self._by_id = {s.id: s for s in self.manifest.sources}
        return self._by_id

    def texts(self, rows: list[int]) -> dict[int, str]:
        return {r: tv[0] for r, tv in self.fetch(rows, vectors=False).items()}

    def doc(self, row: int) -> str:
        return self.rows.doc(row)

    def title(self, row: int) -> frozenset[str]:
        """The article's title and outlet tokens: its topic and who published it, for every sentence
        ("according to the National Review" is about the article the National Review published)."""
        doc = self.doc(row)
        found = self._titles.get(doc)
        if found is None:
            source = self.sources[doc]
            found = frozenset(tokenize(f"{source.title or ''} {source.outlet or ''}"))
            if len(self._titles) >= VECTOR_CACHE:
                self._titles.clear()  # bounded; racing threads at worst tokenize a title again
            self._titles[doc] = found
        return found

    def words(self, row: int) -> frozenset[str]:
        """Every token of the row's article, with its title."""
        doc = self.doc(row)
        with self._cache_lock:
            found = self._words.get(doc)
        if found is None:
            span = self.rows.doc_rows(doc)
            found = self.lexical.words(span.start, span.stop) | self.title(row)
            with self._cache_lock:
                self._words[doc] = found
                while len(self._words) > 256:
                    self._words.popitem(last=False)
        return found

    def writes_capitalised(self, row: int, forms: frozenset[str]) -> bool:
        """Whether the row's article (its text, title or outlet) writes any of these tokens with a
        capital: where "page" is only ever a noun, the article is not about Larry Page. Only the few
        sentences holding the token are read, first those already fetched."""
        doc = self.doc(row)
        source = self.sources[doc]
        if capitalised_tokens(f"{source.title or ''} {source.outlet or ''}") & forms:
            return True
        lex = self.lexical
        ids = [lex.token_id[f] for f in forms if f in lex.token_id]
        span = self.rows.doc_rows(doc)
        if not ids or not span:
            return False
        first = int(lex.row_ptr[span.start])
        tokens = lex.tokens[first:int(lex.row_ptr[span.stop])]
        held = tokens == ids[0]
        for i in ids[1:]:  # a token or two: comparisons, where np.isin would sort the article
            held |= tokens == i
        at = np.flatnonzero(held) + first
        rows = np.unique(np.searchsorted(lex.row_ptr, at, side="right") - 1).tolist()
        with self._cache_lock:
            cached = [r for r in rows if r in self._cache][:CAPITALS_READ]
        # The candidates' sentences are fetched already: most questions are settled without a round trip.
        for batch in (cached, [r for r in rows if r not in cached][:CAPITALS_READ]):
            if batch and any(capitalised_tokens(t) & forms for t in self.texts(batch).values()):
                return True
        return False

    def spells_out(self, row: int, name: re.Pattern[str]) -> bool:
        """Whether the row's article writes out the name some initials stand for, where a story does:
        in its title, its first LEAD_READ sentences or the row itself ("The European Space Agency says
        ..." then "the agency said ...")."""
        source = self.sources[self.doc(row)]
        if name.search(f"{source.title or ''} {source.outlet or ''}"):
            return True
        span = self.rows.doc_rows(self.doc(row))
        rows = [*range(span.start, min(span.stop, span.start + LEAD_READ)), row]
        return any(name.search(text) for text in self.texts(rows).values())

    def neighbours(self, row: int) -> tuple[int, ...]:
        """The rows just before and after `row` in the same article."""
        span = self.rows.doc_span(row)
        return tuple(n for n in (row - 1, row + 1) if span.start <= n < span.stop)

    def neighbour(self, row: int, step: int) -> int | None:
        span = self.rows.doc_span(row)
        other = row + step
        return other if span.start <= other < span.stop else None


class Retriever:
    """Thread-safe: `ask` may be called from several threads at once."""

    def __init__(self, store: Store, embedder: Embedder, corpus_dir: Path, max_article_bytes: int = 5_000_000,
                 max_snippets: int = 3, min_confidence: float = 0.5, max_question_chars: int = 1000):
        self.store = store
        self.embedder = embedder
        self.corpus_dir = corpus_dir
        self.max_article_bytes = max_article_bytes
        self.max_snippets = max_snippets
        self.min_confidence = min_confidence
        self.max_question_chars = max_question_chars
        self._snapshot: _Snapshot | None = None
        self._checked_at = 0.0
        self._load_lock = threading.Lock()
        self._write_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings=None, embedder: Embedder | None = None) -> "Retriever":
        """`embedder`: an already loaded model to share (several corpora in one process)."""
        from config import load_settings

        settings = settings or load_settings()
        token = settings.chroma_token.get_secret_value() if settings.chroma_token else None
        store = open_store(settings.index_dir, settings.collection, settings.chroma_url, token)
        embedder = embedder or load_embedder(settings.embedding_model, settings.embedding_device,
                                             settings.embedding_batch_size)
        return cls(store, embedder, settings.corpus_dir,
                   settings.max_article_bytes, settings.max_snippets, settings.min_confidence,
                   settings.max_question_chars)

    # --- indexing -----------------------------------------------------------------------------
    def reindex(self, folder: Path | None = None, rebuild: bool = False, progress: Progress | None = None) -> IndexReport:
        with self._write_lock:
            report = sync(self.store, self.embedder, folder or self.corpus_dir, self.max_article_bytes, rebuild, progress)
            with self._load_lock:
                self._snapshot = None
            return report

    def has_index(self) -> bool:
        return self.store.read_pointer() is not None

    def indexed_folder(self) -> Path | None:
        """The folder the committed index was read from (None: no index, or one built before this
        was kept)."""
        pointer = self.store.read_pointer()
        return Path(pointer.folder) if pointer and pointer.folder else None

    # --- reading ------------------------------------------------------------------------------
    def _current(self) -> _Snapshot:
        snap = self._snapshot
        now = time.monotonic()
        if snap is not None and now - self._checked_at < MANIFEST_CHECK_SECONDS:
            return snap
        with self._load_lock:
            pointer = self.store.read_pointer()  # small: polled every few seconds
            self._checked_at = time.monotonic()
            if pointer is None:
                raise IndexMissingError("no index yet; run `python -m retrieval index` (or /reindex in Discord) first")
            if pointer.model_id != self.embedder.model_id or pointer.dimension != self.embedder.dimension:
                raise ModelMismatchError(
                    f"the index was built with {pointer.model_id} but EMBEDDING_MODEL is {self.embedder.model_id}; "
                    "run `python -m retrieval index --rebuild`"
                )
            current = self._snapshot.manifest if self._snapshot else None
            if current is None or (current.generation, current.stamp) != (pointer.generation, pointer.stamp):
                manifest = generation.read_manifest(self.store, pointer)
                if manifest is None:
                    raise IndexMissingError("no index yet; run `python -m retrieval index` (or /reindex in Discord) first")
                self._snapshot = _Snapshot.load(self.store, manifest)
            return self._snapshot

    def labels(self, source_ids: list[str]) -> dict[str, str]:
        """How citations name these articles (title and outlet, else the file name): what a reply
        needs for the articles it cites, without listing all of them."""
        by_id = self._current().by_id()
        return {i: by_id[i].label for i in source_ids if i in by_id}

    def sources(self) -> list[Source]:
        return sorted(self._current().manifest.sources, key=lambda s: s.id)

    def source(self, source_id: str) -> SourceText:
        snap = self._current()
        match = _find_source(snap.manifest.sources, source_id)
        rows = list(snap.rows.doc_rows(match.content_hash))
        texts = snap.texts(rows)
        paragraphs: list[list[str]] = []
        last_block = None
        for r in rows:
            if snap.rows.block[r] != last_block:
                paragraphs.append([])
                last_block = snap.rows.block[r]
            paragraphs[-1].append(texts.get(r, ""))
        return SourceText(source=match, text=PARAGRAPH_SEP.join(" ".join(p) for p in paragraphs))

    def passage(self, sentence_id: str) -> Passage:
        """The paragraph a quoted sentence stands in, and its article ("more context")."""
        snap = self._current()
        row = snap.rows.row_of(sentence_id)
        if row is None:
            raise RetrievalError("that passage is no longer in the index (it was re-indexed); ask again")
        # Rows are in article order: the paragraph is the run of rows around this one with its block.
        span = snap.rows.doc_rows(snap.doc(row))
        same = lambda r: span.start <= r < span.stop and snap.rows.block[r] == snap.rows.block[row]  # noqa: E731
        first, last = row, row
        while same(first - 1):
            first -= 1
        while same(last + 1):
            last += 1
        texts = snap.texts(list(range(first, last + 1)))
        return Passage(source=snap.sources[snap.doc(row)], text=" ".join(texts[r] for r in range(first, last + 1) if r in texts))

    def ask(self, question: str) -> Answer:
        question = _tidy(question, self.max_question_chars)
        snap = self._current()
        return self._answer(snap, question, self._candidates(snap, question))

    def ask_many(self, questions: list[str]) -> list[Answer | QuestionError]:
        """Answers to several questions, in order, for the cost of one model call and one Chroma query:
        what a burst of questions or a question file wants. A question that cannot be asked (empty,
        no words) gets its QuestionError in its place; the others are answered."""
        tidy: list[str | QuestionError] = []
        for q in questions:
            try:
                tidy.append(_tidy(q, self.max_question_chars))
            except QuestionError as exc:
                tidy.append(exc)
        asked = [q for q in tidy if isinstance(q, str)]
        if not asked:
            return list(tidy)  # type: ignore[arg-type]
        snap = self._current()
        embeddings = self.embedder.encode(asked)
        dense = self._dense_rows(snap, embeddings)
        terms = [_terms(snap, topic_of(q)) for q in asked]
        rows = [self._candidate_rows(snap, t, d) for t, d in zip(terms, dense)]
        # Every question's candidates in one round trip, and the sentences some of them lean on in one more.
        leaning = self._leaning(snap, snap.fetch([r for rs in rows for r in rs]))
        decided = [self._decide(snap, q, self._candidates(snap, q, e, rows=r, q_terms=t, leaning=leaning))
                   for q, e, r, t in zip(asked, embeddings, rows, terms)]
        texts = snap.texts([r for chosen, _ in decided for c in chosen for r in (c.row, *snap.neighbours(c.row))])
        answers = iter(self._build(snap, q, chosen, conf, texts) for q, (chosen, conf) in zip(asked, decided))
        return [next(answers) if isinstance(q, str) else q for q in tidy]

    def _dense_rows(self, snap: _Snapshot, embeddings: np.ndarray) -> list[list[int]]:
        """Each question's nearest rows: searched exactly in a small generation's own vectors, else
        with Chroma's index (one query for all the questions)."""
        k = min(CANDIDATES, snap.rows.rows)
        if k == 0:
            return [[] for _ in embeddings]
        local = snap.rows.vectors
        if local is not None:
            scores = np.atleast_2d(embeddings) @ local.T
            top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            return [t[np.argsort(-s[t])].tolist() for s, t in zip(scores, top)]
        found = []
        for hits in self.store.query_many(list(embeddings), k):
            # Records of an uncommitted indexing run are not in the generation.
            found.append([r for r in map(snap.rows.row_of, hits.ids) if r is not None])
        return found

    def _candidate_rows(self, snap: _Snapshot, q_terms: dict[str, frozenset[str]], dense: list[int]) -> list[int]:
        """Rows of the dense search and of the lexical search."""
        rows = dict.fromkeys(dense)
        lexical = snap.lexical.search(q_terms, CANDIDATES)
        rows.update((row, None) for row, _ in lexical)
        # The sentence after each of the best lexical matches: the one naming the question's subject
        # is often followed by the one answering it ("Kepa Arrizabalaga will undergo a medical ...
        # The 23-year-old flew to London ..."), which shares none of the question's words.
        for row, _ in lexical[:FOLLOWING]:
            after = snap.neighbour(row, 1)
            if after is not None:
                rows.setdefault(after, None)
        return list(rows)

    def _candidates(self, snap: _Snapshot, question: str, q_emb: np.ndarray | None = None,
                    rows: list[int] | None = None,
                    q_terms: dict[str, frozenset[str]] | None = None, type_all: bool = False,
                    leaning: dict[int, tuple[int, str, np.ndarray]] | None = None) -> list[ranking.Candidate]:
        """Dense and lexical candidates with their evidence (cosine, coverage, answer type, missing word).
        `q_emb`, `rows`, `q_terms`, `leaning`: the question's vector, candidate rows, expanded words
        and the sentences candidates lean on (Retriever._leaning) when a batch has computed them."""
        q_terms = q_terms or _terms(snap, topic_of(question))
        if q_emb is None:
            q_emb = self.embedder.encode([question])[0]
        wanted = expected_type(question)
        counted = counted_words(question) if wanted == "quantity" else []
        focus = _terms(snap, " ".join(focus_words(question)))
        shorts = _short_names(question, q_terms)
        surnamed = [(alone, last, given) for alone, last, given in surnames(question)
                    if last in q_terms and given <= q_terms.keys()]
        role_init = role_initials(question)
        role_named = frozenset(role_words(question)) & q_terms.keys()
        weighed = snap.lexical.weighed(q_terms)
        focus_weighed = snap.lexical.weighed(focus) if focus else None
        if rows is None:
            rows = self._candidate_rows(snap, q_terms, self._dense_rows(snap, q_emb[None, :])[0])
        # The candidates' texts and vectors: recent ones from the reader's small cache, the rest
        # fetched for these candidates alone. No reader holds every sentence.
        fetched = snap.fetch(rows)
        before = self._leaning(snap, fetched) if leaning is None else leaning
        texts: dict[int, str] = {}
        out: list[ranking.Candidate] = []
        for row in rows:
            text, vector = fetched.get(row, ("", None))
            if vector is None:
                continue
            near = snap.neighbours(row)
            cosine = float(vector @ q_emb)
            joined = None
            if row in before:
                # Quoted with the sentence before it, it is ranked as that pair: "It will start at
                # $44,000." answers a question about the car named just before. The pair's vector is
                # approximated by the sum of the two (the model mean-pools its tokens).
                joined, prev_text, prev_vector = before[row]
                pair = vector + prev_vector
                cosine = max(cosine, float(pair @ q_emb) / max(float(np.linalg.norm(pair)), 1e-9))
                text = _pair(prev_text, text)
            texts[row] = text
            named = frozenset().union(*(name for short, name in shorts if short.search(text))) if shorts else frozenset()
            if surnamed:
                named |= _by_surname(snap, row, text, joined, surnamed)
            if role_init and any(initials <= snap.lexical.token_set(row) for initials in role_init):
                named |= role_named  # "Twitter CEO Jack Dorsey" has the chief executive's words
            title = snap.title(row)
            cov, missing = snap.lexical.coverage(weighed, row, near, title, joined, named)
            cand = ranking.Candidate(row, cosine, cov, vector, 0 if wanted is None else -1, missing, leans_on=joined,
                                     chars=len(text), quoted=[] if joined is None else [prev_vector])
            if focus_weighed is not None:
                cand.unfocused = 1.0 - snap.lexical.coverage(focus_weighed, row, near, title, joined, named)[0]
                if cand.unfocused and names_the_object(text, question):
                    cand.unfocused = 0.0  # "What song did he sing?": "sung Let There Be Peace on Earth"
            out.append(cand)
        if (wanted is not None or deed(question) is not None or asks_what_was_said(question)
                or asks_for_others(question) or asks_the_means(question)) and out:
            # The answer type's regexes are the slow part of ranking: run them best first, and stop
            # where even the largest gain (2 x the weight: a count of exactly what is counted, or a
            # figure beside the question's words) leaves a candidate below the best score found so
            # far minus the snippet margin. Those can never become snippets, whatever they hold.
            # `type_all`: the calibration script scores other weights on the same candidates.
            base = [ranking.combine(c.cosine, c.coverage, 0, unfocused=c.unfocused) for c in out]
            reach = 2 * ranking.ANSWER_TYPE_WEIGHT + ranking.SNIPPET_MARGIN
            topic = {normal_form(w.lower()) for w in re.findall(r"\b[a-z][\w'-]*", topic_of(question))} & set(q_terms)
            best = -math.inf
            for i in sorted(range(len(out)), key=base.__getitem__, reverse=True):
                if not type_all and base[i] + reach < best:
                    break
                out[i].typed = _typed(wanted, counted, texts[out[i].row], question, topic)
                if out[i].typed == 2 and wanted == "person" and out[i].unfocused \
                        and does_the_deed(texts[out[i].row], question, topic):
                    # "Which politicians abstained ...?": the names standing as the doers answer it,
                    # whatever the passage calls them ("Police Minister David Llewellyn ... abstained").
                    out[i].unfocused = 0.0
                best = max(best, base[i] + ranking.ANSWER_TYPE_WEIGHT * out[i].typed)
        return out

    @staticmethod
    def _leaning(snap: _Snapshot, fetched: dict[int, tuple[str, np.ndarray | None]]) -> dict[int, tuple[int, str, np.ndarray]]:
        """Candidates quoted with the sentence before them (ranking.leans_back): that row, its text
        and its vector, by candidate row."""
        opening = {row: prev for row, (text, _) in fetched.items()
                   if ranking.points_back(text) and (prev := snap.neighbour(row, -1)) is not None}
        if not opening:
            return {}
        previous = snap.fetch(list(set(opening.values())))
        return {row: (prev, *previous[prev]) for row, prev in opening.items()
                if prev in previous and previous[prev][1] is not None
                and ranking.leans_back(fetched[row][0], previous[prev][0])}

    def _weigh_top(self, snap: _Snapshot, question: str, cand: ranking.Candidate) -> ranking.Candidate:
        """The evidence only the confidence needs, for the first snippet alone: question words its
        whole article never uses, nor any article grouped with it as saying the same: "expressed
        willingness to host U.S. officials" answers "Which officials was he ready to host?" when
        another article restating it writes "his readiness to receive American officials"."""
        q_terms = _terms(snap, topic_of(question))
        quoted = [r for r in (cand.leans_on, cand.row) if r is not None]
        fetched = snap.texts(quoted)
        text = _pair(*(fetched[r] for r in quoted if r in fetched))
        # A name the passage writes by its initials is in the article, however the rest of it writes it.
        by_initials = frozenset().union(*(name for short, name in _short_names(question, q_terms) if short.search(text)))
        rows = (cand.row, *cand.also)
        words = frozenset().union(*(snap.words(row) for row in rows)) | by_initials
        for token in names_asked(question) & q_terms.keys() - by_initials:
            if q_terms[token] & words and not any(snap.writes_capitalised(row, q_terms[token]) for row in rows):
                q_terms[token] = frozenset()  # the articles have the word, but not as the name asked about
        # "according to the ESA study": initials the article never writes, standing for a name it writes out.
        words |= {token for token, name in acronyms(question)
                  if token in q_terms and not q_terms[token] & words and snap.spells_out(cand.row, name)}
        # "Who is Home Depot's chief executive?": an article writing "CEO Craig Menear" has the role.
        if any(initials <= words for initials in role_initials(question)):
            words |= set(role_words(question))
        # "make", "become": verbs that say little by themselves are no detail the article lacks; nor is
        # the kind of thing asked about when the passage names it where the question's verb puts it
        # ("Which character did he play?": "Playing ... Sir Humphrey Appleby", no "character" anywhere).
        skip = _EMPTY_VERBS | (_terms(snap, " ".join(focus_words(question))).keys() if names_the_object(text, question)
                               else frozenset())
        cand.absent = snap.lexical.absent({t: f for t, f in q_terms.items() if t not in skip}, words)
        return cand

    def _answer(self, snap: _Snapshot, question: str, candidates: list[ranking.Candidate],
                lexical_weight: float = ranking.LEXICAL_WEIGHT, type_weight: float = ranking.ANSWER_TYPE_WEIGHT,
                calibration: tuple[tuple[float, ...], float] | None = None,
                focus_weight: float = ranking.FOCUS_WEIGHT,
                weak: tuple[float, float] = (ranking.WEAK_COSINE, ranking.WEAK_COVERAGE)) -> Answer:
        """Rank, group restatements, and decide. The weights are parameters so that the calibration
        script can score other values on the same candidates."""
        chosen, conf = self._decide(snap, question, candidates, lexical_weight, type_weight, calibration, focus_weight,
                                    weak)
        # Quoted sentences and their neighbours, in one round trip.
        texts = snap.texts([r for c in chosen for r in (c.row, *snap.neighbours(c.row))])
        return self._build(snap, question, chosen, conf, texts)

    def _decide(self, snap: _Snapshot, question: str, candidates: list[ranking.Candidate],
                lexical_weight: float = ranking.LEXICAL_WEIGHT, type_weight: float = ranking.ANSWER_TYPE_WEIGHT,
                calibration: tuple[tuple[float, ...], float] | None = None,
                focus_weight: float = ranking.FOCUS_WEIGHT,
                weak: tuple[float, float] = (ranking.WEAK_COSINE, ranking.WEAK_COVERAGE)
                ) -> tuple[list[ranking.Candidate], float]:
        """The snippets' candidates, best first, and the confidence in the first."""
        scores = [ranking.combine(c.cosine, c.coverage, c.typed, lexical_weight, type_weight, c.unfocused, focus_weight)
                  for c in candidates]
        order = sorted(range(len(candidates)), key=scores.__getitem__, reverse=True)
        floor = scores[order[0]] - ranking.SNIPPET_MARGIN if order else 0.0
        # Copies, so that grouping (which fills `also`) leaves the caller's candidates as they were;
        # only those within the margin can become snippets.
        scored = [dataclasses.replace(candidates[i], also=[], then=None, first=None, quoted=list(candidates[i].quoted),
                                      score=scores[i])
                  for i in order if scores[i] >= floor]
        self._give_answers(snap, question, scored)
        doc_of = {c.row: snap.doc(c.row) for c in scored}
        ranking.put_agreed_first(scored, doc_of)
        chosen = ranking.group(scored, doc_of, self.max_snippets)
        if chosen:
            self._weigh_top(snap, question, chosen[0])
            self._join_focus(snap, question, chosen[0])
            self._cite_same_answer(snap, question, chosen[0],
                                   [candidates[i] for i in order if scores[i] < floor])
        weights, bias = calibration or (ranking.CONFIDENCE_WEIGHTS, ranking.CONFIDENCE_BIAS)
        conf = ranking.confidence(chosen[0].features(), weights, bias) if chosen else 0.0
        if chosen and (chosen[0].typed < 0 or chosen[0].typed < 2 and _counts_something(question)):
            # The question asks for a kind of thing (a time, an amount, a name ...) that the best
            # passage does not hold: whatever its words share with the question, it is not an answer.
            # "How many rebounds ...?" asks for a number of rebounds: another number is not one.
            conf = min(conf, ranking.UNTYPED_CONFIDENCE)
        weak_cosine, weak_coverage = weak
        # Close to the question neither in meaning nor in words: whatever kind of thing it holds, the
        # passage is about something else ("Directed by | Akitaro Daichi" for "Who directed Iron Man 2?").
        if chosen and chosen[0].cosine < weak_cosine and chosen[0].coverage < weak_coverage:
            conf = min(conf, ranking.UNTYPED_CONFIDENCE)
        # A figure told about someone else: "Chris Paul had ... five rebounds" for Anthony Davis.
        if chosen and conf > ranking.UNTYPED_CONFIDENCE and (_about_someone_else(snap, question, chosen[0])
                                                              or _with_someone_else(snap, question, chosen[0])):
            conf = ranking.UNTYPED_CONFIDENCE
        return chosen, conf

    @staticmethod
    def _join_focus(snap: _Snapshot, question: str, first: ranking.Candidate) -> None:
        """The answer lacking what the question asks about ("Which effect ...?": "You think one product
        is a deal because ...") is quoted with the sentence beside it that names it all ("The Decoy
        effect is also a commonly used tactic.")."""
        if first.unfocused <= 0 or first.leans_on is not None or first.then is not None or first.first is not None:
            return
        focus = _terms(snap, " ".join(focus_words(question)))
        if not focus:
            return
        beside = [row for row in (snap.neighbour(first.row, -1), snap.neighbour(first.row, 1)) if row is not None]
        texts = snap.texts(beside)
        for row in beside:
            text = texts.get(row, "")
            held = snap.lexical.coverage(focus, row, joined=first.row)[0]
            if held > 1.0 - first.unfocused + 1e-9 and first.chars + 1 + len(text) <= ranking.MAX_SNIPPET_CHARS:
                if row < first.row:
                    first.first = row
                else:
                    first.then = row
                first.chars += 1 + len(text)
                first.unfocused = 1.0 - held
                return

    @staticmethod
    def _give_answers(snap: _Snapshot, question: str, cands: list[ranking.Candidate], typed_only: bool = True) -> None:
        """Fill in the answers of the asked-for kind that the candidates carrying it give (`typed_only`:
        those ranking found carrying it; ranking stops looking at the ones far below the best)."""
        wanted = expected_type(question)
        typed = [c for c in cands if c.typed > 0 or not typed_only]
        if wanted is None or not typed:
            return
        texts = snap.texts([r for c in typed for r in (c.row, c.leans_on) if r is not None])
        for c in typed:
            said = _pair(*(texts.get(r, "") for r in (c.leans_on, c.row) if r is not None))
            c.answers = answers_given(wanted, said, question)

    def _cite_same_answer(self, snap: _Snapshot, question: str, first: ranking.Candidate,
                          below: list[ranking.Candidate]) -> None:
        """Cite with the answer the articles giving it that ranked below the snippet margin: every
        article that says it, not only those worded closely enough to the question."""
        if not first.answers:
            return
        vectors = (first.embedding, *first.quoted)
        # Copies: the caller's candidates stay as they were. Close enough to the answer first (cheap).
        close = [dataclasses.replace(c, quoted=[]) for c in below
                 if any(float(v @ c.embedding) >= ranking.SAME_ANSWER for v in vectors)]
        self._give_answers(snap, question, close, typed_only=False)
        ranking.cite_same_answer(first, close, {c.row: snap.doc(c.row) for c in (first, *close)}
                                 | {r: snap.doc(r) for r in first.also})

    def _build(self, snap: _Snapshot, question: str, chosen: list[ranking.Candidate], conf: float,
               texts: dict[int, str]) -> Answer:
        # A sentence a concurrent re-index deleted since it was ranked cannot be quoted.
        chosen = [c for c in chosen if c.row in texts]
        terms = frozenset(tokenize(question))
        return Answer(question=question, answered=bool(chosen) and conf >= self.min_confidence, confidence=conf,
                      snippets=[self._snippet(snap, c, texts, terms) for c in chosen],
                      evidence=dict(zip(ranking.FEATURES, chosen[0].features()))
                      if chosen else {})

    def _snippet(self, snap: _Snapshot, cand: ranking.Candidate, texts: dict[int, str],
                 terms: frozenset[str] = frozenset()) -> Snippet:
        row = cand.row
        src = snap.sources[snap.doc(row)]
        prev, nxt = snap.neighbour(row, -1), snap.neighbour(row, 1)
        text = ranking.snippet_text(texts, row, prev, cand.then, cand.first, terms)
        context = " ".join(texts[r] for r in (prev, row, nxt) if r is not None and r in texts)
        also = []
        for r in cand.also:
            other = snap.sources[snap.doc(r)].id
            if other != src.id and other not in also:
                also.append(other)
        return Snippet(source=src.id, title=src.title, outlet=src.outlet, date=src.date, url=src.url,
                       text=text, context=context, sentence_id=snap.rows.sentence_id(row),
                       score=round(cand.score, 4), also_in=also)


_EMPTY_VERBS = frozenset(normal_form(w) for w in "make made become became get got have had take took give gave do did hold held".split())


def _terms(snap: _Snapshot, text: str) -> dict[str, frozenset[str]]:
    """The words of `text` as the lexical index knows them, each with its spellings in the corpus and,
    for a unit, its abbreviation ("4.9 million bbl." counts barrels)."""
    return {t: forms | abbreviations(t) for t, forms in snap.lexical.expand(tokenize(text)).items()}


def _short_names(question: str, q_terms: dict[str, frozenset[str]]) -> list[tuple[re.Pattern[str], frozenset[str]]]:
    """The question's names of several words with their initials, each name's tokens among the
    question's words."""
    return [(short, name & q_terms.keys()) for short, name in short_names(question) if name & q_terms.keys()]


def _by_surname(snap: _Snapshot, row: int, text: str, joined: int | None,
                surnamed: list[tuple[re.Pattern[str], str, frozenset[str]]]) -> frozenset[str]:
    """The given names of the people the row (`text`, with the sentence it leans on) writes by
    surname alone ("Prelogar, 43, argues ...") when its article writes the full name ("Elizabeth
    Prelogar") elsewhere: the row names them."""
    tokens = snap.lexical.token_set(row) if joined is None else snap.lexical.token_set(row) | snap.lexical.token_set(joined)
    found = [given for alone, last, given in surnamed
             if last in tokens and not given & tokens and alone.search(text)]
    if not found:
        return frozenset()
    words = snap.words(row)
    return frozenset().union(*(given for given in found if given <= words))


def _typed(wanted: str | None, counted: list[str], text: str, question: str, topic: set[str]) -> int:
    """1 when the sentence carries the wanted kind of answer, 2 when it is a count of exactly what a
    "how many" question counts, a figure next to the question's own words, the holder of the role or
    the doer of the deed asked about, -1 when it carries nothing of the kind, 0 when no kind is asked
    for (2 again for the doer of a "which yacht took ...?" deed, whose kind no rule knows)."""
    if not tells_the_deed(text, question) or not tells_the_saying(text, question):
        return -1  # "Who won the final?": a passage that never speaks of winning names no winner
    if wanted is None and asks_for_others(question):  # "Besides Ukraine, what topics ...?": a list of them
        return 1 if lists_others(text) else -1
    if wanted is None:  # "Which yacht took line honours?": no kind asked for, but a doer of the deed
        # ... or, for "How is typhoid spread?", the means right after the question's words
        return 2 if does_the_deed(text, question, topic) or asks_the_means(question) and tells_the_means(text, question) \
            else 0
    if counted:  # "how many X": the number right before X is the answer; numbers elsewhere are not
        if not tells_the_toll(text, question):
            return -1  # "Dozens of people were injured" counts no dead
        return 2 if counts(text, counted) else 1 if carries(wanted, text, question) else -1
    if not carries(wanted, text, question) or wanted == "quantity" and money_of_another_kind(text, question):
        return -1
    return 2 if anchored(wanted, text, question, topic) else 1


def _about_someone_else(snap: _Snapshot, question: str, first: ranking.Candidate) -> bool:
    """Whether the passage gives the figure a question asks for about a person it names in full, but
    opens with another name as its subject and names that person nowhere: not in its sentences, the
    sentences beside them or its article's title ("Tesla was a brilliant man. He spoke eight
    languages" for "How many languages did Thomas Edison speak?")."""
    if expected_type(question) not in FIGURE_KINDS:
        return False
    people = people_asked_about(question)
    if not people:
        return False
    opening = first.leans_on if first.leans_on is not None else first.first if first.first is not None else first.row
    subject = opening_subject(snap.texts([opening]).get(opening, ""))
    if subject is None:
        return False
    asked, named = set(tokenize(" ".join(people))), set(tokenize(subject))
    if not named or named & asked:
        return False  # "He had ...": a pronoun, or the person asked about
    return not asked & _words_around(snap, first, {first.row, opening})


def _words_around(snap: _Snapshot, first: ranking.Candidate, rows: set[int]) -> frozenset[str]:
    """The words of these rows of the first snippet, the rows beside them and its article's title:
    what names the passage gives near enough to be about."""
    rows = rows | {n for r in rows for n in snap.neighbours(r)}
    return snap.title(first.row).union(*(snap.lexical.token_set(r) for r in rows))


def _with_someone_else(snap: _Snapshot, question: str, first: ranking.Candidate) -> bool:
    """Whether the passage gives a figure about an event with another party than the question names,
    naming that party nowhere near (its sentences, the ones beside them, its title): "This call,
    lasting nearly 90 minutes" is Trump's call with Putin, not the one with Zelensky."""
    parties = other_parties(question)
    if not parties:
        return False
    quoted = {first.row, *(r for r in (first.leans_on, first.first, first.then) if r is not None)}
    told = _words_around(snap, first, quoted)
    # however the article spells the party ("Zelenskyy" for "Zelensky": the index's variants)
    return any(not any(forms & told for forms in _terms(snap, party).values()) for party in parties)


def _pair(*texts: str) -> str:
    """Sentences read as one passage, each ended as a sentence: a page's heading-like line with no
    full stop ("... keeper Kepa Arrizabalaga") does not run on into the next sentence's clause."""
    return " ".join(t if i == len(texts) - 1 or TERMINAL.search(t.rstrip()) else f"{t}." for i, t in enumerate(texts))


def _counts_something(question: str) -> bool:
    return expected_type(question) == "quantity" and bool(counted_words(question))


def _tidy(question: str, limit: int) -> str:
    question = re.sub(r"\s+", " ", question or "").strip()
    if not question:
        raise QuestionError("the question is empty; ask something like 'Who called NATO membership unrealistic?'")
    if not re.search(r"\w", question):
        raise QuestionError("the question has no words in it, only symbols; ask it in words")
    return question[:limit]


def _find_source(sources: list[Source], wanted: str) -> Source:
    wanted_l = wanted.strip().lower().removesuffix(".gz")  # "page.html.gz" is cited as "page.html"
    for s in sources:
        if wanted_l in (s.id.lower(), Path(s.id).stem.lower()):
            return s
    matches = [s for s in sources if wanted_l and wanted_l in f"{s.id} {s.title or ''} {s.outlet or ''}".lower()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise RetrievalError(f"{wanted!r} matches {len(matches)} articles ({', '.join(s.id for s in matches[:5])}); be more specific")
    raise RetrievalError(f"no article {wanted!r} in the index; `python -m retrieval sources` lists them")
