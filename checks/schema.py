"""The schema of rule files and pack.yml: strict (unknown keys are errors), one model per kind."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from transcribe.meta import CallMeta
from transcribe.model import UNHEARD_SECONDS

Severity = Literal["critical", "high", "medium", "low"]
Speaker = Literal["agent", "customer", "any"]
Phrase = Annotated[str, Field(min_length=1)]
PhraseList = Annotated[list[Phrase], Field(min_length=1)]
Text = Annotated[str, Field(min_length=1)]

KINDS = ("required", "prohibited", "response", "order", "call_log", "unheard")
SEVERITIES = ("critical", "high", "medium", "low")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- examples -----------------------------------------------------------------------------
def _turn(value: Any) -> Any:
    if isinstance(value, dict) and len(value) != 1:
        raise ValueError("a turn is one `speaker: text` pair, e.g. {agent: Hello}")
    return value


Turn = Annotated[dict[Literal["agent", "customer", "mixed"], str], BeforeValidator(_turn)]


def _example(value: Any) -> Any:
    """A plain string is one agent turn; a list is turns; a mapping spells everything out."""
    if isinstance(value, str):
        return {"turns": [{"agent": value}]}
    if isinstance(value, list):
        return {"turns": value}
    if isinstance(value, dict) and isinstance(value.get("turns"), str):
        return {**value, "turns": [{"agent": value["turns"]}]}
    return value


def _meta(value: Any) -> Any:
    if isinstance(value, dict):
        return {"call_id": "example", **value}
    return value


class Stretch(Strict):
    """Speech with no words in the transcript, from ``start`` to ``end`` seconds (unheard rules)."""

    speaker: Literal["agent", "customer", "mixed"]
    start: Annotated[float, Field(ge=0)]
    end: Annotated[float, Field(gt=0)]

    @model_validator(mode="after")
    def _order(self) -> Stretch:
        if self.end <= self.start:
            raise ValueError("a stretch ends after it starts")
        return self


class Example(Strict):
    """A transcript snippet (and, for call-log rules, metadata and call attempts; for unheard
    rules, the stretches of speech the transcript has no words for)."""

    turns: list[Turn] = Field(default_factory=list)
    meta: Annotated[CallMeta, BeforeValidator(_meta)] | None = None
    attempts: list[datetime] | None = None
    unheard: list[Stretch] | None = None
    status: Literal["violation", "needs_listen"] = "violation"

    @field_validator("attempts")
    @classmethod
    def _aware(cls, value: list[datetime] | None) -> list[datetime] | None:
        for moment in value or ():
            if moment.utcoffset() is None:
                raise ValueError("attempt times need a UTC offset, e.g. 2026-03-02T14:05:00-05:00")
        return value


ExampleItem = Annotated[Example, BeforeValidator(_example)]


class Examples(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, str_strip_whitespace=True)

    flag: Annotated[list[ExampleItem], Field(min_length=1)]
    pass_: Annotated[list[ExampleItem], Field(min_length=1, alias="pass")]


# --- parts of rules -----------------------------------------------------------------------
class Window(Strict):
    """Where in the call a rule looks. Which fields a kind accepts is checked per kind."""

    first_seconds: Annotated[float, Field(gt=0)] | None = None
    last_seconds: Annotated[float, Field(gt=0)] | None = None
    seconds: Annotated[float, Field(gt=0)] | None = None
    turns: Annotated[int, Field(gt=0)] | None = None


class Conditions(Strict):
    """When a rule applies. ``first_contact: true`` = first contact or unknown (never skipped silently)."""

    first_contact: bool | None = None


class PhraseGroup(Strict):
    """Phrases said by one speaker; ``turn_start`` keeps only those within a turn's first words,
    or, with ``sentence``, within the first words of any sentence of a turn, not counting words
    the ASR was unsure of: "If you were legit, you'd already know it. Fine, it's me. Seventh of
    March, ninety-two" answers a date-of-birth question (twenty-fifth text set, ty26), and so
    does "All (p=0.10) the (p=0.49) state, 1976" (twenty-seventh, ua30 end to end)."""

    speaker: Speaker
    phrases: PhraseList
    exceptions: PhraseList | None = None
    # Exceptions only in mono speech, where who said them is unknown: the agent's greeting read
    # as the consumer's confirmation there, but the consumer's own "This is Andre. I'm at the
    # bell desk" on the consumer's channel is one (one hundred and seventy-third text set, zq18).
    mono_exceptions: PhraseList | None = None
    negation: bool = True
    turn_start: bool | Literal["sentence"] = False


class Dismissal(PhraseGroup):
    """Phrases that count only heard within ``within`` seconds after something else: a
    suspect's dismissal (no trigger of the kind), a denial of a prohibited phrase, its
    retraction, or the rejection of a confirmation."""

    within: float = Field(default=20, gt=0)


class Suspect(PhraseGroup):
    """Words of a trigger's kind in wording no trigger phrase knows (see ResponseRule.suspect).

    They count only on the consumer's own channel unless ``on_mono``: words an agent does not
    say ("that's not mine", "already paid") may count in mono speech too.
    """

    on_mono: bool = False
    # The agent's answer that shows the words were a question about the agent ("are you a
    # lawyer?" answered "No, I'm not an attorney"), heard ``within`` seconds after them.
    dismissed_by: Dismissal | None = None


class RuleBase(Strict):
    kind: str
    message: Text
    severity: Severity
    citation: Text
    rationale: Text
    examples: Examples
    conditions: Conditions = Conditions()
    min_probability: Annotated[float, Field(ge=0, le=1)] | None = None


def _window_fields(window: Window | None, allowed: set[str], kind: str) -> None:
    if window is None:
        return
    used = {k for k, v in window.model_dump().items() if v is not None}
    if used - allowed:
        raise ValueError(
            f"window: {', '.join(sorted(used - allowed))} does not apply to {kind} rules "
            f"(use {', '.join(sorted(allowed))})"
        )
    if window.first_seconds is not None and window.last_seconds is not None:
        raise ValueError("window: give first_seconds or last_seconds, not both")


class RequiredRule(RuleBase):
    """A phrase (or every named part of one) must be said."""

    kind: Literal["required"]
    speaker: Speaker = "agent"
    phrases: PhraseList | Annotated[dict[str, PhraseList], Field(min_length=1)]
    exceptions: PhraseList | None = None
    # Exceptions only in mono speech, where who said it is unknown: "I'm recording this call" is
    # the consumer's there (tt20), and on the agent's own channel it is the notice (zb03, zf09).
    mono_exceptions: PhraseList | None = None
    # Heard, the rule does not apply (a third party answered), unless ``revoked_by`` is heard
    # after it (the consumer came to the phone).
    unless: PhraseGroup | None = None
    revoked_by: PhraseGroup | None = None
    window: Window | None = None
    negation: bool = True
    fuzzy: bool = True

    @model_validator(mode="after")
    def _window(self) -> RequiredRule:
        _window_fields(self.window, {"first_seconds", "last_seconds"}, "required")
        if self.revoked_by is not None and self.unless is None:
            raise ValueError("revoked_by: only with `unless` (it revokes what `unless` excused)")
        return self


class ProhibitedRule(RuleBase):
    """A phrase must not be said (negated mentions pass)."""

    kind: Literal["prohibited"]
    speaker: Speaker = "agent"
    phrases: PhraseList
    exceptions: PhraseList | None = None
    # The other party repeating the phrase in disbelief ("A warrant? For a loan?"): heard with
    # no phrase of the rule heard before it, not even negated, it is needs_listen (the ASR
    # probably lost the words it echoes).
    echoed_by: PhraseGroup | None = None
    # The agent's plain denial ("No, nobody is going to arrest you"), heard ``within`` seconds
    # after a phrase in mono speech, shows the phrase was the consumer's question or hearsay
    # ("Am I going to be arrested? My neighbor said they put you in jail"). Mono speech only:
    # on the agent's own channel the agent's words count whatever follows them.
    denied_by: Dismissal | None = None
    # ... unless the speaker takes the phrase back, which shows they said it: "the sheriff is
    # going to show up with a warrant and... no, scratch that. Nobody is going to arrest you"
    # (twenty-ninth text set, uc01). A retraction ``within`` seconds after the phrase keeps it.
    retracted_by: Dismissal | None = None
    window: Window | None = None
    negation: bool = True
    fuzzy: bool = False

    @model_validator(mode="after")
    def _window(self) -> ProhibitedRule:
        _window_fields(self.window, {"first_seconds", "last_seconds"}, "prohibited")
        return self


class ResponseRule(RuleBase):
    """After a trigger, ``speaker`` must not say ``forbidden`` / must say ``required`` within the window.

    ``implies_trigger`` are forbidden replies that only make sense after the trigger: heard
    when no trigger was, they are needs_listen (the ASR probably garbled the trigger).
    """

    kind: Literal["response"]
    trigger: PhraseGroup
    # Words of the trigger's kind ("lawyer", "counsel") in wording no trigger phrase knows, said
    # on the consumer's own channel (or in mono speech, ``on_mono``) before any trigger heard: a
    # forbidden reply after one is needs_listen, and no required reply is owed to it.
    suspect: Suspect | None = None
    # Heard after a trigger, it withdraws it ("no, she's only doing the divorce"): nothing
    # said after it answers that trigger, and no reply is owed to it.
    revoked_by: PhraseGroup | None = None
    speaker: Speaker = "agent"
    forbidden: PhraseList | None = None
    implies_trigger: PhraseList | None = None
    # Said before an implies_trigger reply, it explains the reply without a trigger: "I'm not
    # paying twice" before "we'll keep calling until it's taken care of".
    explained_by: PhraseGroup | None = None
    required: PhraseList | None = None
    exceptions: PhraseList | None = None
    window: Window | None = None
    negation: bool = True
    fuzzy: bool = True

    @model_validator(mode="after")
    def _shape(self) -> ResponseRule:
        if self.forbidden is None and self.implies_trigger is None and self.required is None:
            raise ValueError(
                "a response rule needs `forbidden` or `required` phrases (or both; "
                "`implies_trigger` phrases are forbidden ones)"
            )
        _window_fields(self.window, {"seconds", "turns"}, "response")
        return self


class Answered(Strict):
    """A ``question`` of one speaker answered by the other: the ``answer`` must begin within
    ``within`` seconds after the question ends (with ``turn_start``, opening a turn)."""

    question: PhraseGroup
    answer: PhraseGroup
    within: Annotated[float, Field(gt=0)] = 20.0


class Consent(PhraseGroup):
    """The consumer letting the agent go on in front of someone else: the ``phrases`` said by
    the consumer ("yes, he can hear it"), or the agent's question ``asked`` and answered ("Mr.
    Stein, do you authorize me to discuss the account with her?" "Yes, I do")."""

    asked: Answered | None = None


