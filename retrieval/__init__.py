"""Retrieval layer: news articles in, cited answering sentences out. No Discord here.

Public API::

    from retrieval import Retriever
    r = Retriever.from_settings()
    r.reindex()                      # IndexReport
    r.ask("Who called NATO membership unrealistic?")   # Answer
    r.sources(); r.source("000_4b7ff5b160893325")
"""

from retrieval.errors import (
    CorpusError,
    IndexBusyError,
    IndexMissingError,
    ModelLoadError,
    ModelMismatchError,
    QuestionError,
    RetrievalError,
    StoreUnavailableError,
)
from retrieval.feedback import REASONS, FeedbackStats, FeedbackStore
from retrieval.models import Answer, IndexReport, Passage, SkippedFile, Snippet, Source, SourceText
from retrieval.retriever import Retriever
from retrieval.watching import achanges as corpus_changes

__all__ = [
    "Answer", "CorpusError", "FeedbackStats", "FeedbackStore", "Passage", "REASONS", "IndexBusyError", "IndexMissingError", "IndexReport", "ModelLoadError",
    "ModelMismatchError", "QuestionError", "RetrievalError", "Retriever", "SkippedFile", "Snippet", "Source",
    "SourceText", "StoreUnavailableError", "corpus_changes",
]
