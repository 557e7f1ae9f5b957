"""Bad and unusual files: each is read or skipped with a reason, never a crash."""

import pytest

from retrieval.corpus import scan
from retrieval.reading import Unreadable, read_article

ARTICLE = "Officials in Portmere said the harbour will reopen on Monday. The storm damaged 300 homes.\n"


def test_empty_file_is_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("")
    with pytest.raises(Unreadable, match="empty"):
        read_article(tmp_path / "a.txt", 10_000)


def test_binary_file_is_skipped(tmp_path):
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 10)
    with pytest.raises(Unreadable, match="binary"):
        read_article(tmp_path / "a.txt", 10_000)


def test_non_utf8_file_is_decoded(tmp_path):
    (tmp_path / "a.txt").write_bytes("Le ministre a déclaré que la réunion était « très utile » à Genève.".encode("cp1252"))
    assert "déclaré" in read_article(tmp_path / "a.txt", 10_000).text


def test_huge_file_is_skipped_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # a sparse 50 MB file: no need to write 50 MB
        fh.truncate(50_000_000)
    with pytest.raises(Unreadable, match="over the"):
        read_article(big, 5_000_000)


def test_html_is_extracted_with_title(tmp_path):
    html = f"""<html><head><title>Harbour to reopen</title></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Harbour to reopen</h1><p>{ARTICLE}</p><p>The council met on Sunday evening to agree the plan.</p></article>
    <footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"""
    (tmp_path / "a.html").write_text(html)
    raw = read_article(tmp_path / "a.html", 100_000)
    assert "harbour will reopen" in raw.text and "All rights reserved" not in raw.text
    assert raw.title == "Harbour to reopen"


def test_markdown_links_and_headings_become_text(tmp_path):
    (tmp_path / "a.md").write_text("# Harbour news\n\nOfficials said the [harbour](https://x.org) will **reopen** soon.\n")
    text = read_article(tmp_path / "a.md", 10_000).text
    assert "Officials said the harbour will reopen soon." in text and "https" not in text


def test_scan_reports_every_skip_and_keeps_the_good_files(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "copy.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "labels.txt").write_text("Home\nI agree\nSearch\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    corpus = scan(tmp_path, 10_000)
    assert [a.source.id for a in corpus.articles] == ["copy.txt"]
    reasons = {s.file: s.reason for s in corpus.skipped}
    assert reasons["good.txt"] == "same text as copy.txt"
    assert set(reasons) == {"good.txt", "empty.txt", "blob.txt", "labels.txt"}


def test_metadata_comes_from_sources_json_then_title_line_then_file_name(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text("Harbour Reopens After the Storm\n" + ARTICLE.replace("Monday", "Tuesday"))
    (tmp_path / "c.txt").write_text(ARTICLE.replace("Monday", "Friday"))
    (tmp_path / "sources.json").write_text('{"a.txt": {"title": "Storm news", "outlet": "Portmere Post"}}')
    by_id = {a.source.id: a.source for a in scan(tmp_path, 10_000).articles}
    assert (by_id["a.txt"].title, by_id["a.txt"].outlet) == ("Storm news", "Portmere Post")
    assert by_id["b.txt"].title == "Harbour Reopens After the Storm"
    assert by_id["c.txt"].title is None and by_id["c.txt"].label == "c.txt"
