"""Indexing killed half-way, and two writers at once: readers keep the last complete index.

Every reader and writer here is its own `python -m retrieval` process, as in real use: embedded
Chroma is not safe for a process to share with another writer, so the test process never opens
the embedded store while another process writes to it.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from retrieval.store import LOCK_SUFFIX, open_store

from .conftest import ROOT

EXTRA = 200  # 2,400 sentences: two embedding chunks, so a kill after the first lands half-way
QUESTION = "Who called NATO membership unrealistic?"


def grow(corpus: Path) -> None:
    """Enough articles that embedding them takes several seconds."""
    for n in range(EXTRA):
        (corpus / f"extra_{n:03d}.txt").write_text(" ".join(
            f"In district {n}, inspectors counted {n * 7 + k} damaged roofs on street number {k} after the storm."
            for k in range(12)) + "\n")


def start(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "retrieval", *args], cwd=ROOT, text=True,
                            env={**os.environ, "HF_HUB_OFFLINE": "1", **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    proc = start(env, *args)
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


class Backend:
    def __init__(self, env: dict, size, step: int):
        self.env = env
        self.size = size  # a number that grows as the writer stores records
        self.step = step  # how much it grows for a batch of sentences (not for taking the lock)


@pytest.fixture(params=["embedded", "server"])
def backend(request, tmp_path, corpus):
    if request.param == "embedded":
        index = tmp_path / "index"
        return Backend({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus)},
                       lambda: sum(f.stat().st_size for f in index.rglob("*") if f.is_file()), 500_000)
    server = request.getfixturevalue("chroma_server")
    name = f"crash{time.monotonic_ns()}"
    return Backend({"CHROMA_URL": server.url, "COLLECTION": name, "CORPUS_DIR": str(corpus),
                    "INDEX_DIR": str(tmp_path / "generations")},
                   lambda: len(open_store(None, name, url=server.url).get_all(include_documents=False).ids), 1)


def test_killed_half_way_keeps_old_answers_and_next_run_completes(corpus, backend):
    assert cli(backend.env, "index").returncode == 0
    before = json.loads(cli(backend.env, "ask", "--json", QUESTION).stdout)
    grow(corpus)

    size = backend.size()
    proc = start(backend.env, "index")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and backend.size() < size + backend.step:
        time.sleep(0.05)  # wait for the first batch of new records to land, then kill
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run was killed before it finished"
    assert backend.size() >= size + backend.step, "it died half-way, with records written"

    assert json.loads(cli(backend.env, "ask", "--json", QUESTION).stdout) == before
    assert "extra_" not in cli(backend.env, "sources").stdout, "the half-written articles are invisible"

    done = cli(backend.env, "index")  # the dead run's lock is stale (its process is gone): taken over
    assert done.returncode == 0, done.stderr
    assert f"{EXTRA} added, 0 changed, 0 removed, 5 unchanged" in done.stdout
    answer = json.loads(cli(backend.env, "ask", "--json", "How many damaged roofs did inspectors count?").stdout)
    assert answer["snippets"][0]["source"].startswith("extra_"), "the completed run's articles are searchable"


def test_second_writer_is_told_who_holds_the_lock(corpus, backend):
    # Hold the lock from another live process, the way a long indexing run does.
    script = ("import os, sys, time; os.environ.setdefault('HF_HUB_OFFLINE', '1'); from config import load_settings; "
              "from retrieval.store import open_store; s = load_settings(); "
              "st = open_store(s.index_dir, s.collection, s.chroma_url); "
              "cm = st.writer_lock(); cm.__enter__(); print('locked', flush=True); sys.stdin.read(); cm.__exit__(None, None, None)")
    lock = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, text=True, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env={**os.environ, **backend.env})
    try:
        assert lock.stdout.readline().strip() == "locked"
        busy = cli(backend.env, "index")
    finally:
        lock.communicate("", timeout=60)
    assert busy.returncode == 1
    lines = [line for line in busy.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "another indexing run" in lines[0] and f"pid {lock.pid}" in lines[0]
    assert cli(backend.env, "index").returncode == 0, "released when the holder finished"


def test_two_concurrent_reindexes_one_wins_store_stays_sound(corpus, backend):
    grow(corpus)
    procs = [start(backend.env, "index") for _ in range(2)]
    results = [(p.wait(300), p.stderr.read()) for p in procs]
    assert sorted(code for code, _ in results) in ([0, 0], [0, 1]), results
    assert all("another indexing run" in err for code, err in results if code == 1)
    again = cli(backend.env, "index")
    assert f"0 added, 0 changed, 0 removed, {5 + EXTRA} unchanged" in again.stdout
    assert "0 sentences embedded" in again.stdout
    assert json.loads(cli(backend.env, "ask", "--json", QUESTION).stdout)["answered"]
    if "INDEX_DIR" in backend.env:  # every writer has exited: safe to look from here
        client = open_store(Path(backend.env["INDEX_DIR"]), "news")._client
    else:
        client = open_store(None, backend.env["COLLECTION"], url=backend.env["CHROMA_URL"])._client
    assert not any(c.name.endswith(LOCK_SUFFIX) for c in client.list_collections()), "the lock is released"
