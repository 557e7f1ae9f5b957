"""Bring the store in line with a corpus folder, embedding only what is new."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from retrieval.corpus import Article, Corpus, scan
from retrieval.embedding import Embedder
from retrieval.errors import CorpusError
from retrieval.models import IndexReport
from retrieval.store import Manifest, Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
ENCODE_CHUNK = 512  # sentences per encode call: big enough for length-sorted batches, small enough for progress


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
        why = f" ({len(corpus.skipped)} files skipped: {corpus.skipped[0].file}: {corpus.skipped[0].reason})" if corpus.skipped else ""
        raise CorpusError(f"no readable articles (.txt, .md, .html) in {folder}{why}; the index was left as it was")

    with store.writer_lock() as beat:
        return _sync_locked(store, embedder, corpus, rebuild, progress, beat)


def _sync_locked(store: Store, embedder: Embedder, corpus: Corpus, rebuild: bool, progress: Progress | None,
                 beat: Callable[[], None]) -> IndexReport:
    manifest = store.read_manifest()
    if manifest and (manifest.model_id != embedder.model_id or manifest.dimension != embedder.dimension):
        # Vectors of another model (maybe of another size) cannot share the collection, and the old
        # index cannot answer for the configured model anyway: start again.
        log.warning("index was built with %s; rebuilding it with %s", manifest.model_id, embedder.model_id)
        store.drop()
        manifest = None
    old = manifest.sources if manifest else []
    old_by_file = {s.id: s.content_hash for s in old}
    # With --rebuild everything is embedded again, written over the same ids: readers keep the old
    # manifest, and the same model's vectors, until the new manifest is written.
    committed = set() if rebuild else {s.content_hash for s in old}

    report = IndexReport(skipped=corpus.skipped)
    for article in corpus.articles:
        previous = old_by_file.get(article.source.id)
        bucket = report.added if previous is None else report.unchanged if previous == article.source.content_hash else report.changed
        bucket.append(article.source.id)
    live = {a.source.id for a in corpus.articles}
    report.removed = sorted(set(old_by_file) - live)

    ids: list[str] = []
    texts: list[str] = []
    metas: list[dict] = []
    for article in corpus.articles:
        if article.source.content_hash not in committed:
            a_ids, a_texts, a_metas = sentence_records(article)
            ids += a_ids
            texts += a_texts
            metas += a_metas
    if progress:
        progress(0, len(ids))
    for i in range(0, len(ids), ENCODE_CHUNK):
        vectors = embedder.encode(texts[i:i + ENCODE_CHUNK])
        store.add(ids[i:i + ENCODE_CHUNK], vectors, texts[i:i + ENCODE_CHUNK], metas[i:i + ENCODE_CHUNK])
        beat()
        if progress:
            progress(min(i + ENCODE_CHUNK, len(ids)), len(ids))
    report.sentences_embedded = len(ids)
    report.sentences_total = sum(a.source.sentences for a in corpus.articles)

    sources = [a.source for a in corpus.articles]
    if manifest is None or ids or sources != manifest.sources:
        # The manifest switch is the commit point: until it is written, readers see the old index.
        store.write_manifest(Manifest(model_id=embedder.model_id, dimension=embedder.dimension,
                                      generation=(manifest.generation + 1) if manifest else 1, sources=sources))
    stale = store.doc_hashes() - {a.source.content_hash for a in corpus.articles}
    if stale:
        store.delete_docs(sorted(stale))
    return report
