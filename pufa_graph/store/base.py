"""Store operations written once over SPARQL query/update."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..vocab import ID, PREFIXES

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


#: where a report is loaded while the graph it replaces stays readable
DRAFTS = f"{ID}graph/_draft/"
#: lists the drafts being written, so a write cut short can be cleared away
JOURNAL_GRAPH = f"{ID}graph/_journal"


def draft_graph(graph: str) -> str:
    return DRAFTS + graph.rsplit("/", 1)[-1]


def retarget(nquads: str, graphs: dict[str, str]) -> str:
    """The same N-Quads with the statements of some graphs moved to others (old IRI -> new IRI)."""
    names = "|".join(re.escape(g) for g in graphs)
    return re.sub(f" <({names})> \\.$", lambda m: f" <{graphs[m.group(1)]}> .", nquads, flags=re.M)


@dataclass
class StoredDoc:
    id: str
    source: str
    path: str
    graph: str
    title: str | None = None
    issuer: str | None = None
    date: str | None = None
    region: str | None = None
    version: str | None = None
    issuer_as_written: str | None = None

    def to_json(self) -> dict:
        return {"id": self.id, "source": self.source, "title": self.title, "issuer": self.issuer,
                "issuer_as_written": self.issuer_as_written,
                "issuer_inferred": bool(self.issuer and not self.issuer_as_written),
                "date": self.date, "region": self.region, "path": self.path}


def insert_data(graph: str, statements: list[str]) -> str:
    """A SPARQL ``INSERT DATA`` for one named graph, of statements already in N-Triples syntax."""
    body = "\n".join(statements)
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"


def statements_by_graph(nquads: str) -> dict[str, list[str]]:
    """N-Quads lines -> graph IRI -> its statements as N-Triples lines."""
    by_graph: dict[str, list[str]] = {}
    for line in nquads.splitlines():
        if line.strip():
            body, graph = line.rstrip(" .").rsplit(" ", 1)
            by_graph.setdefault(graph.strip("<>"), []).append(body + " .")
    return by_graph


class GraphStore:
    """The operations every store offers; subclasses supply ``query``, ``update`` and ``close``."""

    location: str
    #: True where the store itself guarantees that a stored report is whole (no need to count)
    journalled = False

    def query(self, sparql: str) -> list[dict[str, str | None]]:
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def answer_index_state(self) -> str:
        """usable | pending | incomplete | unreadable, for a store that keeps an answer index; else none."""
        return "none"

    def optimize(self) -> None:
        """Compact the store after a large write; servers manage this themselves."""

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- documents -------------------------------------------------------
    def documents(self) -> list[StoredDoc]:
        rows = self.query(PROLOGUE + """
            SELECT ?g ?id ?source ?path ?title ?written ?issuer ?date ?version ?region WHERE {
              GRAPH ?g {
                ?d a pufa:Report ; pufa:docId ?id ; pufa:sourceName ?source ; pufa:sourcePath ?path .
                FILTER(!STRSTARTS(STR(?g), "DRAFTS"))
                OPTIONAL { ?d dcterms:title ?title }
                OPTIONAL { ?d pufa:issuerName ?written }
                OPTIONAL { ?d pufa:issuer/rdfs:label ?issuer }
                OPTIONAL { ?d pufa:region/rdfs:label ?region }
                OPTIONAL { ?d dcterms:date ?date }
                OPTIONAL { ?d pufa:pipelineVersion ?version }
              }
            } ORDER BY ?source ?id""".replace("DRAFTS", DRAFTS))
        return [StoredDoc(id=r["id"], source=r["source"], path=r["path"], graph=r["g"], title=r["title"],
                          issuer=r["issuer"] or r["written"], issuer_as_written=r["written"], date=r["date"],
                          region=r["region"], version=r["version"])
                for r in rows]

    def write_reports(self, nquads: str, graphs: list[str], drop: Iterable[str] = (), answers=None) -> None:
        """Write reports given as N-Quads (each in its own named graph), then drop the graphs they replace.

        Each report goes first into a draft graph, journalled, in as many requests as the store needs
        (:meth:`insert_statements`); one update then drops what is replaced, moves every draft over its
        report's graph and clears the journal. A write cut short anywhere leaves each report old or new,
        whole: the drafts are dropped by the next writer (:meth:`recover`). ``answers`` (rows for an answer
        index) is for stores that keep one.
        """
        from ..sparql import iri

        by_graph = statements_by_graph(nquads)
        drafts = {g: draft_graph(g) for g in graphs}
        journal = " ".join(f"{iri(d)} pufa:pendingWrite true ." for d in drafts.values())
        self.update(PROLOGUE + f"INSERT DATA {{ GRAPH {iri(JOURNAL_GRAPH)} {{ {journal} }} }}")
        for graph, draft in drafts.items():
            self.insert_statements(draft, by_graph.get(graph, []))
        parts = [f"DROP SILENT GRAPH {iri(g)}" for g in drop if g not in drafts]
        parts += [f"MOVE SILENT GRAPH {iri(d)} TO {iri(g)}" for g, d in drafts.items()]
        parts.append(f"DELETE DATA {{ GRAPH {iri(JOURNAL_GRAPH)} {{ {journal} }} }}")
        self.update(PROLOGUE + " ;\n".join(parts))

    def insert_statements(self, graph: str, statements: list[str]) -> None:
        self.update(insert_data(graph, statements))

    def unfinished(self) -> list[str]:
        """The graphs the journal says are being written (or were, when a write was cut short)."""
        from ..sparql import iri

        rows = self.query(PROLOGUE + f"SELECT ?g WHERE {{ GRAPH {iri(JOURNAL_GRAPH)} {{ ?g pufa:pendingWrite ?x }} }}")
        return [r["g"] for r in rows]

    def recover(self) -> list[str]:
        """Drop the drafts a write cut short left behind; returns them. Writers call it before writing."""
        from ..sparql import iri

        pending = self.unfinished()
        if pending:
            self.update(" ;\n".join([f"DROP SILENT GRAPH {iri(g)}" for g in pending]
                                    + [f"DROP SILENT GRAPH {iri(JOURNAL_GRAPH)}"]))
        return pending

    def is_whole(self, graph: str, statements: int) -> bool:
        """Does the stored graph hold all ``statements`` of its report? (a check for stores written
        by versions that had no journal; stores that journal every write know it already)"""
        from ..sparql import iri

        rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")
        return bool(rows) and int(rows[0]["n"]) == statements

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        from ..sparql import iri

        parts = [f"DROP SILENT GRAPH {iri(g)}" for g in graphs]
        if parts:
            self.update(" ;\n".join(parts))

    def dataset(self) -> dict:
        """Every named graph as an rdflib Graph (graph IRI -> Graph)."""
        import rdflib

        graphs: dict[str, rdflib.Graph] = {}
        for r in self.query("SELECT ?g ?s ?p ?o (DATATYPE(?o) AS ?dt) (LANG(?o) AS ?lang) (ISIRI(?o) AS ?iri) "
                            "WHERE { GRAPH ?g { ?s ?p ?o } }"):
            graph = graphs.setdefault(r["g"], rdflib.Graph(identifier=rdflib.URIRef(r["g"])))
            if r["iri"] == "true":
                obj = rdflib.URIRef(r["o"])
            elif r["lang"]:
                obj = rdflib.Literal(r["o"], lang=r["lang"])
            else:  # RDF 1.1: a plain literal is an xsd:string; rdflib tells them apart, so write it plain
                datatype = r["dt"] if r["dt"] and not r["dt"].endswith("#string") else None
                obj = rdflib.Literal(r["o"], datatype=rdflib.URIRef(datatype) if datatype else None)
            graph.add((rdflib.URIRef(r["s"]), rdflib.URIRef(r["p"]), obj))
        return graphs

    def triple_count(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0
