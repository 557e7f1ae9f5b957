"""Files of many articles: scraper exports (JSON lines, JSON array, CSV) and saved RSS/Atom feeds."""

import gzip
import json

from retrieval.corpus import scan

from .conftest import make_retriever

HARBOUR = ("The harbour of Portmere will reopen on Monday, the port authority said. "
           "Ferries will run every hour from the eastern quay.")
BRIDGE = ("The old bridge over the Mere will close for repairs in May, the council said on Tuesday evening. "
          "Work should take six weeks and cost two million euros.")


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_records_are_articles_with_their_metadata_and_bad_lines_are_skipped(tmp_path):
    (tmp_path / "news.jsonl").write_text(jsonl(
        {"title": "Harbour reopens", "maintext": HARBOUR, "url": "https://post.example/h",
         "date_publish": "2025-03-04 09:30:00", "source_domain": "post.example", "authors": ["Ana Ruiz", "Jo Lee"]},
        "{not json",
        {"title": "No body"},
        {"headline": "Bridge repairs", "html": f"<html><body><article><p>{BRIDGE}</p></article></body></html>",
         "link": "https://post.example/b", "source": {"id": "pp", "name": "Portmere Post"}},
    ))
    corpus = scan(tmp_path, 100_000)
    by_id = {a.source.id: a.source for a in corpus.articles}
    assert set(by_id) == {"news.jsonl#1", "news.jsonl#4"}
    h = by_id["news.jsonl#1"]
    assert (h.title, h.url, h.date, h.outlet, h.author) == (
        "Harbour reopens", "https://post.example/h", "2025-03-04", "post.example", "Ana Ruiz, Jo Lee")
    assert by_id["news.jsonl#4"].outlet == "Portmere Post"
    reasons = {s.file: s.reason for s in corpus.skipped}
    assert reasons["news.jsonl#2"].startswith("line 2: not valid JSON")
    assert reasons["news.jsonl#3"].startswith("line 3: no text or html field")


def test_json_array_and_csv_exports(tmp_path):
    (tmp_path / "api.json").write_text(json.dumps({"status": "ok", "articles": [
        {"title": "Harbour reopens", "content": HARBOUR, "publishedAt": "2025-03-04T09:30:00Z", "url": "https://a/1"},
        "not an object"]}))
    (tmp_path / "sheet.csv").write_text('title,text,url,published\n"Bridge repairs","' + BRIDGE + '",https://b/2,2025-03-05\n'
                                        '"Empty",,,\n')
    corpus = scan(tmp_path, 100_000)
    by_id = {a.source.id: a.source for a in corpus.articles}
    assert by_id["api.json#1"].date == "2025-03-04" and by_id["sheet.csv#2"].title == "Bridge repairs"
    reasons = {s.file: s.reason for s in corpus.skipped}
    assert reasons == {"api.json#2": "item 2: not an object with article fields",
                       "sheet.csv#3": "row 3: no text or html field (text, maintext, content, body, ...)"}


def test_schema_org_field_names_are_read(tmp_path):
    """articleBody and datePublished, as JSON-LD and exports built from it name them."""
    (tmp_path / "crawl.json").write_text(json.dumps([
        {"articleBody": HARBOUR, "url": "https://a/1", "datePublished": "2025-03-04T09:30:00Z", "headline": "Harbour"}]))
    corpus = scan(tmp_path, 100_000)
    (article,) = corpus.articles
    assert article.source.date == "2025-03-04" and "harbour of Portmere" in article.text


