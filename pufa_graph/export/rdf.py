"""RDF exports: Turtle and N-Triples of every graph together; TriG and N-Quads keeping the graphs; JSON-LD.

Every export holds the ontology graph too (classes, properties, the concept schemes and their labels),
so a client that loads one file has every term the data uses and it validates against
``ontology/shapes.ttl`` on its own.

Exports stream: the store is read one named graph at a time as N-Triples lines (a report's, the
entities', the ontology's; the embedded store writes them itself, so exports run near its own dump
rate), and a large graph is sorted on disk, so memory stays bounded whatever the store's size. Graphs
are written in sorted order, and in each graph its lines: the same store gives byte-identical files,
whichever kind of store holds it. Pufa's graphs do not share subjects, so the graphs one after another
are also the union, with no statement twice.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from ..store.base import GraphStore
from ..vocab import PREFIXES as ALL_PREFIXES

#: instance IRIs stay whole: a prefix would need escaped slashes (id:activity\/…)
PREFIXES = {p: iri for p, iri in ALL_PREFIXES.items() if p != "id"}
INSTANCES = f"<{ALL_PREFIXES['id']}"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
Progress = Callable[[int, int], None]


def graph_lines(store: GraphStore, on_progress: Progress | None = None) -> Iterator[tuple[str, Iterator[list[str]]]]:
    """(graph IRI, its N-Triples lines in sorted chunks) for every graph of the store, in sorted order."""
    graphs = store.graphs()
    for done, graph in enumerate(graphs):
        if on_progress:
            on_progress(done, len(graphs))
        yield graph, store.graph_lines(graph)
    if on_progress:
        on_progress(len(graphs), len(graphs))


def graph_statements(store: GraphStore, on_progress: Progress | None = None
                     ) -> Iterator[tuple[str, Iterator[tuple[str, list[tuple[str, str]]]]]]:
    """(graph IRI, an iterator of (subject, [(predicate, object) …])) for every graph of the store, all
    terms in N-Triples syntax, graphs, subjects and statements in sorted order."""
    for graph, chunks in graph_lines(store, on_progress):
        yield graph, _by_subject(chunks)


def _by_subject(chunks: Iterator[list[str]]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Sorted N-Triples lines grouped by subject (subjects and predicates hold no space; objects may)."""
    subject, statements = None, []
    for chunk in chunks:
        for line in chunk:
            s, p, o = line[:-2].split(" ", 2)
            if s != subject:
                if statements:
                    yield subject, statements
                subject, statements = s, []
            statements.append((p, o))
    if statements:
        yield subject, statements


def write_nquads(store: GraphStore, path: Path, on_progress: Progress | None = None) -> None:
    with path.open("w", encoding="utf-8") as out:
        for graph, chunks in graph_lines(store, on_progress):
            name = f" <{graph}> .\n"
            for chunk in chunks:
                out.write("".join(line[:-2] + name for line in chunk))


def write_ntriples(store: GraphStore, path: Path, on_progress: Progress | None = None) -> None:
    with path.open("w", encoding="utf-8") as out:
        for _graph, chunks in graph_lines(store, on_progress):
            for chunk in chunks:
                out.write("\n".join(chunk) + "\n")


def _prefix_lines() -> str:
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items())) + "\n"


def _turtle_blocks(subjects, compact, indent: str = "") -> Iterator[str]:
    """One Turtle block per subject, each ending in a blank line."""
    for subject, statements in subjects:
        by_predicate: dict[str, list[str]] = {}
        for p, o in statements:
            by_predicate.setdefault(p, []).append(compact(o))
        body = f" ;\n{indent}    ".join(("a" if p == RDF_TYPE else compact(p)) + " " + " , ".join(objects)
                                      for p, objects in by_predicate.items())
        yield f"{indent}{compact(subject)} {body} .\n\n"