class OrderRule(RuleBase):
    """``then`` must not be said unless ``first`` was said before it (and not revoked since).

    An ``answered`` question counts as ``first`` too, unless a revocation was heard before the
    answer (and, with ``handed_over_by``, no handover since it): a verification question ("can
    you give me the ZIP code?") answered with digits confirms the consumer when the ASR lost
    their "yes". ``confirmed_by`` counts as ``first`` too, revoked or not before it: the other
    party saying the check was passed ("you're verified", "you're listed as co-borrower on the
    loan"). ``acknowledged_by``, said on its speaker's own channel with no revocation heard,
    clears only a doubt about an unsure ``first``: the person on the line speaking as the one
    the rule protects ("Can I do like fifty a month?") after a "yes" the ASR garbled.
    ``withheld_by``, heard in sure words on its speaker's own channel just after an unsure word
    of theirs, says that word was no lost "yes": "It (p=0.07) depends who's asking". With
    ``handed_over_by``, a ``first`` heard after a revocation counts only once one of its phrases
    was heard since the revocation: whoever said "I'm her cousin" and then "Yes, I can give her
    the message" confirmed nobody, but "Okay, here she is" and then "Hello, yes, Samira" is the
    consumer, and so is the date of birth given after "Ray! Phone! ... Hi, this is Ray". A
    ``first`` or an answer followed within its ``within`` seconds by a ``rejected_by`` phrase of
    the other party confirmed nothing: a wrong date of birth answered "Hmm, I have something a
    little different" (ty12). ``then_once_revoked`` phrases count as ``then`` only when said
    after a revocation: the mini-Miranda told to a wife who said who she is (uj22), or before
    one heard in the first answer on the customer's channel: the agent's opening mini-Miranda
    answered "No, this is her mother" (uv04, va22, wi19).
    ``consented_by``, said by the confirmed consumer, lets the agent go on in front of someone
    else (15 USC 1692c(b): with the consumer's prior consent): a revocation heard after it
    ("Hi, I'm Noah, her son" after "yes, he can hear it") revokes nothing. Its ``asked``
    question, answered, reaches back to the consumer's confirmation before it: the credit
    counselor conferenced in ("Hi, this is Lorna with Midwest Family Credit Counseling") and
    then the question, answered "Yes, I do", revokes nothing either.
    With ``greeted_by_name``, the ``first`` speaker's first words greeting the ``then`` speaker
    by the name they gave count as ``first``: "Hi Denise, it's Rob Kessler with Tri-County
    Collections" answered "Hi Rob. I'm on my lunch" is someone the agent has talked to before.
    ``complained_of_by``, heard when nothing else gave a finding, gives ``needs_listen``: the
    consumer saying the details reached someone else ("you already told my conductor my
    business", se17, where the ASR put the conductor's words before the balance).
    With ``named_as_asked``, the ``first`` speaker's "this is Shelby" opening a sentence of their
    reply to a turn of the ``then`` speaker that named Shelby counts as ``first``, wherever in the
    reply it comes: "Am I speaking with Shelby Tanner?" answered "Morning is right, man, I just got
    off a graveyard shift ... Yeah, this is Shelby."
    """

    kind: Literal["order"]
    first: PhraseGroup
    then: PhraseGroup
    then_once_revoked: PhraseGroup | None = None
    revoked_by: PhraseGroup | None = None
    answered: Answered | None = None
    rejected_by: Dismissal | None = None
    confirmed_by: PhraseGroup | None = None
    acknowledged_by: PhraseGroup | None = None
    withheld_by: PhraseGroup | None = None
    handed_over_by: PhraseGroup | None = None
    consented_by: Consent | None = None
    complained_of_by: PhraseGroup | None = None
    greeted_by_name: bool = False
    named_as_asked: bool = False

    @model_validator(mode="after")
    def _revoked(self) -> OrderRule:
        if self.then_once_revoked is not None and self.revoked_by is None:
            raise ValueError("then_once_revoked: only with `revoked_by` (it counts only after one)")
        if self.consented_by is not None and self.revoked_by is None:
            raise ValueError(
                "consented_by: only with `revoked_by` (revocations are what it keeps from counting)"
            )
        return self


