"""Plain-text and Markdown articles to blocks: paragraphs, headings and list items by their shape."""

from __future__ import annotations

import re

from retrieval.page import HEADING, ITEM, PARAGRAPH, Block, Page, PageMeta

_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d{1,3}[.)])\s+")
# A sentence ends in punctuation, possibly inside closing quotes; a heading does not.
TERMINAL = re.compile(r"[.!?:;…。！？][\"'”’»)\]]*$")
# A photo credit closing a caption: "... in Brussels, February 12, 2025. /AP"
CREDIT = re.compile(r"\s+/\s?[A-Z][\w.&' -]{0,30}$|\s*\((?:photo|image|file photo)[^)]{0,60}\)\s*$", re.I)
MAX_HEADING_WORDS = 15
# Hard-wrapped text is wrapped at 60-80 columns; shorter lines are units of their own.
WRAP_MIN_CHARS = 50


def parse_text(text: str) -> Page:
    return Page(_blocks(text.splitlines()))


def _blocks(lines: list[str]) -> list[Block]:
    paragraphs = _paragraphs(lines)
    blocks: list[Block] = []
    # Without blank lines between paragraphs, every line is a paragraph (one-line-per-paragraph exports).
    for lines_ in paragraphs:
        for line in (_unwrap(lines_) if len(paragraphs) > 1 else lines_):
            if _BULLET.match(line):
                blocks.append(Block(_BULLET.sub("", line, count=1).strip(), ITEM))
            else:
                blocks.append(Block(line, PARAGRAPH))
    _mark_headings(blocks)
    return [b for b in blocks if b.text]


def _paragraphs(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line.strip())
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def _unwrap(lines: list[str]) -> list[str]:
    """Join a hard-wrapped paragraph back into whole lines; otherwise each line is its own unit.

    Wrapped text fills its lines: every line but the last is long, and none is a list item. A line
    that ends a sentence (a caption with its "/AP" credit counts) is not continued by the next.
    """
    if len(lines) < 2 or any(_BULLET.match(l) for l in lines) or any(len(l) < WRAP_MIN_CHARS for l in lines[:-1]):
        return lines
    out = [lines[0]]
    for line in lines[1:]:
        if TERMINAL.search(CREDIT.sub("", out[-1])):
            out.append(line)
        else:
            out[-1] = f"{out[-1]} {line}"
    return out


def _mark_headings(blocks: list[Block]) -> None:
    """A short line without end punctuation, followed by more text, labels what follows."""
    for i, block in enumerate(blocks):
        if block.kind != PARAGRAPH or TERMINAL.search(block.text):
            continue
        words = len(block.text.split())
        if 1 <= words <= MAX_HEADING_WORDS and i + 1 < len(blocks):
            block.kind = HEADING


# --- Markdown -------------------------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_META_KEYS = {"title": "title", "author": "author", "date": "date", "url": "url", "source": "outlet",
              "outlet": "outlet", "publisher": "outlet", "site_name": "outlet", "description": "description"}


def parse_markdown(text: str) -> Page:
    meta = PageMeta()
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            field = _META_KEYS.get(key.strip().lower())
            value = value.strip().strip("'\"")
            if field and value:
                setattr(meta, field, value)
        text = text[front.end():]
    text = _FENCE.sub("", text)  # code is not prose
    lines: list[str] = []
    headings: set[int] = set()
    for line in text.splitlines():
        line = _MD_QUOTE.sub("", line)
        heading = _MD_HEADING.match(line)
        if heading:
            lines.extend(["", heading.group(1), ""])
            headings.add(len(lines) - 2)
            continue
        lines.append(line)
    cleaned = [_MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line))) for line in lines]
    heading_texts = {cleaned[i].strip() for i in headings}
    blocks = _blocks(cleaned)
    for b in blocks:
        if b.text in heading_texts:
            b.kind = HEADING
    return Page(blocks, meta)
