"""Recheck throughput: changed rules re-run over stored five-minute calls, end to end.

``bench_checks.py`` times the checks alone. Re-running changed rules over a year of calls also
reads each stored transcript, decodes its JSON into words and writes the findings back; this
script times all of it on a SQLite store of synthetic five-minute calls (the same calls as
bench_checks.py) and, in the same run, the parts alone:

- ``recheck``: ``flows.recheck.recheck_store`` over every call, less the time it takes to load
  the rule packs (once per run, reported as ``pack_load_seconds``);
- ``decode``: ``Transcript.from_json`` of every stored document;
- ``checks``: ``run_checks`` on every decoded transcript;

so ``recheck / checks`` says what the store and the decoding cost on top of the checks.

    python bench/bench_recheck.py [--calls 1000] [--db sqlite:///path.db] [--out result.json]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from bench_checks import report, synthesize
from sqlalchemy import update

from callaudit.store import open_store, repo
from callaudit.store.models import Call
from checks import run_checks
from flows import steps
from flows.recheck import recheck_store
from transcribe.meta import CallMeta
from transcribe.model import Transcript

PACKS = ["us_collections"]


def populate(db_url: str, calls: int, violating: float) -> None:
    """A store whose ``calls`` audited calls carry findings of an older pack version."""
    rng = random.Random(7)
    store = open_store(db_url)
    with store.transaction() as session:
        for i in range(calls):
            transcript = synthesize(f"bench-{i}", rng, violating=rng.random() < violating)
            repo.save_audit(
                session,
                repo.CallAudit(
                    call_id=transcript.call_id,
                    path=f"/recordings/{transcript.call_id}.wav",
                    audio_sha256=f"{i:064x}",
                    meta={"call_id": transcript.call_id, "first_contact": True},
                    transcript_key=f"transcript-{i}",
                    audit_key="old",
                    packs_version="old",
                    run_id=None,
                    transcript_document=steps.redacted_document(transcript),  # as an audit stores it
                    duration=transcript.duration,
                    word_count=sum(len(u.words) for u in transcript.utterances),
                ),
            )


def mark_stale(db_url: str) -> None:
    with open_store(db_url).transaction() as session:
        session.execute(update(Call).values(packs_version="old"))


def best_of(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=1000, help="stored calls (default 1000)")
    parser.add_argument(
        "--db",
        help="an EMPTY store to fill, e.g. PostgreSQL (default: a new SQLite file in a temporary folder)",
    )
    parser.add_argument(
        "--violating", type=float, default=0.1, help="share of calls missing the mini-Miranda"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best is reported")
    parser.add_argument(
        "--workers", type=int, default=1, help="checking processes (default 1: the per-core figure)"
    )
    parser.add_argument("--out", type=Path, help="write the result as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db_url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        populate(db_url, args.calls, args.violating)
        steps.load_current_packs(PACKS)  # the first load in a process also reads lemminflect's tables
        start = time.perf_counter()
        packs, _ = steps.load_current_packs(PACKS)  # what each recheck_store does once
        for pack in packs:
            pack.matcher  # noqa: B018 - compiled on first use, as in the first call a recheck checks
        pack_load = time.perf_counter() - start

        def recheck() -> None:
            mark_stale(db_url)
            summary = recheck_store(db_url, PACKS, workers=args.workers)
            assert summary.rechecked == args.calls and summary.failed == 0, summary

        recheck_seconds = best_of(args.repeat, recheck)  # includes loading the packs once
        with open_store(db_url).reading() as session:
            stored = repo.stored_calls(session, repo.calls_to_recheck(session, "none"))
        documents = [document for _, document in stored.values()]
        metas = [CallMeta.model_validate(call.meta) for call, _ in stored.values()]
        transcripts = [Transcript.from_json(d) for d in documents]

        def decode() -> None:
            for document in documents:  # one call at a time, as recheck_store decodes them
                Transcript.from_json(document)

        decode_seconds = best_of(args.repeat, decode)
        checks_seconds = best_of(
            args.repeat, lambda: [run_checks(t, m, packs) for t, m in zip(transcripts, metas)]
        )

    per_second = {
        "recheck_with_pack_load": args.calls / recheck_seconds,
        "recheck": args.calls / (recheck_seconds - pack_load),
        "decode": args.calls / decode_seconds,
        "checks": args.calls / checks_seconds,
    }
    result = {
        "calls": args.calls,
        "packs": PACKS,
        "store": "SQLite file" if not args.db else db_url.split(":", 1)[0],
        "workers": args.workers,
        "bytes_per_stored_transcript": round(sum(map(len, documents)) / len(documents)),
        "pack_load_seconds": round(pack_load, 2),
        "recheck_seconds": round(recheck_seconds, 2),
        "calls_per_second": {k: round(v, 1) for k, v in per_second.items()},
        "ms_per_call": {k: round(1000 / v, 3) for k, v in per_second.items()},
        "recheck_vs_checks_alone": round(per_second["recheck"] / per_second["checks"], 3),
        "hours_per_million_calls": round(1e6 / per_second["recheck"] / 3600, 2),
    }
    report(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
