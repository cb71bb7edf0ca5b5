"""One exception hierarchy, with messages a user can act on."""

from __future__ import annotations


class PufaError(Exception):
    """Base of every error pufa-graph raises on purpose."""


class ReadError(PufaError):
    """A file could not be read as a report; the message names the file and the cause."""

    def __init__(self, path: object, cause: str):
        self.path = str(path)
        self.cause = cause
        super().__init__(f"{self.path}: {cause}")


class StageError(PufaError):
    """A pipeline stage failed on a document: names the stage and the file."""

    def __init__(self, path: object, stage: str, cause: str):
        self.path = str(path)
        self.stage = stage
        self.cause = cause
        super().__init__(f"{self.path}: stage '{stage}' failed: {cause}")


class StoreError(PufaError):
    """The store could not be opened, read or written."""
