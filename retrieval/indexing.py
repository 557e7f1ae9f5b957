"""Bring the store in line with a corpus folder, embedding only what is new, and commit a new generation."""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np

from retrieval import generation
from retrieval.corpus import Article, scan
from retrieval.embedding import Embedder
from retrieval.errors import CorpusError
from retrieval.lexical import tokenize
from retrieval.models import IndexReport, Source
from retrieval.store import Manifest, Store, WriterLock

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
# Sentences per encode call: large enough that length-sorted batches pad little (512 costs ~5% more
# than one call over everything), small enough for progress and for the writer lock's heartbeat.
ENCODE_CHUNK = 2048
# A run is cut in at least this many chunks, so that all but the last chunk's write to Chroma happen
# while the next chunk is embedded; but not in chunks under MIN_CHUNK sentences: a write that small
# hides nothing when the model already uses every core, and the split costs more than it saves (168
# sentences on 2 cores: 0.79x the bare encode rate in chunks of 128, 0.86x in one).
MIN_CHUNKS = 4
MIN_CHUNK = 512


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
    if not folder.is_dir():
        raise CorpusError(f"corpus folder {folder} does not exist; set CORPUS_DIR or pass a folder of articles")
    with store.writer_lock() as lock:
        return _sync_locked(store, embedder, folder, max_bytes, rebuild, progress, lock)


def _sync_locked(store: Store, embedder: Embedder, folder: Path, max_bytes: int, rebuild: bool,
                 progress: Progress | None, lock: WriterLock) -> IndexReport:
    manifest = generation.read_manifest(store)
    if manifest and (manifest.model_id != embedder.model_id or manifest.dimension != embedder.dimension):
        # Vectors of another model (maybe of another size) cannot share the collection, and the old
        # index cannot answer for the configured model anyway: start again.
        log.warning("index was built with %s; rebuilding it with %s", manifest.model_id, embedder.model_id)
        store.drop()
        manifest = None
    store.recover(manifest)
    hashed = _load_hashed(store)
    corpus = scan(folder, max_bytes, None if rebuild else _known_inputs(manifest), tick=_every(10.0, lock.beat),
                  hashed=hashed)
    _save_hashed(store, hashed)
    if not corpus.articles:
        first = corpus.skipped[0] if corpus.skipped else None
        why = f" ({len(corpus.skipped)} files skipped: {first.file}: {first.reason})" if first else ""
        raise CorpusError(f"no readable articles (.txt, .md, .html, exports, feeds; gzipped or not) in {folder}{why}; the index was left as it was")
    old = manifest.sources if manifest else []
    # With --rebuild everything is embedded again, written over the same ids: readers keep the old
    # generation, and the same model's vectors, until the new one is committed.
    committed = set() if rebuild else {s.content_hash for s in old}
    todo = {a.source.content_hash: sentence_records(a) for a in corpus.articles
            if a.source.content_hash not in committed and not a.reused}
    ids = [i for r in todo.values() for i in r[0]]
    texts = [t for r in todo.values() for t in r[1]]
    metas = [m for r in todo.values() for m in r[2]]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tokenize") as background:
        # The generation's lexical index needs the new sentences' words: tokenizing them while the
        # model embeds (torch runs outside the GIL) loads the lemmatizer's dictionary and fills the
        # word cache off the critical path, so the generation is assembled from cache hits.
        background.submit(_tokenize_all, texts)
        vectors = _embed_and_store(store, embedder, ids, texts, metas, progress, lock.beat,
                                   keep=len(ids) <= generation.EXACT_SEARCH_ROWS)

    report = IndexReport(skipped=corpus.skipped, sentences_embedded=len(ids),
                         sentences_total=sum(a.source.sentences for a in corpus.articles))
    old_by_file = {s.id: s.content_hash for s in old}
    for article in corpus.articles:
        previous = old_by_file.get(article.source.id)
        bucket = report.added if previous is None else report.unchanged if previous == article.source.content_hash else report.changed
        bucket.append(article.source.id)
    report.removed = sorted(set(old_by_file) - {a.source.id for a in corpus.articles})

    new = Manifest(model_id=embedder.model_id, dimension=embedder.dimension,
                   generation=(manifest.generation + 1) if manifest else 1, stamp=uuid.uuid4().hex[:12],
                   folder=str(folder.resolve()),
                   sources=sorted((a.source for a in corpus.articles), key=lambda s: s.id),
                   inputs={a.source.id: a.read_from for a in corpus.articles})
    changed = (manifest is None or ids or manifest.stamp.startswith("legacy")
               or new.sources != manifest.sources or new.inputs != manifest.inputs or new.folder != manifest.folder)
    if changed:
        # The lexical side of the new generation is saved before the commit, so that a reader that
        # sees the new pointer finds its files.
        previous = _load_generation(store, manifest) if not rebuild else None
        _save_generation(store, new, previous, todo, _by_article(todo, vectors))
        generation.save_manifest(store, new)
        store.commit(manifest, new)
        if store.files:
            generation.prune(store.files, {generation.folder_for(store.files, p.generation, p.stamp)
                                           for p in (new, manifest) if p is not None})
    elif store.files and _needs_files(found := _load_generation(store, manifest)):
        # Rows of a readable generation are copied, not tokenized again: only its vectors are added.
        _save_generation(store, manifest, found, {})
        generation.save_manifest(store, manifest)
    live = {a.source.content_hash for a in corpus.articles}
    # After a crashed run (its lock was taken over) records of uncommitted articles may exist that
    # no manifest names: sweep the whole store. Otherwise the old manifest says what is stale.
    stale = (store.doc_hashes() if lock.took_over else {s.content_hash for s in old}) - live
    if stale:
        store.delete_docs(sorted(stale))
    return report


