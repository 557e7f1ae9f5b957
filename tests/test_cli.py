"""The command-line contract, run as a user runs it: real processes, real model, real embedded Chroma."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    index = tmp_path_factory.mktemp("cli-index")
    return {**os.environ, "HF_HUB_OFFLINE": "1", "INDEX_DIR": str(index)}


def run(env, *args, check_ok=True):
    proc = subprocess.run([sys.executable, "-m", "retrieval", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)
    if check_ok:
        assert proc.returncode == 0, proc.stderr
    return proc


def assert_one_line_error(proc, *needles):
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_ask_json_indexes_on_first_use_and_cites(env):
    proc = run(env, "ask", "--json", "Who called NATO membership unrealistic?")
    answer = json.loads(proc.stdout)
    assert answer["answered"] is True
    top = answer["snippets"][0]
    assert set(top) >= {"source", "title", "outlet", "text", "context", "score", "also_in"}
    assert "Hegseth" in top["text"] and (ROOT / "data" / "coverage" / top["source"]).is_file()


def test_ask_jsonl_keeps_order_and_survives_bad_lines(env, tmp_path):
    qfile = tmp_path / "q.jsonl"
    qfile.write_text('{"question": "Who is the Kremlin spokesman?", "kind": "answer", "id": 7}\n'
                     "What is the capital of France?\n\n"
                     '{"question": "???"}\n')
    lines = run(env, "ask", "--jsonl", str(qfile)).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["question"] for r in records] == ["Who is the Kremlin spokesman?", "What is the capital of France?", "???"]
    assert records[0]["answered"] and "Peskov" in records[0]["snippets"][0]["text"]
    assert records[1]["answered"] is False
    assert records[2]["answered"] is False and "error" in records[2]


def test_readable_answer_and_not_in_coverage(env):
    out = run(env, "ask", "Where might Trump and Putin meet in person?").stdout
    assert "Saudi Arabia" in out and ".txt" in out
    out = run(env, "ask", "How do I bake sourdough bread?").stdout
    assert "Not in the coverage" in out and "not" in out


def test_index_reports_unchanged_corpus(env):
    out = run(env, "index").stdout
    assert "0 added, 0 changed, 0 removed, 5 unchanged" in out and "0 sentences embedded" in out


def test_sources_and_show(env):
    out = run(env, "sources").stdout
    assert "000_4b7ff5b160893325.txt" in out and "CGTN" in out
    out = run(env, "show", "001_64706d191d4acd2b").stdout
    assert "title: Trump-Putin Call" in out and "Hegseth" in out and "Explorepedia" not in out


def test_eval_prints_scores(env, tmp_path):
    qfile = tmp_path / "eval.jsonl"
    qfile.write_text(json.dumps({"question": "When was NATO established?", "kind": "answer", "expect": ["1949"],
                                 "sources": ["000_4b7ff5b160893325"]}) + "\n"
                     + json.dumps({"question": "What is the capital of France?", "kind": "abstain",
                                   "expect": [], "sources": []}) + "\n")
    scores = json.loads(run(env, "eval", "--json", str(qfile)).stdout)
    assert scores["answer_questions"] == 1 and scores["abstain_questions"] == 1
    assert scores["abstain"] == 1 and scores["hit@3"] == 1.0


def test_bad_input_is_one_clear_line(env, tmp_path):
    assert_one_line_error(run(env, "ask", "", check_ok=False), "question is empty")
    assert_one_line_error(run(env, "ask", "?!", check_ok=False), "no words")
    assert_one_line_error(run(env, "index", str(tmp_path / "nope"), check_ok=False), "does not exist")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_one_line_error(run(env, "index", str(empty), check_ok=False), "no readable articles")
    assert_one_line_error(run({**env, "MAX_SNIPPETS": "many"}, "ask", "x", check_ok=False), "MAX_SNIPPETS")
    assert_one_line_error(run(env, "ask", "--jsonl", str(tmp_path / "missing.jsonl"), check_ok=False), "does not exist")


def test_unreachable_chroma_server_is_one_line(env):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = run({**env, "CHROMA_URL": f"http://127.0.0.1:{port}"}, "ask", "Who?", check_ok=False)
    assert_one_line_error(proc, f"http://127.0.0.1:{port}")


def test_long_question_is_answered(env):
    question = "Who called NATO membership unrealistic? " + "x" * 5000
    assert json.loads(run(env, "ask", "--json", question).stdout)["snippets"]
