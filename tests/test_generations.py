"""Index generations: the pointer readers poll, the per-article records, the files a generation
leaves for readers, files not read again when unchanged, and indexes written before all this."""

import json
import shutil

import pytest

import retrieval.corpus
from retrieval.retriever import Retriever
from retrieval.store import ARTICLES_SUFFIX, LEGACY_MANIFEST_KEY

from .conftest import make_retriever

QUESTION = "Who called NATO membership unrealistic?"
NEW_ARTICLE = "Tram Line Opens\n\nThe tram line to Eastmarch opened on Friday with 40,000 riders on its first day.\n"


def same_answer(got, expected) -> bool:
    """The same answer: the same snippets, decision and confidence. The evidence's cosine may differ in
    the seventh digit when the vectors come back from Chroma rather than from the generation's file."""
    return got.model_dump(exclude={"evidence"}) == expected.model_dump(exclude={"evidence"}) \
        and got.evidence == pytest.approx(expected.evidence, abs=1e-5)


def generations(retriever) -> list:
    return sorted(f for f in retriever.store.files.iterdir() if f.name.startswith("gen-"))


def reads(monkeypatch) -> list[str]:
    """The names of the files the indexing run reads (and splits) from now on."""
    seen: list[str] = []
    real = retrieval.corpus.articles_in_file

    def spy(path, name, *args):
        seen.append(name)
        return real(path, name, *args)

    monkeypatch.setattr(retrieval.corpus, "articles_in_file", spy)
    return seen


def test_unchanged_files_are_not_read_again(embedder, corpus, tmp_path, monkeypatch):
    r = make_retriever(embedder, tmp_path / "index", corpus)
    r.reindex()
    seen = reads(monkeypatch)
    again = r.reindex()
    assert seen == [] and len(again.unchanged) == 5 and again.sentences_embedded == 0

    (corpus / "tram.txt").write_text(NEW_ARTICLE)
    meta = json.loads((corpus / "sources.json").read_text())
    first = sorted(meta)[0]
    meta[first]["title"] = "A retitled article"
    (corpus / "sources.json").write_text(json.dumps(meta))
    report = r.reindex()
    assert sorted(seen) == sorted(["tram.txt", first]), "only the new file and the one whose metadata changed"
    assert report.added == ["tram.txt"] and set(report.changed) <= {first} and len(report.unchanged) >= 4
    assert r.source(first).source.title == "A retitled article"
    assert "40,000" in r.ask("How many riders did the Eastmarch tram line have on its first day?").snippets[0].text


def test_files_with_skips_are_read_again_so_the_skip_is_reported(embedder, corpus, tmp_path):
    (corpus / "feed.jsonl").write_text(json.dumps({"title": "Port", "text": "The port reopened on Monday."}) + "\n{broken\n")
    r = make_retriever(embedder, tmp_path / "index", corpus)
    for _ in range(2):
        report = r.reindex()
        assert [s.file for s in report.skipped] == ["feed.jsonl#2"]


def test_reader_without_the_generation_files_rebuilds_them(embedder, corpus, tmp_path):
    writer = make_retriever(embedder, tmp_path / "index", corpus)
    writer.reindex()
    expected = writer.ask(QUESTION)
    folders = generations(writer)
    assert [f.name.startswith("gen-1-") for f in folders] == [True]
    for f in folders:  # as on a machine where another one indexed into the same Chroma server
        shutil.rmtree(f)
    reader = make_retriever(embedder, tmp_path / "index", corpus)
    assert same_answer(reader.ask(QUESTION), expected)
    assert [f.name for f in generations(reader)] == [folders[0].name], "saved for the next start"
    assert (folders[0] / "vectors.npy").is_file(), "with its vectors, read from the store"


def test_readers_follow_the_pointer_and_old_generations_are_pruned(embedder, corpus, tmp_path):
    writer = make_retriever(embedder, tmp_path / "index", corpus)
    writer.reindex()
    reader = make_retriever(embedder, tmp_path / "index", corpus)
    assert "tram.txt" not in [s.id for s in reader.sources()]
    for n in range(3):
        (corpus / f"tram{n}.txt").write_text(NEW_ARTICLE.replace("Friday", f"day {n}"))
        writer.reindex()
    reader._checked_at = 0.0  # as after MANIFEST_CHECK_SECONDS
    assert {"tram0.txt", "tram1.txt", "tram2.txt"} <= {s.id for s in reader.sources()}
    names = sorted(f.name.split("-")[1] for f in generations(writer))
    assert names == ["3", "4"], "the committed generation and the one before it"
    assert writer.store.read_pointer().generation == 4


def test_index_written_before_generations_is_read_and_migrated(embedder, corpus, tmp_path):
    r = make_retriever(embedder, tmp_path / "index", corpus)
    r.reindex()
    expected = r.ask(QUESTION)
    # Turn it into the old layout: every article in one JSON value on the sentence collection.
    old = r.store.read_manifest()
    legacy = {"model_id": old.model_id, "dimension": old.dimension, "generation": 7,
              "sources": [s.model_dump() for s in old.sources]}
    r.store._client.delete_collection(f"{r.store.name}{ARTICLES_SUFFIX}")
    r.store.collection().modify(metadata={LEGACY_MANIFEST_KEY: json.dumps(legacy)})
    for f in generations(r):
        shutil.rmtree(f)

    reader = Retriever(r.store, embedder, corpus)
    assert same_answer(reader.ask(QUESTION), expected), "an old index answers as it did"
    report = r.reindex()
    assert len(report.unchanged) == 5 and report.sentences_embedded == 0, "nothing embedded again"
    pointer = r.store.read_pointer()
    assert pointer.generation == 8 and not pointer.stamp.startswith("legacy")
    assert LEGACY_MANIFEST_KEY not in (r.store.collection().metadata or {})
    assert same_answer(make_retriever(embedder, tmp_path / "index", corpus).ask(QUESTION), expected)


