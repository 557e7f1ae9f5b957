"""Errors a user can fix. Their message is one line saying what is wrong and what to do."""


class RetrievalError(Exception):
    """Base class: an expected failure with a user-facing message."""


class CorpusError(RetrievalError):
    """The corpus folder is missing, empty, or has nothing indexable."""


class IndexMissingError(RetrievalError):
    """No index has been built yet."""


class ModelMismatchError(RetrievalError):
    """The index was built with another embedding model than the configured one."""


class StoreUnavailableError(RetrievalError):
    """The Chroma store cannot be reached or opened."""


class IndexBusyError(RetrievalError):
    """Another process is re-indexing the same store."""


class QuestionError(RetrievalError):
    """The question cannot be answered as asked (empty, no words)."""


class ModelLoadError(RetrievalError):
    """The embedding model cannot be loaded."""
