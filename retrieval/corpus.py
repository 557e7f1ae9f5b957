"""Scan a folder of articles: read, clean, split, and attach metadata (sources.json over the page's own)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.cleaning import clean
from retrieval.errors import CorpusError
from retrieval.models import SkippedFile, Source
from retrieval.exports import EXPORT_SUFFIXES, FEED_SUFFIXES, read_records
from retrieval.page import Page, PageMeta
from retrieval.reading import ARTICLE_SUFFIXES, COMPRESSED_SUFFIX, Unreadable, read_article, read_suffix
from retrieval.sentences import Sentence, split

log = logging.getLogger(__name__)

# Part of every article's content hash: bump when splitting changes (or which sentences may be quoted,
# which is stored with each), so that the same text (whose sentence numbers would now mean other
# sentences) is embedded again.
PIPELINE_VERSION = "7"
# Bump when reading or cleaning changes: every file is read again on the next run (unchanged files
# are otherwise not read), and only the articles whose text changed are embedded again.
READING_VERSION = "13"
METADATA_FILE = "sources.json"
_META_FIELDS = ("title", "outlet", "kind", "author", "url", "date")
# A label made of an article's first words, for text that names itself nowhere.
LABEL_WORDS = 10


@dataclass
class Article:
    source: Source
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    # (digest of the file it was read from, articles and skips that file gave)
    read_from: tuple[str, int] = ("", 0)
    reused: bool = False  # its file is unchanged since the last run: not read again, no sentences here


@dataclass
class Corpus:
    articles: list[Article]
    skipped: list[SkippedFile]


def is_article_file(name: str) -> bool:
    """Whether a file is one this reads, by its name: an article, an export, a feed, or one of those
    compressed with gzip ("page.html.gz", "crawl.jsonl.gz"; not "archive.tar.gz")."""
    stem, suffix = os.path.splitext(name)
    if suffix.lower() == COMPRESSED_SUFFIX:
        suffix = os.path.splitext(stem)[1]
    return suffix.lower() in ARTICLE_SUFFIXES | EXPORT_SUFFIXES | FEED_SUFFIXES


def cited_name(name: str) -> str:
    """How a file is cited: a compressed one as the file it holds ("page.html.gz" -> "page.html"), as a
    scorer or a reader names it."""
    return name[:-len(COMPRESSED_SUFFIX)] if name.lower().endswith(COMPRESSED_SUFFIX) else name


def article_files(folder: Path) -> list[Path]:
    """Article files and files of many articles (exports, feeds); not the metadata file."""
    found = []
    # os.walk rather than Path.rglob: a Path per file costs seconds at 100,000 articles.
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in files:
            if is_article_file(name) and not (root == str(folder) and name == METADATA_FILE):
                path = os.path.join(root, name)
                if os.path.isfile(path):
                    found.append(path)
    return sorted(Path(p) for p in found)


def scan(folder: Path, max_bytes: int, known: dict[str, tuple[int, list[Source]]] | None = None,
         tick: Callable[[], None] | None = None, hashed: dict[str, list] | None = None) -> Corpus:
    """`known`: the articles the last run read, by the digest of the file they came from (with the
    count of articles and skips that file gave). A file whose digest is among them, and that gave no
    skips, is not read again: at 20,000 articles, reading and splitting every file would cost far
    more than embedding the few new ones. `hashed`: see `input_digest`; left holding this folder's
    files only."""
    if not folder.is_dir():
        raise CorpusError(f"corpus folder {folder} does not exist; set CORPUS_DIR or pass a folder of articles")
    metadata = load_metadata(folder)
    articles: list[Article] = []
    skipped: list[SkippedFile] = []
    by_hash: dict[str, str] = {}
    names: set[str] = set()
    for path in article_files(folder):
        if tick:
            tick()
        name = path.relative_to(folder).as_posix()
        names.add(name)
        if cited_name(name) != name:
            # A folder holding both the page and its compressed copy gives the article once.
            name = cited_name(name)
            if name in names:
                skipped.append(_skip(path.relative_to(folder).as_posix(), f"a compressed copy of {name}, which is read instead"))
                continue
            names.add(name)
        digest = input_digest(path, name, metadata.get(name) or metadata.get(Path(name).stem) or {}, hashed)
        gave, reusable = (known or {}).get(digest, (0, [])) if digest else (0, [])
        if reusable and len(reusable) == gave:
            items: list[tuple[str, Article | str]] = [(s.id, Article(s, "", read_from=(digest, len(reusable)), reused=True))
                                                       for s in reusable]
        else:
            items = list(articles_in_file(path, name, metadata, max_bytes))
            for _, article in items:
                if not isinstance(article, str):
                    article.read_from = (digest, len(items))
        for item_name, article in items:
            if isinstance(article, str):
                skipped.append(_skip(item_name, article))
                continue
            first = by_hash.setdefault(article.source.content_hash, item_name)
            if first != item_name:
                skipped.append(_skip(item_name, f"same text as {first}"))
                continue
            articles.append(article)
    for gone in set(hashed or ()) - names:
        del hashed[gone]  # type: ignore[index]
    return Corpus(articles, skipped)


def input_digest(path: Path, name: str, meta: dict, hashed: dict[str, list] | None = None) -> str:
    """What decides what a file gives: its bytes, its name, its sources.json entry and the pipeline.

    `hashed`: file name -> [size, mtime_ns, digest of the bytes] from earlier runs, updated here: a
    file whose size and modification time are unchanged is not read again to hash it (as git and
    rsync decide), which at 20,000 files is most of the time a run spends finding what changed.
    """
    try:
        stat = path.stat()
        seen = (hashed or {}).get(name)
        if seen and seen[0] == stat.st_size and seen[1] == stat.st_mtime_ns:
            content = seen[2]
        else:
            with open(path, "rb") as f:
                content = hashlib.file_digest(f, "sha256").hexdigest()
            if hashed is not None:
                hashed[name] = [stat.st_size, stat.st_mtime_ns, content]
    except OSError:
        return ""  # unreadable: read it properly, which reports why
    key = f"{content}\0{name}\0{PIPELINE_VERSION}.{READING_VERSION}\0{json.dumps(meta, sort_keys=True, default=str)}"
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def articles_in_file(path: Path, name: str, metadata: dict[str, dict], max_bytes: int) -> Iterator[tuple[str, Article | str]]:
    """(name, article) for each article a file holds, or (name, reason) for what cannot be used:
    one for an article file, one per record for an export or a feed (named `<file>#<record>`)."""
    try:
        if read_suffix(path) in EXPORT_SUFFIXES | FEED_SUFFIXES:
            if printable_name(name) != name:
                raise Unreadable("the file name is not valid UTF-8; rename the file")
            for record in read_records(path, max_bytes):
                item_name = f"{name}#{record.key}"
                if record.page is None:
                    yield item_name, record.reason
                    continue
                try:
                    yield item_name, article_from_page(record.page, item_name, {})
                except Unreadable as exc:
                    yield item_name, f"{record.key}: {exc}"
        else:
            yield name, load_article(path, name, metadata.get(name) or metadata.get(Path(name).stem) or {}, max_bytes)
    except Unreadable as exc:
        yield name, str(exc)
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a run; say which and why
        log.debug("reading %s failed", name, exc_info=True)
        yield name, f"could not be read ({type(exc).__name__}: {str(exc)[:200]})"


def _skip(name: str, reason: str) -> SkippedFile:
    shown = printable_name(name)
    log.info("skipped %s: %s", shown, reason)  # the index report carries every skip and its reason
    return SkippedFile(file=shown, reason=reason)


def printable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as surrogates) shown as \ufffd."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def load_article(path: Path, name: str, meta: dict, max_bytes: int) -> Article:
    if printable_name(name) != name:
        raise Unreadable("the file name is not valid UTF-8; rename the file")
    overrides = _checked(meta)
    return article_from_page(read_article(path, max_bytes), name, overrides)


def article_from_page(page: Page, name: str, overrides: dict[str, str]) -> Article:
    """Clean and split a page into an article; `overrides`: metadata that wins over the page's."""
    title = overrides.get("title") or page.meta.title
    blocks = clean(page.blocks, title, page.meta.description)
    text, sentences = split(blocks)
    if not any(not s.heading for s in sentences):
        raise Unreadable("no prose left after removing page furniture (only headings, labels, code or metadata)")
    digest = hashlib.sha256(f"{PIPELINE_VERSION}\n{text}".encode()).hexdigest()[:32]
    source = Source(
        id=name,
        sentences=sum(1 for s in sentences if not s.heading),
        content_hash=digest,
        **_merged(overrides, page.meta, sentences),
    )
    return Article(source, text, sentences)


