"""Every error kg reports to a user: one class per kind of failure, each message names the item at fault.

The CLI prints ``str(error)`` on one line of stderr and exits with ``error.exit_code``
(1: the work failed, 2: bad usage or bad input).
"""

from __future__ import annotations


class KgError(Exception):
    """Base class: an error with a message a user understands."""

    exit_code = 1


class IngestError(KgError):
    """An input file or line could not be read as an article (empty, binary, undecodable, malformed)."""

    exit_code = 2

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class NothingIngestedError(KgError):
    """No article at all could be read from the given paths."""

    exit_code = 2


class PipelineError(KgError):
    """The spaCy pipeline could not be loaded."""


class ExtractionError(KgError):
    """Extraction failed on one article (reported, and the batch goes on)."""


class ArticleFailedError(KgError):
    """One article failed in a step of the build after extraction (RDF mapping, store write, linking).

    The build names it, counts it among the failures, goes on with the rest of the batch and exits 1.
    """

    def __init__(self, article_id: str, step: str, reason: str) -> None:
        super().__init__(f"{article_id}: {step} failed: {reason}")
        self.article_id = article_id
        self.step = step


class BuildInterruptedError(KgError):
    """A build stopped by Ctrl-C (SIGINT): the message says how many whole articles it kept."""

    exit_code = 130


class LexiconError(ExtractionError):
    """An extraction data file under ``kg/data/`` breaks its schema: the message names the file and key."""


class StoreError(KgError):
    """The store could not be opened, read or written."""


class OutputError(KgError):
    """An output could not be written: a full disk, no permission, a missing folder, a closed pipe."""


class StoreLockedError(StoreError):
    """Another process holds the store."""


class QueryError(KgError):
    """A SPARQL query is malformed or not allowed."""

    exit_code = 2


class UpdateNotAllowedError(QueryError):
    """A SPARQL Update was sent without permission."""


class UnknownFormatError(KgError):
    """A format or store name is not in the registry."""

    exit_code = 2

    def __init__(self, kind: str, name: str, known: list[str]) -> None:
        super().__init__(f"unknown {kind} {name!r}; choose one of: {', '.join(sorted(known))}")


class ValidationFailed(KgError):
    """SHACL validation found violations."""


class NotFoundError(KgError):
    """An entity, article or ready query named by the user does not exist."""

    exit_code = 2


class OntologyError(KgError):
    """An ontology or shapes file is missing or cannot be parsed, or a term is not declared in it."""


class MappingError(KgError):
    """An extraction could not be mapped to RDF (bad date, unknown kind, dangling event reference)."""


class MappingWarning(UserWarning):
    """A value that could not be mapped to RDF was dropped; the rest of the article is kept."""


class ClusterError(KgError):
    """The Dask cluster named by ``--cluster`` cannot be used (bad address, unreachable, dask missing)."""


class BadOptionError(KgError):
    """An option's value is malformed, e.g. a date that is not ISO ``YYYY-MM-DD``."""

    exit_code = 2


class ServeError(KgError):
    """``kg serve`` cannot start with these settings (updates without a token, no store, a bad limit)."""

    exit_code = 2


class RequestError(KgError):
    """A request the SPARQL endpoint refuses, with the HTTP status to answer."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class WorkerTimeoutError(KgError):
    """Server work outlasted its time limit; the worker doing it was stopped."""


class WorkerBusyError(KgError):
    """No server worker became free within the time limit."""


class WorkerFailedError(KgError):
    """A server worker died or raised an unexpected error."""


class QueryFailedError(KgError):
    """A well-formed query failed while running (a SERVICE endpoint failed, the store could not be read)."""


class MissingExtraError(KgError):
    """An optional feature needs a package that is not installed: the message names the pip extra."""

    exit_code = 2


def reason_of(exc: BaseException) -> str:
    """What to tell a user about ``exc``: a kg error's own message, else its type and message."""
    return str(exc) if isinstance(exc, KgError) else f"{type(exc).__name__}: {exc}"
