"""Bring the store in line with a corpus folder, embedding only what is new."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from retrieval.corpus import Article, Corpus, scan
from retrieval.embedding import Embedder
from retrieval.errors import CorpusError
from retrieval.models import IndexReport
from retrieval.store import Manifest, Store, WriterLock

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
# Sentences per encode call: large enough that length-sorted batches pad little (512 costs ~5% more
# than one call over everything), small enough for progress and for the writer lock's heartbeat.
ENCODE_CHUNK = 2048


def sentence_records(article: Article) -> tuple[list[str], list[str], list[dict]]:
    ids, texts, metas = [], [], []
    for s in article.sentences:
        if s.heading:
            continue  # headings label sections; they are kept as metadata, not quoted as answers
        ids.append(f"{article.source.content_hash}:{s.index}")
        texts.append(s.text)
        metas.append({"doc": article.source.content_hash, "n": s.index, "block": s.block,
                      "start": s.start, "end": s.end, "section": s.section})
    return ids, texts, metas


def sync(store: Store, embedder: Embedder, folder: Path, max_bytes: int, rebuild: bool = False,
         progress: Progress | None = None) -> IndexReport:
    corpus = scan(folder, max_bytes)
    if not corpus.articles:
        first = corpus.skipped[0] if corpus.skipped else None
        why = f" ({len(corpus.skipped)} files skipped: {first.file}: {first.reason})" if first else ""
        raise CorpusError(f"no readable articles (.txt, .md, .html) in {folder}{why}; the index was left as it was")
    with store.writer_lock() as lock:
        return _sync_locked(store, embedder, corpus, rebuild, progress, lock)


def _sync_locked(store: Store, embedder: Embedder, corpus: Corpus, rebuild: bool, progress: Progress | None,
                 lock: WriterLock) -> IndexReport:
    manifest = store.read_manifest()
    if manifest and (manifest.model_id != embedder.model_id or manifest.dimension != embedder.dimension):
        # Vectors of another model (maybe of another size) cannot share the collection, and the old
        # index cannot answer for the configured model anyway: start again.
        log.warning("index was built with %s; rebuilding it with %s", manifest.model_id, embedder.model_id)
        store.drop()
        manifest = None
    old = manifest.sources if manifest else []
    # With --rebuild everything is embedded again, written over the same ids: readers keep the old
    # manifest, and the same model's vectors, until the new manifest is written.
    committed = set() if rebuild else {s.content_hash for s in old}
    todo = [sentence_records(a) for a in corpus.articles if a.source.content_hash not in committed]
    ids = [i for r in todo for i in r[0]]
    texts = [t for r in todo for t in r[1]]
    metas = [m for r in todo for m in r[2]]
    _embed_and_store(store, embedder, ids, texts, metas, progress, lock.beat)

    report = IndexReport(skipped=corpus.skipped, sentences_embedded=len(ids),
                         sentences_total=sum(a.source.sentences for a in corpus.articles))
    old_by_file = {s.id: s.content_hash for s in old}
    for article in corpus.articles:
        previous = old_by_file.get(article.source.id)
        bucket = report.added if previous is None else report.unchanged if previous == article.source.content_hash else report.changed
        bucket.append(article.source.id)
    report.removed = sorted(set(old_by_file) - {a.source.id for a in corpus.articles})

    sources = [a.source for a in corpus.articles]
    if manifest is None or ids or sources != manifest.sources:
        # The manifest switch is the commit point: until it is written, readers see the old index.
        store.write_manifest(Manifest(model_id=embedder.model_id, dimension=embedder.dimension,
                                      generation=(manifest.generation + 1) if manifest else 1, sources=sources))
    live = {a.source.content_hash for a in corpus.articles}
    # After a crashed run (its lock was taken over) records of uncommitted articles may exist that
    # no manifest names: sweep the whole store. Otherwise the old manifest says what is stale.
    stale = (store.doc_hashes() if lock.took_over else {s.content_hash for s in old}) - live
    if stale:
        store.delete_docs(sorted(stale))
    return report


def _embed_and_store(store: Store, embedder: Embedder, ids: list[str], texts: list[str], metas: list[dict],
                     progress: Progress | None, beat: Callable[[], None]) -> None:
    """Embed in chunks; each chunk is written to Chroma in the background while the next is embedded.

    One write in flight at most, so a write error surfaces one chunk later at worst.
    """
    if progress:
        progress(0, len(ids))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chroma-write") as writer:
        pending: Future | None = None
        for i in range(0, len(ids), ENCODE_CHUNK):
            vectors = embedder.encode(texts[i:i + ENCODE_CHUNK])
            if pending is not None:
                pending.result()
                beat()
            pending = writer.submit(store.add, ids[i:i + ENCODE_CHUNK], vectors, texts[i:i + ENCODE_CHUNK],
                                    metas[i:i + ENCODE_CHUNK])
            if progress:
                progress(min(i + ENCODE_CHUNK, len(ids)), len(ids))
        if pending is not None:
            pending.result()
