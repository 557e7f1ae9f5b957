"""What readers think of answers, kept durably in SQLite, and exported as an eval file.

Every answer shown gets a row (question, whether it was answered, the snippets' sources and sentence
ids); a vote is 👍 or 👎 with a reason, one per voter and answer (voting again changes the vote).
Voters are stored as a salted hash, never by name or id. `export` turns the votes into question
lines that `retrieval eval` reads, so that what readers flag becomes a regression set.

Also holds per-server settings, which share the file. Plain `sqlite3` in WAL mode: readers never
block the writer, and each call opens its own connection, so any thread may call it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from retrieval.errors import RetrievalError
from retrieval.models import Answer

# Why a 👎: what the reader would have wanted instead.
REASONS = {
    "wrong_passage": "the quoted passage does not answer",
    "wrong_source": "the source is wrong or missing",
    "should_abstain": "it should have said \"not in the coverage\"",
    "should_answer": "the coverage does answer this",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id INTEGER,
    question TEXT NOT NULL,
    answered INTEGER NOT NULL,
    confidence REAL NOT NULL,
    shown TEXT NOT NULL,          -- JSON: [{source, also_in, sentence_id, text}]
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS votes (
    answer_id INTEGER NOT NULL REFERENCES answers(id),
    voter TEXT NOT NULL,          -- salted hash of the voter: never a name
    vote INTEGER NOT NULL,        -- 1 or -1
    reason TEXT,
    at REAL NOT NULL,
    PRIMARY KEY (answer_id, voter)
);
CREATE TABLE IF NOT EXISTS guild_settings (
    guild_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (guild_id, key)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class FeedbackStats(BaseModel):
    answers: int
    answered: int
    up: int
    down: int

    @property
    def share_up(self) -> float | None:
        return self.up / (self.up + self.down) if self.up + self.down else None


class FeedbackStore:
    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(_SCHEMA)
                db.execute("INSERT OR IGNORE INTO meta VALUES ('salt', ?)", (os.urandom(16).hex(),))
                self._salt = db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0]
        except sqlite3.Error as exc:
            raise RetrievalError(f"cannot open the feedback file {path} ({exc}); fix FEEDBACK_DB") from None

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, kept open (opening one per call cost more than the write), in
        one transaction. WAL with synchronous=NORMAL: a crash of the bot loses nothing committed; a
        power cut may lose the last votes, not corrupt the file."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = sqlite3.connect(self.path, timeout=30)
            db.execute("PRAGMA synchronous=NORMAL")
        with db:
            yield db

    # --- answers and votes ---------------------------------------------------------------------
    def record_answer(self, answer: Answer, guild_id: int | None) -> int:
        shown = [{"source": s.source, "also_in": s.also_in, "sentence_id": s.sentence_id, "text": s.text}
                 for s in answer.snippets]
        with self._connect() as db:
            cur = db.execute(
                "INSERT INTO answers (guild_id, question, answered, confidence, shown, created) VALUES (?,?,?,?,?,?)",
                (guild_id, answer.question, int(answer.answered), answer.confidence, json.dumps(shown), time.time()))
            return int(cur.lastrowid)

    def vote(self, answer_id: int, voter: int, up: bool, reason: str | None = None) -> None:
        """One vote per voter and answer: voting again replaces the earlier vote."""
        if reason is not None and reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        with self._connect() as db:
            if db.execute("SELECT 1 FROM answers WHERE id = ?", (answer_id,)).fetchone() is None:
                raise RetrievalError("that answer is no longer on record")
            db.execute("INSERT OR REPLACE INTO votes VALUES (?,?,?,?,?)",
                       (answer_id, self._voter(voter), 1 if up else -1, reason, time.time()))

    def _voter(self, voter: int) -> str:
        return hashlib.sha256(f"{self._salt}:{voter}".encode()).hexdigest()[:24]

    def answer(self, answer_id: int) -> dict | None:
        with self._connect() as db:
            row = db.execute("SELECT question, answered, shown FROM answers WHERE id = ?", (answer_id,)).fetchone()
        if row is None:
            return None
        return {"question": row[0], "answered": bool(row[1]), "shown": json.loads(row[2])}

    def votes(self, answer_id: int) -> list[tuple[int, str | None]]:
        with self._connect() as db:
            return [(v, r) for v, r in db.execute("SELECT vote, reason FROM votes WHERE answer_id = ?", (answer_id,))]

    def stats(self, guild_id: int | None = None) -> FeedbackStats:
        where, args = ("WHERE guild_id = ?", (guild_id,)) if guild_id is not None else ("", ())
        with self._connect() as db:
            answers, answered = db.execute(f"SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM answers {where}",
                                           args).fetchone()
            vote_where = "WHERE answer_id IN (SELECT id FROM answers WHERE guild_id = ?)" if guild_id is not None else ""
            up, down = db.execute(f"SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) FROM votes "
                                  f"{vote_where}", args).fetchone()
        return FeedbackStats(answers=answers, answered=answered, up=up, down=down)

    # --- export --------------------------------------------------------------------------------
    def export(self) -> list[dict]:
        """Eval-file lines from the voted answers: confirmed answers (more 👍 than 👎) expect their first
        passage again; answers flagged "should have said not in the coverage" become unanswerable
        questions; other flagged answers are written with `review: true` and the passages readers
        rejected, for a person to add the expected phrase."""
        with self._connect() as db:
            rows = db.execute("SELECT a.id, a.question, a.answered, a.shown, v.vote, v.reason FROM answers a "
                              "JOIN votes v ON v.answer_id = a.id ORDER BY a.id").fetchall()
        by_answer: dict[int, dict] = {}
        for answer_id, question, answered, shown, vote, reason in rows:
            entry = by_answer.setdefault(answer_id, {"question": question, "answered": bool(answered),
                                                     "shown": json.loads(shown), "up": 0, "down": 0,
                                                     "reasons": Counter()})
            entry["up" if vote > 0 else "down"] += 1
            if reason:
                entry["reasons"][reason] += 1
        lines = []
        for answer_id, e in by_answer.items():
            base = {"id": f"feedback-{answer_id}", "question": e["question"], "votes": {"up": e["up"], "down": e["down"]}}
            first = e["shown"][0] if e["shown"] else None
            if e["up"] > e["down"]:
                if e["answered"] and first:  # a confirmed answer: the same passage is expected again
                    sources = {Path(first["source"]).stem, *(Path(x).stem for x in first["also_in"])}
                    lines.append({**base, "kind": "answer", "expect": [first["text"]], "sources": sorted(sources)})
                elif not e["answered"]:  # a confirmed "not in the coverage"
                    lines.append({**base, "kind": "abstain", "expect": [], "sources": []})
            elif e["down"] > e["up"]:
                reason = e["reasons"].most_common(1)[0][0] if e["reasons"] else "wrong_passage"
                if reason == "should_abstain":
                    lines.append({**base, "kind": "abstain", "expect": [], "sources": []})
                else:
                    lines.append({**base, "kind": "answer", "expect": [], "sources": [], "review": True,
                                  "reason": reason, "rejected": [s["text"] for s in e["shown"]]})
        return lines

    # --- per-server settings -------------------------------------------------------------------
    def guild_setting(self, guild_id: int, key: str) -> str | None:
        with self._connect() as db:
            row = db.execute("SELECT value FROM guild_settings WHERE guild_id = ? AND key = ?", (guild_id, key)).fetchone()
        return row[0] if row else None

    def set_guild_setting(self, guild_id: int, key: str, value: str | None) -> None:
        with self._connect() as db:
            if value is None:
                db.execute("DELETE FROM guild_settings WHERE guild_id = ? AND key = ?", (guild_id, key))
            else:
                db.execute("INSERT OR REPLACE INTO guild_settings VALUES (?,?,?)", (guild_id, key, value))

    def all_guild_settings(self) -> dict[int, dict[str, str]]:
        with self._connect() as db:
            rows = db.execute("SELECT guild_id, key, value FROM guild_settings").fetchall()
        out: dict[int, dict[str, str]] = {}
        for guild_id, key, value in rows:
            out.setdefault(guild_id, {})[key] = value
        return out
