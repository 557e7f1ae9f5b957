"""Article-text extraction on real pages: the product's indexed text vs trafilatura alone, same pages.

Scores with the benchmark's own metric (shared/eval/extraction_score.py: 4-gram shingle F1) on the
dev split in shared/extraction/ (102 real pages with hand-checked article bodies).

    .venv/bin/python bench/bench_extraction.py [--shared ../shared] [--limit N] [--verbose] [--save DIR]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrieval.corpus import load_article  # noqa: E402
from retrieval.reading import Unreadable  # noqa: E402


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("extraction_score", shared / "eval" / "extraction_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def pages(shared: Path, limit: int | None = None) -> dict[str, bytes]:
    files = sorted((shared / "extraction" / "html").glob("*.html.gz"))[:limit]
    return {f.name.removesuffix(".html.gz"): gzip.decompress(f.read_bytes()) for f in files}


def product_bodies(raw: dict[str, bytes]) -> tuple[dict[str, str], dict[str, str]]:
    """What the index would hold for each page, and why a page was skipped."""
    bodies, skipped = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for page_id, data in raw.items():
            path = Path(tmp) / f"{page_id}.html"
            path.write_bytes(data)
            try:
                bodies[page_id] = load_article(path, path.name, {}, 10_000_000).text
            except Unreadable as exc:
                bodies[page_id], skipped[page_id] = "", str(exc)
    return bodies, skipped


def trafilatura_bodies(raw: dict[str, bytes]) -> dict[str, str]:
    import trafilatura

    return {page_id: trafilatura.extract(data.decode("utf-8")) or "" for page_id, data in raw.items()}


def score(scorer, truth: dict, bodies: dict[str, str]) -> dict:
    counts = [scorer.page_counts(truth[k]["articleBody"], bodies.get(k, "")) for k in truth]
    return scorer.aggregate(counts)


def per_page(scorer, truth: dict, bodies: dict[str, str]) -> list[tuple[float, float, str]]:
    rows = []
    for k in truth:
        c = scorer.page_counts(truth[k]["articleBody"], bodies.get(k, ""))
        rows.append((scorer.page_precision(*c), scorer.page_recall(*c), k))
    return sorted(rows, key=lambda r: 2 * r[0] * r[1] / (r[0] + r[1] + 1e-9))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--verbose", action="store_true", help="list the 10 worst pages of the product")
    parser.add_argument("--save", type=Path, help="write predictions (benchmark format) to this folder")
    args = parser.parse_args()

    scorer = load_scorer(args.shared)
    raw = pages(args.shared, args.limit)
    truth = json.loads((args.shared / "extraction" / "ground-truth-dev.json").read_text())
    truth = {k: v for k, v in truth.items() if k in raw}

    t0 = time.perf_counter()
    ours, skipped = product_bodies(raw)
    t1 = time.perf_counter()
    theirs = trafilatura_bodies(raw)
    t2 = time.perf_counter()
    a, b = score(scorer, truth, ours), score(scorer, truth, theirs)
    print(f"extraction on {len(truth)} pages of {args.shared / 'extraction'} ({time.strftime('%Y-%m-%d')})")
    print(f"{'':34s} {'F1':>6s} {'prec':>6s} {'recall':>6s}  time")
    print(f"{'product (indexed text)':34s} {a['f1']:6.3f} {a['precision']:6.3f} {a['recall']:6.3f}  {t1 - t0:.1f} s")
    print(f"{'trafilatura.extract(html) defaults':34s} {b['f1']:6.3f} {b['precision']:6.3f} {b['recall']:6.3f}  {t2 - t1:.1f} s")
    print(f"F1 product / trafilatura: {a['f1'] / b['f1']:.3f}x")
    for page_id, reason in skipped.items():
        print(f"skipped {page_id}: {reason}")
    if args.verbose:
        for p, r, k in per_page(scorer, truth, ours)[:10]:
            print(f"  worst: precision {p:.2f} recall {r:.2f}  {k[:16]}  {truth[k].get('url', '')[:70]}")
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for name, bodies in (("product", ours), ("trafilatura", theirs)):
            (args.save / f"{name}.json").write_text(json.dumps({k: {"articleBody": v} for k, v in bodies.items()}))


if __name__ == "__main__":
    main()
