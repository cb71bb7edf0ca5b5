"""Docs that cannot rot. Every command is in the README and teaches by example (as datasette's documentation tests do):
a command or option missing from the README's table, or a --help without a worked example, fails here,
and the examples of the commands that only read run on the sample store as printed."""

from __future__ import annotations

import re
import shlex
import shutil

import click
import pytest
from click.testing import CliRunner

from pufa_graph.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
#: options every command takes, documented once beside the table
COMMON = {"--help", "--store", "--update-url", "--lang"}
#: commands whose examples change a store or need one elsewhere: their examples are checked, not run here
WRITES = {"ingest", "load", "import", "migrate", "remove"}


def readme_row(name: str) -> str:
    rows = [line for line in README.splitlines() if line.startswith(f"| `pufa {name} ") or
            line.startswith(f"| `pufa {name}`")]
    assert rows, f"README's command table has no row for `pufa {name}`"
    return rows[0]


def examples(name: str) -> list[str]:
    """The command lines a command's --help shows: lines that start with `pufa`, global options allowed
    before the command's name."""
    help_text = main.commands[name].get_help(click.Context(main.commands[name], info_name=name))
    found = []
    for line in help_text.splitlines():
        m = re.match(rf"\s+(pufa (?:--\S+ \S+ )*{re.escape(name)}\b.*)", line)
        if m:
            found.append(re.split(r"\s+#\s|\s+\|\s|\s+&&\s", m.group(1))[0].strip())
    return found


COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_and_option_is_in_the_readme(name):
    row = readme_row(name)
    for param in main.commands[name].params:
        if isinstance(param, click.Option) and not param.hidden:
            for opt in param.opts + param.secondary_opts:
                if opt.startswith("--") and opt not in COMMON:
                    assert opt in row, f"README's row for `pufa {name}` does not mention {opt}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_has_a_worked_example(name):
    help_text = main.commands[name].get_help(click.Context(main.commands[name], info_name=name))
    assert re.search(r"^\s*Examples?:", help_text, re.M), f"`pufa {name} --help` has no Examples: block"
    assert examples(name), f"`pufa {name} --help` shows no command line"


@pytest.fixture(scope="module")
def example_store(seed_store, tmp_path_factory):
    copy = tmp_path_factory.mktemp("examples") / "store"
    shutil.copytree(seed_store, copy)
    return copy


@pytest.mark.parametrize("name", [n for n in COMMANDS if n not in WRITES])
def test_the_examples_run_as_printed(name, example_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").symlink_to(ROOT / "data")
    ran = 0
    for line in examples(name):
        args = shlex.split(line)[1:]
        if any(a.startswith("http") for a in args):
            continue  # a server the example names; tests/test_sparql_servers.py runs those
        result = CliRunner().invoke(main, ["--store", str(example_store), *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), (line, result.exception)
        assert result.exit_code == 0, f"{line}\n{result.output}"
        ran += 1
    assert ran, f"no example of `pufa {name}` could run here"


def readme_session() -> list[tuple[str, list[str]]]:
    """The README's console session: each `$ pufa …` line and the output lines shown under it."""
    block = README.split("```console", 1)[1].split("```", 1)[0]
    session: list[tuple[str, list[str]]] = []
    for line in block.strip("\n").splitlines():
        if line.startswith("$ "):
            session.append((line[2:], []))
        else:
            session[-1][1].append(line)
    return session


def test_the_readme_session_prints_what_the_readme_shows(tmp_path, monkeypatch):
    """Run from a clean folder as a new user would; `…` stands for lines the README leaves out."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").symlink_to(ROOT / "data")
    monkeypatch.delenv("PUFA_STORE", raising=False)
    session = readme_session()
    assert session[0][0].startswith("pufa ingest")
    for command, shown in session:
        result = CliRunner().invoke(main, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        printed = result.output.splitlines()
        at = 0
        for line in (s for s in shown if s.strip() != "…"):
            assert line in printed[at:], f"`{command}` no longer prints, in this order:\n{line}\n---\n{result.output}"
            at = printed.index(line, at) + 1


def test_quick_start_has_exactly_two_setup_lines_and_ci_runs_the_second():
    blocks = re.findall(r"```bash\n(.+?)\n```", README)
    assert blocks[0].startswith("pip install . && pufa ingest data/reports")
    assert blocks[1] == 'pip install -e ".[test]" && python -m pytest'
    assert blocks[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
