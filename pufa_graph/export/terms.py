"""RDF terms between pyoxigraph (what the stores give) and rdflib (what checks and clients use)."""

from __future__ import annotations


def to_rdflib(term):
    import pyoxigraph
    import rdflib

    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    # RDF 1.1: a plain literal is an xsd:string; rdflib tells them apart, so write it plain
    return rdflib.Literal(term.value, datatype=None if datatype.endswith("#string") else rdflib.URIRef(datatype))
