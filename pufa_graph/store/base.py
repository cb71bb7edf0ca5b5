"""Store operations written once over SPARQL query/update."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, NamedTuple

from ..vocab import ENTITIES_GRAPH, ID, MODEL_VERSION, ONTOLOGY_GRAPH, PREFIXES, STORE_NODE

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


#: subjects of the shared graphs (entities, ontology) read together by exports: they are large, reports are not
SUBJECTS_AT_ONCE = 2000

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


#: the entities graph as a query names it
ENTITIES = f"<{ENTITIES_GRAPH}>"
#: the sentence a fact (?act) is derived from, with its text and offsets, as a query matches it. A group of its
#: own: a BIND ends the join of the patterns before it, and Oxigraph then joined what followed one row at a time
#: (villages over 1,000 reports took 70 s, not 0.1 s)
EVIDENCE = ("{ ?act prov:wasDerivedFrom ?e . ?e prov:value ?text ; pufa:start ?start . "
            "BIND(?start + STRLEN(?text) AS ?end) }")

#: the updates that drop from the entities graph what nothing points to any more (after a report is
#: replaced or removed): no report's statement, and no other entity's. Each pass sees the one before:
#: a section no report names goes in the first, its bureau in the second …, a province in the fifth.
FORGET_UNMENTIONED = " ;\n".join([f"""DELETE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?o }} }} WHERE {{
  GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?class . ?e ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?r ?how ?e }} }}
}}"""] * 5)


def is_report_graph(graph: str) -> bool:
    """A report's named graph (not the entities, the ontology, a draft or the journal)."""
    return graph.startswith(f"{ID}graph/") and graph not in (ENTITIES_GRAPH, ONTOLOGY_GRAPH, JOURNAL_GRAPH) \
        and not graph.startswith(DRAFTS)


class ReportName(NamedTuple):
    id: str
    source: str


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
    #: the span of time the report tells of, and the title or sentence that says so
    period_start: str | None = None
    period_end: str | None = None
    period_source: str | None = None

    def to_json(self) -> dict:
        return {"id": self.id, "source": self.source, "title": self.title, "issuer": self.issuer,
                "issuer_as_written": self.issuer_as_written,
                "issuer_inferred": bool(self.issuer and not self.issuer_as_written),
                "date": self.date, "region": self.region, "path": self.source,
                "period_start": self.period_start, "period_end": self.period_end,
                "period_source": self.period_source}


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


def old_model(location: str, version: int) -> str:
    return (f"store {location} is written in RDF model {version}; this pufa-graph writes and reads model "
            f"{MODEL_VERSION}: run `pufa migrate` to rebuild it from the report files (or the texts it holds), "
            f"or ingest the reports again into a new store")


