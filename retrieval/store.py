"""Chroma access. The only module that knows whether Chroma is embedded or a server.

Layout: one collection of sentences. A sentence's id is ``<article content hash>:<n>``, so the
same text is never embedded twice and a rename costs nothing. Which articles are live is decided
by the manifest, a JSON document kept in the collection's metadata and replaced in one write:
readers only trust sentences of articles named in the manifest, so records written by an
indexing run that died before it committed its manifest are invisible, and are cleaned up by the
next run.
"""

from __future__ import annotations

import contextlib
import fcntl
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

MANIFEST_KEY = "manifest"
LOCK_SUFFIX = "-writer-lock"
# A writer refreshes its lock after every batch; a lock not refreshed for this long belongs to a
# writer that died (killed, machine lost) and may be taken over.
LOCK_STALE_SECONDS = 120.0


class Manifest(BaseModel):
    model_id: str
    dimension: int
    generation: int = 0
    sources: list[Source] = Field(default_factory=list)

    def by_hash(self) -> dict[str, Source]:
        return {s.content_hash: s for s in self.sources}


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
    def __init__(self, client, name: str, where: str):
        self._client = client
        self.name = name
        self.where = where  # shown in error messages: the path or the URL
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

    # --- manifest -----------------------------------------------------------------------------
    def read_manifest(self) -> Manifest | None:
        with self._guard("reading the manifest"):
            try:
                meta = self._client.get_collection(self.name, embedding_function=None).metadata or {}
            except Exception as exc:  # noqa: BLE001
                if _is_missing_collection(exc):
                    self._collection = None  # deleted behind our back: recreate on the next write
                    return None
                raise
        raw = meta.get(MANIFEST_KEY)
        return Manifest.model_validate_json(raw) if raw else None

    def write_manifest(self, manifest: Manifest) -> None:
        with self._guard("writing the manifest"):
            self.collection().modify(metadata={MANIFEST_KEY: manifest.model_dump_json()})

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

    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these records, in one round trip."""
        if not ids:
            return {}
        with self._guard("reading vectors"):
            got = self.collection().get(ids=list(ids), include=["embeddings"])
        return {i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"])}

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

    def drop(self) -> None:
        with self._guard("deleting the collection"):
            with contextlib.suppress(Exception):
                self._client.delete_collection(self.name)
            self._collection = None


def open_store(index_dir: Path, collection: str, url: str | None = None, token: str | None = None) -> Store:
    """Embedded Chroma in `index_dir`, or the Chroma server at `url`."""
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
        return Store(client, collection, url)
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
    return Store(client, collection, str(index_dir))


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

