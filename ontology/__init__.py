"""pufa-graph's knowledge as data: the ontology, shapes and catalogues (installed as pufa_graph.ontology)."""
