"""The ontology graph a store holds beside the reports: ontology/pufa.ttl and the model version.

Exports carry it, so a client that loads an export alone has every concept the data uses, with its
type, scheme and labels (and `pyshacl -s ontology/shapes.ttl export.ttl` conforms on its own).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from ..vocab import MODEL_VERSION, PREFIXES, STORE_NODE


@lru_cache(maxsize=1)
def ontology_statements() -> tuple[list[str], str]:
    """(N-Triples lines of the ontology graph, a digest of them), version and digest included."""
    import pyoxigraph

    from ..knowledge import ontology_dir

    data = (ontology_dir() / "pufa.ttl").read_bytes()
    lines = sorted({f"{t.subject} {t.predicate} {t.object} ." for t in
                    pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE)})
    digest = hashlib.sha1(("\n".join(lines) + str(MODEL_VERSION)).encode("utf-8")).hexdigest()[:16]
    pufa = PREFIXES["pufa"]
    lines += [f'<{STORE_NODE}> <{pufa}modelVersion> "{MODEL_VERSION}"^^<{PREFIXES["xsd"]}integer> .',
              f'<{STORE_NODE}> <{pufa}ontologyDigest> "{digest}" .']
    return lines, digest
