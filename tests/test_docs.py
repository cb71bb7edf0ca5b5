"""Docs that cannot rot: every command and the quick-start lines are in the README."""

from __future__ import annotations

import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented():
    from pufa_graph.cli import main

    missing = [name for name in main.commands if f"pufa {name}" not in README]
    assert missing == []


def test_every_option_of_the_main_commands_is_documented():
    from pufa_graph.cli import main

    for name in ("ingest", "activities", "entities", "ask", "gaps", "export", "who-promoted"):
        command = main.commands[name]
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt not in ("--help", "--format"):
                    assert opt in README, f"pufa {name} {opt} is not in the README"


def test_quick_start_has_exactly_two_setup_lines_and_ci_runs_the_second():
    blocks = re.findall(r"```bash\n(.+?)\n```", README)
    assert blocks[0].startswith("pip install . && pufa ingest data/reports")
    assert blocks[1] == 'pip install -e ".[test]" && python -m pytest'
    assert blocks[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
