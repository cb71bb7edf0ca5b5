"""Documents (and, later, their entities and activities) as RDF triples in one named graph per report."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from . import __version__
from .model import Document
from .vocab import DCT, PROV, PUFA, RDF, XSD, doc_iri

Triple = tuple[NamedNode, NamedNode, object]


def document_triples(doc: Document) -> list[Triple]:
    node = doc_iri(doc.id)
    meta = doc.metadata
    triples: list[Triple] = [
        (node, RDF.type, PUFA.Report),
        (node, RDF.type, PROV.Entity),
        (node, PUFA.docId, Literal(doc.id)),
        (node, PUFA.sourceName, Literal(doc.source)),
        (node, PUFA.sourcePath, Literal(doc.path)),
        (node, PUFA.format, Literal(doc.format)),
        (node, PUFA.script, Literal(meta.script)),
        (node, PUFA.text, Literal(doc.text)),
        (node, PUFA.pipelineVersion, Literal(__version__)),
    ]
    optional = [
        (DCT.title, meta.title), (PUFA.issuerName, meta.issuer), (PUFA.docNumber, meta.doc_number),
        (PUFA.indexNumber, meta.index_number), (PUFA.sourceLine, meta.source_line), (PUFA.encoding, doc.encoding),
    ]
    triples += [(node, p, Literal(v)) for p, v in optional if v]
    if meta.date:
        triples.append((node, DCT.date, Literal(meta.date, datatype=XSD.date)))
    return triples
