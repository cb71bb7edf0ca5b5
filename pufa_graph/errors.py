"""One exception hierarchy, with messages a user can act on."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\udc80-\udcff]")


def file_name(path: object) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 (kept by Python as
    surrogates) become U+FFFD."""
    text = str(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if _SURROGATE.search(text) else text


def shown(path: object) -> str:
    """A path for a one-line message: undecodable bytes as \\xNN, newlines and other controls escaped."""
    text = str(path)
    if _SURROGATE.search(text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


class PufaError(Exception):
    """Base of every error pufa-graph raises on purpose."""


class ReadError(PufaError):
    """A file could not be read as a report; the message names the file and the cause."""

    def __init__(self, path: object, cause: str):
        self.path = shown(path)
        self.cause = cause
        super().__init__(f"{self.path}: {cause}")


class StageError(PufaError):
    """A pipeline stage failed on a document: names the stage and the file."""

    def __init__(self, path: object, stage: str, cause: str):
        self.path = shown(path)
        self.stage = stage
        self.cause = cause
        super().__init__(f"{self.path}: stage '{stage}' failed: {cause}")


class StoreError(PufaError):
    """The store could not be opened, read or written."""
