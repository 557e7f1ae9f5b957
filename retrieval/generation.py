"""The files of one committed index generation: what a reader needs besides Chroma.

A generation is the row table (which article, sentence number and paragraph each indexed sentence
is, articles in a fixed order so that an article's sentences are consecutive rows) and the lexical
index over the same rows. The indexing run builds it once per generation, copying the rows of the
articles it kept from the previous generation and tokenizing only the new ones, and saves it in
`<INDEX_DIR>/generations/<collection>/gen-<n>-<stamp>/` before it commits. Readers memory-map it.
A reader that finds no files for the committed generation (a Chroma server indexed from another
machine, files deleted) builds them from Chroma once and saves them for the next start.

Sentence texts are not here: Chroma holds them, and readers fetch them for the candidates of each
question. Vectors are here too while the generation is small (EXACT_SEARCH_ROWS): searching them
exactly is faster than a round trip to Chroma's HNSW index; a larger generation is searched in Chroma.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.lexical import LexicalIndex, encode
from retrieval.store import Manifest, Pointer, Store

log = logging.getLogger(__name__)

# Bump when the files change, or the words in them (lexical.tokenize): a generation in another format
# is rebuilt from the store's sentences, tokenized again, without embedding anything (4: accents folded;
# 6: initials; 5 was a reverted format).
FORMAT = "6"
# Up to this many rows a generation keeps its vectors (float32; 46 MB at 30,000 MiniLM rows) and readers
# search them exactly: 0.3 ms at 20,000 rows against about 1.3 ms for a Chroma query, and the same
# at 50,000. Larger generations are searched with Chroma's HNSW index.
EXACT_SEARCH_ROWS = 30_000
# Ids per Chroma read when a generation's vectors are gathered from the store.
FETCH_BATCH = 5_000


@dataclass
class Chunk:
    """Rows of one or more whole articles: rows per article, sentence and paragraph numbers per row,
    distinct tokens per row (flat, with their counts and the number per row)."""

    doc_sizes: np.ndarray
    n: np.ndarray
    block: np.ndarray
    lengths: np.ndarray
    tokens: np.ndarray
    tf: np.ndarray


class Generation:
    def __init__(self, docs: list[str], doc_ptr: np.ndarray, n: np.ndarray, block: np.ndarray, lexical: LexicalIndex,
                 row_doc: np.ndarray | None = None):
        self.docs = docs  # content hash of each article, in row order
        self.doc_ptr = doc_ptr  # first row of each article, and the row count at the end
        self.n = n
        self.block = block
        self.lexical = lexical
        self.vectors: np.ndarray | None = None  # one unit-length row per sentence; small generations only
        self.doc_index = {h: i for i, h in enumerate(docs)}
        self._starts = doc_ptr.tolist()  # one int per article, read for every candidate's neighbours
        # Article number of each row: looked up for every candidate and its neighbours.
        self.row_doc = row_doc if row_doc is not None else \
            np.repeat(np.arange(len(docs), dtype=np.int32), np.diff(doc_ptr)) if len(docs) else np.zeros(0, np.int32)

    @property
    def rows(self) -> int:
        return len(self.n)

    # --- rows ---------------------------------------------------------------------------------
    def doc_number(self, row: int) -> int:
        return int(self.row_doc[row])

    def doc(self, row: int) -> str:
        return self.docs[self.doc_number(row)]

    def doc_span(self, row: int) -> range:
        """The rows of the article `row` is in."""
        d = self.doc_number(row)
        return range(self._starts[d], self._starts[d + 1])

    def doc_rows(self, content_hash: str) -> range:
        d = self.doc_index.get(content_hash)
        return range(0) if d is None else range(self._starts[d], self._starts[d + 1])

    def sentence_id(self, row: int) -> str:
        return f"{self.doc(row)}:{int(self.n[row])}"

    def row_of(self, sentence_id: str) -> int | None:
        content_hash, _, number = sentence_id.rpartition(":")
        rows = self.doc_rows(content_hash)
        if not rows or not number.isdigit():
            return None
        at = rows.start + int(np.searchsorted(self.n[rows.start:rows.stop], int(number)))
        return at if at < rows.stop and int(self.n[at]) == int(number) else None

    def keep(self, live: set[str]) -> tuple[list[str], Chunk]:
        """The articles of this generation that are in `live`, in this generation's order, and their
        rows as one chunk: array operations over all rows, not a loop over articles."""
        keep_doc = np.fromiter((h in live for h in self.docs), dtype=bool, count=len(self.docs))
        doc_sizes = np.diff(self.doc_ptr)
        keep_row = np.repeat(keep_doc, doc_sizes)
        per_row = np.diff(self.lexical.row_ptr)
        keep_entry = np.repeat(keep_row, per_row)
        docs = [h for h, k in zip(self.docs, keep_doc) if k]
        return docs, Chunk(doc_sizes[keep_doc], np.asarray(self.n)[keep_row], np.asarray(self.block)[keep_row],
                           per_row[keep_row], np.asarray(self.lexical.tokens)[keep_entry],
                           np.asarray(self.lexical.tf)[keep_entry])

    # --- building -----------------------------------------------------------------------------
    @classmethod
    def build(cls, docs: list[str], chunks: list[Chunk], vocab: list[str]) -> "Generation":
        cat = (lambda field, dtype: np.concatenate([getattr(c, field) for c in chunks]).astype(dtype)
               if chunks else np.zeros(0, dtype))
        doc_ptr = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum(cat("doc_sizes", np.int64), out=doc_ptr[1:])
        lengths = cat("lengths", np.int64)
        row_ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=row_ptr[1:])
        lexical = LexicalIndex(vocab, cat("tokens", np.int32), cat("tf", np.int32), row_ptr)
        return cls(docs, doc_ptr, cat("n", np.int32), cat("block", np.int32), lexical)

    # --- files --------------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Written to a temporary folder and renamed into place, so a reader never sees half a generation."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".building-", dir=folder.parent))
        try:
            (work / "docs.json").write_text(json.dumps(self.docs))
            (work / "format").write_text(FORMAT)
            np.save(work / "doc_ptr.npy", self.doc_ptr)
            np.save(work / "n.npy", self.n)
            np.save(work / "block.npy", self.block)
            np.save(work / "row_doc.npy", self.row_doc)
            if self.vectors is not None:
                np.save(work / "vectors.npy", self.vectors)
            self.lexical.save(work / "lexical")
            if folder.exists():
                shutil.rmtree(folder)  # left by a run that died before it committed this stamp
            os.rename(work, folder)
        except OSError as exc:
            if not folder.exists():
                log.warning("could not save the index generation in %s (%s); readers will rebuild it", folder, exc)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> "Generation | None":
        if not folder.is_dir():
            return None
        try:
            if (folder / "format").read_text().strip() != FORMAT:
                raise ValueError("written in another format")
            doc_ptr, n, block, row_doc = [np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r"))
                                          for name in ("doc_ptr", "n", "block", "row_doc")]
            loaded = cls(json.loads((folder / "docs.json").read_text()), doc_ptr, n, block,
                         LexicalIndex.load(folder / "lexical"), row_doc)
            if (folder / "vectors.npy").is_file():
                loaded.vectors = np.load(folder / "vectors.npy", mmap_mode="r")
                if len(loaded.vectors) != loaded.rows:
                    raise ValueError("its vectors do not match its rows")
            return loaded
        except (OSError, ValueError) as exc:
            log.warning("the index generation in %s is unreadable (%s); rebuilding it", folder, exc)
            return None


def chunk_from_texts(numbers: list[int], blocks: list[int], texts: list[str], vocab: list[str],
                     token_id: dict[str, int]) -> Chunk:
    rows = encode(texts, vocab, token_id)
    return Chunk(np.asarray([len(numbers)], np.int64), np.asarray(numbers, np.int32), np.asarray(blocks, np.int32),
                 np.asarray([len(ids) for ids, _ in rows], np.int64),
                 np.asarray([t for ids, _ in rows for t in ids], np.int32),
                 np.asarray([c for _, counts in rows for c in counts], np.int32))


def order(manifest: Manifest) -> list[str]:
    """The articles of a manifest, each content once."""
    return list(dict.fromkeys(s.content_hash for s in manifest.sources))


def fetch_rows(store: Store, hashes: list[str]) -> dict[str, tuple[list[int], list[int], list[str]]]:
    """(sentence numbers, paragraph numbers, texts) of these articles, from the store, in sentence order."""
    rec = store.sentences_of(hashes)
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for text, meta in zip(rec.documents, rec.metadatas):
        by_doc.setdefault(meta["doc"], []).append((int(meta["n"]), int(meta.get("block", 0)), text))
    out = {}
    for h, rows in by_doc.items():
        rows.sort()
        out[h] = ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    return out


def assemble(docs: list[str], previous: Generation | None, fresh: dict[str, tuple[list[int], list[int], list[str]]],
             store: Store) -> Generation:
    """The generation of the articles `docs` (content hashes): the rows of those the previous
    generation has are copied (first, in its order); `fresh` gives (numbers, blocks, texts) of
    newly read ones; the rest are read from `store`. Tokenizing is the slow part, so only
    articles new to this generation are tokenized."""
    vocab = list(previous.lexical.vocab) if previous else []
    token_id = {t: i for i, t in enumerate(vocab)}
    order: list[str] = []
    chunks: list[Chunk] = []
    if previous is not None:
        order, kept = previous.keep(set(docs))
        chunks.append(kept)
    seen = set(order)
    new = [h for h in dict.fromkeys(docs) if h not in seen]
    missing = [h for h in new if h not in fresh]
    fetched = fetch_rows(store, missing) if missing else {}
    for h in new:
        numbers, blocks, texts = fresh.get(h) or fetched.get(h) or ([], [], [])
        chunks.append(chunk_from_texts(numbers, blocks, texts, vocab, token_id))
        order.append(h)
    return Generation.build(order, chunks, vocab)


def attach_vectors(built: Generation, previous: Generation | None, fresh: dict[str, np.ndarray], store: Store) -> None:
    """Give a small generation its vectors: this run's new ones (`fresh`, by article, in row order),
    the previous generation's for the articles it kept, and the rest read from Chroma."""
    if built.rows == 0 or built.rows > EXACT_SEARCH_ROWS:
        return
    parts: list[np.ndarray | list[str]] = []  # an article's vectors, or its sentence ids to read from Chroma
    missing: list[str] = []
    for doc in built.docs:
        span = built.doc_rows(doc)
        block = fresh.get(doc)
        if block is None and previous is not None and previous.vectors is not None and doc in previous.doc_index:
            kept = previous.doc_rows(doc)
            block = np.asarray(previous.vectors[kept.start:kept.stop])
        if block is None or len(block) != len(span):
            ids = [built.sentence_id(r) for r in span]
            missing.extend(ids)
            parts.append(ids)
        else:
            parts.append(block)
    found: dict[str, np.ndarray] = {}
    for i in range(0, len(missing), FETCH_BATCH):
        found.update((k, v) for k, (_, v) in store.texts_and_vectors(missing[i:i + FETCH_BATCH]).items())
    if len(found) < len(missing):
        log.warning("%d sentences of generation files are not in the store; searching it in Chroma", len(missing) - len(found))
        return
    rows = [np.stack([found[i] for i in part]) if isinstance(part, list) else part for part in parts if len(part)]
    built.vectors = np.concatenate(rows).astype(np.float32, copy=False)


