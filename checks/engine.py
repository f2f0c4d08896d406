"""run_checks: one call's transcript and metadata against rule packs, giving Findings."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd

from checks.calllog import check_call_log
from checks.finding import CallContext, Finding
from checks.kinds import SPEECH_KINDS
from checks.packs import Rule, RulePack
from checks.text import CallText
from checks.unheard import check_unheard
from transcribe.meta import CallMeta
from transcribe.model import Transcript

log = logging.getLogger(__name__)

KIND_CHECKS = {**SPEECH_KINDS, "call_log": check_call_log, "unheard": check_unheard}


def run_checks(
    transcript: Transcript,
    meta: CallMeta | None,
    packs: Sequence[RulePack],
    attempts: pd.DataFrame | None = None,
) -> list[Finding]:
    """Every finding of every rule of ``packs`` on one call, in time order.

    ``attempts`` (account_id, started_at, outcome) feeds frequency rules; without it
    they count only the call itself. The transcript is tokenized once for all packs.
    """
    meta = meta if meta is not None else CallMeta(call_id=transcript.call_id)
    text = CallText(transcript)
    findings: list[Finding] = []
    for pack in packs:
        ctx = CallContext(text, meta, pack.settings, pack.matcher(text), attempts)
        for rule in pack.rules:  # rule.spec.kind: Rule.kind is a property, a call per rule per call
            findings.extend(KIND_CHECKS[rule.spec.kind](ctx, rule))
    findings.sort(key=lambda f: (f.start, f.rule_id))
    log.debug("call %s: %d finding(s)", transcript.call_id, len(findings))
    return findings


def run_rule(
    transcript: Transcript,
    meta: CallMeta | None,
    pack: RulePack,
    rule: Rule,
    attempts: pd.DataFrame | None = None,
) -> list[Finding]:
    """The findings of a single rule (rule examples and tests)."""
    meta = meta if meta is not None else CallMeta(call_id=transcript.call_id)
    text = CallText(transcript)
    ctx = CallContext(text, meta, pack.settings, pack.matcher(text), attempts)
    return KIND_CHECKS[rule.kind](ctx, rule)
