"""Strip the noise that scraped news pages carry, by rules that hold for scraped news in general.

Input is an article's plain text; output is its blocks (paragraphs and headings) in order.
Each rule targets a kind of page furniture, not particular articles:
consent banners, machine-translation notices, repeated photo captions and their credits,
reference and link lists, contributor/comment footers, template placeholders such as "[date]",
UI labels ("I agree", "Search Trends"), and untranslated passages in another script.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass


@dataclass
class Block:
    text: str
    heading: bool = False


_URL = re.compile(r"https?://\S+|www\.\S+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_CONSENT = re.compile(r"\bcookies?\b|\bprivacy (?:policy|statement|notice)\b|\bterms of (?:use|service)\b", re.I)
_TRANSLATION_NOTICE = re.compile(
    r"\btranslat\w*\b.*\b(?:automatic\w*|machine|generated|not responsible)\b"
    r"|\b(?:automatic\w*|machine)[- ]translat\w*", re.I)
_EDITORIAL = re.compile(r"^\(?\s*(?:editor'?s? note|if you want to contribute|follow us|follow @|share this|"
                        r"sign up for|subscribe to|advertisement|click here|read more|related:)", re.I)
_SOCIAL_HANDLE = re.compile(r"(?<!\w)@\w{3,}")
_LIST_HEADINGS = re.compile(r"^(?:references|sources|bibliography|further reading|see also|related (?:articles|stories)|"
                            r"read more|more on this|links)\s*:?$", re.I)
_FOOTER_START = re.compile(r"^(?:author\s*:|about the author|written by\b|author-\w+|leave a (?:comment|reply)|"
                           r"this post has \d+ comments?|\d+ comments?\b|comments?\s*:?$|share (?:this|on)\b|"
                           r"the pictures? in (?:the|this) article)", re.I)
# "On [date], Trump held..." -> "Trump held...": a template placeholder and the preposition leading into it.
_PLACEHOLDER = re.compile(r"(?:\b(?:on|in|at|since|by|from|until|of|for)\s+)?\[(?:[a-z]+(?: [a-z]+){0,2})\],?\s*", re.I)
# Trailing photo credit, e.g. "... in Brussels, February 12, 2025. /AP"
_CREDIT = re.compile(r"\s+/\s?[A-Z][\w.&' -]{0,30}$|\s*\((?:photo|image|file photo)[^)]{0,60}\)\s*$", re.I)
# A sentence ends in punctuation, possibly inside closing quotes; a heading does not.
_TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]]*$")


def clean(text: str) -> list[Block]:
    lines = [_normalise(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    lines = _cut_footer(_cut_reference_lists(lines))
    script = _dominant_script(lines)
    blocks: list[Block] = []
    seen: set[str] = set()
    for line in lines:
        key = _CREDIT.sub("", line).casefold()
        if key in seen:  # photo captions and pull quotes are repeated by scrapers
            continue
        seen.add(key)
        if _is_noise(line) or _script_of(line) != script:
            continue
        line = _CREDIT.sub("", _PLACEHOLDER.sub("", line)).strip()
        line = line[:1].upper() + line[1:]
        if not line:
            continue
        words = line.split()
        if not _TERMINAL.search(line):
            if len(words) < 4 or len(words) > 25:
                continue  # UI labels ("I agree", "Search Trends") and run-on scraps
            blocks.append(Block(line, heading=True))
        elif len(words) >= 3:
            blocks.append(Block(line))
    return blocks


def _normalise(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", line).strip()


def _is_noise(line: str) -> bool:
    if _CONSENT.search(line) or _TRANSLATION_NOTICE.search(line) or _EDITORIAL.search(line):
        return True
    if _EMAIL.search(line) or (_SOCIAL_HANDLE.search(line) and re.search(r"twitter|instagram|facebook|\bX\b", line, re.I)):
        return True
    urls = sum(len(m) for m in _URL.findall(line))
    return urls > 0.3 * len(line)


def _cut_reference_lists(lines: list[str]) -> list[str]:
    """Drop a reference/link list: its heading and the list items or URL lines under it."""
    out: list[str] = []
    skipping = False
    for line in lines:
        if _LIST_HEADINGS.match(line):
            skipping = True
            continue
        if skipping and (line[:1] in "-*•" or re.match(r"^\d+[.)]\s", line) or _URL.search(line)):
            continue
        skipping = False
        out.append(line)
    return out


def _cut_footer(lines: list[str]) -> list[str]:
    """Author boxes and comment sections close a page; nothing after them is the article."""
    start = len(lines) // 2
    for i in range(start, len(lines)):
        if _FOOTER_START.match(lines[i]):
            return lines[:i]
    return lines


def _script_of(line: str) -> str:
    counts: dict[str, int] = {}
    for ch in line:
        if ch.isalpha():
            script = "LATIN" if ch.isascii() else _char_script(ch)
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else "LATIN"


@functools.lru_cache(maxsize=4096)
def _char_script(ch: str) -> str:
    # unicodedata.name per character dominated cleaning time; an article uses few distinct letters.
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else "OTHER"


def _dominant_script(lines: list[str]) -> str:
    totals: dict[str, int] = {}
    for line in lines:
        script = _script_of(line)
        totals[script] = totals.get(script, 0) + len(line)
    return max(totals, key=totals.__getitem__) if totals else "LATIN"