def folder_for(root: Path, generation: int, stamp: str) -> Path:
    return root / f"gen-{generation}-{stamp}"


MANIFEST_FILE = "manifest.json"


def save_manifest(store: Store, manifest: Manifest) -> None:
    """The generation's article list beside its files: reading it there takes a tenth of the time
    of reading 20,000 article records from Chroma, for the indexer and for every reader's start."""
    if store.files is None:
        return
    folder = folder_for(store.files, manifest.generation, manifest.stamp)
    try:
        tmp = folder / f".{MANIFEST_FILE}.{os.getpid()}"
        tmp.write_text(manifest.model_dump_json())
        os.replace(tmp, folder / MANIFEST_FILE)
    except OSError as exc:
        log.warning("could not save %s in %s (%s)", MANIFEST_FILE, folder, exc)


def read_manifest(store: Store, pointer: Pointer | None = None) -> Manifest | None:
    """The committed generation with its articles: from its files when they are here, else from Chroma."""
    pointer = pointer or store.read_pointer()
    if pointer is None:
        return None
    if store.files is not None:
        try:
            saved = Manifest.model_validate_json((folder_for(store.files, pointer.generation, pointer.stamp) / MANIFEST_FILE).read_text())
            if saved.pointer() == pointer:
                return saved
        except (OSError, ValueError):
            pass
    return store.read_manifest(pointer)


def prune(root: Path, keep: set[Path]) -> None:
    """Delete the generations nobody will load again (a reader that mapped one keeps its pages)."""
    if not root.is_dir():
        return
    for path in root.iterdir():
        if path.name.startswith("gen-") and path not in keep:
            shutil.rmtree(path, ignore_errors=True)
