"""SPARQL servers the tests and benchmarks start on loopback: Oxigraph server (PyPI) and Virtuoso 7 (Debian).

    server = VirtuosoServer(tmp / "virtuoso", max_rows=500).start()
    ...  # server.url, server.auth_url (digest: dba/dba)
    server.stop()
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """`oxigraph serve` on loopback, restartable on the same data and port."""

    def __init__(self, folder: Path):
        self.binary = shutil.which("oxigraph")
        if self.binary is None:
            raise RuntimeError("the oxigraph server is not installed (pip install oxigraph)")
        self.folder, self.port, self.proc = folder, free_port(), None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> "OxigraphServer":
        self.log = self.folder.with_suffix(".log")
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen([self.binary, "serve", "--location", str(self.folder),
                                          "--bind", f"127.0.0.1:{self.port}"], stdout=log, stderr=log)
        deadline = time.time() + 120  # a server killed mid-write replays its log first; slow on a busy machine
        while time.time() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"the oxigraph server did not start (exit {self.proc.poll()}): "
                           + self.log.read_text(encoding="utf-8", errors="replace")[-500:])

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None


class VirtuosoServer:
    """Virtuoso 7 from Debian (`apt-get install virtuoso-opensource`), its database in ``folder``.

    ``max_rows`` is its ResultSetMaxRows, the cap it puts on every result (10,000 as shipped).
    ``url`` is the public ``/sparql`` endpoint, given the right to update; ``auth_url`` the digest-
    authenticated ``/sparql-auth`` (user dba, password dba in a new database).
    """

    def __init__(self, folder: Path, max_rows: int = 10000):
        self.binary = shutil.which("virtuoso-t")
        self.isql = shutil.which("isql-vt") or shutil.which("isql")
        if self.binary is None or self.isql is None:
            raise RuntimeError("Virtuoso is not installed (apt-get install virtuoso-opensource)")
        self.folder, self.max_rows, self.proc = folder, max_rows, None
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        self.auth_url = self.url + "-auth"

    def _ini(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        db = self.folder
        ini.write_text(f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{self.sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {db}
[HTTPServer]
ServerPort = 127.0.0.1:{self.http_port}
ServerRoot = {db}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {self.max_rows}
MaxQueryExecutionTime = 120
""", encoding="utf-8")
        return ini

    def start(self) -> "VirtuosoServer":
        ini = self._ini()
        log = (self.folder / "out.log").open("ab")
        self.proc = subprocess.Popen([self.binary, "+foreground", "+configfile", str(ini)], cwd=self.folder,
                                     stdout=log, stderr=log)
        deadline = time.time() + 120
        while time.time() < deadline and self.proc.poll() is None:
            try:
                request = urllib.request.Request(self.url, data=urllib.parse.urlencode({"query": "ASK {}"}).encode())
                urllib.request.urlopen(request, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"Virtuoso did not start: {(self.folder / 'out.log').read_text(errors='replace')[-500:]}")
        self.sql('GRANT SPARQL_UPDATE TO "SPARQL";')
        return self

    def sql(self, statement: str) -> str:
        done = subprocess.run([self.isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statement}"],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql {statement!r}: {done.stdout[-300:]} {done.stderr[-300:]}")
        return done.stdout

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