def test_rss_and_atom_feeds(tmp_path):
    (tmp_path / "radio.rss").write_text(f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Portmere Radio</title>
<item><title>Harbour reopens</title><link>https://radio.example/1</link><pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{HARBOUR}&lt;/p&gt;</description></item>
<item><title>Bridge</title><link>https://radio.example/2</link><content:encoded><![CDATA[<p>{BRIDGE}</p>]]></content:encoded></item>
</channel></rss>""")
    (tmp_path / "blog.atom").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Mere Blog</title>
<entry><title>Bridge closes</title><link href="https://blog.example/b"/><published>2025-03-06T08:00:00Z</published>
<author><name>Sam Reed</name></author><content type="html">&lt;p&gt;{BRIDGE.replace("May", "June")}&lt;/p&gt;</content></entry></feed>""")
    (tmp_path / "broken.xml").write_text("<rss><channel><item>")
    corpus = scan(tmp_path, 100_000)
    by_id = {a.source.id: a for a in corpus.articles}
    radio = by_id["radio.rss#1"].source
    assert (radio.title, radio.outlet, radio.date, radio.url) == (
        "Harbour reopens", "Portmere Radio", "2025-03-04", "https://radio.example/1")
    assert "eastern quay" in by_id["radio.rss#1"].text and "two million euros" in by_id["radio.rss#2"].text
    blog = by_id["blog.atom#1"].source
    assert (blog.outlet, blog.author, blog.date, blog.url) == ("Mere Blog", "Sam Reed", "2025-03-06", "https://blog.example/b")
    assert [s.file for s in corpus.skipped] == ["broken.xml"] and "not a valid RSS" in corpus.skipped[0].reason


def test_exports_and_feeds_compressed_with_gzip_are_read_as_the_file_inside(tmp_path):
    export = jsonl({"title": "Harbour reopens", "maintext": HARBOUR}, {"title": "Bridge repairs", "maintext": BRIDGE})
    (tmp_path / "crawl.jsonl.gz").write_bytes(gzip.compress(export.encode()))
    (tmp_path / "radio.rss.gz").write_bytes(gzip.compress(
        f"<rss><channel><title>Portmere Radio</title><item><title>Harbour</title>"
        f"<description>{BRIDGE.replace('May', 'June')}</description></item></channel></rss>".encode()))
    (tmp_path / "cut.csv.gz").write_bytes(gzip.compress(b"title,text\nBridge," + BRIDGE.encode())[:-12])
    (tmp_path / "archive.tar.gz").write_bytes(gzip.compress(b"not read"))
    corpus = scan(tmp_path, 100_000)
    by_id = {a.source.id: a for a in corpus.articles}
    # Cited as the file inside, as the plain export would be.
    assert set(by_id) == {"crawl.jsonl#1", "crawl.jsonl#2", "radio.rss#1"}
    assert "two million euros" in by_id["crawl.jsonl#2"].text and by_id["radio.rss#1"].source.outlet == "Portmere Radio"
    assert {s.file: s.reason for s in corpus.skipped} == {
        "cut.csv": "a gzip file cut short; it was not fully written or copied"}


def test_a_compressed_export_is_held_to_a_bound_once_decompressed(tmp_path):
    from retrieval.exports import COMPRESSED_EXPORT_ARTICLES

    max_bytes = 1_000
    record = json.dumps({"title": "Harbour", "maintext": HARBOUR}) + "\n"
    lines = record * (COMPRESSED_EXPORT_ARTICLES * max_bytes // len(record) + 1)
    (tmp_path / "huge.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    (tmp_path / "small.jsonl.gz").write_bytes(gzip.compress(record.encode()))
    corpus = scan(tmp_path, max_bytes)
    assert [a.source.id for a in corpus.articles] == ["small.jsonl#1"]
    (skip,) = corpus.skipped
    assert skip.file == "huge.jsonl" and "once decompressed" in skip.reason and "split the export" in skip.reason


def test_export_records_index_incrementally_by_record_content(embedder, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    export = corpus / "news.jsonl"
    export.write_text(jsonl({"title": "Harbour", "text": HARBOUR}, {"title": "Bridge", "text": BRIDGE}))
    r = make_retriever(embedder, tmp_path / "idx", corpus)
    first = r.reindex()
    assert sorted(first.added) == ["news.jsonl#1", "news.jsonl#2"]
    council = "The council voted seven to two to fund the new library, the mayor said on Friday."
    export.write_text(jsonl({"title": "Harbour", "text": HARBOUR}, {"title": "Bridge", "text": BRIDGE + " Detours will run through the town centre."},
                            {"title": "Library", "text": council}))
    second = r.reindex()
    assert (second.unchanged, second.changed, second.added) == (["news.jsonl#1"], ["news.jsonl#2"], ["news.jsonl#3"])
    assert second.sentences_embedded == 3 + 1, "only the changed and the new record are embedded"
    answer = r.ask("How did the council vote on the library?")
    assert answer.answered and answer.snippets[0].source == "news.jsonl#3"
