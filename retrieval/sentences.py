"""Split cleaned blocks into sentences that keep their exact text and character offsets in the article."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pysbd

from retrieval.cleaning import POINTER, char_script, dominant_script
from retrieval.page import Block

PARAGRAPH_SEP = "\n\n"
# Fewer words than this is a label or a fragment ("Meal 1", "VIP : 60,000₩"): kept in the text, not quoted.
MIN_QUOTABLE_WORDS = 3

# pysbd's rules per script; Latin-script languages share the English rules, which know the most
# abbreviations. Scripts pysbd has no rules for use the fallback splitter below.
_PYSBD_LANGUAGE = {"LATIN": "en", "CJK": "ja", "CYRILLIC": "ru", "ARABIC": "ar", "GREEK": "el",
                   "DEVANAGARI": "hi", "ARMENIAN": "hy", "MYANMAR": "my", "ETHIOPIC": "am"}
_FALLBACK_END = re.compile(r"(?<=[.!?。！？])[\"'”’»)\]]*\s+|(?<=[。！？])")
# pysbd sometimes ends a sentence on an abbreviation that runs on: "10:00 a.m. PDT (5 p.m. UTC) ...".
_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*\b(?![:/.@])")  # a word, not a link ("https://...")
_ENDS_IN_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
# A title abbreviation is followed by a name, never by a new sentence: "the former Speaker Rt. Hon. B. U. Nzeribe".
_ENDS_IN_TITLE = re.compile(r"\b(?:Rt|Hon|Rev|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Maj|Prof|Dr|Mr|Mrs|Ms|Cmdr|Adm|Supt|Insp|"
                            r"Det|Cpl|Brig)\.$")
# ... and what follows a time or date abbreviation without starting a sentence: lower case, a time
# zone, a month or a weekday ("from 10:30 p.m. Aug. 9 to 6:30 a.m.").
_RUNS_ON = re.compile(r"^(?:[a-z(\d,;]|[A-Z]{2,5}\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Wed|"
                      r"Thu|Fri|Sat|Sun)[a-z]*\b)")

# The signature an embedded post ends with: "— Rep. Ilhan Omar (@Ilhan) November 19, 2019" under a
# tweet (with the tweet's last hashtag or picture link before it), "A post shared by Jo (@jo) on Nov 3, 2019 at 5:01pm PST"
# under an Instagram post. It stays in the article's text (it is part of the page as published) but is
# never quoted: it says who posted, not what happened.
EMBED_SIGNATURE = re.compile(r"(?:\s*(?:#\w+|(?:https?://)?pic\.twitter\.com/\w+))*\s*[—–]\s*[^—–()]{1,80}\(@\w{1,30}\)\s+"
                             r"[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*$|"
                             r"^a post shared by .{1,80}\(@[\w.]{1,30}\) on .{5,40}$", re.I)


@dataclass
class Sentence:
    index: int  # position in the article
    text: str
    start: int  # character offsets in the article's cleaned text
    end: int
    block: int
    heading: bool  # a heading or a short label: part of the text, never quoted as an answer
    section: str  # the nearest heading above, "" if none


@functools.lru_cache(maxsize=16)
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False)


def split(blocks: list[Block]) -> tuple[str, list[Sentence]]:
    """Return the article's cleaned text (blocks joined by blank lines) and its sentences."""
    language = _PYSBD_LANGUAGE.get(dominant_script(blocks))
    sentences: list[Sentence] = []
    offset = 0
    section = ""
    for b, block in enumerate(blocks):
        if block.heading:
            section = block.text
            spans = [(0, len(block.text))]
        else:
            spans = spans_of(block.text, language)
        for start, end in spans:
            text = block.text[start:end]
            quotable = (not block.heading and (len(text.split()) >= MIN_QUOTABLE_WORDS or _is_cjk_sentence(text))
                        and not EMBED_SIGNATURE.fullmatch(text) and not POINTER.match(text))
            sentences.append(Sentence(len(sentences), text, offset + start, offset + end, b,
                                      not quotable, "" if block.heading else section))
        offset += len(block.text) + len(PARAGRAPH_SEP)
    return PARAGRAPH_SEP.join(b.text for b in blocks), sentences


def _is_cjk_sentence(text: str) -> bool:
    # Chinese and Japanese do not separate words with spaces: count characters instead.
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(char_script(c) == "CJK" for c in letters) > len(letters) / 2


