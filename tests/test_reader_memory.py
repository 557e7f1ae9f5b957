"""A reader holds no sentence vectors: candidates' vectors come from Chroma with each question.

Measured at two corpus sizes (so fixed costs cancel), the memory a reader's snapshot keeps per extra
sentence is the lexical side alone: text, tokens and metadata, about 1.8 KB a sentence in Python
objects here. Holding the vectors as well added exactly one MiniLM vector (384 float32 = 1,536 bytes)
a sentence, 3.4 KB in all, which the bound below (2 vectors' worth) rejects.
"""

import gc
import sys
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from synthetic_corpus import write_corpus  # noqa: E402

from .conftest import make_retriever  # noqa: E402

VECTOR_BYTES = 384 * 4


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
    return grown, len(snap.ids)


def test_reader_memory_per_sentence_stays_below_one_vector(embedder, tmp_path):
    small = make_retriever(embedder, tmp_path / "small-index", write_corpus(tmp_path / "small", 20))
    large = make_retriever(embedder, tmp_path / "large-index", write_corpus(tmp_path / "large", 80))
    small.reindex()
    large.reindex()
    (bytes_small, n_small), (bytes_large, n_large) = snapshot_bytes(small), snapshot_bytes(large)
    assert n_large > 3 * n_small
    per_sentence = (bytes_large - bytes_small) / (n_large - n_small)
    assert per_sentence < 2 * VECTOR_BYTES, f"{per_sentence:.0f} bytes a sentence: vectors are being held"
    snap = large._current()
    rows = len(snap.ids)
    assert not [name for name, value in vars(snap).items() if getattr(value, "shape", (0,))[0] == rows], \
        "no array with a row per sentence"
    answer = large.ask("Which union leader spoke about the strike?")
    assert answer.snippets and all(len(s.text) <= 400 for s in answer.snippets), "answers still work without them"
