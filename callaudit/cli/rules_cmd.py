"""``callaudit rules list|lint|test``, ``callaudit check`` and ``callaudit evaluate``.

A thin layer: the work is in ``checks``; this module parses arguments, turns domain
errors into one clean message on stderr, and returns the exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from callaudit.cli.transcribe_cmd import add_model_arguments, options_from_args
from checks import (
    AttemptsError,
    RulePackError,
    add_recorded_calls,
    available_packs,
    load_attempts,
    load_packs,
    run_checks,
)
from checks.evaluate import CorpusError, evaluate, load_corpus
from checks.examples import iter_examples, run_example
from transcribe.errors import InputError
from transcribe.meta import CallMeta
from transcribe.model import Transcript, TranscriptFormatError

if TYPE_CHECKING:
    from transcribe.engine import TranscribeOptions

DEFAULT_CHECK_PACKS = ["us_collections"]


def register(subparsers: argparse._SubParsersAction) -> None:
    rules = subparsers.add_parser(
        "rules", help="list, lint and test rule packs", description="Work with the rule packs in phrases/."
    )
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    for name, handler, text in (
        ("list", _list, "list the packs and their rules (id, kind, severity, citation)"),
        ("lint", _lint, "validate packs; print every problem as path:line: message"),
        ("test", _test, "run every example of every rule; exit 1 if any fails"),
    ):
        action = actions.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        action.add_argument(
            "packs", nargs="*", metavar="PACK", help="pack names or folders (default: every shipped pack)"
        )
        action.set_defaults(handler=_guarded(handler))
    rules.set_defaults(handler=lambda args: _usage(rules))

    check = subparsers.add_parser(
        "check",
        help="run rule packs on a stored transcript (no transcription); findings as JSON lines",
        description="Re-run rules on a transcript JSON file and print one JSON finding per line.",
    )
    check.add_argument("transcript", type=Path, metavar="TRANSCRIPT.json", help="a stored transcript")
    check.add_argument("--meta", type=Path, metavar="SIDECAR.json", help="the call's metadata sidecar")
    check.add_argument(
        "--packs",
        nargs="+",
        default=DEFAULT_CHECK_PACKS,
        metavar="PACK",
        help="pack names or folders (default: us_collections)",
    )
    check.add_argument("--attempts", type=Path, metavar="CSV", help="call_attempts.csv for frequency rules")
    check.set_defaults(handler=_guarded(_check))

    ev = subparsers.add_parser(
        "evaluate",
        help="per-rule precision/recall/F1 on a labelled corpus, from text and (with --audio) from audio",
        description="Score rule packs on a corpus (scripts/*.yml with labels, calls/*.wav).",
    )
    ev.add_argument("--corpus", type=Path, default=Path("eval"), help="corpus folder (default: eval)")
    ev.add_argument(
        "--packs",
        nargs="+",
        default=DEFAULT_CHECK_PACKS,
        metavar="PACK",
        help="pack names or folders (default: us_collections)",
    )
    ev.add_argument("--audio", action="store_true", help="also transcribe the audio and score end to end")
    add_model_arguments(ev)
    ev.add_argument(
        "--transcripts",
        type=Path,
        metavar="DIR",
        help="with --audio: reuse DIR/<call_id>.json transcripts, and save new ones there",
    )
    ev.add_argument("--json", type=Path, metavar="FILE", help="also write the reports as JSON")
    ev.set_defaults(handler=_guarded(_evaluate))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Domain errors become one message on stderr and exit code 1, not a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except RulePackError as exc:
            print(f"error: invalid rule pack ({len(exc.problems)} problem(s)):", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        except (AttemptsError, CorpusError, InputError, TranscriptFormatError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    return run


def _packs(names: list[str]) -> list:
    return load_packs(names or available_packs())


# --- rules ----------------------------------------------------------------------------------
def _list(args: argparse.Namespace) -> int:
    for pack in _packs(args.packs):
        print(f"{pack.name}  version {pack.version}  ({len(pack.rules)} rules)  {pack.path}")
        for rule in pack.rules:
            print(f"  {rule.id:<40} {rule.kind:<10} {rule.severity:<8} {rule.citation}")
    return 0


def _lint(args: argparse.Namespace) -> int:
    for pack in _packs(args.packs):
        examples = sum(len(r.spec.examples.flag) + len(r.spec.examples.pass_) for r in pack.rules)
        print(f"ok {pack.name}: {len(pack.rules)} rules, {examples} examples, version {pack.version}")
        for warning in pack.warnings:
            print(f"  warning: {warning}")
    return 0


def _test(args: argparse.Namespace) -> int:
    packs = _packs(args.packs)
    results: dict[str, list] = {}
    for case in iter_examples(packs):
        results.setdefault(f"{case.pack.name}:{case.rule.id}", []).append(run_example(case))
    failed_rules = 0
    for rule, outcomes in results.items():
        failures = [r for r in outcomes if not r.ok]
        failed_rules += bool(failures)
        print(
            f"{'FAIL' if failures else 'ok  '} {rule} ({len(outcomes) - len(failures)}/{len(outcomes)} examples)"
        )
        for result in failures:
            print(f"     {result.case.expect} #{result.case.index}: {result.detail}")
    total = sum(len(v) for v in results.values())
    bad = sum(not r.ok for v in results.values() for r in v)
    print(
        f"rules: {len(results) - failed_rules} ok, {failed_rules} failing; examples: {total - bad} ok, {bad} failing"
    )
    return 1 if bad else 0


# --- check ----------------------------------------------------------------------------------
def _check(args: argparse.Namespace) -> int:
    transcript = _read_transcript(args.transcript)
    meta = _read_meta(args.meta, transcript.call_id) if args.meta else CallMeta(call_id=transcript.call_id)
    attempts = None
    if args.attempts:
        attempts = add_recorded_calls(load_attempts(args.attempts), [meta])
    for finding in run_checks(transcript, meta, load_packs(args.packs), attempts):
        print(json.dumps(finding.to_dict(), ensure_ascii=False))
    return 0


def _read_transcript(path: Path) -> Transcript:
    """A stored transcript; what is wrong with it names the file ("t.json: not JSON: ...")."""
    try:
        return Transcript.from_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptFormatError(f"{path}: cannot read it ({exc})") from exc
    except TranscriptFormatError as exc:
        raise TranscriptFormatError(f"{path}: {exc}") from exc


def _read_meta(path: Path, call_id: str) -> CallMeta:
    from pydantic import ValidationError

    from transcribe.errors import SidecarError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SidecarError(path, f"cannot read it as JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise SidecarError(path, "a sidecar is a JSON object")
    data.setdefault("call_id", call_id)
    try:
        return CallMeta.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise SidecarError(path, problems) from exc


# --- evaluate -------------------------------------------------------------------------------
def _evaluate(args: argparse.Namespace) -> int:
    packs = load_packs(args.packs)
    calls = load_corpus(args.corpus)
    reports = [evaluate(args.corpus, packs, calls=calls)]
    print(reports[0].table())
    if args.audio:
        transcriber = _transcriber(options_from_args(args), args.transcripts)
        reports.append(evaluate(args.corpus, packs, transcribe=transcriber, calls=calls))
        print()
        print(reports[1].table())
    if args.json:
        args.json.write_text(json.dumps([r.to_dict() for r in reports], indent=2), encoding="utf-8")
    return 0


def _transcriber(options: TranscribeOptions, store: Path | None) -> Callable:
    """Audio -> Transcript with the speech engine, optionally cached as JSON files in ``store``."""

    def transcribe(path: Path, meta: CallMeta) -> Transcript:
        saved = store / f"{meta.call_id}.json" if store else None
        if saved is not None and saved.exists():
            return Transcript.from_json(saved.read_text(encoding="utf-8"))
        from transcribe.engine import transcribe_file  # loads faster-whisper

        transcript = transcribe_file(path, options, meta=meta)
        if saved is not None:
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_text(transcript.to_json(), encoding="utf-8")
        return transcript

    return transcribe
