"""`python -m retrieval`: index a folder of articles and ask questions, with no Discord involved."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from config import ConfigError, Settings, load_settings
from retrieval.errors import QuestionError, RetrievalError
from retrieval.evaluation import (format_reliability, format_scores, read_questions, reliability, retriever_for,
                                  score)
from retrieval.models import Answer, SkippedFile

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
    elif ensure_index:
        _warn_other_folder(retriever, settings)
    return retriever


def _warn_other_folder(retriever, settings: Settings) -> None:
    """Answers come from the index, not from CORPUS_DIR: when the two disagree, say so rather than
    quietly answer from the other folder. Only a CORPUS_DIR the user set counts: after
    `index SOME_FOLDER`, the default is not a choice they made."""
    if "corpus_dir" not in settings.model_fields_set:
        return
    indexed = retriever.indexed_folder()
    if indexed is not None and indexed != settings.corpus_dir.resolve():
        where = settings.chroma_url or settings.index_dir
        err.print(f"note: the index in {escape(str(where))} holds "
                  f"{escape(str(indexed))}, not CORPUS_DIR {escape(str(settings.corpus_dir))}; answers come from "
                  "the former. Run `python -m retrieval index` to index CORPUS_DIR, or set INDEX_DIR to keep both.")


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
    watch: Annotated[bool, typer.Option(help="Keep running: re-index within seconds of a file being added, changed or removed")] = False,
) -> None:
    """Build or update the index of a folder of articles (only added or changed articles are embedded)."""
    settings = _settings(corpus_dir=folder)
    retriever = _retriever(settings, ensure_index=False)
    report = _run_index(retriever, settings.corpus_dir, rebuild)
    out.print(report.summary())
    if watch:
        sys.stdout.flush()
        _watch(retriever, settings.corpus_dir)


def _watch(retriever, folder: Path) -> None:
    """Re-index after each burst of changes (debounced: saving twenty files is one re-index)."""
    from retrieval.watching import changes

    ready = lambda: err.print(f"watching {escape(str(folder))} for changes; Ctrl+C stops")  # noqa: E731
    for _ in changes(folder, on_ready=ready):
        try:
            report = _run_index(retriever, folder, False)
        except RetrievalError as exc:  # another writer, an emptied folder, a server gone: say so, keep watching
            err.print(f"error: {escape(str(exc))}")
            continue
        out.print(f"{time.strftime('%H:%M:%S')} {report.summary()}")
        sys.stdout.flush()


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
        questions = read_questions(jsonl)
        retriever = _retriever(_settings())
        for record in _ask_records(retriever, [(r["question"], error) for r, error in questions]):
            print(json.dumps(record, ensure_ascii=False), flush=True)
        return
    answer = _retriever(_settings()).ask(question)
    if as_json:
        print(json.dumps(answer.to_record(), ensure_ascii=False))
    else:
        _print_answer(answer)


# Questions answered per model call when reading a file: the batch speed-up is near its peak here,
# and answers still stream out as they are ready.
BATCH = 64


def _ask_records(retriever, questions: list[tuple[str, str | None]]):
    """One answer record per (question, parse error), in order, asked in batches; one bad question
    must not sink a batch."""
    for i in range(0, len(questions), BATCH):
        chunk = questions[i:i + BATCH]
        asked = iter(retriever.ask_many([q for q, error in chunk if error is None]))
        for question, error in chunk:
            answer = next(asked) if error is None else None
            if isinstance(answer, QuestionError):
                error = str(answer)
            if error is None:
                yield answer.to_record()
            else:
                yield {"question": question or "", "answered": False, "confidence": 0.0, "snippets": [], "error": error}


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

    table = Table("id", "title", "outlet", "date", "kind", "sentences", "url", box=None)
    table.columns[0].no_wrap = True
    for s in _retriever(_settings()).sources():
        table.add_row(*(escape(x or "—") for x in (s.id, s.title, s.outlet, s.date, s.kind)), str(s.sentences),
                      escape(s.url or "—"))
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
    questions: Annotated[list[Path], typer.Argument(help="Question files: question, kind, expect, sources per line")],
    corpus: Annotated[Optional[list[Path]], typer.Option(
        help="Corpus folder of each question file, in the same order (repeat it); the rest use CORPUS_DIR")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON")] = False,
) -> None:
    """Answer question files, each on its own corpus, and print each set's scores and reliability table."""
    settings = _settings()
    corpora = list(corpus or [])
    if len(corpora) > len(questions):
        raise RetrievalError(f"{len(corpora)} --corpus folders for {len(questions)} question files")
    sets = [(path, corpora[i] if i < len(corpora) else settings.corpus_dir) for i, path in enumerate(questions)]
    embedder = None
    results = {}
    for path, folder in sets:
        items = []
        for record, error in read_questions(path):
            if error:
                err.print(f"skipped {escape(error)}")
                continue
            items.append(record)
        retriever, report = retriever_for(settings, folder, embedder)
        if report.added or report.changed or report.removed:
            err.print(f"indexed {folder}: {report.summary()}")
        embedder = retriever.embedder
        answers = list(_ask_records(retriever, [(q["question"], None) for q in items]))
        result = score(items, answers)
        result["reliability"] = reliability(items, answers)
        results[str(path)] = result
        if not as_json:
            print(f"== {path} (corpus {folder})")
            print(format_scores(result))
            print(format_reliability(result["reliability"]))
    if as_json:
        print(json.dumps(results if len(results) > 1 else next(iter(results.values()))))


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object: articles with metadata, text and sentences")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON line per article: metadata and text")] = False,
) -> None:
    """Show what the index would hold for files or folders (metadata and cleaned text), without the model or the index."""
    from retrieval.corpus import Article, articles_in_file, cited_name, load_metadata, scan

    settings = _settings()
    articles: list[Article] = []
    skipped = []
    for path in paths:
        if path.is_dir():
            found = scan(path, settings.max_article_bytes)
            articles += found.articles
            skipped += found.skipped
        elif path.is_file():
            # Named as the index names it ("crawl.jsonl.gz" -> "crawl.jsonl").
            for name, article in articles_in_file(path, cited_name(path.name), load_metadata(path.parent),
                                                  settings.max_article_bytes):
                if isinstance(article, str):
                    skipped.append(SkippedFile(file=str(path.parent / name), reason=article))
                else:
                    articles.append(article)
        else:
            raise RetrievalError(f"{path} does not exist")
    for skip in skipped:
        err.print(f"skipped {escape(skip.file)}: {escape(skip.reason)}")
    records = [_article_record(a, with_sentences=as_json) for a in articles]
    if as_json:
        print(json.dumps({"articles": records, "skipped": [s.model_dump() for s in skipped]}, ensure_ascii=False))
    elif jsonl:
        for record in records:
            print(json.dumps(record, ensure_ascii=False))
    else:
        for a in articles:
            for key, value in a.source.model_dump(exclude={"content_hash"}).items():
                if value not in (None, ""):
                    out.print(f"[bold]{key}:[/bold] {escape(str(value))}")
            out.print()
            out.print(escape(a.text))
            out.print()
    if not articles:
        raise RetrievalError("nothing extracted: every file was skipped (reasons above)")


