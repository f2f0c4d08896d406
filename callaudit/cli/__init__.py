"""The ``callaudit`` command: a thin layer that turns domain errors into clean messages.

Each area registers its own subcommands from a module in this package, so the
command grows without one file owning everything.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

# Modules that each define ``register(subparsers)``; a missing one is skipped so a
# partial install still runs the commands it has.
COMMAND_MODULES = (
    "callaudit.cli.transcribe_cmd",
    "callaudit.cli.rules_cmd",
    "callaudit.cli.audit_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callaudit",
        description="Audit recorded collections calls: transcribe, check rule packs, queue for QA review.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
