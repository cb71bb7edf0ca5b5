"""Store operations written once over SPARQL query/update."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..vocab import PREFIXES

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


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


class _Line:
    """A whole N-Triples statement already written out."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def insert_data(graph: str, triples: Iterable[tuple]) -> str:
    """A SPARQL ``INSERT DATA`` for one named graph; terms print themselves in N-Triples syntax."""
    body = "\n".join(t[0].text if isinstance(t[0], _Line) else f"{t[0]} {t[1]} {t[2]} ." for t in triples)
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"


class GraphStore:
    """The operations every store offers; subclasses supply ``query``, ``update`` and ``close``."""

    location: str

    def query(self, sparql: str) -> list[dict[str, str | None]]:
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass

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
                OPTIONAL { ?d dcterms:title ?title }
                OPTIONAL { ?d pufa:issuerName ?written }
                OPTIONAL { ?d pufa:issuer/rdfs:label ?issuer }
                OPTIONAL { ?d pufa:region/rdfs:label ?region }
                OPTIONAL { ?d dcterms:date ?date }
                OPTIONAL { ?d pufa:pipelineVersion ?version }
              }
            } ORDER BY ?source ?id""")
        return [StoredDoc(id=r["id"], source=r["source"], path=r["path"], graph=r["g"], title=r["title"],
                          issuer=r["issuer"] or r["written"], issuer_as_written=r["written"], date=r["date"],
                          region=r["region"], version=r["version"])
                for r in rows]

    def replace_graphs(self, graphs: list[tuple[str, list[tuple]]], drop: Iterable[str] = ()) -> None:
        """Drop the named graphs ``drop`` and write ``graphs`` in one request (one transaction)."""
        parts = [f"DROP SILENT GRAPH <{g}>" for g in drop]
        for graph, triples in graphs:
            parts.append(f"DROP SILENT GRAPH <{graph}>")
            parts.append(insert_data(graph, triples))
        if parts:
            self.update(" ;\n".join(parts))

    def write_reports(self, nquads: str, graphs: list[str], drop: Iterable[str] = (), answers=None) -> None:
        """Write reports given as N-Quads (each in its own named graph), then drop the graphs they replace.

        The default writes per graph through SPARQL Update; stores with a faster bulk path override it.
        ``answers`` (rows for an answer index) is for stores that keep one.
        """
        by_graph: dict[str, list[str]] = {}
        for line in nquads.splitlines():
            if line.strip():
                body, graph = line.rstrip(" .").rsplit(" ", 1)
                by_graph.setdefault(graph.strip("<>"), []).append(body + " .")
        self.replace_graphs([(g, [(_Line(t),) for t in by_graph.get(g, [])]) for g in graphs], drop=drop)

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        parts = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
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