def _tokenize_all(texts: list[str]) -> None:
    for text in texts:
        tokenize(text)


def _every(seconds: float, action: Callable[[], None]) -> Callable[[], None]:
    """`action`, at most once every `seconds`: the lock's heartbeat while reading thousands of files."""
    last = time.monotonic()

    def tick() -> None:
        nonlocal last
        if time.monotonic() - last >= seconds:
            action()
            last = time.monotonic()
    return tick


HASHED_FILE = "file-digests.json"


def _load_hashed(store: Store) -> dict[str, list]:
    """The digests of the files the last run hashed, by name, with their size and mtime: a local
    cache (a missing or unreadable one only means reading the files to hash them)."""
    try:
        loaded = json.loads((store.files / HASHED_FILE).read_text()) if store.files else {}
        return loaded if isinstance(loaded, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_hashed(store: Store, hashed: dict[str, list]) -> None:
    if store.files is None:
        return
    try:
        store.files.mkdir(parents=True, exist_ok=True)
        tmp = store.files / f".{HASHED_FILE}.{os.getpid()}"
        tmp.write_text(json.dumps(hashed))
        os.replace(tmp, store.files / HASHED_FILE)
    except OSError as exc:
        log.warning("could not save %s (%s); the next run hashes every file again", HASHED_FILE, exc)


def _known_inputs(manifest: Manifest | None) -> dict[str, tuple[int, list[Source]]]:
    known: dict[str, tuple[int, list[Source]]] = {}
    for source in manifest.sources if manifest else []:
        digest, gave = manifest.inputs.get(source.id, ("", 0))  # type: ignore[union-attr]
        if digest:
            known.setdefault(digest, (gave, []))[1].append(source)
    return known


def _needs_files(found: generation.Generation | None) -> bool:
    """The committed generation's files are missing (deleted, from an older version, written on
    another machine), or it is small enough to keep its vectors and was written without them."""
    return found is None or (found.vectors is None and 0 < found.rows <= generation.EXACT_SEARCH_ROWS)


def _by_article(todo: dict, vectors: np.ndarray | None) -> dict[str, np.ndarray]:
    """This run's vectors split by article (`todo`'s order is the order they were embedded in)."""
    if vectors is None:
        return {}
    out, at = {}, 0
    for h, (ids, _, _) in todo.items():
        out[h] = vectors[at:at + len(ids)]
        at += len(ids)
    return out


def _load_generation(store: Store, manifest: Manifest | None) -> generation.Generation | None:
    if store.files is None or manifest is None:
        return None
    return generation.Generation.load(generation.folder_for(store.files, manifest.generation, manifest.stamp))


def _save_generation(store: Store, new: Manifest, previous: generation.Generation | None, fresh_records: dict,
                     fresh_vectors: dict[str, np.ndarray] | None = None) -> None:
    """`previous`: the generation whose rows (and vectors) are copied for the articles it has."""
    if store.files is None:
        return  # readers build it from Chroma
    fresh = {h: ([m["n"] for m in metas], [m["block"] for m in metas], texts)
             for h, (_, texts, metas) in fresh_records.items()}
    built = generation.assemble(generation.order(new), previous, fresh, store)
    generation.attach_vectors(built, previous, fresh_vectors or {}, store)
    built.save(generation.folder_for(store.files, new.generation, new.stamp))


def _embed_and_store(store: Store, embedder: Embedder, ids: list[str], texts: list[str], metas: list[dict],
                     progress: Progress | None, beat: Callable[[], None], keep: bool = False) -> np.ndarray | None:
    """Embed in chunks; each chunk is written to Chroma in the background while the next is embedded.

    One write in flight at most, so a write error surfaces one chunk later at worst. `keep`: return the
    vectors (for a small generation's files), else None.
    """
    kept: list[np.ndarray] = []
    if progress:
        progress(0, len(ids))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chroma-write") as writer:
        pending: Future | None = None
        step = max(MIN_CHUNK, min(ENCODE_CHUNK, -(-len(ids) // MIN_CHUNKS)))
        for i in range(0, len(ids), step):
            vectors = embedder.encode(texts[i:i + step])
            if keep:
                kept.append(vectors)
            if pending is not None:
                pending.result()
                beat()
            pending = writer.submit(store.add, ids[i:i + step], vectors, texts[i:i + step], metas[i:i + step])
            if progress:
                progress(min(i + step, len(ids)), len(ids))
        if pending is not None:
            pending.result()
    return np.concatenate(kept) if keep and kept else None