class LocalTime(Strict):
    earliest: time
    latest: time
    assume_timezones: Annotated[list[str], Field(min_length=1)]

    @field_validator("assume_timezones")
    @classmethod
    def _zones(cls, value: list[str]) -> list[str]:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        for name in value:
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown IANA time zone {name!r}") from None
        return value


class Frequency(Strict):
    max_attempts: Annotated[int, Field(gt=0)]
    days: Annotated[int, Field(gt=0)]


class CallLogRule(RuleBase):
    """A rule on call metadata (when the call was placed, how often the account was called)."""

    kind: Literal["call_log"]
    local_time: LocalTime | None = None
    frequency: Frequency | None = None

    @model_validator(mode="after")
    def _one(self) -> CallLogRule:
        if (self.local_time is None) == (self.frequency is None):
            raise ValueError("a call_log rule has exactly one of `local_time` or `frequency`")
        return self


class UnheardRule(RuleBase):
    """Speech the transcript has no words for: every stretch of at least ``min_seconds`` said by
    ``speaker`` (mono speech, whoever said it) goes to a human, for no rule could check it.
    Transcripts keep stretches of UNHEARD_SECONDS or more, so a shorter ``min_seconds`` would
    promise what they cannot give."""

    kind: Literal["unheard"]
    min_seconds: Annotated[float, Field(ge=UNHEARD_SECONDS)]
    speaker: Speaker = "any"


