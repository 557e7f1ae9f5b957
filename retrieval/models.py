"""What crosses the public API: pydantic models for answers, sources and index reports."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Source(BaseModel):
    """One indexed article."""

    id: str = Field(description="File name relative to the corpus folder, e.g. 000_4b7f.txt")
    title: str | None = Field(None, description="Headline; else the first heading or first words of the text")
    outlet: str | None = None
    kind: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None
    sentences: int = 0
    content_hash: str = ""

    @property
    def label(self) -> str:
        """How a citation names this article: title and outlet where known, else the file name."""
        if self.title and self.outlet:
            return f"{self.title} ({self.outlet})"
        return self.title or self.outlet or self.id


class SourceText(BaseModel):
    """One article's cleaned text with its metadata."""

    source: Source
    text: str


class Snippet(BaseModel):
    """One answering statement, cited."""

    source: str = Field(description="Article file the snippet is quoted from")
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    text: str = Field(description="The answering sentence or two, at most 400 characters")
    context: str = Field("", description="Neighbouring sentences")
    score: float = 0.0
    also_in: list[str] = Field(default_factory=list, description="Other articles carrying the same statement")
    sentence_id: str = Field("", description="The quoted sentence's id in the index (for feedback and context)")


class Answer(BaseModel):
    question: str
    answered: bool
    confidence: float = 0.0
    snippets: list[Snippet] = Field(default_factory=list)
    evidence: dict[str, float] = Field(default_factory=dict,
                                       description="What the confidence was computed from (first snippet)")

    def to_record(self) -> dict:
        """The `ask --json/--jsonl` line format (see README)."""
        return {
            "question": self.question,
            "answered": self.answered,
            "confidence": round(self.confidence, 4),
            "snippets": [s.model_dump() for s in self.snippets],
        }


class Passage(BaseModel):
    """The paragraph around a quoted sentence, with its article."""

    source: Source
    text: str


class SkippedFile(BaseModel):
    file: str
    reason: str


class IndexReport(BaseModel):
    added: list[str] = Field(default_factory=list)
    changed: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list)
    sentences_embedded: int = 0
    sentences_total: int = 0

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed, "
                f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped; "
                f"{self.sentences_embedded} sentences embedded, {self.sentences_total} in the index")