def _article_record(article, with_sentences: bool) -> dict:
    record = {**article.source.model_dump(exclude={"content_hash"}), "text": article.text}
    if with_sentences:
        record["sentence_spans"] = [{"text": s.text, "start": s.start, "end": s.end, "quotable": not s.heading,
                                "section": s.section} for s in article.sentences]
    return record


feedback_app = typer.Typer(help="Readers' votes on the bot's answers (FEEDBACK_DB).", no_args_is_help=True)
app.add_typer(feedback_app, name="feedback")


@feedback_app.command("export")
def feedback_export(
    file: Annotated[Path, typer.Argument(help="Where to write the question lines (JSON lines, the eval format)")],
) -> None:
    """Write voted answers as an eval file: confirmed answers, "should have said not in the coverage"
    as unanswerable questions, other flagged answers marked `review: true` for a person to complete."""
    from config import feedback_path
    from retrieval.feedback import FeedbackStore

    path = feedback_path(_settings())
    if not path.is_file():
        raise RetrievalError(f"no feedback file at {path} yet; the bot writes it when readers vote (FEEDBACK_DB)")
    lines = FeedbackStore(path).export()
    file.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    review = sum(1 for line in lines if line.get("review"))
    out.print(f"{len(lines)} questions written to {escape(str(file))} ({review} marked for review)")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app(standalone_mode=False)
    except (RetrievalError, ConfigError) as exc:
        err.print(f"error: {escape(str(exc))}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(0 if "--watch" in sys.argv else 130)  # Ctrl+C is how a watch ends
    except Exception as exc:  # click's usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":
    main()
