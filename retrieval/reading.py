"""Turn one article file into plain text, or say why it cannot be read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}


class Unreadable(Exception):
    """The file is skipped; the message is the reason shown in the index report."""


@dataclass
class RawArticle:
    text: str
    title: str | None = None


def read_article(path: Path, max_bytes: int) -> RawArticle:
    size = path.stat().st_size
    if size == 0:
        raise Unreadable("empty file")
    if size > max_bytes:
        raise Unreadable(f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit (MAX_ARTICLE_BYTES)")
    data = path.read_bytes()
    if _looks_binary(data):
        raise Unreadable("binary file, not text")
    text = _decode(data)
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm"}:
        return _from_html(text)
    if suffix in {".md", ".markdown"}:
        return RawArticle(_from_markdown(text))
    return RawArticle(text)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control > len(head) * 0.05


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Scraped pages are often cp1252 or latin-1; let the detector pick, and fail loudly
    # only when nothing plausible fits.
    best = from_bytes(data).best()
    if best is None:
        raise Unreadable("not UTF-8 and no text encoding fits")
    return str(best)


def _from_html(html: str) -> RawArticle:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise Unreadable("no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    return RawArticle(text, title=(meta.title if meta and meta.title else None))


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _from_markdown(text: str) -> str:
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)