def _checked(meta: dict) -> dict[str, str]:
    """sources.json fields that this article uses, each a string; a wrong type is the file's skip reason."""
    out: dict[str, str] = {}
    for key in _META_FIELDS + ("about_date",):
        value = meta.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise Unreadable(f"{METADATA_FILE}: {key!r} must be text, not {type(value).__name__}; fix or remove it")
        if value.strip():
            out["date" if key == "about_date" else key] = value.strip()
    return out


def _merged(overrides: dict[str, str], page: PageMeta, sentences: list[Sentence]) -> dict[str, str | None]:
    values: dict[str, str | None] = {k: overrides.get(k) or getattr(page, k, None) for k in _META_FIELDS}
    if not values["title"]:
        values["title"] = _first_label(sentences)
    return values


def _first_label(sentences: list[Sentence]) -> str | None:
    """An article that names itself nowhere is labelled by its first heading, else its first words."""
    if sentences and sentences[0].heading and len(sentences[0].text.split()) >= 2:
        return sentences[0].text
    first = next((s.text for s in sentences if not s.heading), None)
    if not first:
        return None
    words = first.split()
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


def load_metadata(folder: Path) -> dict[str, dict]:
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("ignored %s: not readable JSON (%s)", path, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("ignored %s: expected an object keyed by file name", path)
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)}