RULE_MODELS: dict[str, type[RuleBase]] = {
    "required": RequiredRule,
    "prohibited": ProhibitedRule,
    "response": ResponseRule,
    "order": OrderRule,
    "call_log": CallLogRule,
    "unheard": UnheardRule,
}

RuleSpec = RequiredRule | ProhibitedRule | ResponseRule | OrderRule | CallLogRule | UnheardRule


# --- pack.yml -----------------------------------------------------------------------------
class Settings(Strict):
    """Pack-wide matching thresholds; each has a documented default."""

    min_probability: Annotated[float, Field(ge=0, le=1)] = 0.5
    fuzzy_accept: Annotated[float, Field(ge=0, le=100)] = 88.0
    fuzzy_review: Annotated[float, Field(ge=0, le=100)] = 82.0
    # Where the recognizer itself was unsure of a word in the aligned span (probability under
    # min_probability), a weaker garbled match still goes to a human: "resist your car"
    # (p=0.34) for "repossess your car" scores 79.
    fuzzy_unsure_review: Annotated[float, Field(ge=0, le=100)] = 75.0
    fuzzy_min_chars: Annotated[int, Field(ge=1)] = 14
    negation_window: Annotated[int, Field(ge=1, le=20)] = 6

    @model_validator(mode="after")
    def _order(self) -> Settings:
        if not self.fuzzy_unsure_review <= self.fuzzy_review <= self.fuzzy_accept:
            raise ValueError("need fuzzy_unsure_review <= fuzzy_review <= fuzzy_accept")
        return self


NAME_PATTERN = r"^[a-z0-9_]+$"  # a pack, a phrase list, a word list, each part of a rule id
Name = Annotated[str, Field(pattern=NAME_PATTERN)]
# One alternative of a word list: plain words ("a hundred"), or "#" / "$#"; no phrase syntax.
WordAlternative = Annotated[str, Field(pattern=r"^[^\s()\[\]|{}<>*=]+( [^\s()\[\]|{}<>*=]+)*$")]


class PackInfo(Strict):
    name: Name
    description: Text
    version_notes: Text | list[Text] | None = None
    settings: Settings = Settings()
    # Phrases several rules share, written once: a rule's phrase "@name" stands for them all.
    phrase_lists: dict[Name, PhraseList] = Field(default_factory=dict)
    # Words several phrases share, written once: "{name}" in a phrase is one of them.
    word_lists: dict[Name, Annotated[list[WordAlternative], Field(min_length=1)]] = Field(
        default_factory=dict
    )
