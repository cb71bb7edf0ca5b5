"""``pufa import``: our own RDF exports read back into a store (N-Quads, TriG, Turtle, N-Triples, JSON-LD).

Formats with named graphs keep theirs. Statements without one (Turtle, N-Triples, a default graph)
are put where pufa writes them, by their subject: a report (``…/id/doc/ID``) and the sentences of
its text (``…/id/sentence/ID/…``) in that report's graph, a fact (activity, quantity, designation,
problem) in the graph of the sentence it is derived from, entities, regions and surface forms in
the entities graph, the ontology's terms in the ontology graph. A statement about anything else is
not ours, and the file is refused before the store is touched.

Each report is then written like an ingested one (journalled, whole or not at all) and the answer
index is rebuilt from the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import PufaError, shown
from .store.base import GraphStore, is_report_graph
from .vocab import ENTITIES_GRAPH, ID, MODEL_VERSION, ONTOLOGY_GRAPH, PREFIXES, STORE_NODE

#: file ending -> pyoxigraph format name
FORMATS = {".nq": "N_QUADS", ".nquads": "N_QUADS", ".trig": "TRIG", ".ttl": "TURTLE", ".turtle": "TURTLE",
           ".nt": "N_TRIPLES", ".ntriples": "N_TRIPLES", ".jsonld": "JSON_LD", ".json": "JSON_LD"}
DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
FACTS = ("activity/", "quantity/", "designation/", "problem/")
ENTITY_PARTS = ("entity/", "region/", "form/")


@dataclass
class Imported:
    file: str
    reports: int = 0
    statements: int = 0

    def to_json(self) -> dict:
        return self.__dict__


def _format(path: Path):
    import pyoxigraph

    name = FORMATS.get(path.suffix.lower())
    if name is None:
        raise PufaError(f"{shown(path)}: not an RDF export pufa reads (endings: {', '.join(sorted(FORMATS))})")
    if name == "JSON_LD" and not hasattr(pyoxigraph.RdfFormat, "JSON_LD"):
        raise PufaError(f"{shown(path)}: this pyoxigraph reads no JSON-LD; import the N-Quads or TriG export")
    return getattr(pyoxigraph.RdfFormat, name)


def read_graphs(path: Path) -> dict[str, list[str]]:
    """Graph IRI -> its statements in N-Triples syntax, every statement put in the graph pufa keeps it in."""
    import pyoxigraph

    fmt = _format(path)
    by_graph: dict[str, list[str]] = {}
    loose: dict[str, list[tuple[str, str, str]]] = {}  # subject -> statements that came without a graph
    sentence_doc: dict[str, str] = {}
    try:
        for quad in pyoxigraph.parse(path=str(path), format=fmt):
            s, p, o = str(quad.subject), str(quad.predicate), str(quad.object)
            if isinstance(quad.graph_name, pyoxigraph.NamedNode):
                by_graph.setdefault(quad.graph_name.value, []).append(f"{s} {p} {o} .")
            else:
                loose.setdefault(quad.subject.value if isinstance(quad.subject, pyoxigraph.NamedNode) else s,
                                 []).append((s, p, o))
    except SyntaxError as exc:
        raise PufaError(f"{shown(path)}: not valid {fmt.name}: {str(exc).splitlines()[0][:200]}") from None
    except OSError as exc:
        raise PufaError(f"{shown(path)}: cannot read ({exc.strerror or exc})") from None
    for subject in loose:
        if subject.startswith(ID + "sentence/"):
            sentence_doc[subject] = subject[len(ID + "sentence/"):].split("/", 1)[0]
    for subject, statements in loose.items():
        graph = _home(subject, statements, sentence_doc)
        if graph is None:
            raise PufaError(f"{shown(path)}: <{subject}> is not a subject pufa writes; this is not a pufa export")
        by_graph.setdefault(graph, []).extend(f"{s} {p} {o} ." for s, p, o in statements)
    return by_graph


def _home(subject: str, statements, sentence_doc: dict[str, str]) -> str | None:
    """The graph pufa keeps a subject's statements in."""
    from .vocab import doc_graph

    if subject.startswith(ID + "doc/"):
        return doc_graph(subject[len(ID + "doc/"):]).value
    if subject in sentence_doc:
        return doc_graph(sentence_doc[subject]).value
    if subject.startswith(tuple(ID + part for part in FACTS)):
        for _s, p, o in statements:
            source = o.strip("<>")
            if p == f"<{DERIVED_FROM}>" and source.startswith(ID + "sentence/"):
                return doc_graph(source[len(ID + "sentence/"):].split("/", 1)[0]).value
        return None
    if subject.startswith(tuple(ID + part for part in ENTITY_PARTS)):
        return ENTITIES_GRAPH
    if subject.startswith(("https://w3id.org/pufa-graph/ontology", STORE_NODE)):
        return ONTOLOGY_GRAPH
    return None


@dataclass
class Export:
    """One export file read and checked: its reports' graphs and the entities graph."""

    path: Path
    by_graph: dict[str, list[str]]
    reports: list[str]


def read_export(path: Path) -> Export:
    """Read and check one export file, before any store is opened (a bad file changes nothing)."""
    from .store.base import old_model

    by_graph = read_graphs(path)
    ontology = by_graph.pop(ONTOLOGY_GRAPH, [])
    version = next((line.split('"')[1] for line in ontology if f"<{PREFIXES['pufa']}modelVersion>" in line), None)
    if version is not None and int(version) != MODEL_VERSION:
        raise PufaError(old_model(shown(path), int(version)).replace("store", "export", 1))
    reports = sorted(g for g in by_graph if is_report_graph(g))
    stray = sorted(set(by_graph) - set(reports) - {ENTITIES_GRAPH})
    if stray:
        raise PufaError(f"{shown(path)}: graph <{stray[0]}> is not one pufa writes; this is not a pufa export")
    return Export(path, by_graph, reports)


def import_export(store: GraphStore, export: Export) -> Imported:
    """Write the reports of one export file into the store (replacing the same reports)."""
    by_graph, reports, path = export.by_graph, export.reports, export.path
    store.recover()
    store.ensure_model()
    lines = [f"{line[:-2]} <{g}> .\n" for g in reports + [ENTITIES_GRAPH] for line in by_graph.get(g, [])]
    store.write_reports("".join(lines), graphs=reports)
    return Imported(file=shown(path), reports=len(reports), statements=len(lines))
