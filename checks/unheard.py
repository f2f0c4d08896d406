"""Unheard rules: speech on the recording that the transcript has no words for goes to a human.

No phrase can match words Whisper never wrote, so a dropped sentence would read as a compliant
one. The transcriber keeps every voiced stretch it wrote nothing for (``Transcript.unheard``);
each one of at least the rule's ``min_seconds`` is a ``needs_listen`` finding whose times are
the clip to play. A transcript that did not measure them (reference text, or transcribed
before callaudit kept them) gives nothing: there is nothing to point a listener at.
"""

from __future__ import annotations

from checks.finding import NEEDS_LISTEN, CallContext, Finding
from checks.kinds import applies
from checks.occurrences import speakers_for
from checks.packs import Rule


def check_unheard(ctx: CallContext, rule: Rule) -> list[Finding]:
    spec = rule.spec
    if not applies(spec.conditions, ctx.meta):
        return []
    speakers = speakers_for(spec.speaker)
    findings = []
    for stretch in ctx.text.unheard or ():
        seconds = stretch.end - stretch.start
        if seconds >= spec.min_seconds and stretch.speaker in speakers:
            note = f"{seconds:.1f} s of speech with no words"
            findings.append(
                ctx.finding(
                    rule,
                    NEEDS_LISTEN,
                    speaker=stretch.speaker,
                    times=(stretch.start, stretch.end),
                    score=None,
                    note=note,
                )
            )
    return findings
