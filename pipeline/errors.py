"""The project's own exceptions: setup and usage errors that a user can fix."""

from __future__ import annotations


class PipelineError(Exception):
    """An error the user can act on; the message says what to do."""


class CorpusError(PipelineError):
    """The corpus folder is missing, empty or unreadable."""


class StageInputError(PipelineError):
    """A stage was asked to run before the stage it reads from."""


class ResourceError(PipelineError):
    """A data file under ``pipeline/resources`` is malformed."""


class OutputError(PipelineError):
    """An output folder is not a pipeline output, or has an incompatible schema."""


class OutputBusyError(PipelineError):
    """Another run is writing to the same output folder."""
