"""Rule checks: Transcript + CallMeta + rule packs -> Findings. Pure: no DB, no Prefect, no audio.

packs = load_packs(["us_collections"])
findings = run_checks(transcript, meta, packs, attempts=None)
"""

from checks.calllog import AttemptsError, add_recorded_calls, load_attempts
from checks.engine import run_checks, run_rule
from checks.finding import Finding
from checks.packs import Problem, Rule, RulePack, RulePackError, available_packs, load_packs
from checks.redact import redact_text, redact_transcript

__all__ = [
    "AttemptsError",
    "Finding",
    "Problem",
    "Rule",
    "RulePack",
    "RulePackError",
    "add_recorded_calls",
    "available_packs",
    "load_attempts",
    "load_packs",
    "redact_text",
    "redact_transcript",
    "run_checks",
    "run_rule",
]
