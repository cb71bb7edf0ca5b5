"""Shards: analysed reports as files, so the analysis runs anywhere (a Dask cluster, another machine)
and a store is loaded from them later (``pufa load DIR``), graph for graph as an ingest would.

A shard is two gzip files in one folder (local, or any fsspec URL such as ``s3://bucket/run1``):

* ``part-RUN-NNNNN.nq.gz``: the N-Quads of its reports, each report's graph followed by the entity
  statements it carries. Any store's bulk loader reads it (``oxigraph load``, Virtuoso ``ld_dir``).
* ``part-RUN-NNNNN.reports.jsonl.gz``: one record per file, in the same order: path, id, title, how many
  of the quads are its own, warnings or the error, and its rows for the answer index.

The records file is written last and each file appears whole (written aside, then renamed), so a
shard is complete exactly when its records file is there; a run cut short leaves no half shard.
"""

from __future__ import annotations

import gzip
import json
import os
import uuid
import zlib
from pathlib import Path
from typing import Iterable, Iterator

from .errors import PufaError, shown

#: reports per shard: big enough that a shard's bulk load is efficient, small enough that many
#: workers share the work evenly and a lost worker costs little
SHARD_REPORTS = 50
RECORDS = ".reports.jsonl.gz"
QUADS = ".nq.gz"


def shard_name(run: str, index: int) -> str:
    """Shards of one run share its token, so runs written into one folder never overwrite each other."""
    return f"part-{run}-{index:05d}"


def run_token() -> str:
    return uuid.uuid4().hex[:8]


def _is_url(folder: str) -> bool:
    return "://" in folder


def _fs(folder: str):
    try:
        import fsspec
    except ImportError:
        raise PufaError(f"{folder}: a shard folder given as a URL needs fsspec (pip install 'pufa-graph[dask]')") \
            from None
    fs, _token, (root,) = fsspec.get_fs_token_paths(folder)
    return fs, root.rstrip("/")


def _write(folder: str, filename: str, data: bytes) -> None:
    """The file appears whole or not at all: written under a temporary name, then renamed."""
    aside = f".{filename}.{uuid.uuid4().hex}.tmp"
    if _is_url(folder):
        fs, root = _fs(folder)
        fs.makedirs(root, exist_ok=True)
        fs.pipe_file(f"{root}/{aside}", data)
        fs.mv(f"{root}/{aside}", f"{root}/{filename}")
        return
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, aside), "wb") as handle:
        handle.write(data)
    os.replace(os.path.join(folder, aside), os.path.join(folder, filename))


def _read(folder: str, filename: str) -> bytes:
    if _is_url(folder):
        fs, root = _fs(folder)
        return fs.cat_file(f"{root}/{filename}")
    return Path(folder, filename).read_bytes()


def _record(processed) -> dict:
    from . import __version__
    from .vocab import MODEL_VERSION

    answers = processed.answers
    return {"path": processed.path, "id": processed.id, "doc_path": processed.doc_path, "title": processed.title,
            "quads": processed.triples, "graph_quads": processed.graph_triples, "error": processed.error,
            "warnings": processed.warnings, "pufa": __version__, "model": MODEL_VERSION,
            "answers": None if answers is None else {"doc": answers.doc, "region": answers.region,
                                                    "acts": answers.acts, "promotions": answers.promotions}}


def write_shard(folder: str, name: str, processed: list) -> None:
    """One shard of analysed reports (``ingest.Processed``); gzip level 1: the load reads it back at
    several hundred MB/s, and it is a sixth of the N-Quads' size."""
    quads = "".join(p.nquads for p in processed).encode("utf-8")
    records = "".join(json.dumps(_record(p), ensure_ascii=False) + "\n" for p in processed).encode("utf-8")
    _write(folder, name + QUADS, gzip.compress(quads, compresslevel=1, mtime=0))
    _write(folder, name + RECORDS, gzip.compress(records, compresslevel=1, mtime=0))


#: the ontology graph (with the model version), so that a server's own bulk loader given the folder's
#: ``*.nq.gz`` files makes a store pufa reads (``pufa load`` writes its own)
ONTOLOGY_FILE = "ontology.nq.gz"


