"""Does writing to Chroma go faster with several write batches in flight? (The indexer keeps one in
flight while it embeds the next chunk; on a GPU, embedding outruns the writes.)

    .venv/bin/python bench/bench_writes.py [--records 12000] [--workers 3]

Writes the same records (random 384-dimension vectors, sentence-like documents and metadata) in
batches of 1,000 from one thread and from several, into embedded Chroma and into a `chroma run`
server, and prints the time ratio several / one for each.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrieval.store import Store, open_store  # noqa: E402
from tests.conftest import ChromaServer  # noqa: E402

BATCH = 1000


def write(store: Store, records: tuple, workers: int) -> float:
    ids, vectors, docs, metas = records
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda i: store.add(ids[i:i + BATCH], vectors[i:i + BATCH], docs[i:i + BATCH], metas[i:i + BATCH]),
                      range(0, len(ids), BATCH)))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=12000)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    n = args.records
    vectors = np.random.default_rng(0).standard_normal((n, 384)).astype(np.float32)
    records = ([f"{i % 500:032d}:{i}" for i in range(n)], vectors,
               [f"Sentence number {i} of the benchmark, about as long as a news sentence is." for i in range(n)],
               [{"doc": f"{i % 500:032d}", "n": i, "block": i // 3, "start": 0, "end": 70, "section": ""} for i in range(n)])
    with tempfile.TemporaryDirectory() as tmp:
        times = {}
        for workers in (1, args.workers):
            times[workers] = write(open_store(Path(tmp) / "embedded", f"writes-{workers}"), records, workers)
        print(f"embedded: {args.workers} writers / 1   {times[args.workers] / times[1]:5.2f}x  "
              f"{times[args.workers]:.2f} s vs {times[1]:.2f} s for {n} records")
        server = ChromaServer(Path(tmp) / "chroma").start()
        try:
            for workers in (1, args.workers):
                times[workers] = write(open_store(None, f"writes-{workers}", url=server.url), records, workers)
        finally:
            server.stop()
        print(f"server:   {args.workers} writers / 1   {times[args.workers] / times[1]:5.2f}x  "
              f"{times[args.workers]:.2f} s vs {times[1]:.2f} s for {n} records")


if __name__ == "__main__":
    main()