def check_model(store: "GraphStore") -> "GraphStore":
    """The store, when it is written in this version's model (or empty); else a one-line error."""
    from ..errors import StoreError

    version = store.model_version()
    if version is not None and version != MODEL_VERSION:
        store.close()
        raise StoreError(old_model(store.location, version))
    return store


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
            SELECT ?g ?id ?source ?path ?title ?written ?issuer ?date ?version ?region ?from ?to ?said WHERE {
              GRAPH ?g {
                ?d a pufa:Report ; pufa:docId ?id ; pufa:sourceName ?source ; pufa:sourceKey ?path .
                FILTER(!STRSTARTS(STR(?g), "DRAFTS"))
                OPTIONAL { ?d dcterms:title ?title }
                OPTIONAL { ?d pufa:issuerName ?written }
                OPTIONAL { ?d dcterms:date ?date }
                OPTIONAL { ?d pufa:pipelineVersion ?version }
                OPTIONAL { ?d pufa:periodStart ?from ; pufa:periodEnd ?to OPTIONAL { ?d pufa:periodSource ?said } }
              }
              OPTIONAL { GRAPH ?g { ?d pufa:issuer ?issuerNode } GRAPH <ENTITIES> { ?issuerNode rdfs:label ?issuer } }
              OPTIONAL { GRAPH ?g { ?d pufa:region ?regionNode } GRAPH <ENTITIES> { ?regionNode rdfs:label ?region } }
            }""".replace("DRAFTS", DRAFTS).replace("ENTITIES", ENTITIES_GRAPH))
        rows.sort(key=lambda r: (r["source"], r["id"]))  # in Python: servers collate names differently
        return [StoredDoc(id=r["id"], source=r["source"], path=r["path"], graph=r["g"], title=r["title"],
                          issuer=r["issuer"] or r["written"], issuer_as_written=r["written"], date=r["date"],
                          region=r["region"], version=r["version"], period_start=r.get("from"),
                          period_end=r.get("to"), period_source=r.get("said"))
                for r in rows]

    def report_names(self, word: str | None = None) -> list[ReportName]:
        """Each stored report's id and file name; with a user's ``word``, those it names: the report whose id
        or file name it is (looked up, not scanned), else those whose id it starts. This is all resolving
        ``--doc`` needs (reading every report's metadata with :meth:`documents` took 4.8 s on 10,000 reports)."""
        from ..sparql import literal

        def names(pattern: str) -> list[ReportName]:
            rows = self.query(PROLOGUE + f"""SELECT DISTINCT ?id ?source WHERE {{ {pattern} GRAPH ?g {{
                ?d a pufa:Report ; pufa:docId ?id ; pufa:sourceName ?source .
                FILTER(!STRSTARTS(STR(?g), "{DRAFTS}")) }} }}""")
            return sorted(ReportName(r["id"], r["source"]) for r in rows)

        if word is None:
            return names("")
        key = literal(word)
        return (names(f"{{ GRAPH ?g {{ ?d pufa:docId {key} }} }} UNION {{ GRAPH ?g {{ ?d pufa:sourceName {key} }} }}")
                or names(f"GRAPH ?g {{ ?d pufa:docId ?prefixed FILTER(STRSTARTS(?prefixed, {key})) }}"))

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
        self.insert_statements(ENTITIES_GRAPH, by_graph.get(ENTITIES_GRAPH, []))  # only adds: safe before the rest
        drafts = {g: draft_graph(g) for g in graphs}
        journal = " ".join(f"{iri(d)} pufa:pendingWrite true ." for d in drafts.values())
        self.update(PROLOGUE + f"INSERT DATA {{ GRAPH {iri(JOURNAL_GRAPH)} {{ {journal} }} }}")
        for graph, draft in drafts.items():
            self.insert_statements(draft, by_graph.get(graph, []))
        parts = [f"DROP SILENT GRAPH {iri(g)}" for g in drop if g not in drafts]
        parts += [f"MOVE SILENT GRAPH {iri(d)} TO {iri(g)}" for g, d in drafts.items()]
        parts.append(f"DELETE DATA {{ GRAPH {iri(JOURNAL_GRAPH)} {{ {journal} }} }}")
        if any(d for d in drop) or self.stored(graphs):
            parts.append(FORGET_UNMENTIONED)
        self.update(PROLOGUE + " ;\n".join(parts))

    def stored(self, graphs: list[str]) -> bool:
        """Is any of these graphs stored already (so writing it replaces a report)?"""
        from ..sparql import iri

        if not graphs:
            return False
        values = " ".join(iri(g) for g in graphs)
        rows = self.query(f"ASK {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
        return bool(rows) and rows[0].get("result") == "true"

    # -- the model ---------------------------------------------------------
    def model_version(self) -> int | None:
        """The RDF model the store is written in: MODEL_VERSION, an older one, or None for a store with no reports."""
        rows = self.query(f"SELECT ?v WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{STORE_NODE}> <{PREFIXES['pufa']}modelVersion> ?v }} }}")
        if rows and rows[0]["v"]:
            return int(rows[0]["v"])
        rows = self.query(f"ASK {{ GRAPH ?g {{ ?d <{PREFIXES['pufa']}docId> ?id }} }}")
        return 1 if rows and rows[0].get("result") == "true" else None

    def ensure_model(self, migrated: bool = False) -> None:
        """Before a write: refuse a store of an older model (unless it was just ``migrated``), and keep
        the ontology graph in step with ontology/pufa.ttl (its concepts and labels travel with the data)."""
        from ..errors import StoreError
        from .model import ontology_statements

        version = self.model_version()
        if version is not None and version != MODEL_VERSION and not migrated:
            raise StoreError(old_model(self.location, version))
        statements, digest = ontology_statements()
        rows = self.query(f"SELECT ?d WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{STORE_NODE}> <{PREFIXES['pufa']}ontologyDigest> ?d }} }}")
        if rows and rows[0]["d"] == digest:
            return
        self.update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}>")
        self.load_statements(ONTOLOGY_GRAPH, statements[:-2])
        self.update(insert_data(ONTOLOGY_GRAPH, statements[-2:]))  # version and digest last: the graph is whole

    def load_statements(self, graph: str, statements: list[str]) -> None:
        """Add statements that need no transaction (a store may load them faster)."""
        self.insert_statements(graph, statements)

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
            self.update(" ;\n".join(parts + [FORGET_UNMENTIONED]))

    def terms(self, sparql: str) -> list[dict]:
        """SELECT rows as RDF terms (pyoxigraph NamedNode, BlankNode, Literal)."""
        raise NotImplementedError

    def graphs(self) -> list[str]:
        """The named graphs pufa writes and reads, sorted: every report's, the entities and the ontology
        graph (not drafts, the journal, or a server's own graphs)."""
        rows = self.query(f"SELECT ?g WHERE {{ VALUES ?g {{ <{ENTITIES_GRAPH}> <{ONTOLOGY_GRAPH}> }} "
                          "FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }")
        return sorted({d.graph for d in self.documents()} | {r["g"] for r in rows})

    def graph_triples(self, graph: str) -> list[tuple]:
        """(subject, predicate, object) of one named graph, as pyoxigraph terms."""
        from ..sparql import iri

        rows = self.terms(f"SELECT ?s ?p ?o WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")
        return [(r["s"], r["p"], r["o"]) for r in rows]

    def graph_lines(self, graph: str) -> Iterator[list[str]]:
        """One named graph as N-Triples lines (``s p o .``), in chunks that together are in sorted order:
        the order every RDF export writes, so that every store gives the same bytes. Large graphs come
        a few thousand subjects at a time (sorted by subject and a space, then line by line: the same
        as sorting the lines)."""
        if is_report_graph(graph):
            yield sorted(f"{s} {p} {o} ." for s, p, o in self.graph_triples(graph))
            return
        subjects = sorted(self.graph_subjects(graph), key=lambda s: f"{s} ")
        for i in range(0, len(subjects), SUBJECTS_AT_ONCE):
            yield sorted(f"{s} {p} {o} ." for s, p, o in self.subject_triples(graph, subjects[i:i + SUBJECTS_AT_ONCE]))

    def graph_subjects(self, graph: str) -> list:
        """The distinct subjects of one named graph, as pyoxigraph terms."""
        from ..sparql import iri

        return [r["s"] for r in self.terms(f"SELECT DISTINCT ?s WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")]

    def subject_triples(self, graph: str, subjects: list) -> list[tuple]:
        """(subject, predicate, object) of some subjects in one named graph, as pyoxigraph terms."""
        from ..sparql import iri

        out = []
        for i in range(0, len(subjects), 200):
            values = " ".join(str(s) for s in subjects[i:i + 200])
            rows = self.terms(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")
            out += [(r["s"], r["p"], r["o"]) for r in rows]
        return out

    def dataset(self) -> dict:
        """Every graph of :meth:`graphs` as an rdflib Graph (graph IRI -> Graph), for tests and checks."""
        from ..export.terms import to_rdflib

        import rdflib

        out = {}
        for g in self.graphs():
            graph = out[g] = rdflib.Graph(identifier=rdflib.URIRef(g))
            for triple in self.graph_triples(g):
                graph.add(tuple(to_rdflib(t) for t in triple))
        return out

    def triple_count(self) -> int:
        """Statements in pufa's graphs (a server's own graphs and pufa's journal not counted)."""
        from ..sparql import literal

        rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                          f"FILTER(STRSTARTS(STR(?g), {literal(ID + 'graph/')}) && ?g != <{JOURNAL_GRAPH}> "
                          f"&& !STRSTARTS(STR(?g), {literal(DRAFTS)})) }}")
        return int(rows[0]["n"]) if rows else 0