def test_reader_between_polls_skips_sentences_a_reindex_deleted(embedder, corpus, tmp_path):
    """A reader keeps its generation for up to MANIFEST_CHECK_SECONDS; sentences a re-index deleted in
    that window are not quoted (their texts and vectors are gone from Chroma), and nothing breaks."""
    (corpus / "tram.txt").write_text(NEW_ARTICLE)
    writer = make_retriever(embedder, tmp_path / "index", corpus)
    writer.reindex()
    reader = Retriever(writer.store, embedder, corpus)
    assert reader.ask(QUESTION).answered  # loads its generation, with tram.txt in it
    (corpus / "tram.txt").unlink()
    writer.reindex()
    answer = reader.ask("How many riders did the Eastmarch tram line have on its first day?")
    assert reader._snapshot.manifest.generation == 1, "still the old generation: the pointer is not polled yet"
    assert all(s.source != "tram.txt" for s in answer.snippets)


def test_a_new_reading_version_reads_every_file_again_but_embeds_only_changed_text(embedder, corpus, tmp_path,
                                                                                    monkeypatch):
    r = make_retriever(embedder, tmp_path / "index", corpus)
    r.reindex()
    seen = reads(monkeypatch)
    monkeypatch.setattr(retrieval.corpus, "READING_VERSION", retrieval.corpus.READING_VERSION + "-next")
    report = r.reindex()
    assert len(seen) == 5, "a change to reading or cleaning reaches every file"
    assert report.sentences_embedded == 0 and len(report.unchanged) == 5, "text that came out the same is kept"


def _store_vectors(retriever) -> dict:
    snap = retriever._current()
    ids = [snap.rows.sentence_id(r) for r in range(snap.rows.rows)]
    found = retriever.store.texts_and_vectors(ids)
    return {i: found[i][1] for i in ids}


def test_a_small_generation_keeps_its_vectors_and_searches_them_exactly(embedder, corpus, tmp_path, monkeypatch):
    r = make_retriever(embedder, tmp_path / "index", corpus)
    r.reindex()
    (corpus / "tram.txt").write_text(NEW_ARTICLE)
    (corpus / sorted(p.name for p in corpus.glob("*.txt"))[0]).unlink()
    r.reindex()  # one article added, one removed: kept rows' vectors are copied, new ones come from this run
    snap = r._current()
    assert snap.rows.vectors is not None and len(snap.rows.vectors) == snap.rows.rows
    in_store = _store_vectors(r)
    for row in range(snap.rows.rows):
        assert abs(float(snap.rows.vectors[row] @ in_store[snap.rows.sentence_id(row)]) - 1.0) < 1e-5, row
    questions = [QUESTION, "How many riders did the Eastmarch tram line have on its first day?",
                 "What is the capital of France?"]
    exact = r.ask_many(questions)

    # The same index searched with Chroma's HNSW index, as a generation past EXACT_SEARCH_ROWS is.
    monkeypatch.setattr(snap.rows, "vectors", None)
    assert all(same_answer(got, want) for got, want in zip(r.ask_many(questions), exact))


def test_a_large_generation_has_no_vector_file_and_is_searched_in_chroma(embedder, corpus, tmp_path, monkeypatch):
    monkeypatch.setattr("retrieval.generation.EXACT_SEARCH_ROWS", 10)
    r = make_retriever(embedder, tmp_path / "index", corpus)
    r.reindex()
    assert r._current().rows.vectors is None
    assert not any((g / "vectors.npy").exists() for g in generations(r))
    assert "Hegseth" in r.ask(QUESTION).snippets[0].text


def test_a_generation_written_without_vectors_gets_them_on_the_next_run(embedder, corpus, tmp_path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr("retrieval.generation.EXACT_SEARCH_ROWS", 10)  # as an older version wrote it
        make_retriever(embedder, tmp_path / "index", corpus).reindex()
    r = make_retriever(embedder, tmp_path / "index", corpus)
    report = r.reindex()
    assert report.sentences_embedded == 0
    snap = r._current()
    assert snap.rows.vectors is not None
    in_store = _store_vectors(r)
    assert all(abs(float(snap.rows.vectors[row] @ in_store[snap.rows.sentence_id(row)]) - 1.0) < 1e-5
               for row in range(snap.rows.rows))


def test_a_damaged_vector_file_is_rebuilt_not_trusted(embedder, corpus, tmp_path):
    writer = make_retriever(embedder, tmp_path / "index", corpus)
    writer.reindex()
    expected = writer.ask(QUESTION)
    [folder] = generations(writer)
    vectors = folder / "vectors.npy"
    vectors.write_bytes(vectors.read_bytes()[:200])  # cut short, as by a full disk
    reader = make_retriever(embedder, tmp_path / "index", corpus)
    assert same_answer(reader.ask(QUESTION), expected)
    assert reader._current().rows.vectors is not None and len(reader._current().rows.vectors) == reader._current().rows.rows
