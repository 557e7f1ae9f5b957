"""The files of one committed index generation: what a reader needs besides Chroma.

A generation is the row table (which article, sentence number and paragraph each indexed sentence
is, articles in a fixed order so that an article's sentences are consecutive rows) and the lexical
index over the same rows. The indexing run builds it once per generation, copying the rows of the
articles it kept from the previous generation and tokenizing only the new ones, and saves it in
`<INDEX_DIR>/generations/<collection>/gen-<n>-<stamp>/` before it commits. Readers memory-map it.
A reader that finds no files for the committed generation (a Chroma server indexed from another
machine, files deleted) builds them from Chroma once and saves them for the next start.

Sentence texts and vectors are not here: Chroma holds them, and readers fetch them for the
candidates of each question.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.lexical import LexicalIndex, encode

log = logging.getLogger(__name__)

KEEP_GENERATIONS = 2  # the committed one and the one before it, which readers may still be loading


@dataclass
class Chunk:
    """One article's rows: sentence numbers, paragraph numbers, and token ids (flat, with lengths)."""

    n: np.ndarray
    block: np.ndarray
    lengths: np.ndarray
    tokens: np.ndarray


class Generation:
    def __init__(self, docs: list[str], doc_ptr: np.ndarray, n: np.ndarray, block: np.ndarray, lexical: LexicalIndex):
        self.docs = docs  # content hash of each article, in row order
        self.doc_ptr = doc_ptr  # first row of each article, and the row count at the end
        self.n = n
        self.block = block
        self.lexical = lexical
        self.doc_index = {h: i for i, h in enumerate(docs)}

    @property
    def rows(self) -> int:
        return len(self.n)

    # --- rows ---------------------------------------------------------------------------------
    def doc_number(self, row: int) -> int:
        return int(np.searchsorted(self.doc_ptr, row, side="right")) - 1

    def doc(self, row: int) -> str:
        return self.docs[self.doc_number(row)]

    def doc_rows(self, content_hash: str) -> range:
        d = self.doc_index.get(content_hash)
        return range(0) if d is None else range(int(self.doc_ptr[d]), int(self.doc_ptr[d + 1]))

    def sentence_id(self, row: int) -> str:
        return f"{self.doc(row)}:{int(self.n[row])}"

    def row_of(self, sentence_id: str) -> int | None:
        content_hash, _, number = sentence_id.rpartition(":")
        rows = self.doc_rows(content_hash)
        if not rows or not number.isdigit():
            return None
        at = rows.start + int(np.searchsorted(self.n[rows.start:rows.stop], int(number)))
        return at if at < rows.stop and int(self.n[at]) == int(number) else None

    def chunk(self, content_hash: str) -> Chunk:
        rows = self.doc_rows(content_hash)
        ptr = self.lexical.row_ptr
        return Chunk(np.asarray(self.n[rows.start:rows.stop]), np.asarray(self.block[rows.start:rows.stop]),
                     np.diff(ptr[rows.start:rows.stop + 1]), np.asarray(self.lexical.tokens[ptr[rows.start]:ptr[rows.stop]]))

    # --- building -----------------------------------------------------------------------------
    @classmethod
    def build(cls, docs: list[str], chunks: list[Chunk], vocab: list[str]) -> "Generation":
        sizes = np.fromiter((len(c.n) for c in chunks), dtype=np.int64, count=len(chunks))
        doc_ptr = np.zeros(len(chunks) + 1, dtype=np.int64)
        np.cumsum(sizes, out=doc_ptr[1:])
        lengths = np.concatenate([c.lengths for c in chunks]) if chunks else np.zeros(0, np.int64)
        row_ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=row_ptr[1:])
        tokens = np.concatenate([c.tokens for c in chunks]).astype(np.int32) if chunks else np.zeros(0, np.int32)
        cat = (lambda field: np.concatenate([getattr(c, field) for c in chunks]).astype(np.int32)
               if chunks else np.zeros(0, np.int32))
        return cls(docs, doc_ptr, cat("n"), cat("block"), LexicalIndex(vocab, tokens, row_ptr))

    # --- files --------------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Written to a temporary folder and renamed into place, so a reader never sees half a generation."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".building-", dir=folder.parent))
        try:
            (work / "docs.json").write_text(json.dumps(self.docs))
            np.save(work / "doc_ptr.npy", self.doc_ptr)
            np.save(work / "n.npy", self.n)
            np.save(work / "block.npy", self.block)
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
            arrays = [np.load(folder / f"{name}.npy", mmap_mode="r") for name in ("doc_ptr", "n", "block")]
            return cls(json.loads((folder / "docs.json").read_text()), *arrays, LexicalIndex.load(folder / "lexical"))
        except (OSError, ValueError) as exc:
            log.warning("the index generation in %s is unreadable (%s); rebuilding it", folder, exc)
            return None


def chunk_from_texts(numbers: list[int], blocks: list[int], texts: list[str], vocab: list[str],
                     token_id: dict[str, int]) -> Chunk:
    rows = encode(texts, vocab, token_id)
    flat = [t for r in rows for t in r]
    return Chunk(np.asarray(numbers, np.int32), np.asarray(blocks, np.int32),
                 np.asarray([len(r) for r in rows], np.int64), np.asarray(flat, np.int32))


Fetch = Callable[[list[str]], dict[str, tuple[list[int], list[int], list[str]]]]


def assemble(docs: list[str], previous: Generation | None, fresh: dict[str, tuple[list[int], list[int], list[str]]],
             fetch: Fetch) -> Generation:
    """The generation of the articles `docs` (content hashes, in order): rows of articles the previous
    generation has are copied; `fresh` gives (numbers, blocks, texts) of newly read ones; `fetch`
    reads the rest from the store."""
    vocab = list(previous.lexical.vocab) if previous else []
    token_id = {t: i for i, t in enumerate(vocab)}
    kept = previous.doc_index if previous else {}
    missing = [h for h in docs if h not in kept and h not in fresh]
    fetched = fetch(missing) if missing else {}
    chunks = []
    for h in docs:
        if h in kept:
            chunks.append(previous.chunk(h))  # type: ignore[union-attr]
        else:
            numbers, blocks, texts = fresh.get(h) or fetched.get(h) or ([], [], [])
            chunks.append(chunk_from_texts(numbers, blocks, texts, vocab, token_id))
    return Generation.build(docs, chunks, vocab)


def folder_for(root: Path, generation: int, stamp: str) -> Path:
    return root / f"gen-{generation}-{stamp}"


def prune(root: Path, keep: set[Path]) -> None:
    """Delete the generations nobody will load again (a reader that mapped one keeps its pages)."""
    if not root.is_dir():
        return
    for path in root.iterdir():
        if path.name.startswith("gen-") and path not in keep:
            shutil.rmtree(path, ignore_errors=True)
