"""Turn one article file into a page (text blocks and metadata), or say why it cannot be read."""

from __future__ import annotations

import codecs
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

from retrieval.html_page import looks_like_html, parse_html
from retrieval.page import Page
from retrieval.text_page import parse_markdown, parse_text

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
ARTICLE_SUFFIXES = {".txt", ".text"} | MARKDOWN_SUFFIXES | HTML_SUFFIXES
# Saved pages, scraper exports and feeds are often kept compressed ("page.html.gz", "crawl.jsonl.gz");
# what is read is the file inside.
COMPRESSED_SUFFIX = ".gz"

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
# When the detector finds several single-byte encodings equally plausible for Latin text, these are
# what Western pages and exports are in by far the most often.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


class Unreadable(Exception):
    """The file is skipped; the message is the reason shown in the index report."""


def read_article(path: Path, max_bytes: int) -> Page:
    try:
        size = path.stat().st_size
        if size == 0:
            raise Unreadable("empty file")
        if size > max_bytes:
            raise Unreadable(f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit (MAX_ARTICLE_BYTES)")
        data = path.read_bytes()
    except PermissionError:
        raise Unreadable("permission denied; make the file readable by this user") from None
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    if path.suffix.lower() == COMPRESSED_SUFFIX:
        data = gunzip(data, max_bytes)
    suffix = read_suffix(path)
    text = decode(data)
    if suffix in MARKDOWN_SUFFIXES:
        return parse_markdown(text)  # Markdown may hold some HTML; it is still Markdown
    # The content decides, not the name: a page saved as .txt, an article pasted into a .html file.
    if suffix in HTML_SUFFIXES and looks_like_html(text) or suffix not in HTML_SUFFIXES and _opens_as_html(text):
        return parse_html(text)
    return parse_text(text)


def read_suffix(path: Path) -> str:
    """The suffix a file is read by: the inner one of a compressed file ("crawl.jsonl.gz" -> ".jsonl")."""
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix == COMPRESSED_SUFFIX else suffix


def _opens_as_html(text: str) -> bool:
    """A text file that is a saved web page opens with its markup; a "<p>" quoted in prose does not count."""
    return text.lstrip("\ufeff \t\r\n")[:15].lower().startswith(("<!doctype html", "<html"))


def gunzip(data: bytes, max_bytes: int, over: str = "") -> bytes:
    """The file inside a gzip file, held to the same size limit as any article: a few kilobytes of
    gzip can hold gigabytes, so decompression stops one byte past the limit. `over`: the reason given
    when it is past the limit."""
    inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflate.decompress(data, max_bytes + 1)
    except zlib.error:
        raise Unreadable("not a valid gzip file; decompress it or replace it") from None
    if len(out) > max_bytes:
        raise Unreadable(over or f"over the {max_bytes / 1e6:.1f} MB limit (MAX_ARTICLE_BYTES) once decompressed")
    if not inflate.eof:
        raise Unreadable("a gzip file cut short; it was not fully written or copied")
    if not out:
        raise Unreadable("empty file inside the gzip file")
    return out


def decode(data: bytes) -> str:
    """A BOM decides; then UTF-8; then the detected encoding, preferring Windows-1252 for Latin text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _text_or_raise(data[len(bom):].decode(encoding))
            except UnicodeDecodeError:
                raise Unreadable(f"starts with a {encoding} byte-order mark but is not {encoding}") from None
    if b"\x00" in data[:8192]:
        raise Unreadable("binary file, not text")
    try:
        return _text_or_raise(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise Unreadable("binary file, or text in no encoding that fits")
    if best.encoding not in _PREFERRED:
        # Several single-byte code pages decode Latin text with the same confidence; the detector's
        # first pick among them is arbitrary (cp1250 turned "Peñalver" into "Peńalver").
        tied = [m for m in matches if m.encoding in _PREFERRED and m.chaos <= best.chaos + 0.02
                and m.language == best.language]
        if tied:
            best = tied[0]
    return _text_or_raise(str(best))


def _text_or_raise(text: str) -> str:
    head = text[:8192]
    control = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f")
    if "\x00" in head or control > len(head) * 0.05:
        raise Unreadable("binary file, not text")
    return text
