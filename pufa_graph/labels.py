"""Words for people in place of codes: ``school`` is 学校 (school with ``--lang en``).

The codes of the controlled lists (venue types, activity forms, agency kinds, levels …) are the
ontology's concepts, and entity types (agency, law …) its classes; their labels are written once, in
``ontology/pufa.ttl`` (skos:notation and skos:prefLabel, rdfs:label of a class), and read from there.
"""

from __future__ import annotations

from functools import lru_cache

#: the concept schemes whose codes appear in query results: the IRI prefix of their concepts
SCHEMES = {"venue_type": "venue_", "form": "form_", "kind": "kind_", "level": "level_",
           "designation": "designation_", "campaign_kind": "campaignkind_"}


@lru_cache(maxsize=2)
def _labels(lang: str) -> dict[tuple[str, str], str]:
    import pyoxigraph

    from .knowledge import ontology_dir
    from .vocab import PUFA

    from .graph import CLASS_TYPE

    scheme_of = {prefix: scheme for scheme, prefix in SCHEMES.items()}
    notation, label = "http://www.w3.org/2004/02/skos/core#notation", "http://www.w3.org/2004/02/skos/core#prefLabel"
    class_label = "http://www.w3.org/2000/01/rdf-schema#label"
    codes: dict[str, tuple[str, str]] = {iri: ("type", name) for iri, name in CLASS_TYPE.items()}
    names: dict[str, str] = {}
    with open(ontology_dir() / "pufa.ttl", "rb") as ttl:
        for triple in pyoxigraph.parse(ttl, format=pyoxigraph.RdfFormat.TURTLE):
            subject = triple.subject.value
            if not subject.startswith(PUFA.iri):
                continue
            if subject in CLASS_TYPE:  # an entity type: its class's label
                if triple.predicate.value == class_label and getattr(triple.object, "language", None) == lang:
                    names[subject] = triple.object.value
                continue
            local = subject[len(PUFA.iri):]
            prefix = next((p for p in scheme_of if local.startswith(p)), None)
            if prefix is None:
                continue
            if triple.predicate.value == notation:
                codes[subject] = (scheme_of[prefix], triple.object.value)
            elif triple.predicate.value == label and getattr(triple.object, "language", None) == lang:
                names[subject] = triple.object.value
    return {codes[s]: names[s] for s in codes if s in names}


def label(scheme: str, code: str | None, lang: str = "zh") -> str | None:
    """The label of a code in its scheme (``label("venue_type", "school")`` is 学校), or the code itself
    when the ontology has none (a code is never hidden)."""
    if code is None:
        return None
    return _labels(lang).get((scheme, code), code)
