"""A real Chroma server (`chroma run`): same answers as embedded, and its faults."""

import pytest

from config.settings import BUNDLED_CORPUS
from retrieval.errors import StoreUnavailableError
from retrieval.store import open_store

from .conftest import ChromaServer, make_retriever

QUESTIONS = ["Who called NATO membership unrealistic?", "Where might Trump and Putin meet in person?",
             "Which American was released from prison by Russia?", "What is the capital of France?"]


def test_server_and_embedded_give_identical_answers(embedder, bundled, chroma_server, tmp_path):
    server = make_retriever(embedder, open_store(tmp_path, "same-answers", url=chroma_server.url), BUNDLED_CORPUS)
    server.reindex()
    for q in QUESTIONS:
        assert server.ask(q) == bundled.ask(q)
    assert server.sources() == bundled.sources()


def test_server_stopped_mid_run_then_back(embedder, tmp_path):
    chroma = ChromaServer(tmp_path / "data").start()
    again = ChromaServer(tmp_path / "data", port=chroma.port)
    try:
        r = make_retriever(embedder, open_store(tmp_path, "news", url=chroma.url), BUNDLED_CORPUS)
        r.reindex()
        before = r.ask(QUESTIONS[0])
        chroma.stop()
        # Past MANIFEST_CHECK_SECONDS the reader polls the server (until then, a question whose
        # passages it has cached is answered from its own files).
        r._checked_at = 0.0
        with pytest.raises(StoreUnavailableError) as info:
            r.ask(QUESTIONS[0])
        assert chroma.url in str(info.value) and "\n" not in str(info.value)
        again.start()  # same data, same address
        assert r.ask(QUESTIONS[0]) == before, "the same reader recovers, and the data persisted"
        assert len(r.sources()) == 5
    finally:
        chroma.stop()
        again.stop()


def test_server_not_running_at_start_names_the_url():
    with pytest.raises(StoreUnavailableError, match="127.0.0.1:9"):
        open_store(None, "news", url="http://127.0.0.1:9")