def write_ontology(folder: str) -> None:
    from .store.model import ontology_statements
    from .vocab import ONTOLOGY_GRAPH

    statements, _digest = ontology_statements()
    text = "".join(line[:-2] + f" <{ONTOLOGY_GRAPH}> .\n" for line in statements)
    _write(folder, ONTOLOGY_FILE, gzip.compress(text.encode("utf-8"), compresslevel=1, mtime=0))


def shard_names(folder: str) -> list[str]:
    """The complete shards in a folder, in name order."""
    try:
        if _is_url(folder):
            fs, root = _fs(folder)
            names = [Path(p).name for p in fs.ls(root, detail=False)]
        else:
            names = os.listdir(folder)
    except FileNotFoundError:
        raise PufaError(f"{shown(folder)}: no such shard folder") from None
    except NotADirectoryError:
        raise PufaError(f"{shown(folder)}: is not a folder of shards") from None
    except OSError as exc:
        raise PufaError(f"{shown(folder)}: cannot list it ({exc.strerror or exc})") from None
    found = sorted(n[: -len(RECORDS)] for n in names if n.endswith(RECORDS) and not n.startswith("."))
    if not found:
        raise PufaError(f"{shown(folder)}: holds no shards (part-*{RECORDS}); write them with "
                        "`pufa ingest PATH… --shards DIR`")
    return found


def read_shard(folder: str, name: str) -> list:
    """A shard's reports as ``ingest.Processed``, each with its own N-Quads; a damaged or foreign
    shard is one error that names it."""
    from . import __version__
    from .ingest import Processed
    from .store.answers import ReportAnswers
    from .vocab import MODEL_VERSION

    where = f"{shown(folder.rstrip('/'))}/{name}"
    try:
        records = [json.loads(line) for line in gzip.decompress(_read(folder, name + RECORDS)).decode("utf-8")
                   .splitlines() if line]
        # lines end in \n only (not splitlines(): a literal may hold U+2028 unescaped)
        lines = [line + "\n" for line in gzip.decompress(_read(folder, name + QUADS)).decode("utf-8").split("\n")]
        lines.pop()
    except FileNotFoundError as exc:
        raise PufaError(f"{where}: part of the shard is missing ({Path(str(exc.filename)).name})") from None
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PufaError(f"{where}: not a readable shard ({exc})") from None
    out: list[Processed] = []
    at = 0
    for record in records:
        if not isinstance(record, dict) or "quads" not in record:
            raise PufaError(f"{where}: not a pufa shard (a record without its quads)")
        if record.get("model") != MODEL_VERSION:
            raise PufaError(f"{where}: written for RDF model {record.get('model')} by pufa-graph "
                            f"{record.get('pufa')}; this is model {MODEL_VERSION} ({__version__}): analyse again")
        answers = record.get("answers")
        out.append(Processed(
            path=record["path"], id=record["id"], doc_path=record["doc_path"], title=record["title"],
            nquads="".join(lines[at: at + record["quads"]]), triples=record["quads"],
            graph_triples=record["graph_quads"], error=record["error"], warnings=record["warnings"],
            answers=None if answers is None else ReportAnswers(
                answers["doc"], answers["region"], [tuple(a) for a in answers["acts"]],
                [tuple(p) for p in answers["promotions"]])))
        at += record["quads"]
    if at != len(lines):
        raise PufaError(f"{where}: its records name {at} quads, its N-Quads file holds {len(lines)}")
    return out


def read_shards(folder: str) -> Iterator:
    """Every analysed report of every complete shard in the folder, shard by shard."""
    for name in shard_names(folder):
        yield from read_shard(folder, name)


def write_shards(processed: Iterable, folder: str, on_shard=None) -> list[str]:
    """Group analysed reports into shards in the folder as they come; returns the shards' names."""
    names: list[str] = []
    batch: list = []
    run = run_token()

    def flush() -> None:
        names.append(shard_name(run, len(names)))
        write_shard(folder, names[-1], batch)
        if on_shard:
            on_shard(list(batch))
        batch.clear()

    for p in processed:
        batch.append(p)
        if len(batch) >= SHARD_REPORTS:
            flush()
    if batch:
        flush()
    return names
