"""Nothing lost, nothing let in: broken stores, kills mid-write, hostile names and injected values.

The kill rounds here are few, to keep CI fast; `python -m bench.faults` runs 20 of each.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import faults

from .conftest import REPORTS, SEED


def pufa_cli(store: str, *args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", store, *args],
                          capture_output=True, text=True, timeout=timeout, env=env)


def one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:"), result.stderr
    for word in words:
        assert word in lines[0], result.stderr


def on_disk(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file below ``folder`` with its size and modification time."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def store_copy(seed_store, tmp_path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(seed_store, target)
    return target


READ_COMMANDS = [("docs",), ("who-promoted", "民法典"), ("ask", "哪些机构宣传了民法典？"), ("activities",),
                 ("export", "--format", "nquads"), ("check",), ("stats",), ("entities",)]


def test_a_store_without_its_current_file_is_reported_and_left_alone(store_copy, tmp_path):
    (store_copy / "CURRENT").unlink()
    before = on_disk(store_copy)
    for command in READ_COMMANDS + [("ingest", str(SEED["000"])), ("remove", "000")]:
        result = pufa_cli(str(store_copy), *command)
        one_line_error(result, "is damaged", "CURRENT")
    assert on_disk(store_copy) == before, "a command created or deleted store files"
    doctor = pufa_cli(str(store_copy), "doctor", "--format", "json")
    assert doctor.returncode == 1
    assert any("CURRENT" in p for p in json.loads(doctor.stdout)["problems"])


def _flip_bytes(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for at in range(len(data) // 3, len(data), max(1, len(data) // 7)):
        data[at] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["bit flips", "truncated file", "garbage CURRENT"])
def test_corrupt_store_files_are_one_line_on_every_command(store_copy, damage):
    tables = sorted(store_copy.glob("*.sst"))
    if damage == "bit flips":
        for table in tables:
            _flip_bytes(table)
    elif damage == "truncated file":
        biggest = max(tables, key=lambda p: p.stat().st_size)
        with biggest.open("r+b") as f:
            f.truncate(100)
    else:
        (store_copy / "CURRENT").write_text("MANIFEST-garbage\n")
    before = on_disk(store_copy)
    for command in READ_COMMANDS[:4]:
        one_line_error(pufa_cli(str(store_copy), *command), "is damaged")
    assert pufa_cli(str(store_copy), "doctor").returncode == 1
    assert on_disk(store_copy) == before
    one_line_error(pufa_cli(str(store_copy), "ingest", str(SEED["000"])), "is damaged")
    assert data_files(store_copy) == data_files_of(before), "a writer changed a damaged store"


def data_files(folder: Path) -> dict:
    return data_files_of(on_disk(folder))


def data_files_of(listing: dict) -> dict:
    """Without RocksDB's own info log (LOG, LOG.old.*), which even a failed open for writing rotates."""
    return {name: value for name, value in listing.items() if not name.startswith("LOG")}


def test_read_commands_never_make_a_store(tmp_path):
    missing = tmp_path / "nowhere"
    for command in READ_COMMANDS[:3]:
        one_line_error(pufa_cli(str(missing), *command), "no store at")
    assert not missing.exists()
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("not a store")
    one_line_error(pufa_cli(str(folder), "ingest", str(SEED["000"])), "not a pufa store")
    assert sorted(p.name for p in folder.iterdir()) == ["letter.txt"]


