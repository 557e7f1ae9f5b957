"""Incremental indexing against real embedded Chroma and the real model."""

import shutil

import pytest

from retrieval.embedding import Embedder
from retrieval.errors import CorpusError, IndexMissingError, ModelMismatchError

from .conftest import make_retriever

NEW_ARTICLE = """Harbour Reopens in Portmere
The harbour of Portmere reopened on Monday after a storm closed it for nine days, the port authority said.
Harbour master Lena Ostrova said the first ferry left at dawn with 120 passengers on board.
"""


def test_first_index_then_unchanged_rerun_embeds_nothing(embedder, corpus, tmp_path, new_store):
    r = make_retriever(embedder, new_store(), corpus)
    first = r.reindex()
    assert len(first.added) == 5 and first.sentences_embedded == first.sentences_total > 100
    again = r.reindex()
    assert (again.added, again.changed, again.removed) == ([], [], [])
    assert len(again.unchanged) == 5 and again.sentences_embedded == 0


def test_add_change_remove_are_reported_and_answers_follow(embedder, corpus, tmp_path, new_store):
    r = make_retriever(embedder, new_store(), corpus)
    r.reindex()
    (corpus / "harbour.txt").write_text(NEW_ARTICLE)
    report = r.reindex()
    assert report.added == ["harbour.txt"] and len(report.unchanged) == 5
    assert report.sentences_embedded == 2  # the heading is not embedded
    answer = r.ask("Who said the first ferry left Portmere at dawn?")
    assert answer.answered and "Ostrova" in answer.snippets[0].text and answer.snippets[0].source == "harbour.txt"

    (corpus / "harbour.txt").write_text(NEW_ARTICLE.replace("Lena Ostrova", "Piet Vandermolen"))
    report = r.reindex()
    assert report.changed == ["harbour.txt"] and report.sentences_embedded == 2
    top = r.ask("Who said the first ferry left Portmere at dawn?").snippets[0].text
    assert "Vandermolen" in top and "Ostrova" not in top

    (corpus / "harbour.txt").unlink()
    report = r.reindex()
    assert report.removed == ["harbour.txt"]
    assert all(s.source != "harbour.txt" for s in r.ask("Who said the first ferry left Portmere at dawn?").snippets)
    assert {s.id for s in r.sources()} == {p.name for p in corpus.glob("*.txt")}


def test_rename_costs_no_embedding(embedder, corpus, tmp_path, new_store):
    r = make_retriever(embedder, new_store(), corpus)
    r.reindex()
    (corpus / "003_eab80bb649ab0c16.txt").rename(corpus / "renamed.txt")
    report = r.reindex()
    assert report.added == ["renamed.txt"] and report.removed == ["003_eab80bb649ab0c16.txt"]
    assert report.sentences_embedded == 0
    assert any(s.source == "renamed.txt" for s in r.ask("Which retired general was left off the list of envoys?").snippets)


def test_index_keeps_the_folder_it_was_read_from_even_when_nothing_is_embedded(embedder, corpus, tmp_path, new_store):
    r = make_retriever(embedder, new_store(), corpus)
    assert r.indexed_folder() is None
    r.reindex()
    assert r.indexed_folder() == corpus.resolve()
    moved = tmp_path / "moved"
    shutil.copytree(corpus, moved)
    report = r.reindex(moved)
    assert report.sentences_embedded == 0 and r.indexed_folder() == moved.resolve()


def test_empty_or_missing_corpus_is_an_error_and_keeps_the_index(embedder, corpus, tmp_path, new_store):
    r = make_retriever(embedder, new_store(), corpus)
    r.reindex()
    before = r.ask("Where might Trump and Putin meet in person?")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CorpusError, match="no readable articles"):
        r.reindex(empty)
    with pytest.raises(CorpusError, match="does not exist"):
        r.reindex(tmp_path / "missing")
    assert r.ask("Where might Trump and Putin meet in person?") == before


def test_asking_before_indexing_says_how_to_index(embedder, corpus, tmp_path, new_store):
    with pytest.raises(IndexMissingError, match="retrieval index"):
        make_retriever(embedder, new_store(), corpus).ask("Anything?")


def test_index_built_with_another_model_is_detected(embedder, corpus, tmp_path, new_store):
    make_retriever(embedder, new_store(), corpus).reindex()
    other = Embedder("another/model", embedder.model, embedder.dimension)
    r = make_retriever(other, new_store(), corpus)
    with pytest.raises(ModelMismatchError, match="index --rebuild"):
        r.ask("Who called NATO membership unrealistic?")
    report = r.reindex()  # indexing with the configured model rebuilds
    assert len(report.added) == 5 and report.sentences_embedded == report.sentences_total
    assert r.ask("Who called NATO membership unrealistic?").answered


def test_index_survives_reopening(embedder, corpus, tmp_path, new_store):
    make_retriever(embedder, new_store(), corpus).reindex()
    reopened = make_retriever(embedder, new_store(), corpus)
    assert len(reopened.sources()) == 5
    assert reopened.reindex().sentences_embedded == 0


def test_rebuild_embeds_everything_and_still_deletes_removed_articles(embedder, corpus, tmp_path, new_store):
    r = make_retriever(embedder, new_store(), corpus)
    first = r.reindex()
    removed = corpus / "003_eab80bb649ab0c16.txt"
    hash_of_removed = next(s.content_hash for s in r.sources() if s.id == removed.name)
    removed.unlink()
    report = r.reindex(rebuild=True)
    assert report.removed == [removed.name] and len(report.unchanged) == 4
    assert report.sentences_embedded == report.sentences_total < first.sentences_total
    assert hash_of_removed not in new_store().doc_hashes()
