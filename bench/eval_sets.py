"""Score every labelled question set in one go, each on its own corpus.

    .venv/bin/python bench/eval_sets.py [--shared ../shared] [--json]

Sets: the bundled coverage (shared dev questions and our own), and the real pages of the extraction
benchmark (shared dev questions and five sets of our own, on pages the others do not use). The pages
are unpacked once into bench/.cache/.
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "coverage"
CACHE = ROOT / "bench" / ".cache"


def extraction_pages(shared: Path) -> Path:
    """The benchmark's pages as <id>.html files: the corpus the real-page questions are about."""
    folder = CACHE / "extraction-pages"
    folder.mkdir(parents=True, exist_ok=True)
    for gz in sorted((shared / "extraction" / "html").glob("*.html.gz")):
        target = folder / gz.name.removesuffix(".gz")
        if not target.exists():
            target.write_bytes(gzip.decompress(gz.read_bytes()))
    return folder


def sets(shared: Path) -> list[tuple[str, Path, Path]]:
    pages = extraction_pages(shared)
    return [
        ("bundled, shared dev", shared / "eval" / "questions.jsonl", BUNDLED),
        ("bundled, own", ROOT / "bench" / "questions_own.jsonl", BUNDLED),
        ("real pages, shared dev", shared / "eval" / "real_dev_questions.jsonl", pages),
        ("real pages, own", ROOT / "bench" / "questions_pages_own.jsonl", pages),
        ("real pages, more", ROOT / "bench" / "questions_pages_more.jsonl", pages),
        ("real pages, blind", ROOT / "bench" / "questions_pages_blind.jsonl", pages),
        ("real pages, fresh", ROOT / "bench" / "questions_pages_fresh.jsonl", pages),
        ("real pages, later", ROOT / "bench" / "questions_pages_later.jsonl", pages),
        ("real pages, final", ROOT / "bench" / "questions_pages_final.jsonl", pages),
    ]


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
