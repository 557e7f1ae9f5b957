"""A reader holds no sentence texts or vectors: candidates' come from Chroma with each question,
and the row table and lexical index are memory-mapped files of the index generation.

Measured at two corpus sizes (so fixed costs cancel), the Python heap a reader's snapshot keeps per
extra sentence is its share of the article list (metadata per article) and of the vocabulary. When
readers held every sentence's text and tokens it was about 1.8 KB a sentence, and 3.4 KB with the
vectors (one MiniLM vector is 384 float32 = 1,536 bytes); the bound below rejects both.
"""

import gc
import mmap
import sys
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from synthetic_corpus import write_corpus  # noqa: E402

from .conftest import make_retriever  # noqa: E402

VECTOR_BYTES = 384 * 4
PER_SENTENCE_BOUND = 400


def mapped(array: np.ndarray) -> bool:
    """Whether the array's memory is a mapped file (page cache) rather than the process's heap."""
    base = array
    while base is not None:
        if isinstance(base, mmap.mmap):
            return True
        base = getattr(base, "base", None)
    return False


def snapshot_bytes(retriever) -> tuple[int, int]:
    """(bytes a freshly loaded reader snapshot keeps alive, sentences in it)."""
    old = retriever._current()  # kept referenced: nothing is freed while measuring
    retriever._snapshot = None
    retriever._checked_at = 0.0
    gc.collect()
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    before = tracemalloc.take_snapshot()
    snap = retriever._current()
    gc.collect()
    after = tracemalloc.take_snapshot()
    if started:
        tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert snap is not old
    return grown, snap.rows.rows


def test_reader_memory_per_sentence_stays_below_one_vector(embedder, tmp_path):
    small = make_retriever(embedder, tmp_path / "small-index", write_corpus(tmp_path / "small", 20))
    large = make_retriever(embedder, tmp_path / "large-index", write_corpus(tmp_path / "large", 80))
    small.reindex()
    large.reindex()
    (bytes_small, n_small), (bytes_large, n_large) = snapshot_bytes(small), snapshot_bytes(large)
    assert n_large > 3 * n_small
    per_sentence = (bytes_large - bytes_small) / (n_large - n_small)
    print(f"{per_sentence:.0f} bytes a sentence")
    assert per_sentence < PER_SENTENCE_BOUND, f"{per_sentence:.0f} bytes a sentence: texts or vectors are being held"
    snap = large._current()
    per_row = [name for name, value in [*vars(snap.rows).items(), *vars(snap.lexical).items()]
               if isinstance(value, np.ndarray) and not mapped(value) and len(value) >= snap.rows.rows]
    assert not per_row, f"arrays with a row per sentence on the heap: {per_row}"
    answer = large.ask("Which union leader spoke about the strike?")
    assert answer.snippets and all(len(s.text) <= 400 for s in answer.snippets), "answers still work without them"
