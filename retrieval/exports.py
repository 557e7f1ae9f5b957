"""Files that hold many articles: scraper exports (JSON lines, a JSON array, CSV) and saved RSS/Atom
feeds. Each record becomes an article of its own, named `<file>#<record>`, with the metadata the
record carries. A bad record is skipped with its line (or item) number and the reason; the rest of
the file is read.

Field names differ between scrapers (news-please, newspaper, trafilatura, NewsAPI, hand-made CSVs);
the common ones are mapped below, others are ignored.
"""

from __future__ import annotations

import csv
import email.utils
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from retrieval.html_page import looks_like_html, parse_html
from retrieval.page import Page, PageMeta
from retrieval.reading import COMPRESSED_SUFFIX, Unreadable, decode, gunzip, read_suffix
from retrieval.text_page import parse_text

EXPORT_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
# Record fields, first found wins.
FIELDS = {
    "title": ("title", "headline", "name"),
    "html": ("html", "raw_html", "content_html", "body_html"),
    "text": ("text", "maintext", "content", "body", "articlebody", "article", "article_text", "full_text",
             "raw_text", "description", "summary"),
    "url": ("url", "link", "canonical_url", "source_url", "permalink"),
    "date": ("date", "date_publish", "datepublished", "published", "published_at", "publishedat", "publish_date",
             "pubdate", "datetime", "created_at", "time"),
    "outlet": ("outlet", "source", "site_name", "sitename", "publisher", "source_name", "source_domain",
               "domain", "hostname"),
    "author": ("author", "authors", "byline", "creator", "writer"),
}
# A CSV cell can hold a whole article; the csv module's default limit is 128 KB.
csv.field_size_limit(50_000_000)


@dataclass
class Record:
    key: str  # the record's place in its file: line, row or item number
    page: Page | None  # None when the record cannot be used
    reason: str = ""


# A compressed export or feed may hold this many articles' worth of text once decompressed: enough
# for a day's crawl, and a bound on what a few kilobytes of gzip can expand to.
COMPRESSED_EXPORT_ARTICLES = 200


def read_records(path: Path, max_bytes: int) -> Iterator[Record]:
    """Every record of an export or feed file (compressed with gzip or not), as a page or a reason to skip it."""
    suffix = read_suffix(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    if not data.strip():
        raise Unreadable("empty file")
    if path.suffix.lower() == COMPRESSED_SUFFIX:
        limit = COMPRESSED_EXPORT_ARTICLES * max_bytes
        data = gunzip(data, limit, over=f"over {limit / 1e6:.0f} MB once decompressed ({COMPRESSED_EXPORT_ARTICLES} x "
                                        "MAX_ARTICLE_BYTES); split the export into smaller files")
        if not data.strip():
            raise Unreadable("empty file inside the gzip file")
    text = decode(data)
    if suffix in FEED_SUFFIXES:
        yield from _feed(text, max_bytes)
    elif suffix == ".csv":
        for n, row in enumerate(csv.DictReader(io.StringIO(text)), 2):  # line 1 is the header
            yield _record(f"{n}", row, max_bytes, where=f"row {n}")
    elif suffix == ".json" or (suffix in (".jsonl", ".ndjson") and text.lstrip().startswith("[")):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise Unreadable(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
        if isinstance(items, dict):  # {"articles": [...]} as NewsAPI writes
            items = next((v for v in items.values() if isinstance(v, list)), [items])
        if not isinstance(items, list):
            raise Unreadable("expected a JSON array of article objects")
        for n, item in enumerate(items, 1):
            yield _record(str(n), item, max_bytes, where=f"item {n}")
    else:
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Record(str(n), None, f"line {n}: not valid JSON ({exc.msg})")
                continue
            yield _record(str(n), item, max_bytes, where=f"line {n}")


def _record(key: str, item: object, max_bytes: int, where: str) -> Record:
    if not isinstance(item, dict):
        return Record(key, None, f"{where}: not an object with article fields")
    fields = {str(k).strip().lower().replace("-", "_"): v for k, v in item.items()}
    values = {name: _first(fields, names) for name, names in FIELDS.items()}
    body = values["html"] or values["text"]
    if not body:
        return Record(key, None, f"{where}: no text or html field ({', '.join(FIELDS['text'][:4])}, ...)")
    if len(body.encode("utf-8", "ignore")) > max_bytes:
        return Record(key, None, f"{where}: over the {max_bytes / 1e6:.1f} MB limit (MAX_ARTICLE_BYTES)")
    page = parse_html(body) if values["html"] or looks_like_html(body) else parse_text(body)
    if not page.blocks and (values["html"] or looks_like_html(body)):
        # trafilatura leaves out fragments it finds too short to be a page (a feed item's summary)
        page = parse_text(_fragment_text(body))
    meta = page.meta
    page.meta = PageMeta(title=values["title"] or meta.title, outlet=values["outlet"] or meta.outlet,
                         author=values["author"] or meta.author, date=_iso_date(values["date"]) or meta.date,
                         url=values["url"] or meta.url, description=meta.description)
    return Record(key, page)


def _iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from the date formats exports and feeds use (ISO 8601, RFC 822); else as written."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return value


def _first(fields: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = fields.get(name)
        if isinstance(value, dict):  # NewsAPI: "source": {"id": ..., "name": "BBC News"}
            value = value.get("name") or value.get("title")
        if isinstance(value, list):  # "authors": ["A", "B"]
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _fragment_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - not parseable as HTML: take it as text
        return html
    for br in root.iter("br", "p", "div", "li"):
        br.tail = "\n\n" + (br.tail or "")
    return root.text_content()


# --- RSS and Atom -----------------------------------------------------------------------------------
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"


def _feed(text: str, max_bytes: int) -> Iterator[Record]:
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        raise Unreadable(f"not a valid RSS or Atom feed ({exc})") from None
    channel_title = _text(root.find("channel/title")) or _text(root.find(f"{_ATOM}title"))
    items = root.findall("channel/item") or root.findall(f"{_ATOM}entry") or root.findall("item")
    if not items:
        raise Unreadable("an XML file with no RSS items or Atom entries")
    for n, item in enumerate(items, 1):
        link = item.find(f"{_ATOM}link")
        fields = {
            "title": _text(item.find("title")) or _text(item.find(f"{_ATOM}title")),
            "html": _text(item.find(_CONTENT)) or _text(item.find(f"{_ATOM}content")),
            "text": _text(item.find("description")) or _text(item.find(f"{_ATOM}summary")),
            "url": _text(item.find("link")) or (link.get("href") if link is not None else None),
            "date": (_text(item.find("pubDate")) or _text(item.find(f"{_DC}date"))
                     or _text(item.find(f"{_ATOM}published")) or _text(item.find(f"{_ATOM}updated"))),
            "author": (_text(item.find("author")) or _text(item.find(f"{_DC}creator"))
                       or _text(item.find(f"{_ATOM}author/{_ATOM}name"))),
            "outlet": channel_title,
        }
        yield _record(str(n), {k: v for k, v in fields.items() if v}, max_bytes, where=f"item {n}")


def _text(element) -> str | None:
    if element is None:
        return None
    value = "".join(element.itertext()).strip()
    return value or None
