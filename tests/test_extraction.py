"""Article text on real pages (shared/extraction), scored with the benchmark's own metric.

A handful of pages keeps this fast; bench/bench_extraction.py runs all 102.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

pytestmark = pytest.mark.skipif(not (SHARED / "extraction" / "html").is_dir(), reason="shared/extraction is not here")

PAGES = 12
# The product's indexed text on these pages; trafilatura alone scores about 0.95 on them.
F1_FLOOR = 0.95


def test_indexed_text_scores_at_least_the_floor_and_trafilatura():
    import json
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_extraction import load_scorer, pages, product_bodies, score, trafilatura_bodies

    scorer = load_scorer(SHARED)
    raw = pages(SHARED, PAGES)
    truth = {k: v for k, v in json.loads((SHARED / "extraction" / "ground-truth-dev.json").read_text()).items() if k in raw}
    ours, skipped = product_bodies(raw)
    product, baseline = score(scorer, truth, ours), score(scorer, truth, trafilatura_bodies(raw))
    assert not skipped
    assert product["f1"] >= F1_FLOOR, product
    assert product["f1"] >= baseline["f1"] - 0.005, (product, baseline)
