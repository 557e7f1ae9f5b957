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


def test_ask_says_when_the_index_holds_another_folder_than_corpus_dir(env, tmp_path):
    # The module's index holds the bundled coverage; a user who points CORPUS_DIR elsewhere and asks
    # without re-indexing must be told where the answer comes from, not answered silently from it.
    other = tmp_path / "mine"
    other.mkdir()
    (other / "a.txt").write_text("The harbour bridge reopened on Monday after repairs.\n")
    proc = run({**env, "CORPUS_DIR": str(other)}, "ask", "Who called NATO membership unrealistic?")
    assert "holds" in proc.stderr and str(ROOT / "data" / "coverage") in proc.stderr and str(other) in proc.stderr
    assert "retrieval index" in proc.stderr
    # Named explicitly as the indexed folder, or left at its default: nothing to say.
    proc = run({**env, "CORPUS_DIR": str(ROOT / "data" / "coverage")}, "ask", "Who called NATO membership unrealistic?")
    assert proc.stderr.strip() == ""
    assert run(env, "ask", "Who called NATO membership unrealistic?").stderr.strip() == ""


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


def test_ask_jsonl_splits_on_newlines_only_and_goes_on_after_a_malformed_line(env, tmp_path):
    qfile = tmp_path / "q.jsonl"
    qfile.write_bytes("Who is the Kremlin\x0cspokesman?\n{\"question\": \"When was NATO\x1c established?\"}\n"
                      "{not json\nWhere might Trump and Putin meet?\u2028in person\n".encode())
    records = [json.loads(line) for line in run(env, "ask", "--jsonl", str(qfile)).stdout.splitlines()]
    assert len(records) == 4, "one answer per line, whatever control characters a line holds"
    assert records[2]["answered"] is False and "not valid JSON" in records[2]["error"]
    assert records[3]["snippets"], "the batch went on after the bad line"


def test_eval_skips_lines_without_a_question_and_scores_several_sets(env, tmp_path):
    bundled = tmp_path / "bundled.jsonl"
    bundled.write_text(json.dumps({"question": "When was NATO established?", "kind": "answer", "expect": ["1949"],
                                   "sources": ["000_4b7ff5b160893325"]}) + "\n" + '{"kind": "answer"}\n')
    other = tmp_path / "corpus"
    other.mkdir()
    (other / "port.txt").write_text("The harbour of Portmere will reopen on Monday, the port authority said. "
                                    "Ferries will run every hour from the eastern quay.\n")
    local = tmp_path / "local.jsonl"
    local.write_text(json.dumps({"question": "When will the Portmere harbour reopen?", "kind": "answer",
                                 "expect": ["Monday"], "sources": ["port"]}) + "\n")
    proc = run(env, "eval", "--json", str(bundled), str(local), "--corpus", str(ROOT / "data" / "coverage"),
               "--corpus", str(other))
    assert "Traceback" not in proc.stderr and "needs a \"question\" string" in proc.stderr
    results = json.loads(proc.stdout)
    assert results[str(bundled)]["answer_questions"] == 1
    assert results[str(local)]["answer@1"] == 1.0
    table = results[str(local)]["reliability"]
    assert sum(row["n"] for row in table) == 1 and sum(row["right"] for row in table) == 1


def test_extract_shows_what_the_index_would_hold_without_the_model(env, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Harbour reopens - Portmere Post</title>"
                    "<meta property='og:site_name' content='Portmere Post'></head><body><article>"
                    "<h1>Harbour reopens</h1><p>The harbour of Portmere will reopen on Monday, the port authority "
                    "said on Sunday evening.</p><p>Ferries will run every hour from the eastern quay until May.</p>"
                    "</article></body></html>")
    (tmp_path / "empty.txt").write_text("")
    proc = run({**env, "EMBEDDING_MODEL": "/nonexistent/model"}, "extract", "--json", str(tmp_path))
    data = json.loads(proc.stdout)
    [article] = data["articles"]
    assert (article["title"], article["outlet"]) == ("Harbour reopens", "Portmere Post")
    assert article["sentences"] == sum(s["quotable"] for s in article["sentence_spans"]) == 2
    for s in article["sentence_spans"]:
        assert article["text"][s["start"]:s["end"]] == s["text"]
    assert data["skipped"] == [{"file": "empty.txt", "reason": "empty file"}]
    assert "skipped empty.txt: empty file" in proc.stderr
    lines = run(env, "extract", "--jsonl", str(page)).stdout.splitlines()
    assert len(lines) == 1 and "sentence_spans" not in json.loads(lines[0])
    nothing = run(env, "extract", str(tmp_path / "empty.txt"), check_ok=False)
    assert nothing.returncode == 1 and "Traceback" not in nothing.stderr
    assert nothing.stderr.splitlines() == [f"skipped {tmp_path / 'empty.txt'}: empty file",
                                           "error: nothing extracted: every file was skipped (reasons above)"]


def test_json_answer_carries_article_metadata(env):
    top = json.loads(run(env, "ask", "--json", "Who called NATO membership unrealistic?").stdout)["snippets"][0]
    assert {"title", "outlet", "date", "url"} <= set(top) and top["date"]