def write_turtle(store: GraphStore, path: Path, on_progress: Progress | None = None) -> None:
    """Turtle of every graph together (Turtle has no named graphs), one block per subject."""
    compact = _compactor()
    with path.open("w", encoding="utf-8") as out:
        out.write(_prefix_lines())
        for _graph, subjects in graph_statements(store, on_progress):
            out.writelines(_turtle_blocks(subjects, compact))


def write_trig(store: GraphStore, path: Path, on_progress: Progress | None = None) -> None:
    """TriG: one named graph per report, then the entities and the ontology graph."""
    compact = _compactor()
    with path.open("w", encoding="utf-8") as out:
        out.write(_prefix_lines())
        for graph, subjects in graph_statements(store, on_progress):
            out.write(f"<{graph}> {{\n")
            out.writelines(_turtle_blocks(subjects, compact, "    "))
            out.write("}\n\n")


@lru_cache(maxsize=1)
def _compactor():
    """N-Triples term -> Turtle term: IRIs (and literal datatypes) under a project prefix written prefixed."""
    namespaces = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))

    def iri(value: str) -> str | None:
        for prefix, ns in namespaces:
            if value.startswith(ns) and _LOCAL_NAME.fullmatch(value[len(ns):]):
                return f"{prefix}:{value[len(ns):]}"
        return None

    @lru_cache(maxsize=65536)
    def compact_iri(term: str) -> str:
        return iri(term[1:-1]) or term

    def compact(term: str) -> str:
        if term[0] == "<":
            return term if term.startswith(INSTANCES) else compact_iri(term)
        if term[-1] == ">" and '"^^<' in term:
            text, datatype = term.rsplit("^^", 1)
            return f"{text}^^{compact_iri(datatype)}"
        return term  # a literal (most of the terms): kept as it is, not cached

    return compact


# -- JSON-LD ------------------------------------------------------------------------

def write_jsonld(store: GraphStore, path: Path, on_progress: Progress | None = None) -> None:
    """JSON-LD 1.1 with a context of the project prefixes: {"@context", "@graph": [one named graph per
    report, the entities, the ontology]}, written one graph at a time."""
    context = dict(sorted(PREFIXES.items()))
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "@context": ' + json.dumps(context, ensure_ascii=False, sort_keys=True) + ',\n "@graph": [')
        first = True
        for graph, subjects in graph_statements(store, on_progress):
            out.write(("\n  " if first else ",\n  ") + '{"@graph": [')
            for i, (s, statements) in enumerate(subjects):  # node by node: the entities graph is large
                out.write(("" if i == 0 else ", ") + json.dumps(_jsonld_node(s, statements), ensure_ascii=False,
                                                               sort_keys=True))
            out.write('], "@id": ' + json.dumps(graph) + "}")
            first = False
        out.write("\n ]\n}\n")


def _jsonld_node(subject: str, statements: list[tuple[str, str]]) -> dict:
    """A node object: properties and types as compact IRIs (pufa:organizer), values expanded."""
    compact = _compactor()  # one per process, with its cache
    node: dict = {"@id": subject if subject.startswith("_:") else subject[1:-1]}
    for p, o in statements:
        if p == RDF_TYPE:
            node.setdefault("@type", []).append(compact(o).strip("<>"))
        else:
            node.setdefault(compact(p).strip("<>"), []).append(_jsonld_value(o))
    return node


def _jsonld_value(term: str) -> dict:
    import pyoxigraph

    if term.startswith("<"):
        return {"@id": term[1:-1]}
    if term.startswith("_:"):
        return {"@id": term}
    literal = _parse_literal(term)
    if literal.language:
        return {"@value": literal.value, "@language": literal.language}
    if literal.datatype == pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#string"):
        return {"@value": literal.value}
    return {"@value": literal.value, "@type": literal.datatype.value}


@lru_cache(maxsize=65536)
def _parse_literal(term: str):
    """An N-Triples literal back to a pyoxigraph Literal (exact escapes, language, datatype)."""
    import pyoxigraph

    quad = next(iter(pyoxigraph.parse(f"<x:s> <x:p> {term} .", format=pyoxigraph.RdfFormat.N_TRIPLES)))
    return quad.object
