"""Any SPARQL 1.1 server (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso) over HTTP.

``--store URL`` picks the endpoints:

* ``http://host:port`` or ``http://host:port/dataset`` -> ``…/query`` and ``…/update`` (Oxigraph, Fuseki);
* a URL ending in ``/sparql`` or ``/sparql-auth`` (Virtuoso, GraphDB-style) -> that one URL for both;
* ``pufa --update-url URL`` (or ``$PUFA_UPDATE_URL``) names the update endpoint where it is elsewhere.

Queries and updates go as form-encoded POSTs (``query=`` / ``update=``), which every server
answers (Virtuoso 7 never answers a POST of ``application/sparql-query``). Results are read by
the term types of the SPARQL JSON results, never by a server's string forms: Virtuoso writes
``true`` as ``"1"`` and answers ASK as a one-row SELECT. A server that stops at a row cap
(Virtuoso's ``ResultSetMaxRows``, announced by ``X-SPARQL-MaxRows``) is read page by page.

Large writes are sent in chunks of ``PUFA_REMOTE_CHUNK`` triples (default 5000;
Virtuoso wants about 500) into draft graphs, which one update then moves over the reports
they replace (:meth:`GraphStore.write_reports`), so each report is replaced whole or not at all.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request

from ..errors import StoreError
from ..settings import setting
from .base import GraphStore, insert_data

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
#: the head of a query: PREFIX and BASE declarations
_PROLOGUE = re.compile(r"^(\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*)", re.I)
_ORDERED = re.compile(r"\bORDER\s+BY\b[^{}]*$", re.I)
_LIMITED = re.compile(r"\b(LIMIT|OFFSET)\s+\d+[^{}]*$", re.I)
_SELECT = re.compile(r"^\s*SELECT\b", re.I)


def endpoints(url: str, update_url: str | None = None) -> tuple[str, str]:
    """(query URL, update URL) for ``--store URL`` (and ``--update-url``)."""
    location = url.rstrip("/")
    if location.endswith(("/sparql", "/sparql-auth")):
        query = update = location
    else:
        query, update = location + "/query", location + "/update"
    return query, update_url or os.environ.get("PUFA_UPDATE_URL") or update


class RemoteStore(GraphStore):
    def __init__(self, url: str, timeout: float = 60.0, update_url: str | None = None):
        try:
            parts = urllib.parse.urlsplit(url)
            parts.port  # noqa: B018 - raises on a port that is no number
        except ValueError as exc:
            raise StoreError(f"--store {url!r} is not a valid URL ({exc})") from None
        if not parts.hostname:
            raise StoreError(f"--store {url!r} names no host (write http://HOST:PORT[/path])")
        self.location = url.rstrip("/")
        self.query_url, self.update_url = endpoints(url, update_url)
        self.timeout = timeout
        self.chunk = setting("PUFA_REMOTE_CHUNK", 5000)
        user, password = os.environ.get("PUFA_STORE_USER"), os.environ.get("PUFA_STORE_PASSWORD")
        self._opener = urllib.request.build_opener()
        if user and password:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for endpoint in {self.location, self.query_url, self.update_url}:
                manager.add_password(None, endpoint, user, password)
            self._opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager),
                                                       urllib.request.HTTPBasicAuthHandler(manager))

    def _post(self, url: str, field: str, text: str, accept: str | None = None) -> tuple[bytes, dict]:
        body = urllib.parse.urlencode({field: text}).encode("utf-8")
        request = urllib.request.Request(url, data=body, method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        if accept:
            request.add_header("Accept", accept)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read(), dict(response.headers)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:300]
            raise StoreError(f"SPARQL server {url} answered {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"cannot reach SPARQL server {url}: {getattr(exc, 'reason', exc)}") from None

    def _results(self, sparql: str) -> tuple[dict, int | None]:
        raw, headers = self._post(self.query_url, "query", sparql, "application/sparql-results+json")
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            raise StoreError(f"SPARQL server {self.query_url} did not answer with JSON results") from None
        cap = next((v for k, v in headers.items() if k.lower() == "x-sparql-maxrows"), None)
        return data, int(cap) if cap and cap.isdigit() else None

    def bindings(self, sparql: str) -> tuple[list[str], list[dict]]:
        """(variables, SPARQL JSON bindings) of a SELECT, every row of it however the server caps a result."""
        data, cap = self._results(sparql)
        names = data["head"].get("vars", [])
        rows = data["results"]["bindings"] if "results" in data else []
        if cap is None or len(rows) < cap or not _SELECT.match(_PROLOGUE.sub("", sparql)):
            return names, rows
        if _LIMITED.search(sparql):
            raise StoreError(f"SPARQL server {self.query_url} returns at most {cap} rows and the query asks for "
                             f"a range of its own: page it with ORDER BY, LIMIT {cap} and OFFSET")
        return names, list(self._pages(sparql, names, cap))

    def _pages(self, sparql: str, names: list[str], cap: int):
        """The whole result in pages of ``cap`` rows, from one fixed order (the query's own, with every
        variable as a tie-breaker): the inner query sorts, the outer one takes a page (Virtuoso refuses
        a sorted OFFSET beyond its cap, and keeps the order of a subquery)."""
        prologue = _PROLOGUE.match(sparql).group(1)
        body = sparql[len(prologue):].rstrip()
        tie = " ".join(f"?{n}" for n in names)
        body = body + (f" {tie}" if _ORDERED.search(body) else f" ORDER BY {tie}")
        offset = 0
        while True:
            data, _cap = self._results(f"{prologue}SELECT * WHERE {{ {{ {body} }} }} LIMIT {cap} OFFSET {offset}")
            page = data["results"]["bindings"]
            yield from page
            if len(page) < cap:
                return
            offset += cap

    def query(self, sparql: str) -> list[dict[str, str | None]]:
        if _SELECT.match(_PROLOGUE.sub("", sparql)):
            names, rows = self.bindings(sparql)
        else:  # ASK, CONSTRUCT, DESCRIBE
            data, _cap = self._results(sparql)
            if "boolean" in data:
                return [{"result": "true" if data["boolean"] else "false"}]
            names, rows = data.get("head", {}).get("vars", []), data.get("results", {}).get("bindings", [])
        if names == ["__ASK_RETVAL"]:  # Virtuoso answers ASK as one row of 1 or 0
            return [{"result": "true" if rows and rows[0]["__ASK_RETVAL"]["value"] not in ("0", "false") else "false"}]
        return [{n: _value(b[n]) if n in b else None for n in names} for b in rows]

    def terms(self, sparql: str) -> list[dict]:
        """SELECT rows as RDF terms (pyoxigraph NamedNode, BlankNode, Literal), by the result's own types."""
        names, rows = self.bindings(sparql)
        return [{n: _term(b[n]) if n in b else None for n in names} for b in rows]

    def update(self, sparql: str) -> None:
        self._post(self.update_url, "update", sparql)

    def insert_statements(self, graph: str, statements: list[str]) -> None:
        """In chunks: servers limit the size of one request."""
        for i in range(0, len(statements), self.chunk):
            self.update(insert_data(graph, statements[i:i + self.chunk]))


def _value(binding: dict) -> str:
    """A term's lexical value; booleans in their canonical form whatever the server wrote."""
    value = binding["value"]
    if binding.get("datatype") == XSD_BOOLEAN:
        return "true" if value in ("1", "true") else "false"
    return value


def _term(binding: dict):
    from pyoxigraph import BlankNode, Literal, NamedNode

    kind = binding["type"]
    if kind == "uri":
        return NamedNode(binding["value"])
    if kind == "bnode":
        return BlankNode(binding["value"])
    if "xml:lang" in binding:
        return Literal(binding["value"], language=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype:
        return Literal(_value(binding), datatype=NamedNode(datatype))
    return Literal(binding["value"])
