"""Every command has help text and is documented in the README."""

from __future__ import annotations

import argparse

import pytest
from conftest import ROOT

from callaudit.cli import build_parser


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_the_commands_the_issues_promise_exist():
    assert {
        "transcribe",
        "rules",
        "check",
        "evaluate",
        "audit",
        "recheck",
        "calls",
        "findings",
        "queue",
    } <= set(subcommands())


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_command_has_help_and_is_in_the_readme(name):
    parser = subcommands()[name]
    assert parser.description or parser.format_help().strip()
    assert f"callaudit {name}" in (ROOT / "README.md").read_text(encoding="utf-8")
