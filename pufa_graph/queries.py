"""Named queries: documented functions of the store that return plain data with evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from .graph import CLASS_TYPE, TYPE_CLASS
from .store.base import PROLOGUE, GraphStore
from .sparql import literal

SEP = "\u001f"


@dataclass
class EntityRow:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    mentions: int = 0

    def to_json(self) -> dict:
        return {"id": self.id, "type": self.type, "name": self.name, "aliases": self.aliases, "docs": self.docs,
                "mentions": self.mentions}


def list_entities(store: GraphStore, type_: str | None = None, doc: str | None = None) -> list[EntityRow]:
    """Every entity with the surface forms the reports use for it and the reports that mention it.

    >>> [e.name for e in list_entities(store, "law")][:2]   # doctest: +SKIP
    ['中华人民共和国…', '宪法']
    """
    classes = [TYPE_CLASS[type_]] if type_ else list(TYPE_CLASS.values())
    values = " ".join(f"<{c.value}>" for c in classes)
    doc_filter = f"FILTER(STRSTARTS(?docid, {literal(doc)}))" if doc else ""
    rows = store.query(PROLOGUE + f"""
        SELECT ?e ?class (SAMPLE(?label) AS ?name)
               (GROUP_CONCAT(DISTINCT ?surface; separator="{SEP}") AS ?aliases)
               (GROUP_CONCAT(DISTINCT ?docid; separator="{SEP}") AS ?docs)
               (COUNT(DISTINCT ?m) AS ?n)
        WHERE {{
          VALUES ?class {{ {values} }}
          GRAPH ?g {{
            ?m pufa:mentionOf ?e ; pufa:surface ?surface ; pufa:inReport ?d .
            ?e a ?class ; rdfs:label ?label .
            ?d pufa:docId ?docid .
          }}
          {doc_filter}
        }} GROUP BY ?e ?class ORDER BY ?class ?name""")
    out = []
    for r in rows:
        aliases = sorted(set(r["aliases"].split(SEP)) | {r["name"]})
        out.append(EntityRow(id=r["e"].rsplit("/", 1)[-1], type=CLASS_TYPE[r["class"]], name=r["name"],
                             aliases=aliases, docs=sorted(r["docs"].split(SEP)), mentions=int(r["n"])))
    return out


@dataclass
class MergeStep:
    surface: str
    doc: str
    rule: str
    why: str | None
    start: int
    end: int


def explain_entity(store: GraphStore, name: str) -> list[tuple[EntityRow, list[MergeStep]]]:
    """Why mentions were merged into the entity (or entities) called ``name`` or having it as an alias."""
    entities = [e for e in list_entities(store) if e.name == name or name in e.aliases]
    out = []
    for e in entities:
        rows = store.query(PROLOGUE + f"""
            SELECT ?surface ?docid ?rule ?why ?start ?end WHERE {{
              GRAPH ?g {{
                ?m pufa:mentionOf <https://w3id.org/pufa-graph/id/entity/{e.id}> ; pufa:surface ?surface ;
                   pufa:rule ?rule ; pufa:start ?start ; pufa:end ?end ; pufa:inReport ?d .
                ?d pufa:docId ?docid .
                OPTIONAL {{ ?m rdfs:comment ?why }}
              }}
            }} ORDER BY ?docid ?start""")
        steps = [MergeStep(r["surface"], r["docid"], r["rule"], r["why"], int(r["start"]), int(r["end"])) for r in rows]
        out.append((e, steps))
    return out
