"""The checks run in parallel threads (the audit flow's calls in flight) from a cold start."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

# Run in a fresh interpreter: in this one the shared vocabulary already exists.
COLD_START_IN_THREADS = """
from concurrent.futures import ThreadPoolExecutor
from checks import load_packs, run_checks
from transcribe.meta import CallMeta
from transcribe.model import transcript_from_turns

packs = load_packs(["us_collections", "acme_script"])
lines = [
    ("agent", "Hi, this is Sam with Apex Recovery, a debt collector, on a recorded line."),
    ("customer", "Yes, speaking. Stop calling me."),
    ("agent", "If you don't pay, the sheriff will arrest you {n} times."),
]
calls = [transcript_from_turns([(s, t.format(n=n)) for s, t in lines], call_id=f"c{n}") for n in range(64)]
with ThreadPoolExecutor(4) as pool:
    found = list(pool.map(lambda t: run_checks(t, CallMeta(call_id=t.call_id), packs), calls))
print(sorted({len([f for f in fs if f.rule_id == "prohibited.threat_arrest"]) for fs in found}))
"""


def test_checks_in_parallel_threads_from_a_cold_start_all_run_and_agree():
    done = subprocess.run(
        [sys.executable, "-c", COLD_START_IN_THREADS], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[1]"  # every call ran and found its one arrest threat
