"""RDF exports: Turtle and N-Triples of the union graph; TriG and N-Quads keeping one graph per report; JSON-LD."""

from __future__ import annotations

from pathlib import Path

from ..store.base import GraphStore
from ..vocab import PREFIXES as ALL_PREFIXES

#: instance IRIs stay whole: a prefix would need escaped slashes (id:activity\/…)
PREFIXES = {p: iri for p, iri in ALL_PREFIXES.items() if p != "id"}


def nquads(store: GraphStore) -> str:
    """Every quad of the store in N-Quads, sorted: a canonical text of the whole store."""
    raw = getattr(store, "raw", None)
    if raw is not None:
        from pyoxigraph import RdfFormat

        text = raw.dump(format=RdfFormat.N_QUADS).decode("utf-8")
    else:
        text = _nquads_over_sparql(store)
    return "".join(sorted(set(line + "\n" for line in text.splitlines() if line.strip())))


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


def write_ntriples(store: GraphStore, path: Path) -> None:
    lines = {line.rsplit(" ", 2)[0] + " .\n" for line in nquads(store).splitlines()}
    path.write_text("".join(sorted(lines)), encoding="utf-8")


def write_turtle(store: GraphStore, path: Path) -> None:
    """Turtle of every report's graph together (Turtle has no named graphs), subjects sorted."""
    from pyoxigraph import DefaultGraph, RdfFormat, Store

    union = Store()
    lines = nquads(store).splitlines()
    union.load("".join(sorted({line.rsplit(" ", 2)[0] + " .\n" for line in lines})).encode("utf-8"),
               format=RdfFormat.N_TRIPLES)
    del lines
    text = union.dump(format=RdfFormat.TURTLE, prefixes=PREFIXES, from_graph=DefaultGraph())
    path.write_bytes(_sorted_turtle(text.decode("utf-8")).encode("utf-8"))


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