def spans_of(text: str, language: str | None = "en") -> list[tuple[int, int]]:
    """(start, end) of each sentence of one block, so that text[start:end] is the sentence as written."""
    if language is None:
        pieces = [p for p in _FALLBACK_END.split(text) if p and p.strip()]
    else:
        pieces = _segmenter(language).processor(text).process()
    spans = _align(text, pieces)
    if language is not None:
        spans = _split_long_quotes(text, spans, language)
    return _join_run_ons(text, spans)


# A snippet shows at most this many characters (ranking.MAX_SNIPPET_CHARS).
LONG_SENTENCE_CHARS = 400
_DOUBLE_QUOTE = re.compile(r"[\"“”„]")


def _split_long_quotes(text: str, spans: list[tuple[int, int]], language: str) -> list[tuple[int, int]]:
    """pysbd never splits inside quotation marks. A quote that runs on into the next paragraph opens
    again without having closed (news style: '"Company profits were quite soft. "Also ...'), and in
    text whose paragraphs arrive run together (a wire feed, the Lee stories) the marks then pair up
    wrongly and everything between two quotes becomes one "sentence" of a thousand characters. Such
    a piece, longer than any snippet, is split again without its quotation marks."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        piece = text[start:end]
        if end - start <= LONG_SENTENCE_CHARS or not _DOUBLE_QUOTE.search(piece):
            out.append((start, end))
            continue
        plain = _DOUBLE_QUOTE.sub(" ", piece)  # same length: offsets still hold
        parts = _align(plain, _segmenter(language).processor(plain).process())
        if len(parts) < 2:
            out.append((start, end))
            continue
        done = 0  # where the part before ended: a mark between two parts goes to one of them only
        for a, b in parts:
            # Each part keeps its own quotation marks, which the plain copy had blanked.
            a = a - 1 if a > done and _DOUBLE_QUOTE.match(piece, a - 1) else a
            b = b + 1 if b < len(piece) and _DOUBLE_QUOTE.match(piece, b) else b
            out.append((start + a, start + b))
            done = b
    return out


def _align(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Anchor each piece in the original text, ignoring whitespace, which the splitter may add or drop
    (".zip or .rar" must not become ".zip or . rar").

    pysbd's own `segment` (with or without char_span) compiles one regex per sentence to find its
    offsets, which overflows Python's regex cache; walking both strings is linear.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for piece in pieces:
        chars = [c for c in piece if not c.isspace()]
        if not chars:
            continue
        while pos < n and text[pos].isspace():
            pos += 1
        start = pos
        matched = 0
        while pos < n and matched < len(chars):
            if text[pos].isspace():
                pos += 1
            elif text[pos] == chars[matched]:
                pos += 1
                matched += 1
            else:
                break
        if matched < len(chars):  # the splitter rewrote characters: anchor what follows by search
            found = text.find(piece.strip()[:20], start)
            if found < 0:
                continue
            start, pos = found, found + len(piece.strip())
        spans.append((start, min(pos, n)))
    if spans and spans[-1][1] < len(text.rstrip()):  # never lose the tail of a block
        spans[-1] = (spans[-1][0], len(text.rstrip()))
    return spans


def _join_run_ons(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        # No space at the cut means it fell inside a word (".zip or .rar"); an abbreviation followed by
        # lower case or a time zone means the sentence goes on.
        before = text[out[-1][0]:out[-1][1]] if out else ""
        glued = out and start == out[-1][1] and text[start - 1] == "." and text[start].isalnum()
        # A cut after a comma, semicolon or colon is inside a sentence: pysbd cuts before inline
        # enumerations ("Our favourite ways to eat eggs are: 1) Deviled, 2) Scotch, 3) ...").
        midway = before.rstrip().endswith((",", ";", ":"))
        # A sentence does not open in lower case: a cut after a full stop followed by one ("4.9 million
        # bbl. | of oil that spilled") fell after an abbreviation pysbd does not know. "iPhone" is a name.
        continued = before.rstrip().endswith(".") and _LOWER_WORD.match(text, start)
        titled = _ENDS_IN_TITLE.search(before.rstrip()) and text[start:start + 1].isupper()
        if glued or midway or continued or titled or _ENDS_IN_ABBREVIATION.search(before) and _RUNS_ON.match(text[start:end]):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out
