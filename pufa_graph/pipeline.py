"""The ordered, named stages that turn a file into a Document.

Each stage is a function over plain data; the runner names the stage that
failed and the file it failed on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Callable

from .errors import PufaError, StageError, file_name
from .model import Document

Stage = Callable[[dict[str, Any]], None]


def _read(state: dict[str, Any]) -> None:
    from .read import read_source

    state["source"] = read_source(state["path"], state["max_bytes"])


def _normalize(state: dict[str, Any]) -> None:
    from .normalize import normalize

    state["normalized"] = normalize(state["source"].text)
    if not state["normalized"].text.strip():
        from .errors import ReadError

        raise ReadError(state["path"], "no report text left after removing page chrome")


def _structure(state: dict[str, Any]) -> None:
    from .structure import extract_metadata, outline, split_sentences

    norm = state["normalized"]
    source = state["source"]
    path = Path(state["path"])
    state["document"] = Document(
        id=document_id(norm.text),
        source=file_name(path.name),
        path=file_name(path.resolve()),
        format=source.format,
        encoding=source.encoding,
        source_text=source.text,
        text=norm.text,
        metadata=extract_metadata(norm),
        sections=outline(norm),
        sentences=split_sentences(norm),
        warnings=list(source.warnings),
        offsets=norm.offsets,
    )


def _given(state: dict[str, Any]) -> None:
    """What the user says of the file (--issuer, --manifest) over what the reader found."""
    from .manifest import apply_given

    apply_given(state["document"].metadata, state.get("given"))


def _period(state: dict[str, Any]) -> None:
    from .structure import state_period

    doc = state["document"]
    state_period(doc.metadata, doc.sentences, doc.text)


def _recognize(state: dict[str, Any]) -> None:
    from .knowledge import knowledge
    from .recognize import Context, recognize

    doc = state["document"]
    doc.mentions = recognize(doc.text, Context(knowledge(), issuer=doc.metadata.issuer))


def _resolve(state: dict[str, Any]) -> None:
    from .knowledge import knowledge
    from .resolve import resolve_document

    doc = state["document"]
    resolve_document(doc, knowledge())
    _locate(doc)


def _locate(doc: Document) -> None:
    """Give every mention its source offsets and its sentence."""
    from bisect import bisect_right

    offsets = doc.offsets
    starts = [s.start for s in doc.sentences]
    for m in doc.mentions:
        m.orig_start, m.orig_end = offsets.orig_span(m.start, m.end)
        i = bisect_right(starts, m.start) - 1
        m.sentence = i if i >= 0 and doc.sentences[i].end >= m.end else -1


def _frame(state: dict[str, Any]) -> None:
    from .activities import frame_document
    from .knowledge import knowledge

    frame_document(state["document"], knowledge())


#: the document stages, in order: name -> function
DOCUMENT_STAGES: list[tuple[str, Stage]] = [
    ("read", _read),
    ("normalize", _normalize),
    ("structure", _structure),
    ("given", _given),
    ("period", _period),
]

#: the first of them, which only read the file and clean its text
READING_STAGES = DOCUMENT_STAGES[:2]

#: what ingest adds on top: entities and their canonical names
ANALYSIS_STAGES: list[tuple[str, Stage]] = [
    ("recognize", _recognize),
    ("resolve", _resolve),
    ("frame", _frame),
]


def document_id(normalized_text: str) -> str:
    """Same normalized content, same id: whatever the file's format or encoding."""
    return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()[:16]


def run_stages(state: dict[str, Any], stages: list[tuple[str, Stage]]) -> dict[str, Any]:
    for name, stage in stages:
        try:
            stage(state)
        except PufaError:
            raise
        except Exception as exc:  # noqa: BLE001 - named and re-raised as a user-facing error
            raise StageError(state["path"], name, f"{type(exc).__name__}: {exc}") from exc
    return state


def read_file(path: str | Path, max_bytes: int | None = None) -> dict[str, Any]:
    """The file read and cleaned (``READING_STAGES``): what the later stages start from. Ingest runs this in
    its own process while a worker analyses the report before, so the worker only analyses."""
    from .read import DEFAULT_MAX_BYTES

    state = {"path": str(path), "max_bytes": max_bytes or DEFAULT_MAX_BYTES}
    return run_stages(state, READING_STAGES)


def read_document(path: str | Path, max_bytes: int | None = None, analyse: bool = False, given=None,
                  read: dict[str, Any] | None = None) -> Document:
    """Read, normalize and structure one report file; with ``analyse``, also recognize and resolve entities.
    ``given`` (a :class:`pufa_graph.manifest.Given`) is what the user says of the file: its issuer, date, url.
    ``read`` is what :func:`read_file` made of it already."""
    state = dict(read) if read is not None else read_file(path, max_bytes)
    state["given"] = given
    stages = DOCUMENT_STAGES[len(READING_STAGES):] + (ANALYSIS_STAGES if analyse else [])
    return run_stages(state, stages)["document"]


def analyse_stored(text: str, name: str, given=None) -> Document:
    """A stored report analysed again from the normalized text the store keeps (named ``name``, as its
    file was), ``given`` standing in for what its page header said: how ``entities --explain`` and
    ``migrate`` read what the graph does not keep."""
    from .model import SourceText

    state = {"path": name, "max_bytes": None, "given": given,
             "source": SourceText(path=name, format="txt", text=text, encoding="utf-8")}
    return run_stages(state, DOCUMENT_STAGES[1:] + ANALYSIS_STAGES)["document"]
