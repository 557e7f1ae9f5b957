"""Scale: a generated corpus of N articles (default 20,000), each number against a baseline
measured in the same run.

    .venv/bin/python bench/bench_scale.py [--articles 20000] [--server]

The corpus and its index are kept in bench/.cache/scale-<N>/ and reused by later runs (embedding
20,000 articles takes a quarter of an hour or more on 2 cores); the run that builds them also
reports the index rate.

1. full index time vs bare `model.encode` of the same sentences (rate ratio, target >= 0.8x; first run only)
2. query p50 at N articles vs at the 5 bundled ones (target <= 1.5x at 20,000)
3. a reader's start, `python -m retrieval ask` (process start, open, first answer) at N and at 5 (target <= 10 s)
4. re-index adding 100 articles to the N: sentences embedded, and its time vs a bare encode of
   those sentences alone (target <= 2x)
5. peak RSS of the bot serving the index, embedded (and, with --server, beside a Chroma server),
   with the bot serving the 5 bundled articles as the baseline (target <= 1.2 GB)
6. with --server: query p50 with a Chroma server vs embedded
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
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

from synthetic_corpus import article, write_corpus  # noqa: E402

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
ADDED = 100


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


def reader_start(index: Path, corpus: Path) -> float:
    """Seconds from process start to the first answer, as a user runs it."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "retrieval", "ask", "--json", QUESTIONS[0]], cwd=ROOT, check=True,
                   capture_output=True, env={**os.environ, "INDEX_DIR": str(index), "CORPUS_DIR": str(corpus)})
    return time.perf_counter() - start


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


def add_articles(corpus: Path, count: int) -> list[Path]:
    """`count` new generated articles, unlike those already there (another seed)."""
    import random

    rng = random.Random(2026)
    paths = []
    for n in range(count):
        text, _ = article(rng, n)
        path = corpus / f"added_{n:03d}.txt"
        path.write_text(text)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--server", action="store_true", help="also measure beside a Chroma server (copies the vectors)")
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    work = ROOT / "bench" / ".cache" / f"scale-{args.articles}"
    corpus, index = work / "corpus", work / "index"
    embedder = load_embedder("")
    for stale in corpus.glob("added_*.txt") if corpus.is_dir() else []:
        stale.unlink()  # left by an interrupted run
    big = Retriever(open_store(index, "news"), embedder, corpus)
    if not big.has_index():
        shutil.rmtree(work, ignore_errors=True)
        write_corpus(corpus, args.articles, include=BUNDLED_CORPUS)
        big = Retriever(open_store(index, "news"), embedder, corpus)
        texts = [t for a in scan(corpus, 5_000_000).articles for t in sentence_records(a)[1]]
        embedder.encode(texts[:64])
        start = time.perf_counter()
        embedder.encode(texts)
        bare = time.perf_counter() - start
        start = time.perf_counter()
        big.reindex()
        index_time = time.perf_counter() - start
        print(f"index rate / bare encode rate          {bare / index_time:5.2f}x  (target >= 0.8)  "
              f"{index_time:.1f} s vs {bare:.1f} s for {len(texts)} sentences")
    report = big.reindex()  # the current code's generation files; embeds nothing on a built index
    print(f"corpus: {len(report.unchanged) + len(report.added)} articles, {report.sentences_total} sentences, "
          f"{report.sentences_embedded} embedded now")

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        small_index = Path(tmp) / "small-index"
        small = Retriever(open_store(small_index, "news"), embedder, BUNDLED_CORPUS)
        small.reindex()
        p50_small, p50_big = p50_ask(small), p50_ask(big)
        print(f"query p50 at {args.articles} / at 5 articles    {p50_big / p50_small:5.2f}x  (target <= 1.5)  "
              f"{p50_big * 1000:.1f} ms vs {p50_small * 1000:.1f} ms")
        del small
        start_small, start_big = reader_start(small_index, BUNDLED_CORPUS), reader_start(index, corpus)
        print(f"reader start (open + first answer)     {start_big:5.1f} s   (target <= 10)  "
              f"at 5 articles {start_small:.1f} s")

    added = add_articles(corpus, ADDED)
    try:
        new_texts = [t for p in added for t in sentence_records(scan_one(p))[1]]
        embedder.encode(new_texts[:8])
        start = time.perf_counter()
        embedder.encode(new_texts)
        bare_added = time.perf_counter() - start
        start = time.perf_counter()
        grown = big.reindex()
        grow_time = time.perf_counter() - start
        assert len(grown.added) == ADDED and grown.sentences_embedded == len(new_texts), grown.summary()
        print(f"re-index +{ADDED} articles / bare encode   {grow_time / bare_added:5.2f}x  (target <= 2)  "
              f"{grow_time:.1f} s vs {bare_added:.1f} s; {grown.sentences_embedded} sentences embedded "
              f"(exactly the new ones)")
    finally:
        for path in added:
            path.unlink()
        big.reindex()

    del big
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        Retriever(open_store(Path(tmp), "news"), embedder, BUNDLED_CORPUS).reindex()
        rss_small = asyncio.run(bot_peak_rss({"INDEX_DIR": tmp, "CORPUS_DIR": str(BUNDLED_CORPUS)}))
    rss = asyncio.run(bot_peak_rss({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus)}))
    print(f"bot peak RSS, embedded Chroma           {rss:5.0f} MB  (target <= 1200)  at 5 articles {rss_small:.0f} MB")
    if args.server:
        server_measurements(index, corpus, embedder, work)


def scan_one(path: Path):
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(path, tmp)
        return scan(Path(tmp), 5_000_000).articles[0]


def server_measurements(index: Path, corpus: Path, embedder, work: Path) -> None:
    server = ChromaServer(work / "chroma").start()
    try:
        local = Retriever(open_store(index, "news"), embedder, corpus)
        remote_store = open_store(work / "server-files", "news", url=server.url)
        if not remote_store.read_pointer():
            # Copy the vectors rather than embed them again: this measures querying, not indexing.
            rec = local.store.get_all(include_embeddings=True)
            remote_store.add(rec.ids, rec.embeddings, rec.documents, rec.metadatas)
            remote_store.commit(None, local.store.read_manifest())
        remote = Retriever(remote_store, embedder, corpus)
        assert remote.ask(QUESTIONS[0]) == local.ask(QUESTIONS[0])
        p50_local, p50_remote = p50_ask(local), p50_ask(remote)
        print(f"query p50 server / embedded            {p50_remote / p50_local:5.2f}x  "
              f"{p50_remote * 1000:.1f} ms vs {p50_local * 1000:.1f} ms")
        rss = asyncio.run(bot_peak_rss({"CHROMA_URL": server.url, "CORPUS_DIR": str(corpus),
                                        "INDEX_DIR": str(work / "server-files")}))
        print(f"bot peak RSS, beside a Chroma server    {rss:5.0f} MB  (target <= 1200)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
