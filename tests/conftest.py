"""Shared fixtures: the real embedding model, loaded once, and real embedded Chroma in temp folders."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from config.settings import BUNDLED_CORPUS  # noqa: E402
from retrieval.embedding import load_embedder  # noqa: E402
from retrieval.retriever import Retriever  # noqa: E402
from retrieval.store import Store, open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "questions.jsonl"


@pytest.fixture(scope="session")
def embedder():
    return load_embedder("")


def make_retriever(embedder, store: Path | Store, corpus_dir: Path, **kwargs) -> Retriever:
    """`store`: an embedded index folder, or a Store (e.g. on the test Chroma server)."""
    store = store if isinstance(store, Store) else open_store(store, "news")
    return Retriever(store, embedder, corpus_dir, **kwargs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    """A real `chroma run` server on loopback."""

    def __init__(self, path: Path, port: int | None = None):
        self.path = path
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ChromaServer":
        chroma = Path(sys.executable).with_name("chroma")
        self.proc = subprocess.Popen([str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"chroma run did not answer on {self.url}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server")).start()
    yield server
    server.stop()


@pytest.fixture(params=["embedded", "server"])
def new_store(request, tmp_path):
    """Opens the test's store: embedded in a temp folder, or a fresh collection on the Chroma server."""
    if request.param == "embedded":
        return lambda: open_store(tmp_path / "index", "news")
    url = request.getfixturevalue("chroma_server").url
    name = f"t{uuid.uuid4().hex[:12]}"
    return lambda: open_store(tmp_path, name, url=url)


@pytest.fixture(scope="session")
def bundled(embedder, tmp_path_factory) -> Retriever:
    """The bundled coverage, indexed once for the whole session. Tests must not change it."""
    r = make_retriever(embedder, tmp_path_factory.mktemp("bundled-index"), BUNDLED_CORPUS)
    r.reindex()
    return r


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A private, writable copy of the bundled coverage."""
    dest = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dest)
    return dest
