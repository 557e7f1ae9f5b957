"""Chroma access. The only module that knows whether Chroma is embedded or a server.

Layout: a collection of sentences, and beside it a collection of articles whose metadata is the
generation pointer. A sentence's id is ``<article content hash>:<n>``, so the same text is never
embedded twice and a rename costs nothing. An article record holds its Source and the generations
it is live in (`added` <= g < `removed`). An indexing run writes the sentences and article records
of its new generation, marks the records it drops as removed from it, and then switches the
pointer in one write: that is the commit. Readers poll the small pointer and trust only the
records live in the committed generation, so whatever a run that died before its commit wrote is
invisible, and the next run cleans it up.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from retrieval.errors import IndexBusyError, RetrievalError, StoreUnavailableError
from retrieval.models import Source

log = logging.getLogger(__name__)

LEGACY_MANIFEST_KEY = "manifest"  # before 2026-11: every article in one JSON value on the sentence collection
ARTICLES_SUFFIX = "-articles"
LOCK_SUFFIX = "-writer-lock"
LIVE = 10**15  # `removed` of an article record that no committed generation has dropped
PAGE = 5000
# A writer refreshes its lock after every batch; a lock not refreshed for this long belongs to a
# writer that died (killed, machine lost) and may be taken over.
LOCK_STALE_SECONDS = 120.0


class Pointer(BaseModel):
    """The committed generation; `stamp` tells its files apart from those of a run that died."""

    model_id: str
    dimension: int
    generation: int = 0
    stamp: str = ""
    # The folder this generation was read from (resolved), so that a reader pointed at another
    # folder can say its answers come from elsewhere; "" in indexes built before it was kept.
    folder: str = ""


class Manifest(Pointer):
    sources: list[Source] = Field(default_factory=list)
    # Where each article was read from: source id -> (digest of its input file, articles and skips
    # that file gave). A file whose digest is unchanged is not read again (see corpus.scan).
    inputs: dict[str, tuple[str, int]] = Field(default_factory=dict)

    def by_hash(self) -> dict[str, Source]:
        return {s.content_hash: s for s in self.sources}

    def pointer(self) -> Pointer:
        return Pointer.model_validate(self.model_dump(include=set(Pointer.model_fields)))


@dataclass
class Hits:
    ids: list[str]
    distances: list[float]


@dataclass
class Records:
    ids: list[str]
    documents: list[str]
    metadatas: list[dict]
    embeddings: np.ndarray | None = None


class Store:
    def __init__(self, client, name: str, where: str, files: Path | None = None):
        self._client = client
        self.name = name
        self.where = where  # shown in error messages: the path or the URL
        # Where index generations' files live (retrieval/generation.py); None: nowhere, build them
        # in memory each time.
        self.files = files
        self._collection = None

    # --- connection -------------------------------------------------------------------------
    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except RetrievalError:
            raise
        except Exception as exc:  # noqa: BLE001 - chromadb raises many types for "cannot reach / open"
            if _is_missing_collection(exc):
                raise
            raise StoreUnavailableError(
                f"Chroma at {self.where} failed while {action}: {_first_line(exc)}; check that it is running and reachable"
            ) from None

    def collection(self):
        if self._collection is None:
            with self._guard("opening the collection"):
                self._collection = self._client.get_or_create_collection(
                    self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
                )
        return self._collection

    # --- articles and the generation pointer --------------------------------------------------
    def _articles(self):
        with self._guard("opening the article records"):
            return self._client.get_or_create_collection(f"{self.name}{ARTICLES_SUFFIX}", embedding_function=None)

    def read_pointer(self) -> Pointer | None:
        """The committed generation: one small read, what readers poll."""
        with self._guard("reading the index generation"):
            try:
                meta = self._client.get_collection(f"{self.name}{ARTICLES_SUFFIX}", embedding_function=None).metadata
            except Exception as exc:  # noqa: BLE001
                if not _is_missing_collection(exc):
                    raise
                meta = None
        if meta and "generation" in meta:
            return Pointer.model_validate(meta)
        legacy = self._legacy_manifest()
        return legacy.pointer() if legacy else None

    def read_manifest(self, pointer: Pointer | None = None) -> Manifest | None:
        """The committed generation with its live articles."""
        pointer = pointer or self.read_pointer()
        if pointer is None:
            return None
        if pointer.stamp.startswith("legacy"):
            return self._legacy_manifest()
        g = pointer.generation
        sources: list[Source] = []
        inputs: dict[str, tuple[str, int]] = {}
        with self._guard("reading the article records"):
            col = self._articles()
            offset = 0
            while True:
                got = col.get(where={"$and": [{"added": {"$lte": g}}, {"removed": {"$gt": g}}]},
                              include=["documents", "metadatas"], limit=PAGE, offset=offset)
                for doc, meta in zip(got["documents"], got["metadatas"]):
                    source = Source.model_validate_json(doc)
                    sources.append(source)
                    inputs[source.id] = (str(meta.get("input", "")), int(meta.get("items", 0)))
                if len(got["ids"]) < PAGE:
                    break
                offset += PAGE
        sources.sort(key=lambda s: s.id)
        return Manifest(**pointer.model_dump(), sources=sources, inputs=inputs)

    def recover(self, committed: Pointer | None) -> None:
        """Undo what a run that died before its commit wrote to the article records."""
        g = committed.generation if committed else 0
        with self._guard("cleaning up after an interrupted run"):
            col = self._articles()
            col.delete(where={"added": {"$gt": g}})
            marked = col.get(where={"$and": [{"removed": {"$gt": g}}, {"removed": {"$lt": LIVE}}]}, include=[])["ids"]
            for i in range(0, len(marked), PAGE):
                col.update(ids=marked[i:i + PAGE], metadatas=[{"removed": LIVE}] * len(marked[i:i + PAGE]))

    def commit(self, old: Manifest | None, new: Manifest) -> None:
        """Write `new`'s article records, mark those of `old` it drops, then switch the pointer."""
        old_ids = {_record_id(s, old.inputs.get(s.id)): s for s in old.sources} if old and not old.stamp.startswith("legacy") else {}
        new_ids = {_record_id(s, new.inputs.get(s.id)): s for s in new.sources}
        added = [i for i in new_ids if i not in old_ids]
        dropped = [i for i in old_ids if i not in new_ids]
        with self._guard("committing the index"):
            col = self._articles()
            for i in range(0, len(added), PAGE):
                part = added[i:i + PAGE]
                col.upsert(ids=part, embeddings=[[0.0]] * len(part),  # Chroma wants a vector; nobody searches these
                           documents=[new_ids[r].model_dump_json() for r in part],
                           metadatas=[{"added": new.generation, "removed": LIVE,
                                       "input": new.inputs.get(new_ids[r].id, ("", 0))[0],
                                       "items": new.inputs.get(new_ids[r].id, ("", 0))[1]} for r in part])
            for i in range(0, len(dropped), PAGE):
                part = dropped[i:i + PAGE]
                col.update(ids=part, metadatas=[{"removed": new.generation}] * len(part))
            # The commit point: one write of the small pointer.
            col.modify(metadata=new.pointer().model_dump())
            if old and old.stamp.startswith("legacy"):
                self.collection().modify(metadata={"format": 2})
            for i in range(0, len(dropped), PAGE):
                col.delete(ids=dropped[i:i + PAGE])

    def _legacy_manifest(self) -> Manifest | None:
        with self._guard("reading the manifest"):
            try:
                meta = self._client.get_collection(self.name, embedding_function=None).metadata or {}
            except Exception as exc:  # noqa: BLE001
                if _is_missing_collection(exc):
                    self._collection = None  # deleted behind our back: recreate on the next write
                    return None
                raise
        raw = meta.get(LEGACY_MANIFEST_KEY)
        if not raw:
            return None
        legacy = Manifest.model_validate_json(raw)
        legacy.stamp = f"legacy{legacy.generation}"
        return legacy

    # --- records ------------------------------------------------------------------------------
    def add(self, ids: list[str], embeddings: np.ndarray, documents: list[str], metadatas: list[dict]) -> None:
        with self._guard("writing sentences"):
            col = self.collection()
            step = max(1, min(self._client.get_max_batch_size(), 1000))
            for i in range(0, len(ids), step):
                col.upsert(ids=ids[i:i + step], embeddings=embeddings[i:i + step],
                           documents=documents[i:i + step], metadatas=metadatas[i:i + step])

    def delete_docs(self, hashes: list[str]) -> None:
        with self._guard("deleting sentences"):
            col = self.collection()
            for i in range(0, len(hashes), 100):
                col.delete(where={"doc": {"$in": hashes[i:i + 100]}})

    def doc_hashes(self) -> set[str]:
        """Every article hash with sentences stored, committed or not."""
        return {m["doc"] for m in self.get_all(include_documents=False).metadatas}

    def get_all(self, include_documents: bool = True, include_embeddings: bool = False, page: int = 5000) -> Records:
        include = ["metadatas", "documents"] if include_documents else ["metadatas"]
        if include_embeddings:
            include.append("embeddings")
        ids: list[str] = []
        docs: list[str] = []
        metas: list[dict] = []
        vectors: list[np.ndarray] = []
        with self._guard("reading sentences"):
            col = self.collection()
            offset = 0
            while True:
                got = col.get(include=include, limit=page, offset=offset)
                ids += got["ids"]
                metas += got["metadatas"]
                docs += got["documents"] if include_documents else [""] * len(got["ids"])
                if include_embeddings and len(got["ids"]):
                    vectors.append(np.asarray(got["embeddings"], dtype=np.float32))
                if len(got["ids"]) < page:
                    break
                offset += page
        matrix = (np.concatenate(vectors) if vectors else np.zeros((0, 0), np.float32)) if include_embeddings else None
        return Records(ids, docs, metas, matrix)

    def query(self, embedding: np.ndarray, n: int) -> Hits:
        return self.query_many([embedding], n)[0]

    def query_many(self, embeddings: list[np.ndarray], n: int) -> list[Hits]:
        """Nearest records for several questions in one round trip."""
        with self._guard("searching"):
            col = self.collection()
            got = col.query(query_embeddings=list(embeddings), n_results=n, include=["distances"])
        return [Hits(ids, list(dist)) for ids, dist in zip(got["ids"], got["distances"])]

    @contextlib.contextmanager
    def writer_lock(self) -> Iterator["WriterLock"]:
        """Only one indexing run at a time, across processes and hosts, in both modes.

        Creating a collection is atomic in Chroma (the name is unique), so the lock is a collection
        whose metadata names the holder. The holder calls `beat()` to show it is alive;
        `took_over` says the previous holder died, so its half-written records may be lying around.
        """
        name = f"{self.name}{LOCK_SUFFIX}"
        me = {"pid": os.getpid(), "host": socket.gethostname()}
        took_over = False
        for _ in range(3):
            with self._guard("taking the indexing lock"):
                try:
                    lock = self._client.create_collection(name, embedding_function=None, metadata={**me, "beat": time.time()})
                    break
                except Exception as exc:  # noqa: BLE001 - "already exists" has no stable type across versions
                    if "exist" not in str(exc).lower():
                        raise
                    try:
                        holder = self._client.get_collection(name, embedding_function=None).metadata or {}
                    except Exception as gone:  # noqa: BLE001 - released between our two calls: try again
                        if _is_missing_collection(gone):
                            continue
                        raise
                    if not _stale(holder):
                        raise IndexBusyError(
                            f"another indexing run (pid {holder.get('pid')} on {holder.get('host')}) is updating "
                            f"{self.where}; wait for it to finish and try again") from None
                    log.warning("taking over the indexing lock of pid %s on %s, which is gone",
                                holder.get("pid"), holder.get("host"))
                    took_over = True
                    with contextlib.suppress(Exception):
                        self._client.delete_collection(name)
        else:
            raise IndexBusyError(f"could not take the indexing lock on {self.where}; try again")

        def beat() -> None:
            with self._guard("refreshing the indexing lock"):
                lock.modify(metadata={**me, "beat": time.time()})

        try:
            yield WriterLock(beat, took_over)
        finally:
            with contextlib.suppress(Exception):
                self._client.delete_collection(name)

    def sentences_of(self, hashes: list[str]) -> Records:
        """Every stored sentence of these articles."""
        ids: list[str] = []
        docs: list[str] = []
        metas: list[dict] = []
        with self._guard("reading sentences"):
            col = self.collection()
            for i in range(0, len(hashes), 100):
                got = col.get(where={"doc": {"$in": hashes[i:i + 100]}}, include=["documents", "metadatas"])
                ids += got["ids"]
                docs += got["documents"]
                metas += got["metadatas"]
        return Records(ids, docs, metas)

    def texts_and_vectors(self, ids: list[str]) -> dict[str, tuple[str, np.ndarray]]:
        """These records' texts and vectors, in one round trip."""
        if not ids:
            return {}
        with self._guard("reading sentences"):
            got = self.collection().get(ids=list(ids), include=["documents", "embeddings"])
        return {i: (d, np.asarray(v, dtype=np.float32)) for i, d, v in zip(got["ids"], got["documents"], got["embeddings"])}

    def texts(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        with self._guard("reading sentences"):
            got = self.collection().get(ids=list(ids), include=["documents"])
        return dict(zip(got["ids"], got["documents"]))

    def drop(self) -> None:
        with self._guard("deleting the collection"):
            for name in (self.name, f"{self.name}{ARTICLES_SUFFIX}"):
                with contextlib.suppress(Exception):
                    self._client.delete_collection(name)
            self._collection = None


def open_store(index_dir: Path | None, collection: str, url: str | None = None, token: str | None = None) -> Store:
    """Embedded Chroma in `index_dir`, or the Chroma server at `url` (with the generations' files
    still in `index_dir`, when given: share that folder between the indexer and the readers)."""
    files = index_dir / "generations" / collection if index_dir else None
    import chromadb

    settings = chromadb.Settings(anonymized_telemetry=False)
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise StoreUnavailableError(f"CHROMA_URL {url!r} is not an http(s) URL like http://127.0.0.1:8000")
        headers = {"Authorization": f"Bearer {token}"} if token else None
        try:
            client = chromadb.HttpClient(host=parsed.hostname, port=parsed.port or (443 if parsed.scheme == "https" else 80),
                                         ssl=parsed.scheme == "https", headers=headers, settings=settings)
            client.heartbeat()
        except Exception as exc:  # noqa: BLE001
            raise StoreUnavailableError(
                f"cannot reach the Chroma server at {url} ({_first_line(exc)}); start it or fix CHROMA_URL"
            ) from None
        return Store(client, collection, url, files)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        # Opening a new store runs Chroma's migrations; two processes doing that at once collide.
        with open(index_dir / ".open.lock", "w") as guard:
            fcntl.flock(guard, fcntl.LOCK_EX)
            client = chromadb.PersistentClient(path=str(index_dir), settings=settings)
    except Exception as exc:  # noqa: BLE001
        raise StoreUnavailableError(
            f"cannot open the index at {index_dir} ({_first_line(exc)}); check INDEX_DIR is a writable folder"
        ) from None
    return Store(client, collection, str(index_dir), files)


@dataclass
class WriterLock:
    beat: Callable[[], None]
    took_over: bool


def _stale(holder: dict) -> bool:
    if holder.get("host") == socket.gethostname():
        try:
            os.kill(int(holder.get("pid", 0)), 0)
        except ProcessLookupError:
            return True  # the holder on this machine is gone
        except (PermissionError, ValueError):
            pass
    return time.time() - float(holder.get("beat", 0)) > LOCK_STALE_SECONDS


def _is_missing_collection(exc: Exception) -> bool:
    return type(exc).__name__ in {"NotFoundError", "InvalidCollectionException"} or "does not exist" in str(exc)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__



def _record_id(source: Source, read_from: tuple[str, int] | None) -> str:
    """Article records are named by what they hold: an unchanged article keeps its record."""
    return hashlib.sha256(f"{source.model_dump_json()}\n{read_from}".encode()).hexdigest()[:32]
