"""Shared fixtures: the real embedding model, loaded once, and real embedded Chroma in temp folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from config.settings import BUNDLED_CORPUS  # noqa: E402
from retrieval.embedding import load_embedder  # noqa: E402
from retrieval.retriever import Retriever  # noqa: E402
from retrieval.store import open_store  # noqa: E402

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "questions.jsonl"


@pytest.fixture(scope="session")
def embedder():
    return load_embedder("")


def make_retriever(embedder, index_dir: Path, corpus_dir: Path, **kwargs) -> Retriever:
    return Retriever(open_store(index_dir, "news"), embedder, corpus_dir, **kwargs)


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
