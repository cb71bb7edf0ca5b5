"""Any SPARQL 1.1 server (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso) over HTTP.

``--store URL`` picks the endpoints:

* ``http://host:port`` or ``http://host:port/dataset`` -> ``…/query`` and ``…/update`` (Oxigraph, Fuseki);
* a URL ending in ``/sparql`` (Virtuoso, GraphDB-style) -> that one URL for both.

Large writes are sent in chunks of ``PUFA_REMOTE_CHUNK`` triples (default 5000;
Virtuoso wants about 500) into draft graphs, which one update then moves over the reports
they replace (:meth:`GraphStore.write_reports`), so each report is replaced whole or not at all.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request

from ..errors import StoreError
from ..settings import setting
from .base import GraphStore, insert_data


class RemoteStore(GraphStore):
    def __init__(self, url: str, timeout: float = 60.0):
        try:
            parts = urllib.parse.urlsplit(url)
            parts.port  # noqa: B018 - raises on a port that is no number
        except ValueError as exc:
            raise StoreError(f"--store {url!r} is not a valid URL ({exc})") from None
        if not parts.hostname:
            raise StoreError(f"--store {url!r} names no host (write http://HOST:PORT[/path])")
        self.location = url.rstrip("/")
        if self.location.endswith("/sparql"):
            self.query_url = self.update_url = self.location
        else:
            self.query_url = self.location + "/query"
            self.update_url = self.location + "/update"
        self.timeout = timeout
        self.chunk = setting("PUFA_REMOTE_CHUNK", 5000)
        user, password = os.environ.get("PUFA_STORE_USER"), os.environ.get("PUFA_STORE_PASSWORD")
        self._opener = urllib.request.build_opener()
        if user and password:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, self.location, user, password)
            self._opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager),
                                                       urllib.request.HTTPBasicAuthHandler(manager))

    def _post(self, url: str, body: str, content_type: str, accept: str | None = None) -> bytes:
        request = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                         headers={"Content-Type": f"{content_type}; charset=utf-8"})
        if accept:
            request.add_header("Accept", accept)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:300]
            raise StoreError(f"SPARQL server {url} answered {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"cannot reach SPARQL server {url}: {getattr(exc, 'reason', exc)}") from None

    def query(self, sparql: str) -> list[dict[str, str | None]]:
        raw = self._post(self.query_url, sparql, "application/sparql-query", "application/sparql-results+json")
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            raise StoreError(f"SPARQL server {self.query_url} did not answer with JSON results") from None
        if "boolean" in data:
            return [{"result": "true" if data["boolean"] else "false"}]
        names = data["head"]["vars"]
        return [{n: (b[n]["value"] if n in b else None) for n in names} for b in data["results"]["bindings"]]

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql, "application/sparql-update")

    def insert_statements(self, graph: str, statements: list[str]) -> None:
        """In chunks: servers limit the size of one request."""
        for i in range(0, len(statements), self.chunk):
            self.update(insert_data(graph, statements[i:i + self.chunk]))
