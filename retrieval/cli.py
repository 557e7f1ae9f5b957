"""`python -m retrieval`: index a folder of articles and ask questions, with no Discord involved."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from config import ConfigError, Settings, load_settings
from retrieval.errors import QuestionError, RetrievalError
from retrieval.evaluation import format_scores, score
from retrieval.models import Answer

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__, pretty_exceptions_enable=False)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _settings(**overrides) -> Settings:
    return load_settings(**{k: v for k, v in overrides.items() if v is not None})


def _retriever(settings: Settings, ensure_index: bool = True):
    from retrieval.retriever import Retriever

    with err.status("loading the model…", spinner="dots") if err.is_terminal else _nullcontext():
        retriever = Retriever.from_settings(settings)
    if ensure_index and not retriever.has_index():
        err.print(f"No index yet: indexing {settings.corpus_dir} first.")
        _run_index(retriever, None, False)
    return retriever


class _nullcontext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _run_index(retriever, folder: Path | None, rebuild: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("embed", total=None)
        report = retriever.reindex(folder, rebuild=rebuild, progress=lambda done, total: bar.update(task, completed=done, total=total))
    for skip in report.skipped:
        err.print(f"skipped {escape(skip.file)}: {escape(skip.reason)}")
    return report


@app.command()
def index(
    folder: Annotated[Optional[Path], typer.Argument(help="Folder of articles (default: CORPUS_DIR, the bundled coverage)")] = None,
    rebuild: Annotated[bool, typer.Option(help="Drop the index and embed everything again")] = False,
) -> None:
    """Build or update the index of a folder of articles (only added or changed articles are embedded)."""
    settings = _settings(corpus_dir=folder)
    report = _run_index(_retriever(settings, ensure_index=False), settings.corpus_dir, rebuild)
    out.print(report.summary())


@app.command()
def ask(
    question: Annotated[Optional[str], typer.Argument(help="The question")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as one JSON object")] = False,
    jsonl: Annotated[Optional[Path], typer.Option(help="Answer every question in this file (JSON lines or plain lines)")] = None,
) -> None:
    """Answer a question from the coverage, with the sentences that answer it and their sources."""
    if (question is None) == (jsonl is None):
        raise RetrievalError("give either a QUESTION or --jsonl FILE")
    if jsonl is not None:
        questions = _read_questions(jsonl)
        retriever = _retriever(_settings())
        for q in questions:
            print(json.dumps(_ask_record(retriever, q), ensure_ascii=False), flush=True)
        return
    answer = _retriever(_settings()).ask(question)
    if as_json:
        print(json.dumps(answer.to_record(), ensure_ascii=False))
    else:
        _print_answer(answer)


def _ask_record(retriever, question: str) -> dict:
    try:
        return retriever.ask(question).to_record()
    except QuestionError as exc:  # one bad line must not sink a batch
        return {"question": question, "answered": False, "confidence": 0.0, "snippets": [], "error": str(exc)}


def _read_questions(path: Path) -> list[str]:
    if not path.is_file():
        raise RetrievalError(f"question file {path} does not exist")
    questions = []
    for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RetrievalError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("question"), str):
                raise RetrievalError(f"{path}:{n}: a JSON line needs a \"question\" string")
            questions.append(obj["question"])
        else:
            questions.append(line)
    return questions


def _print_answer(answer: Answer) -> None:
    if answer.answered:
        out.print(f"[bold]{escape(answer.question)}[/bold]\n")
    else:
        out.print("[bold]Not in the coverage.[/bold] The closest passages below do [bold]not[/bold] answer the question.\n")
    for n, s in enumerate(answer.snippets, 1):
        label = " — ".join(x for x in (s.title, s.outlet) if x)
        where = f"{label} ({s.source})" if label else s.source
        out.print(f"{n}. “{escape(s.text)}”")
        out.print(f"   [dim]{escape(where)}, score {s.score:.2f}[/dim]")
        if s.also_in:
            out.print(f"   [dim]also in: {escape(', '.join(s.also_in))}[/dim]")
    out.print(f"\n[dim]confidence {answer.confidence:.2f}[/dim]")


@app.command()
def sources() -> None:
    """List the indexed articles."""
    from rich.table import Table

    table = Table("id", "title", "outlet", "kind", "sentences", box=None)
    table.columns[0].no_wrap = True
    for s in _retriever(_settings()).sources():
        table.add_row(escape(s.id), escape(s.title or "—"), escape(s.outlet or "—"), escape(s.kind or "—"), str(s.sentences))
    out.print(table)


@app.command()
def show(source: Annotated[str, typer.Argument(help="Article file name, its stem, or a unique part of its title")]) -> None:
    """Print one article's cleaned text with its metadata."""
    doc = _retriever(_settings()).source(source)
    for key, value in doc.source.model_dump(exclude={"content_hash"}).items():
        if value not in (None, ""):
            out.print(f"[bold]{key}:[/bold] {escape(str(value))}")
    out.print()
    out.print(escape(doc.text))


@app.command("eval")
def evaluate(
    questions: Annotated[Path, typer.Argument(help="Question file: question, kind, expect, sources per line")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON")] = False,
) -> None:
    """Answer a question file and print the scores (same definitions as shared/eval/score.py)."""
    if not questions.is_file():
        raise RetrievalError(f"question file {questions} does not exist")
    try:
        items = [json.loads(l) for l in questions.read_text(encoding="utf-8").splitlines() if l.strip()]
    except json.JSONDecodeError as exc:
        raise RetrievalError(f"{questions}: not valid JSON lines ({exc.msg})") from None
    retriever = _retriever(_settings())
    answers = [_ask_record(retriever, q["question"]) for q in items]
    result = score(items, answers)
    print(json.dumps(result) if as_json else format_scores(result))


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app(standalone_mode=False)
    except (RetrievalError, ConfigError) as exc:
        err.print(f"error: {escape(str(exc))}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # click's usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":
    main()
