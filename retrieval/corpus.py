"""Scan a folder of articles: read, clean, split, and attach metadata from an optional sources.json."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.cleaning import clean
from retrieval.errors import CorpusError
from retrieval.models import SkippedFile, Source
from retrieval.reading import ARTICLE_SUFFIXES, Unreadable, read_article
from retrieval.sentences import Sentence, split

log = logging.getLogger(__name__)

# Bump when cleaning or splitting changes, so that every article is re-embedded once.
PIPELINE_VERSION = "1"
METADATA_FILE = "sources.json"
_META_FIELDS = ("title", "outlet", "kind", "author", "url")


@dataclass
class Article:
    source: Source
    text: str
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Corpus:
    articles: list[Article]
    skipped: list[SkippedFile]


def scan(folder: Path, max_bytes: int) -> Corpus:
    if not folder.is_dir():
        raise CorpusError(f"corpus folder {folder} does not exist; set CORPUS_DIR or pass a folder of articles")
    metadata = _load_metadata(folder)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    articles: list[Article] = []
    skipped: list[SkippedFile] = []
    by_hash: dict[str, str] = {}
    for path in files:
        name = path.relative_to(folder).as_posix()
        try:
            article = _load(path, name, metadata.get(name) or metadata.get(path.stem) or {}, max_bytes)
        except Unreadable as exc:
            skipped.append(SkippedFile(file=name, reason=str(exc)))
            log.warning("skipped %s: %s", name, exc)
            continue
        first = by_hash.setdefault(article.source.content_hash, name)
        if first != name:
            skipped.append(SkippedFile(file=name, reason=f"same text as {first}"))
            log.warning("skipped %s: same text as %s", name, first)
            continue
        articles.append(article)
    return Corpus(articles, skipped)


def _load(path: Path, name: str, meta: dict, max_bytes: int) -> Article:
    raw = read_article(path, max_bytes)
    blocks = clean(raw.text)
    text, sentences = split(blocks)
    if not any(not s.heading for s in sentences):
        raise Unreadable("no article sentences left after removing page furniture")
    digest = hashlib.sha256(f"{PIPELINE_VERSION}\n{text}".encode()).hexdigest()[:32]
    title = meta.get("title") or raw.title or (blocks[0].text if blocks[0].heading else None)
    source = Source(
        id=name,
        date=meta.get("about_date") or meta.get("date"),
        sentences=sum(1 for s in sentences if not s.heading),
        content_hash=digest,
        **{k: meta.get(k) for k in _META_FIELDS if k != "title"},
        title=title,
    )
    return Article(source, text, sentences)


def _load_metadata(folder: Path) -> dict[str, dict]:
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("ignored %s: not valid JSON (%s)", path, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("ignored %s: expected an object keyed by file name", path)
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)}
