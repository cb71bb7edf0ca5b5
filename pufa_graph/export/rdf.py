"""RDF exports: Turtle and N-Triples of the union graph; TriG and N-Quads keeping one graph per report; JSON-LD."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from ..store.base import GraphStore
from ..vocab import PREFIXES as ALL_PREFIXES

#: instance IRIs stay whole: a prefix would need escaped slashes (id:activity\/…)
PREFIXES = {p: iri for p, iri in ALL_PREFIXES.items() if p != "id"}


def nquads(store: GraphStore) -> str:
    """Every quad of the store in N-Quads, sorted: a canonical text of the whole store."""
    raw = getattr(store, "raw", None)
    if raw is not None:
        from pyoxigraph import RdfFormat

        from ..store.embedded import JOURNAL

        internal = f"<{JOURNAL.value}>"  # the write journal and the last batch's token are the store's own
        text = raw.dump(format=RdfFormat.N_QUADS).decode("utf-8")
    else:
        internal, text = None, _nquads_over_sparql(store)
    return "".join(sorted(set(line + "\n" for line in text.splitlines()
                              if line.strip() and not (internal and internal in line))))


def _nquads_over_sparql(store: GraphStore) -> str:
    from pyoxigraph import BlankNode, Literal, NamedNode

    lines = []
    for r in store.query("SELECT ?g ?s ?p ?o (DATATYPE(?o) AS ?dt) (LANG(?o) AS ?lang) (ISIRI(?o) AS ?iri) "
                         "(ISBLANK(?o) AS ?bnode) WHERE { GRAPH ?g { ?s ?p ?o } }"):
        if r["iri"] == "true":
            obj = NamedNode(r["o"])
        elif r["bnode"] == "true":
            obj = BlankNode(r["o"])
        elif r["lang"]:
            obj = Literal(r["o"], language=r["lang"])
        else:
            obj = Literal(r["o"], datatype=NamedNode(r["dt"]) if r["dt"] else None)
        lines.append(f"{NamedNode(r['s'])} {NamedNode(r['p'])} {obj} {NamedNode(r['g'])} .")
    return "\n".join(lines)


def _memory_store(store: GraphStore):
    from pyoxigraph import RdfFormat, Store

    memory = Store()
    memory.load(nquads(store).encode("utf-8"), format=RdfFormat.N_QUADS)
    return memory


def write_nquads(store: GraphStore, path: Path) -> None:
    path.write_text(nquads(store), encoding="utf-8")


def union_by_subject(store: GraphStore, on_progress: Callable[[int, int], None] | None = None
                     ) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Every report's graph together, one subject at a time: (subject, sorted distinct (predicate, object)),
    all in N-Triples syntax and subjects in sorted order.

    The embedded store is read subject by subject, so millions of triples are never held as one text.
    """
    raw = getattr(store, "raw", None)
    if raw is None:
        by_subject: dict[str, set[tuple[str, str]]] = {}
        for line in nquads(store).splitlines():
            subject, predicate, rest = line.split(" ", 2)
            by_subject.setdefault(subject, set()).add((predicate, rest.rsplit(" ", 2)[0]))
        for subject in sorted(by_subject):
            yield subject, sorted(by_subject[subject])
        return
    from ..store.embedded import JOURNAL

    subjects = sorted(((str(row["s"]), row["s"]) for row in raw.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")),
                      key=lambda pair: pair[0])
    for done, (text, term) in enumerate(subjects):
        if on_progress and done % 5000 == 0:
            on_progress(done, len(subjects))
        statements = {(str(q.predicate), str(q.object)) for q in raw.quads_for_pattern(term, None, None, None)
                      if q.graph_name != JOURNAL}
        if statements:
            yield text, sorted(statements)
    if on_progress:
        on_progress(len(subjects), len(subjects))


def write_ntriples(store: GraphStore, path: Path, on_progress=None) -> None:
    with path.open("w", encoding="utf-8") as out:
        for subject, statements in union_by_subject(store, on_progress):
            out.write("".join(f"{subject} {p} {o} .\n" for p, o in statements))


def write_turtle(store: GraphStore, path: Path, on_progress=None) -> None:
    """Turtle of every report's graph together (Turtle has no named graphs), subjects sorted, one block each."""
    compact = _compactor()
    with path.open("w", encoding="utf-8") as out:
        out.write("".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items())) + "\n")
        for subject, statements in union_by_subject(store, on_progress):
            by_predicate: dict[str, list[str]] = {}
            for p, o in statements:
                by_predicate.setdefault(p, []).append(compact(o))
            body = " ;\n    ".join(("a" if p == RDF_TYPE else compact(p)) + " " + " , ".join(objects)
                                   for p, objects in by_predicate.items())
            out.write(f"{compact(subject)} {body} .\n\n")


RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _compactor():
    """N-Triples term -> Turtle term: IRIs (and literal datatypes) under a project prefix written prefixed."""
    namespaces = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))

    def iri(value: str) -> str | None:
        for prefix, ns in namespaces:
            if value.startswith(ns) and _LOCAL_NAME.fullmatch(value[len(ns):]):
                return f"{prefix}:{value[len(ns):]}"
        return None

    @lru_cache(maxsize=65536)
    def compact(term: str) -> str:
        if term.startswith("<"):
            return iri(term[1:-1]) or term
        if term.endswith(">") and '"^^<' in term:
            text, datatype = term.rsplit("^^", 1)
            short = iri(datatype[1:-1])
            return f"{text}^^{short}" if short else term
        return term

    return compact


def _sorted_turtle(text: str) -> str:
    """Prefix lines, then subject blocks in sorted order: stable whatever the store's internal order.

    The serializer escapes newlines in literals, so a statement ends with the line that ends in " .".
    """
    head, blocks, current = [], [], []
    for line in text.splitlines():
        if line.startswith(("@prefix", "PREFIX")):
            head.append(line)
        elif line.strip():
            current.append(line)
            if line.rstrip().endswith(" ."):
                blocks.append("\n".join(current))
                current = []
    if current:
        blocks.append("\n".join(current))
    return "\n".join(sorted(head)) + "\n\n" + "\n\n".join(sorted(blocks)) + "\n"


def write_trig(store: GraphStore, path: Path) -> None:
    """TriG: one named graph per report, graphs and subjects sorted."""
    from pyoxigraph import NamedNode, RdfFormat

    memory = _memory_store(store)
    parts = ["".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items()))]
    for graph in sorted(memory.named_graphs(), key=lambda g: g.value):
        body = memory.dump(format=RdfFormat.TURTLE, prefixes=PREFIXES, from_graph=graph).decode("utf-8")
        body = _sorted_turtle(body).split("\n\n", 1)[1]
        indented = "\n".join("    " + line if line else line for line in body.splitlines())
        parts.append(f"{NamedNode(graph.value)} {{\n{indented}\n}}\n")
    path.write_text("\n".join(parts), encoding="utf-8")


def write_jsonld(store: GraphStore, path: Path) -> None:
    """JSON-LD with a context of the project prefixes; one named graph per report."""
    import json

    import rdflib

    dataset = rdflib.Dataset()
    dataset.parse(data=nquads(store), format="nquads")
    context = dict(sorted(PREFIXES.items()))
    text = dataset.serialize(format="json-ld", context=context, auto_compact=True)
    data = json.loads(text)
    path.write_text(json.dumps(_sort_jsonld(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def _sort_jsonld(value):
    if isinstance(value, dict):
        return {k: _sort_jsonld(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_jsonld(v) for v in value]
        import json

        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value
