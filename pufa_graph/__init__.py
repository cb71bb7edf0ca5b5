"""pufa-graph: Chinese legal-publicity (普法) reports into a knowledge graph.

The library is the product; the ``pufa`` command only parses options and calls it::

    from pufa_graph.pipeline import read_document
    doc = read_document("data/reports/000_32807e2b53f0df99.txt")
    doc.metadata.issuer   # '巴音郭楞蒙古自治州司法局'
"""

__version__ = "0.1.0"