def test_reads_are_served_while_a_writer_holds_the_store(store_copy):
    holder = subprocess.Popen([sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", str(store_copy)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        listing = pufa_cli(str(store_copy), "docs", "--format", "json")
        assert listing.returncode == 0, listing.stderr
        assert len(json.loads(listing.stdout)) == 5
        answer = pufa_cli(str(store_copy), "who-promoted", "民法典", "--format", "json")
        assert answer.returncode == 0 and json.loads(answer.stdout)
        one_line_error(pufa_cli(str(store_copy), "ingest", str(SEED["000"])), "in use")
    finally:
        holder.communicate("")


def _cut_short_write(location: str, report: Path) -> str:
    """What a kill in the middle of a bulk load leaves: the report's graph journalled and half loaded."""
    import pyoxigraph

    from pufa_graph.ingest import process_file
    from pufa_graph.store.base import JOURNAL_GRAPH
    from pufa_graph.vocab import PUFA, XSD, doc_graph

    processed = process_file(str(report))
    graph = doc_graph(processed.id)
    store = pyoxigraph.Store(location)
    store.add(pyoxigraph.Quad(graph, PUFA.pendingWrite, pyoxigraph.Literal("true", datatype=XSD.boolean),
                              pyoxigraph.NamedNode(JOURNAL_GRAPH)))
    lines = processed.nquads.splitlines()
    store.load("\n".join(lines[: len(lines) // 2]) + "\n", format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    del store
    return processed.id


def test_readers_never_see_a_half_written_report_and_the_next_ingest_clears_it(store_copy, tmp_path):
    extra = tmp_path / "extra.txt"
    extra.write_text(SEED["001"].read_text(encoding="utf-8") + "\n县司法局开展宪法进校园活动。", encoding="utf-8")
    half = _cut_short_write(str(store_copy), extra)
    listing = pufa_cli(str(store_copy), "docs", "--format", "json")
    assert half not in {d["id"] for d in json.loads(listing.stdout)}
    assert pufa_cli(str(store_copy), "export", "--format", "trig", "-o", str(tmp_path / "x.trig")).returncode == 0
    assert half not in (tmp_path / "x.trig").read_text(encoding="utf-8")
    doctor = json.loads(pufa_cli(str(store_copy), "doctor", "--format", "json").stdout)
    assert doctor["ok"] is False and len(doctor["unfinished"]) == 1
    assert pufa_cli(str(store_copy), "ingest", str(extra)).returncode == 0
    assert json.loads(pufa_cli(str(store_copy), "doctor", "--format", "json").stdout)["ok"] is True
    assert faults.problems(str(store_copy), faults.expected_statements([extra])) == []


# -- kills at random moments, both stores --------------------------------------------------------------

KILLS = int(os.environ.get("PUFA_TEST_KILLS", "2"))
SMALL_BATCHES = {"PUFA_BATCH_REPORTS": "3", "PUFA_BATCH_TRIPLES": "1", "PUFA_REMOTE_CHUNK": "150"}


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kills") / "reports"
    paths = faults.corpus(folder, 18)
    return folder, faults.expected_statements(paths)


def test_killing_the_ingest_mid_rewrite_leaves_whole_reports_embedded(kill_corpus, tmp_path):
    folder, expected = kill_corpus
    env = dict(os.environ, **SMALL_BATCHES)
    location = str(tmp_path / "store")
    faults.ingest(location, folder, env=env)
    rounds = faults.kill_rounds(location, folder, expected, KILLS, env=env)
    assert [r.problems for r in rounds] == [[]] * KILLS
    assert faults.repaired(location, folder, expected, env=env) == []


@pytest.mark.parametrize("victim", ["client", "server"])
def test_killing_client_or_server_mid_rewrite_leaves_whole_reports_on_a_server(kill_corpus, tmp_path, victim):
    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    folder, expected = kill_corpus
    env = dict(os.environ, **SMALL_BATCHES)
    server = faults.OxigraphServer(tmp_path / "server").start()
    try:
        faults.ingest(server.url, folder, env=env)
        rounds = faults.kill_rounds(server.url, folder, expected, KILLS, victim=victim, server=server, env=env)
        assert [r.problems for r in rounds] == [[]] * KILLS
        assert faults.repaired(server.url, folder, expected, env=env) == []
    finally:
        server.stop()


def test_a_partial_graph_left_by_an_older_writer_is_repaired(tmp_path):
    """Before drafts, a kill between chunks left part of a report, which re-ingest called unchanged."""
    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    from pufa_graph.store import open_store
    from pufa_graph.store.base import PROLOGUE

    report = SEED["002"]
    expected = faults.expected_statements([report])
    server = faults.OxigraphServer(tmp_path / "server").start()
    try:
        assert pufa_cli(server.url, "ingest", str(report)).returncode == 0
        with open_store(server.url) as store:  # lose every evidence sentence, as a cut-short chunk would
            store.update(PROLOGUE + "DELETE { GRAPH ?g { ?e prov:value ?s } } WHERE { GRAPH ?g { ?e prov:value ?s } }")
        assert faults.problems(server.url, expected) != []
        result = pufa_cli(server.url, "ingest", "--format", "json", str(report))
        assert json.loads(result.stdout)["replaced"] == 1
        assert faults.problems(server.url, expected) == []
    finally:
        server.stop()


# -- user values reach SPARQL as escaped terms, on every option of every command ------------------------

INJECTIONS = ['school> } } LIMIT 1 #', '" } } UNION { GRAPH ?g { ?s ?p ?o } } #',
              "民法典\" . } } ; DROP ALL ; #", '\\" ) ) } } #\n} SELECT * {']
HARMLESS = "全无此名"
#: commands whose values are not query terms: files, SPARQL itself, reports to remove (tested apart)
NOT_QUERY_VALUES = {"ingest", "read", "sparql", "remove"}
#: options every command takes that name where the store is, not what to look for
STORE_LOCATIONS = {"store", "update_url"}


def _value_slots():
    """(command, the arguments before the value, the option or None for an argument) for every string value."""
    import click

    from pufa_graph.cli import main

    for name, command in sorted(main.commands.items()):
        if name in NOT_QUERY_VALUES:
            continue
        required = [p for p in command.params if isinstance(p, click.Argument) and p.required]
        for param in command.params:
            if not isinstance(param.type, click.types.StringParamType) or param.name in STORE_LOCATIONS:
                continue
            if isinstance(param, click.Argument):
                yield name, None, param
            else:
                yield name, [HARMLESS] * len(required), param


def _shape(result) -> tuple:
    """What a result holds, whatever words it echoes: exit code and, for JSON, how many answers."""
    try:
        data = json.loads(result.stdout)
    except ValueError:
        return (result.exit_code, "text")
    if isinstance(data, dict):
        if "error" in data:
            return (result.exit_code, "error")
        return (result.exit_code, tuple(sorted((k, len(v)) for k, v in data.items() if isinstance(v, list))))
    return (result.exit_code, len(data) if isinstance(data, list) else type(data).__name__)


def _run_every_slot(location: str, values: list[str], tmp_path: Path) -> list[str]:
    from click.testing import CliRunner

    from pufa_graph.cli import main

    runner = CliRunner()
    wrong = []
    for name, before, param in _value_slots():
        command = main.commands[name]
        takes_format = any(p.name == "fmt" and "json" in getattr(p.type, "choices", ()) for p in command.params)
        extra = ["--format", "json"] if takes_format else []
        if any(p.name == "output" for p in command.params):
            extra += ["-o", str(tmp_path / f"{name}.out")]

        def run(value):
            args = [value] if before is None else [*before, param.opts[-1], value]
            return runner.invoke(main, ["--store", location, name, *args, *extra])

        expected = _shape(run(HARMLESS))
        for value in values:
            result = run(value)
            if result.exception and not isinstance(result.exception, SystemExit):
                wrong.append(f"{name} {param.opts[-1] if before is not None else param.name}: "
                             f"{type(result.exception).__name__}: {result.exception}")
            elif _shape(result) != expected:
                wrong.append(f"{name} {param.opts[-1] if before is not None else param.name} {value!r}: "
                             f"{_shape(result)} != {expected}")
    return wrong


def test_injected_values_change_nothing_on_the_embedded_store(store_copy, tmp_path):
    before = on_disk(store_copy)
    assert _run_every_slot(str(store_copy), INJECTIONS, tmp_path) == []
    assert on_disk(store_copy) == before


def test_injected_values_change_nothing_on_a_server(tmp_path):
    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    server = faults.OxigraphServer(tmp_path / "server").start()
    try:
        assert pufa_cli(server.url, "ingest", str(REPORTS)).returncode == 0
        from pufa_graph.store import open_store

        with open_store(server.url) as store:
            triples = store.triple_count()
        assert _run_every_slot(server.url, INJECTIONS[:2], tmp_path) == []
        with open_store(server.url) as store:
            assert store.triple_count() == triples
    finally:
        server.stop()


def test_library_queries_refuse_a_value_that_would_leave_its_term(seed_store):
    from pufa_graph.errors import PufaError
    from pufa_graph.queries import find_activities, who_promoted
    from pufa_graph.store import open_store

    with open_store(seed_store, read_only=True) as store:
        with pytest.raises(PufaError, match="not a venue code"):
            find_activities(store, venue_type=INJECTIONS[0])
        assert who_promoted(store, INJECTIONS[2]) == []


def test_remove_takes_no_injected_or_empty_name(pufa):
    pufa("ingest", str(SEED["000"]))
    for name in ["", " ", INJECTIONS[1]]:
        result = pufa("remove", name, expect=1)
        assert "matches no" in result.output or "empty name" in result.output
    assert len(pufa.json("docs")) == 1


def test_service_is_refused_unless_allowed_and_ask_answers(seed_store):
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    one_line_error(pufa_cli(seed_store, "sparql", federated), "--allow-federation")
    one_line_error(pufa_cli(seed_store, "sparql", "select * { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"),
                   "SERVICE")
    quoted = pufa_cli(seed_store, "sparql", 'SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(?o = "SERVICE") } }')
    assert quoted.returncode == 0, quoted.stderr
    asked = pufa_cli(seed_store, "sparql", "ASK { GRAPH ?g { ?s a pufa:Report } }", "--format", "json")
    assert asked.returncode == 0 and json.loads(asked.stdout) == [{"result": "true"}]


# -- hostile names and settings --------------------------------------------------------------------------

def test_file_names_that_are_not_utf8_or_hold_newlines_are_stored_with_the_rest(tmp_path, store_path):
    folder = tmp_path / "names"
    folder.mkdir()
    shutil.copy(SEED["000"], folder / "good.txt")
    shutil.copy(SEED["001"], os.path.join(os.fsencode(folder), b"bad\xff\xfe.txt"))
    shutil.copy(SEED["002"], folder / "two\nlines.txt")
    (folder / "empty\nname.txt").write_bytes(b"")
    result = pufa_cli(store_path, "ingest", str(folder))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "empty\\nname.txt" in errors[0] and "empty file" in errors[0]
    stored = json.loads(pufa_cli(store_path, "docs", "--format", "json").stdout)
    assert sorted(d["source"] for d in stored) == ["bad\ufffd\ufffd.txt", "good.txt", "two\nlines.txt"]


def test_a_missing_file_beside_a_good_one_does_not_stop_the_good_one(tmp_path, store_path):
    result = pufa_cli(store_path, "ingest", str(SEED["000"]), str(tmp_path / "gone.txt"))
    assert result.returncode == 1 and "gone.txt: no such file" in result.stderr
    assert len(json.loads(pufa_cli(store_path, "docs", "--format", "json").stdout)) == 1


@pytest.mark.parametrize("args, env, words", [
    (["ingest", "--max-mb", "nan", "x.txt"], {}, ["--max-mb"]),
    (["ingest", "--max-mb", "inf", "x.txt"], {}, ["--max-mb"]),
    (["ingest", str(SEED["000"])], {"PUFA_BATCH_TRIPLES": "abc"}, ["PUFA_BATCH_TRIPLES"]),
    (["export", "-o", "/proc/version"], {}, ["/proc/version"]),
    (["export", "-o", "/etc/passwd"], {}, ["/etc/passwd", "not a .ttl file"]),
])
def test_bad_settings_and_targets_are_one_line(seed_store, args, env, words):
    result = pufa_cli(seed_store, *args, env=dict(os.environ, **env))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert all(w in result.stderr for w in words), result.stderr


def test_a_url_that_is_no_url_is_one_line():
    one_line_error(pufa_cli("http://[::1", "docs"), "not a valid URL")


@pytest.fixture
def tiny_disk(tmp_path):
    """A 3 MB tmpfs, where one can be made (root in a container that allows mounts)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_keeps_the_store_and_leaves_no_bulk_files(tiny_disk):
    store = str(tiny_disk / "store")
    assert pufa_cli(store, "ingest", str(REPORTS)).returncode == 0
    before = pufa_cli(store, "docs", "--format", "json").stdout
    dev = Path(__file__).resolve().parents[2] / "shared" / "dev" / "docs"
    many = sorted(dev.glob("*")) if dev.is_dir() else []
    folder = tiny_disk.parent / "many"
    folder.mkdir()
    paths = faults.corpus(folder, 60) + many
    result = pufa_cli(store, "ingest", *map(str, paths))
    one_line_error(result, "cannot write to store")
    assert "No space left" in result.stderr or "disk is full" in result.stderr
    assert not list(Path(store).glob("bulk-*.sst"))
    assert pufa_cli(store, "docs", "--format", "json").stdout == before
    assert pufa_cli(store, "doctor").returncode == 0


def test_a_store_on_a_read_only_disk_answers_every_read(tiny_disk):
    store = str(tiny_disk / "store")
    assert pufa_cli(store, "ingest", str(REPORTS)).returncode == 0
    if subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], capture_output=True).returncode != 0:
        pytest.skip("cannot remount read-only here")
    for command in READ_COMMANDS[:4] + [("gaps",), ("doctor",)]:
        result = pufa_cli(store, *command)
        assert result.returncode == 0 and "Traceback" not in result.stderr, (command, result.stderr)
    assert len(json.loads(pufa_cli(store, "docs", "--format", "json").stdout)) == 5
    one_line_error(pufa_cli(store, "ingest", str(SEED["000"])), "store")
