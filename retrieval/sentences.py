"""Split cleaned blocks into sentences that keep their character offsets in the article text."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pysbd

from retrieval.cleaning import Block

PARAGRAPH_SEP = "\n\n"


@dataclass
class Sentence:
    index: int  # position in the article
    text: str
    start: int  # character offsets in the article's cleaned text
    end: int
    block: int
    heading: bool
    section: str  # the nearest heading above, "" if none


@functools.lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split(blocks: list[Block]) -> tuple[str, list[Sentence]]:
    """Return the article's cleaned text (blocks joined by blank lines) and its sentences."""
    sentences: list[Sentence] = []
    offset = 0
    section = ""
    for b, block in enumerate(blocks):
        if block.heading:
            section = block.text
            spans = [(block.text, 0)]
        else:
            spans = _spans(block.text)
        for text, start in spans:
            sentences.append(Sentence(len(sentences), text, offset + start, offset + start + len(text), b,
                                      block.heading, "" if block.heading else section))
        offset += len(block.text) + len(PARAGRAPH_SEP)
    return PARAGRAPH_SEP.join(b.text for b in blocks), sentences


def _spans(text: str) -> list[tuple[str, int]]:
    """Sentences of one block with their offsets in it.

    pysbd's own `segment` (with or without char_span) compiles one regex per sentence to find its
    offsets, which overflows Python's regex cache and made splitting twice as slow; its processor
    gives the same sentences, and a plain substring search anchors them.
    """
    out = []
    cursor = 0
    for sent in _segmenter().processor(text).process():
        piece = sent.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:  # not found verbatim (pysbd rewrote it; not seen on any corpus here): keep the running offset
            start = cursor
        out.append((piece, start))
        cursor = start + len(piece)
    return out
