"""The speech rule kinds on small synthetic packs: required, prohibited, response, order.

Each test states one behaviour: speaker constraints, negation, mono (mixed) speech,
time and turn windows, low ASR confidence and garbled phrases going to needs_listen.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace

import pytest
from conftest import FINDING_CONTRACT

from checks import Finding, RulePack, load_packs, run_checks
from checks.text import NUMBER_REST, SEPARATOR, CallText, fluent_words
from transcribe.meta import CallMeta
from transcribe.model import Transcript, Utterance, transcript_from_turns

HEADER = """\
message: {kind} test rule
severity: high
citation: test 1
rationale: a rule for tests
examples: {{flag: [x], pass: [y]}}
"""

RULES = {
    "disclosure/miranda.yml": """\
        kind: required
        conditions: {first_contact: true}
        phrases:
          collect: ["attempt to collect a debt"]
          purpose: ["information obtained will be used for that purpose"]
    """,
    "disclosure/miranda_exact.yml": """\
        kind: required
        phrases:
          collect: ["=attempt to collect a debt"]
          purpose: ["=information obtained will be used for that purpose"]
    """,
    "disclosure/recording.yml": """\
        kind: required
        window: {first_seconds: 10}
        phrases: ["(this|the) call (is|may be) recorded"]
    """,
    "disclosure/closing.yml": """\
        kind: required
        window: {last_seconds: 5}
        phrases: ["thank you for your time"]
    """,
    "disclosure/third_party_aware.yml": """\
        kind: required
        fuzzy: false
        phrases: ["debt collector"]
        unless: {speaker: customer, phrases: ["wrong number", "(i'm|this is) his wife"]}
        revoked_by: {speaker: customer, turn_start: true, phrases: ["speaking"]}
    """,
    "disclosure/third_party_aware_late.yml": """\
        kind: required
        fuzzy: false
        window: {last_seconds: 8}
        phrases: ["debt collector"]
        unless: {speaker: customer, phrases: ["(i'm|this is) his wife"]}
        revoked_by: {speaker: customer, turn_start: true, phrases: ["speaking"]}
    """,
    "prohibited/arrest.yml": """\
        kind: prohibited
        phrases: ["(arrest|arrested)", "go to jail"]
        exceptions: ["cardiac arrest"]
    """,
    "prohibited/arrest_echoed.yml": """\
        kind: prohibited
        phrases: ["(arrest|arrested)", "a warrant"]
        echoed_by: {speaker: customer, turn_start: true, phrases: ["a warrant (for|over) a"]}
    """,
    "prohibited/arrest_denied.yml": """\
        kind: prohibited
        phrases: ["(arrest|arrested)", "go to jail"]
        denied_by: {speaker: agent, negation: false, within: 5, phrases: ["nobody is going to arrest you"]}
        retracted_by: {speaker: agent, negation: false, within: 5, phrases: ["scratch that"]}
    """,
    "prohibited/swear.yml": """\
        kind: prohibited
        negation: false
        phrases: ["damn"]
    """,
    "prohibited/customer_threat.yml": """\
        kind: prohibited
        speaker: customer
        phrases: ["i will sue"]
    """,
    "response/cease.yml": """\
        kind: response
        trigger: {speaker: customer, phrases: ["stop calling"]}
        revoked_by: {speaker: customer, phrases: ["you can call me"]}
        forbidden: ["(keep|continue) calling", "make a payment"]
        window: {turns: 2}
    """,
    "response/dispute.yml": """\
        kind: response
        trigger: {speaker: customer, phrases: ["not my debt"]}
        revoked_by: {speaker: customer, phrases: ["(it is|it's) mine"], negation: false}
        required: ["(send|mail) you a validation notice"]
        window: {seconds: 20}
    """,
    "procedure/verify.yml": """\
        kind: order
        first: {speaker: customer, phrases: ["(yes|speaking|this is)"], turn_start: true,
                exceptions: ["this is * [*] from"]}
        then: {speaker: agent, phrases: ["you owe"]}
        revoked_by: {speaker: customer, phrases: ["his wife"]}
    """,
    "procedure/verify_at_work.yml": """\
        kind: order
        first: {speaker: customer, phrases: ["(yes|speaking|this is)"], turn_start: true,
                mono_exceptions: ["this is * * at the desk"]}
        then: {speaker: agent, phrases: ["you owe"]}
        greeted_by_name: true
        named_as_asked: true
    """,
    "response/lawyer.yml": """\
        kind: response
        trigger: {speaker: customer, phrases: ["my lawyer"]}
        suspect: {speaker: customer, phrases: ["(lawyer|attorney)"], exceptions: ["are you a lawyer"],
                  dismissed_by: {speaker: agent, negation: false, within: 10, phrases: ["i'm not a lawyer"]}}
        forbidden: ["pay today"]
        required: ["(her|his) (name|number)"]
        window: {turns: 2}
    """,
    "response/paid.yml": """\
        kind: response
        trigger: {speaker: customer, phrases: ["not my debt"]}
        suspect: {speaker: customer, on_mono: true, phrases: ["already paid"]}
        forbidden: ["you still owe"]
    """,
    "procedure/verify_withheld.yml": """\
        kind: order
        first: {speaker: customer, phrases: ["(yes|speaking)"], turn_start: true}
        then: {speaker: agent, phrases: ["you owe"]}
        acknowledged_by: {speaker: customer, phrases: ["i can pay"]}
        withheld_by: {speaker: customer, phrases: ["depends who's asking"]}
    """,
    "procedure/verify_answered.yml": """\
        kind: order
        first: {speaker: customer, phrases: ["(yes|speaking)"], turn_start: true}
        then: {speaker: agent, phrases: ["you owe"]}
        revoked_by: {speaker: customer, phrases: ["his wife"]}
        answered:
          within: 5
          question: {speaker: agent, phrases: ["zip code"]}
          answer: {speaker: customer, phrases: ["#", "(one|six|eight) (one|six|eight)"], turn_start: true}
    """,
    "procedure/verify_handed_over.yml": """\
        kind: order
        first: {speaker: customer, phrases: ["(yes|speaking)"], turn_start: true}
        then: {speaker: agent, phrases: ["you owe"]}
        revoked_by: {speaker: customer, phrases: ["(i'm|this is) his wife"]}
        confirmed_by: {speaker: agent, phrases: ["you're verified"]}
        handed_over_by: {speaker: customer, phrases: ["here he is", "this is"]}
        answered:
          question: {speaker: agent, phrases: ["zip code"]}
          answer: {speaker: customer, phrases: ["#"], turn_start: true}
    """,
    "procedure/verify_rejected.yml": """\
        kind: order
        first: {speaker: customer, phrases: ["(yes|speaking)"], turn_start: true}
        then: {speaker: agent, phrases: ["you owe"]}
        rejected_by: {speaker: agent, phrases: ["doesn't match"]}
        answered:
          question: {speaker: agent, phrases: ["zip code"]}
          answer: {speaker: customer, phrases: ["#"], turn_start: sentence}
    """,
    "procedure/verify_told.yml": """\
        kind: order
        first: {speaker: customer, phrases: ["(yes|speaking)"], turn_start: true}
        then: {speaker: agent, phrases: ["you owe"]}
        then_once_revoked: {speaker: agent, phrases: ["attempt to collect a debt"]}
        revoked_by: {speaker: customer, phrases: ["his wife"]}
    """,
    "procedure/verify_consented.yml": """\
        kind: order
        first: {speaker: customer, phrases: ["(yes|speaking)"], turn_start: true}
        then: {speaker: agent, phrases: ["you owe"]}
        revoked_by: {speaker: customer, phrases: ["her son", "credit counseling"]}
        handed_over_by: {speaker: customer, phrases: ["here he is"]}
        consented_by:
          speaker: customer
          phrases: ["he can hear it"]
          asked:
            within: 5
            question: {speaker: agent, phrases: ["do you authorize me"]}
            answer: {speaker: customer, phrases: ["(yes|i do)"], turn_start: true}
        answered:
          question: {speaker: agent, phrases: ["zip code"]}
          answer: {speaker: customer, phrases: ["#"], turn_start: true}
    """,
    "procedure/verify_confirmed.yml": """\
        kind: order
        first: {speaker: customer, phrases: ["(yes|speaking)"], turn_start: true}
        then: {speaker: agent, phrases: ["you owe"]}
        revoked_by: {speaker: customer, phrases: ["his wife"]}
        confirmed_by: {speaker: agent, phrases: ["you're verified"]}
    """,
}


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> RulePack:
    root = tmp_path_factory.mktemp("packs") / "kinds"
    root.mkdir()
    (root / "pack.yml").write_text("name: kinds\ndescription: kind tests\n")
    for rel, body in RULES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = textwrap.dedent(body)
        path.write_text(body + HEADER.format(kind=body.split()[1]))
    return load_packs([root])[0]


def check(
    pack: RulePack,
    rule: str,
    *turns: tuple[str, str],
    meta: CallMeta | None = None,
    transcript: Transcript | None = None,
) -> list[Finding]:
    transcript = transcript or transcript_from_turns(list(turns), call_id="c1")
    return [f for f in run_checks(transcript, meta, [pack]) if f.rule_id == rule]


def statuses(findings: list[Finding]) -> list[str]:
    return [f.status for f in findings]


def with_probability(transcript: Transcript, words: set[str], probability: float) -> Transcript:
    """The transcript with the given words (lower case, no punctuation) made unsure."""
    utterances = [
        Utterance(
            u.speaker,
            u.channel,
            u.start,
            u.end,
            tuple(
                replace(w, probability=probability) if w.text.lower().strip(".,?!") in words else w
                for w in u.words
            ),
        )
        for u in transcript.utterances
    ]
    return replace(transcript, utterances=utterances)


MIRANDA = "This is an attempt to collect a debt. Any information obtained will be used for that purpose."

# --- required -------------------------------------------------------------------------------


def test_required_passes_when_every_part_is_said(pack) -> None:
    assert check(pack, "disclosure.miranda", ("agent", MIRANDA)) == []


def test_required_reports_the_missing_part(pack) -> None:
    (finding,) = check(pack, "disclosure.miranda", ("agent", "This is an attempt to collect a debt."))
    assert (
        finding.status == "violation" and "purpose" in finding.message and "collect," not in finding.message
    )
    assert finding.speaker == "agent" and finding.citation == "test 1" and finding.severity == "high"


def test_required_said_by_the_customer_does_not_count(pack) -> None:
    findings = check(pack, "disclosure.miranda", ("agent", "Hello there."), ("customer", MIRANDA))
    assert statuses(findings) == ["violation"]


def test_required_in_mixed_speech_counts_as_present(pack) -> None:
    assert check(pack, "disclosure.miranda", ("mixed", "hello " + MIRANDA)) == []


def test_required_negated_does_not_count(pack) -> None:
    said = "This is not an attempt to collect a debt. Any information obtained will be used for that purpose."
    assert statuses(check(pack, "disclosure.miranda", ("agent", said))) == ["violation"]


def test_required_heard_negated_next_to_an_unsure_word_needs_listening(pack) -> None:
    """tiny.en heard "this is an attempt" as "this isn't attempt (p=0.24)" (fourth text set,
    td16): a denial resting on a misheard word goes to a human, and is not marked compliant."""
    said = "This isn't attempt to collect a debt. Any information obtained will be used for that purpose."
    heard = transcript_from_turns([("agent", said)], call_id="c1")
    (finding,) = check(pack, "disclosure.miranda", transcript=with_probability(heard, {"attempt"}, 0.24))
    assert finding.status == "needs_listen" and "negated" in finding.message
    # heard negated with every word sure, it is a violation
    assert statuses(check(pack, "disclosure.miranda", transcript=heard)) == ["violation"]


def test_first_contact_condition_treats_unknown_as_first_contact(pack) -> None:
    turns = ("agent", "Hello, following up on your plan.")
    assert statuses(check(pack, "disclosure.miranda", turns)) == ["violation"]
    assert statuses(check(pack, "disclosure.miranda", turns, meta=CallMeta(call_id="c1", first_contact=True)))
    assert check(pack, "disclosure.miranda", turns, meta=CallMeta(call_id="c1", first_contact=False)) == []


def test_garbled_mini_miranda_is_matched_fuzzily(pack) -> None:
    """Seen from tiny.en on 8 kHz audio: close enough counts as said."""
    garbled = "This is an attempt to collect a dead. Any information that pain will be used for that purpose."
    assert check(pack, "disclosure.miranda", ("agent", garbled)) == []


def test_a_phrase_marked_exact_is_never_matched_garbled(pack) -> None:
    garbled = "This is an attempt to collect a dead. Any information that pain will be used for that purpose."
    (finding,) = check(pack, "disclosure.miranda_exact", ("agent", garbled))
    assert finding.status == "violation"
    assert check(pack, "disclosure.miranda_exact", ("agent", MIRANDA)) == []
    rule = next(r for r in pack.rules if r.id == "disclosure.miranda_exact")
    assert rule.needles == {"phrases.collect": (), "phrases.purpose": ()}


def test_weak_fuzzy_match_needs_listening_not_a_pass_or_violation(pack) -> None:
    weak = "This is an attempt to collect a debt. Any information that pain will be used for their purpose."
    (finding,) = check(pack, "disclosure.miranda", ("agent", weak))
    assert finding.status == "needs_listen" and "weak match" in finding.message
    assert 0.82 <= finding.score < 0.88


def test_required_found_with_low_asr_confidence_needs_listening(pack) -> None:
    unsure = {"attempt", "to", "collect", "a", "debt"}
    transcript = with_probability(transcript_from_turns([("agent", MIRANDA)], call_id="c1"), unsure, 0.05)
    (finding,) = check(pack, "disclosure.miranda", transcript=transcript)
    assert finding.status == "needs_listen" and "low ASR confidence" in finding.message


def test_missing_phrase_among_unsure_words_needs_listening(pack) -> None:
    transcript = transcript_from_turns([("agent", "mumble grumble something else")], call_id="c1")
    transcript = with_probability(transcript, {"mumble", "grumble", "something", "else"}, 0.2)
    (finding,) = check(pack, "disclosure.miranda", transcript=transcript)
    assert finding.status == "needs_listen" and "unsure" in finding.message


def test_required_time_window_counts_from_the_agents_first_word(pack) -> None:
    early = [("customer", "hello " * 40), ("agent", "Hi, this call is recorded.")]
    assert check(pack, "disclosure.recording", *early) == []  # 14 s of customer first: still in time
    late = [("agent", "Hi " + "and so on " * 12), ("agent", "by the way this call is recorded")]
    (finding,) = check(pack, "disclosure.recording", *late)
    assert finding.status == "violation" and finding.start == 0.0 and finding.end <= 10.5


def test_required_last_seconds_window(pack) -> None:
    assert check(pack, "disclosure.closing", ("agent", "okay " * 30 + "thank you for your time")) == []
    findings = check(pack, "disclosure.closing", ("agent", "thank you for your time " + "okay " * 30))
    assert statuses(findings) == ["violation"]


def test_required_with_no_speech_of_its_speaker_needs_listening(pack) -> None:
    (finding,) = check(pack, "disclosure.recording", ("customer", "hello? hello?"))
    assert finding.status == "needs_listen"


def test_unless_switches_a_required_rule_off(pack) -> None:
    assert statuses(check(pack, "disclosure.third_party_aware", ("agent", "Hi, is John there?"))) == [
        "violation"
    ]
    turns = [("agent", "Hi, is John there?"), ("customer", "Wrong number.")]
    assert check(pack, "disclosure.third_party_aware", *turns) == []


def test_unless_is_revoked_only_by_what_follows_it(pack) -> None:
    """The wife answers, then the consumer comes to the phone: the disclosure is owed again."""
    wife = [("agent", "Hi, is John there?"), ("customer", "I'm his wife. I'll get him.")]
    handed_over = [*wife, ("customer", "Speaking."), ("agent", "Hi John, about your balance.")]
    assert statuses(check(pack, "disclosure.third_party_aware", *handed_over)) == ["violation"]
    assert check(pack, "disclosure.third_party_aware", *wife) == []
    # "speaking" before the wife said who she is revokes nothing
    spoke_first = [("agent", "Hi, is John there?"), ("customer", "Speaking? No. This is his wife.")]
    assert check(pack, "disclosure.third_party_aware", *spoke_first) == []


def test_a_required_phrase_told_to_the_third_party_only_is_missing(pack) -> None:
    """Said between the wife's "I'm his wife" and the consumer's "speaking", nobody owed it heard it (uj22)."""
    wife = [("agent", "Hi, is John there?"), ("customer", "I'm his wife. I'll get him.")]
    told_her = [*wife, ("agent", "I'm a debt collector."), ("customer", "Speaking."), ("agent", "Hi John.")]
    assert statuses(check(pack, "disclosure.third_party_aware", *told_her)) == ["violation"]
    told_him = [*wife, ("customer", "Speaking."), ("agent", "Hi John, I'm a debt collector.")]
    assert check(pack, "disclosure.third_party_aware", *told_him) == []
    # in the greeting, said to whoever answered: the wife, when her first words say who she is
    # (fifty-third text set, va22)
    greeting = [("agent", "Hi, I'm a debt collector. Is John there?"), *wife[1:], ("customer", "Speaking.")]
    assert statuses(check(pack, "disclosure.third_party_aware", *greeting)) == ["violation"]
    # ... and the consumer, when he answered before the wife came on
    answered = [
        ("agent", "Hi, I'm a debt collector. Is John there?"),
        ("customer", "Speaking."),
        ("agent", "Thanks, John."),
        ("customer", "I'm his wife. He handed me the phone."),
        ("customer", "Speaking."),
    ]
    assert check(pack, "disclosure.third_party_aware", *answered) == []
    # a window sees the same: the wife's words before it still mean she was the one listening
    wife_talks = [
        ("agent", "Hi, is John there?"),
        ("customer", "I'm his wife. " + "Hold on, he is out in the garage with the kids and the dog. " * 3),
    ]
    in_window = [
        *wife_talks,
        ("agent", "I'm a debt collector."),
        ("customer", "Speaking."),
        ("agent", "Hi John."),
    ]
    assert statuses(check(pack, "disclosure.third_party_aware_late", *in_window)) == ["violation"]


# --- prohibited -----------------------------------------------------------------------------


def test_prohibited_flags_the_agent_with_time_span_and_text(pack) -> None:
    (finding,) = check(
        pack, "prohibited.arrest", ("customer", "I can't pay."), ("agent", "Then we will have you arrested.")
    )
    assert finding.status == "violation" and finding.speaker == "agent"
    assert "arrested" in finding.text and finding.start > 0 and finding.end > finding.start
    assert finding.score == 1.0 and finding.call_id == "c1"


def test_a_phrase_is_found_across_hesitations_and_its_span_keeps_them(pack) -> None:
    (finding,) = check(pack, "prohibited.arrest", ("agent", "Keep ignoring us and you will go to, uh, jail."))
    assert finding.status == "violation" and finding.text.endswith("go to, uh, jail.")
    said = "This is an, um, attempt to collect a debt, and any information obtained will be used for that purpose."
    assert check(pack, "disclosure.miranda_exact", ("agent", said)) == []
    # a word that is more than a hesitation stays a word: "go to, well, jail" is not the phrase
    assert check(pack, "prohibited.arrest", ("agent", "You will go to, well, jail.")) == []


def test_a_phrase_is_found_across_a_restart(pack) -> None:
    (finding,) = check(pack, "prohibited.arrest", ("agent", "Keep ignoring us and you will go to, to jail."))
    assert finding.status == "violation" and finding.text.endswith("go to, to jail.")
    # a word said again after another word is no restart
    assert check(pack, "prohibited.arrest", ("agent", "You will go to the, to jail.")) == []


def test_an_echo_of_words_not_heard_from_the_agent_is_needs_listen(pack) -> None:
    (finding,) = check(
        pack,
        "prohibited.arrest_echoed",
        ("agent", "There comes a point where Warren gets issued."),
        ("customer", "A warrant? For a loan?"),
    )
    assert finding.status == "needs_listen" and finding.speaker == "customer"
    assert finding.text.startswith("A warrant? For a") and "echoed" in finding.message
    # after the agent's own words, threat or denial, the echo says nothing new
    threat = check(
        pack,
        "prohibited.arrest_echoed",
        ("agent", "There is a warrant out."),
        ("customer", "A warrant? For a loan?"),
    )
    assert [(f.status, f.speaker) for f in threat] == [("violation", "agent")]
    denial = (
        ("agent", "Nobody will ever have you arrested."),
        ("customer", "A warrant? For a loan? My cousin said so."),
    )
    assert check(pack, "prohibited.arrest_echoed", *denial) == []
    # not opening the consumer's turn, it is no echo
    told = ("customer", "My cousin said they put out a warrant for a loan like mine.")
    assert check(pack, "prohibited.arrest_echoed", ("agent", "Hello."), told) == []


def test_fluent_words_leave_out_hesitations_and_restarts_but_not_numbers() -> None:
    tokens = ["this", "is", "his", "his", "uh", "brother", "five", "five", "#", "#", SEPARATOR, SEPARATOR]
    assert fluent_words(tokens) == [0, 1, 2, 5, 6, 7, 8, 9, 10, 11]
    assert fluent_words(["this", "is", "his", "brother"]) is None
    # digits are "#" as tokens: a phone number read out is no restart
    said = transcript_from_turns([("customer", "Call 866 555 0177, the $40 $40 plan.")], call_id="c1")
    assert fluent_words(CallText(said).tokens) is None
    # the rest of a number Whisper wrote as two words ("2 ,300"), as a hesitation
    split = CallText(
        transcript_from_turns([("agent", "He's about 2 ,300 behind, not 2,300 ahead.")], call_id="c2")
    )
    assert split.tokens == ["he's", "about", "#", NUMBER_REST, "behind", "not", "#", "ahead"]
    assert fluent_words(split.tokens) == [0, 1, 2, 4, 5, 6, 7]


@pytest.mark.parametrize(
    "said",
    [
        "Nobody is going to arrest you.",
        "No one will ever arrest you over a debt.",
        "You will not go to jail.",
        "We won't have you arrested.",
        "We can't have you arrested, that's not how it works.",
        "you are never going to be arrested",
        "We are not having him arrested, or you.",
        # a list of single words, the phrase its last item (tt15)
        "I'm not threatening any lawsuit, garnishment, or arrest.",
        "There will be no lawsuit, lien, or arrest.",
        # ... or an item in its middle (ty28)
        "I'm not threatening any lawsuit, arrest, or lien.",
        "There will be no lawsuit, arrest, lien, or garnishment.",
        # "nor" with a verb of its own negates it; before a noun the "neither" does
        "We won't call the police, nor will anyone arrest you.",
        "Neither the police nor an arrest will come of this.",
    ],
)
def test_prohibited_negated_passes(pack, said) -> None:
    assert check(pack, "prohibited.arrest", ("agent", said)) == []


@pytest.mark.parametrize(
    "said",
    [
        "If you don't pay, you will be arrested.",
        "if you dont pay today we arrest you",
        "If you don't pay now, you'll go to jail.",
        "I'm not kidding. We will have you arrested.",
        # "not" before a person contrasts that person, as ASR writes it with no stop after it
        "You owe this not him arrest warrants go out Friday",
        # no list: "pay," follows "don't", and a list opened by no opener
        "If you don't pay, lawsuit, garnishment, or arrest.",
        "Don't think about it, lawsuit, garnishment, or arrest.",
        # an item in the middle of no list: "pay," follows "don't"
        "If you don't pay, arrest, lawsuit, or garnishment.",
        # "nor" before no verb of its own negates nothing: a name heard apart (ty04)
        "Nor cross Recovery will have you arrested.",
    ],
)
def test_negation_does_not_reach_across_clauses(pack, said) -> None:
    assert statuses(check(pack, "prohibited.arrest", ("agent", said))) == ["violation"]


def test_prohibited_said_by_the_customer_is_not_the_agents(pack) -> None:
    assert check(pack, "prohibited.arrest", ("customer", "Are you going to have me arrested?")) == []


def test_prohibited_in_mixed_speech_needs_listening(pack) -> None:
    (finding,) = check(pack, "prohibited.arrest", ("mixed", "we will have you arrested"))
    assert finding.status == "needs_listen" and finding.speaker == "mixed" and "mono" in finding.message


def test_in_mixed_speech_the_agents_denial_soon_after_shows_the_consumer_asked(pack) -> None:
    asked = ("mixed", "My cousin said I will be arrested. Am I going to jail?")
    denied = ("mixed", "No. Nobody is going to arrest you.")
    assert check(pack, "prohibited.arrest_denied", asked, denied) == []
    # too late to answer it (more than `within` seconds after)
    later = (
        "mixed",
        "Let me look at the account and the notes on it from the last three calls we had with you this spring, one moment please.",
    )
    assert statuses(check(pack, "prohibited.arrest_denied", asked, later, denied)) == ["needs_listen"]
    # on the agent's own channel the agent's words count whatever follows them
    threat = [
        ("agent", "Pay today or you will be arrested."),
        ("customer", "What?"),
        ("agent", "Nobody is going to arrest you."),
    ]
    assert statuses(check(pack, "prohibited.arrest_denied", *threat)) == ["violation"]


def test_prohibited_a_retraction_keeps_a_denied_phrase_in_mono_speech(pack) -> None:
    # the speaker who takes the words back said them (uc01): a human listens
    retracted = ("mixed", "Pay or you will be arrested. No, scratch that. Nobody is going to arrest you.")
    assert statuses(check(pack, "prohibited.arrest_denied", retracted)) == ["needs_listen"]
    denied = ("mixed", "Will I be arrested? No. Nobody is going to arrest you.")
    assert check(pack, "prohibited.arrest_denied", denied) == []


def test_prohibited_with_low_confidence_needs_listening_never_passes(pack) -> None:
    transcript = transcript_from_turns([("agent", "we will have you arrested")], call_id="c1")
    (finding,) = check(pack, "prohibited.arrest", transcript=with_probability(transcript, {"arrested"}, 0.1))
    assert finding.status == "needs_listen" and "0.10" in finding.message


def test_exceptions_and_negation_off(pack) -> None:
    assert check(pack, "prohibited.arrest", ("agent", "My father had a cardiac arrest.")) == []
    assert statuses(check(pack, "prohibited.swear", ("agent", "I'm not damn kidding."))) == ["violation"]


def test_customer_speaker_rules(pack) -> None:
    assert statuses(check(pack, "prohibited.customer_threat", ("customer", "I will sue you"))) == [
        "violation"
    ]
    assert check(pack, "prohibited.customer_threat", ("agent", "I will sue you")) == []


def test_repeated_and_overlapping_matches(pack) -> None:
    findings = check(
        pack, "prohibited.arrest", ("agent", "Arrest. I said arrest, arrested, and you go to jail.")
    )
    assert len(findings) == 4 and [f.start for f in findings] == sorted(f.start for f in findings)


# --- response -------------------------------------------------------------------------------


def test_response_forbidden_after_trigger(pack) -> None:
    turns = [("customer", "Please stop calling me."), ("agent", "We will keep calling until you pay.")]
    (finding,) = check(pack, "response.cease", *turns)
    assert finding.status == "violation" and "keep calling" in finding.text


def test_response_forbidden_before_trigger_or_negated_passes(pack) -> None:
    before = [("agent", "Can you make a payment?"), ("customer", "No. Stop calling me."), ("agent", "Okay.")]
    assert check(pack, "response.cease", *before) == []
    negated = [("customer", "Stop calling me."), ("agent", "We will not keep calling.")]
    assert check(pack, "response.cease", *negated) == []
    not_asked = [("customer", "I'm not asking you to stop calling."), ("agent", "Can you make a payment?")]
    assert check(pack, "response.cease", *not_asked) == []


def test_response_trigger_said_by_the_agent_is_no_trigger(pack) -> None:
    turns = [("agent", "If you want us to stop calling, say so. Can you make a payment?")]
    assert check(pack, "response.cease", *turns) == []


def test_response_turn_window(pack) -> None:
    base = [("customer", "stop calling"), ("agent", "okay"), ("customer", "bye"), ("agent", "one more thing")]
    late = [*base[:3], ("agent", "hmm"), ("customer", "what"), ("agent", "make a payment")]
    assert check(pack, "response.cease", *late) == []
    within = [*base[:3], ("agent", "make a payment")]
    assert statuses(check(pack, "response.cease", *within)) == ["violation"]


def test_response_required_reply_missing_is_a_violation(pack) -> None:
    turns = [("customer", "This is not my debt."), ("agent", "Well, you need to pay it.")]
    (finding,) = check(pack, "response.dispute", *turns)
    assert finding.status == "violation" and "not my debt" in finding.text


def test_response_required_reply_given_passes(pack) -> None:
    turns = [("customer", "This is not my debt."), ("agent", "Okay, we will send you a validation notice.")]
    assert check(pack, "response.dispute", *turns) == []


def test_response_required_reply_outside_the_seconds_window(pack) -> None:
    turns = [
        ("customer", "This is not my debt."),
        ("agent", "okay " * 60 + "we will send you a validation notice"),
    ]
    assert statuses(check(pack, "response.dispute", *turns)) == ["violation"]


def test_response_revoked_trigger_is_owed_no_reply(pack) -> None:
    withdrawn = [
        ("customer", "This is not my debt."),
        ("customer", "Oh wait, it is mine."),
        ("agent", "Okay."),
    ]
    assert check(pack, "response.dispute", *withdrawn) == []
    late = [("customer", "This is not my debt."), ("agent", "okay " * 60), ("customer", "Oh, it is mine.")]
    assert statuses(check(pack, "response.dispute", *late)) == ["violation"]  # withdrawn after the window


def test_response_replies_after_a_revocation_answer_nothing(pack) -> None:
    before = [
        ("customer", "Stop calling."),
        ("agent", "We will keep calling."),
        ("customer", "Fine, you can call me."),
    ]
    assert statuses(check(pack, "response.cease", *before)) == ["violation"]
    after = [("customer", "Stop calling. Actually, you can call me."), ("agent", "Can you make a payment?")]
    assert check(pack, "response.cease", *after) == []
    # a revocation before the trigger withdraws nothing
    earlier = [("customer", "You can call me. No, stop calling."), ("agent", "We will keep calling.")]
    assert statuses(check(pack, "response.cease", *earlier)) == ["violation"]


def test_response_in_mixed_speech_needs_listening(pack) -> None:
    (finding,) = check(pack, "response.cease", ("mixed", "stop calling me we will keep calling"))
    assert finding.status == "needs_listen"
    (finding,) = check(pack, "response.dispute", ("mixed", "this is not my debt okay thanks"))
    assert finding.status == "needs_listen"


@pytest.mark.parametrize(
    "turns, expected",
    [
        # a trigger heard: a violation, and the required reply is owed
        ([("customer", "Talk to my lawyer."), ("agent", "Can you pay today?")], ["violation", "violation"]),
        # words of a lawyer no trigger phrase knows: a reply that keeps collecting goes to a human
        (
            [("customer", "She's the attorney on all my cards."), ("agent", "Can you pay today?")],
            ["needs_listen"],
        ),
        # and no required reply is owed to a suspicion
        ([("customer", "She's the attorney on all my cards."), ("agent", "Okay, thanks.")], []),
        # an exception, a negation, and mono audio (who said "attorney"?) suspect nothing
        ([("customer", "Are you a lawyer?"), ("agent", "No. Can you pay today?")], []),
        ([("customer", "I don't have a lawyer."), ("agent", "Can you pay today?")], []),
        ([("mixed", "She's the attorney on all my cards."), ("mixed", "Can you pay today?")], []),
        # the agent's answer shows a question about the agent ("are you a lawyer?" heard garbled),
        # but only soon after it
        ([("customer", "Our new lawyer?"), ("agent", "No, I'm not a lawyer. Can you pay today?")], []),
        (
            [
                ("customer", "Our new lawyer?"),
                ("agent", "Can you pay today? " + "We can help you with that. " * 4 + "I'm not a lawyer."),
            ],
            ["needs_listen"],
        ),
        # the consumer echoing the agent's words at the start of a turn asks, and tells nothing;
        # the same words later in the turn, or not said by the agent first, still count
        (
            [
                ("agent", "I'm the attorney on your file."),
                ("customer", "An attorney? For a couch?"),
                ("agent", "Can you pay today?"),
            ],
            [],
        ),
        # ... opening a sentence after the consumer said who they are (rr21: "Yes, this is Destiny.
        # An attorney? I'm at work")
        (
            [
                ("agent", "I'm the attorney on your file."),
                ("customer", "Yes, this is Destiny. An attorney? I'm at work."),
                ("agent", "Can you pay today?"),
            ],
            [],
        ),
        # ... said a long turn back, within a minute (rp24: "I'm a paralegal with the law office of
        # Ashby and Harlan" ... "A law office? Oh my God"); not longer ago
        (
            [
                ("agent", "I'm the attorney on your file."),
                ("customer", "Okay."),
                ("agent", "We can help you with that. " * 20),
                ("customer", "An attorney? For a couch?"),
                ("agent", "Can you pay today?"),
            ],
            [],
        ),
        (
            [
                ("agent", "I'm the attorney on your file."),
                ("customer", "Okay."),
                ("agent", "We can help you with that. " * 35),
                ("customer", "An attorney? For a couch?"),
                ("agent", "Can you pay today?"),
            ],
            ["needs_listen"],
        ),
        (
            [
                ("agent", "I'm the attorney on your file."),
                ("customer", "Okay, well, she's the attorney on all my cards."),
                ("agent", "Can you pay today?"),
            ],
            ["needs_listen"],
        ),
        (
            [
                ("agent", "I'm calling about your file."),
                ("customer", "An attorney has it."),
                ("agent", "Can you pay today?"),
            ],
            ["needs_listen"],
        ),
        # a suspicion before the first trigger heard counts for the replies before that trigger
        # (tc04: "I've already got counsel on this" ... a settlement ... "talk to my lawyer")
        (
            [
                ("customer", "She's the attorney on all my cards."),
                ("agent", "Can you pay today?"),
                ("customer", "Talk to my lawyer."),
                ("agent", "Sure, what is her name and number?"),
            ],
            ["needs_listen"],
        ),
    ],
)
def test_response_suspect_words_send_a_forbidden_reply_to_a_human(pack, turns, expected) -> None:
    assert statuses(check(pack, "response.lawyer", *turns)) == expected


def test_response_suspect_words_on_mono_audio_count_where_the_rule_says_so(pack) -> None:
    # "already paid" is no agent's phrase: the dispute rule counts it in mono speech too
    turns = [("mixed", "I already paid that off."), ("mixed", "Well, you still owe it.")]
    assert statuses(check(pack, "response.paid", *turns)) == ["needs_listen"]
    stereo = [("customer", "I already paid that off."), ("agent", "Well, you still owe it.")]
    assert statuses(check(pack, "response.paid", *stereo)) == ["needs_listen"]
    assert (
        check(pack, "response.paid", ("agent", "I already paid that off."), ("agent", "You still owe it."))
        == []
    )


def test_response_suspect_words_are_not_read_over_two_turns_of_the_consumer(pack) -> None:
    # "I'm not paying for a TV I don't have." ... "No. I'll call ClearPath myself" is no
    # "don't ... call" (zs18): the agent spoke between the suspect's words
    split = [
        ("customer", "I know, I already"),
        ("agent", "Okay."),
        ("customer", "paid the rent, so it's tight."),
        ("agent", "You still owe it."),
    ]
    assert check(pack, "response.paid", *split) == []
    joined = [("customer", "I know, I already paid that."), ("agent", "You still owe it.")]
    assert statuses(check(pack, "response.paid", *joined)) == ["needs_listen"]


# --- order ----------------------------------------------------------------------------------


def test_order_then_without_first_is_a_violation(pack) -> None:
    turns = [("agent", "Is this John?"), ("customer", "Who's calling?"), ("agent", "You owe us money.")]
    (finding,) = check(pack, "procedure.verify", *turns)
    assert finding.status == "violation" and "you owe" in finding.text.lower()


def test_order_first_then_passes(pack) -> None:
    turns = [("agent", "Is this John?"), ("customer", "Yes, speaking."), ("agent", "You owe us money.")]
    assert check(pack, "procedure.verify", *turns) == []


def test_order_first_must_open_the_turn_and_can_be_revoked(pack) -> None:
    late_yes = [
        ("agent", "Is this John?"),
        ("customer", "Can I take a message, yes?"),
        ("agent", "You owe us."),
    ]
    assert statuses(check(pack, "procedure.verify", *late_yes)) == ["violation"]
    revoked = [("agent", "Is this John?"), ("customer", "Yes, this is his wife."), ("agent", "You owe us.")]
    assert statuses(check(pack, "procedure.verify", *revoked)) == ["violation"]


def test_order_told_someone_else_clearly_after_an_unsure_telling_is_a_violation(pack) -> None:
    """Told to the wife, first in words the ASR was unsure of ("a pass (p=0.45) due balance"),
    then clearly ("$760"): a violation, not a listen (holdout ho08 end to end)."""
    turns = [
        ("agent", "Is this John?"),
        ("customer", "Yes, this is his wife."),
        ("agent", "He says you owe us."),
        ("agent", "Tell him you owe us."),
    ]
    heard = transcript_from_turns(turns, call_id="c1")

    def unsure(*indices: int) -> Transcript:
        utterances = [
            replace(u, words=tuple(replace(w, probability=0.2) for w in u.words)) if i in indices else u
            for i, u in enumerate(heard.utterances)
        ]
        return replace(heard, utterances=utterances)

    (finding,) = check(pack, "procedure.verify", transcript=unsure(2))
    assert finding.status == "violation" and finding.start >= heard.utterances[3].start
    # heard unsure both times: a listen, at the first
    (only,) = check(pack, "procedure.verify", transcript=unsure(2, 3))
    assert only.status == "needs_listen" and only.start < heard.utterances[3].start


def test_hesitations_are_not_among_a_turns_first_words(pack) -> None:
    hesitant = [("agent", "Is this John?"), ("customer", "Oh, uh, um, yes."), ("agent", "You owe us.")]
    assert check(pack, "procedure.verify", *hesitant) == []
    words = [("agent", "Is this John?"), ("customer", "Hold on, then yes."), ("agent", "You owe us.")]
    assert statuses(check(pack, "procedure.verify", *words)) == ["violation"]


def test_on_mono_audio_a_sentence_start_inside_an_utterance_opens_a_turn(pack) -> None:
    # Whisper runs both parties' sentences into one mono utterance
    answered = [("mixed", "Is this John? Yes. You owe us money.")]
    assert statuses(check(pack, "procedure.verify", *answered)) == []
    # on stereo audio an utterance is one speaker's: "yes" mid-utterance opens nothing
    stereo = [
        ("agent", "Is this John?"),
        ("customer", "I see what you mean. Yes."),
        ("agent", "You owe us money."),
    ]
    assert statuses(check(pack, "procedure.verify", *stereo)) == ["violation"]


def one_utterance(transcript: Transcript, speaker: str = "customer") -> Transcript:
    """The transcript with all of one speaker's words in one utterance, as Whisper runs a stereo
    channel's words across the other party's turns into one segment."""
    mine = [u for u in transcript.utterances if u.speaker == speaker]
    words = tuple(w for u in mine for w in u.words)
    merged = Utterance(speaker, mine[0].channel, words[0].start, words[-1].end, words)
    return replace(transcript, utterances=[u for u in transcript.utterances if u not in mine] + [merged])


def test_on_stereo_audio_the_other_partys_speech_inside_an_utterance_opens_a_turn(pack) -> None:
    # h601: "The eye of this is courage, [agent: can you give me the ZIP code?] just 8-0-0-1-2"
    answered = [
        ("agent", "Is this John?"),
        ("customer", "The eye of this is courage."),
        ("agent", "Can you give me your zip code to verify?"),
        ("customer", "Yes, eight zero zero one two."),
        ("agent", "You owe us money."),
    ]
    merged = one_utterance(transcript_from_turns(answered, call_id="c1"))
    assert len([u for u in merged.utterances if u.speaker == "customer"]) == 1
    assert check(pack, "procedure.verify", transcript=merged) == []
    # a pause the other party did not speak in opens nothing
    paused = [("agent", "Is this John?"), ("customer", "I see what you mean."), ("customer", "Yes.")]
    paused += [("agent", "You owe us money.")]
    merged = one_utterance(transcript_from_turns(paused, call_id="c1"))
    assert statuses(check(pack, "procedure.verify", transcript=merged)) == ["violation"]


def test_a_response_window_in_turns_counts_the_part_of_an_utterance_after_the_other_partys_turn(
    pack,
) -> None:
    # Whisper runs the agent's "okay" and "hmm" into the utterance that began before the
    # trigger: the window of two agent turns still closes before "make a payment"
    turns = [
        ("agent", "hello there"),
        ("customer", "stop calling"),
        ("agent", "okay"),
        ("customer", "bye"),
        ("agent", "hmm"),
        ("customer", "what"),
        ("agent", "make a payment"),
    ]
    assert check(pack, "response.cease", *turns) == []
    spoken = transcript_from_turns(turns, call_id="c1")
    agent = [u for u in spoken.utterances if u.speaker == "agent"]
    merged = one_utterance(
        replace(spoken, utterances=[u for u in spoken.utterances if u is not agent[-1]]), "agent"
    )
    merged = replace(merged, utterances=[*merged.utterances, agent[-1]])
    assert check(pack, "response.cease", transcript=merged) == []


@pytest.mark.parametrize(
    "turns, confirmed",
    [
        # the "yes" lost, the verification question answered: confirmed
        ([("agent", "Your zip code please?"), ("customer", "80012."), ("agent", "You owe us money.")], True),
        # digits that answer no question, or not at the start of the turn
        ([("agent", "Is John there?"), ("customer", "80012."), ("agent", "You owe us money.")], False),
        (
            [
                ("agent", "Your zip code please?"),
                ("customer", "I think it is 80012."),
                ("agent", "You owe us."),
            ],
            False,
        ),
        # too late after the question (within: 5 seconds; a word takes 0.35 s here)
        (
            [
                ("agent", "Your zip code please? " + "Take your time. " * 6),
                ("customer", "80012."),
                ("agent", "You owe us."),
            ],
            False,
        ),
        # the answer counts from its first word, though its digits match on into the next turn
        (
            [
                ("agent", "Your zip code please?"),
                ("customer", "six, one,"),
                ("agent", "You owe us money."),
                ("customer", "eight. Sorry."),
            ],
            True,
        ),
        # the person said they are someone else before answering
        (
            [
                ("agent", "Is John there?"),
                ("customer", "No, his wife."),
                ("agent", "His zip code?"),
                ("customer", "80012."),
                ("agent", "You owe us money."),
            ],
            False,
        ),
    ],
)
def test_order_an_answered_question_confirms_like_first(pack, turns, confirmed) -> None:
    expected = [] if confirmed else ["violation"]
    assert statuses(check(pack, "procedure.verify_answered", *turns)) == expected


def test_order_an_answer_may_open_a_later_sentence_of_the_turn_with_sentence(pack) -> None:
    turns = [
        ("agent", "Your zip code please?"),
        ("customer", "Why do you need it? Fine. 80012."),
        ("agent", "You owe us money."),
    ]
    assert check(pack, "procedure.verify_rejected", *turns) == []
    # with turn_start true only the turn's first words answer (ty26)
    assert statuses(check(pack, "procedure.verify_answered", *turns)) == ["violation"]
    # not a later word of the sentence
    late = [
        ("agent", "Your zip code please?"),
        ("customer", "Why do you need 2?"),
        ("agent", "You owe us money."),
    ]
    assert statuses(check(pack, "procedure.verify_rejected", *late)) == ["violation"]


@pytest.mark.parametrize(
    "turns, confirmed",
    [
        # a wrong answer, let go (ty12)
        (
            [
                ("agent", "Your zip code?"),
                ("customer", "80012."),
                ("agent", "That doesn't match. You owe us."),
            ],
            False,
        ),
        # a "yes" the wrong answer followed is rejected with it
        (
            [
                ("customer", "Yes."),
                ("agent", "Your zip code?"),
                ("customer", "80012."),
                ("agent", "Hmm, that doesn't match, but you owe us."),
            ],
            False,
        ),
        # the right answer after the rejection confirms
        (
            [
                ("agent", "Your zip code?"),
                ("customer", "80012."),
                ("agent", "That doesn't match. Your zip code again?"),
                ("customer", "80013."),
                ("agent", "Thanks. You owe us."),
            ],
            True,
        ),
        ([("agent", "Your zip code?"), ("customer", "80012."), ("agent", "Thanks. You owe us.")], True),
    ],
)
def test_order_a_rejected_confirmation_confirms_nothing(pack, turns, confirmed) -> None:
    expected = [] if confirmed else ["violation"]
    assert statuses(check(pack, "procedure.verify_rejected", *turns)) == expected


@pytest.mark.parametrize(
    "turns, confirmed",
    [
        ([("customer", "Kevin Tran, August 19."), ("agent", "Thanks, you're verified. You owe us.")], True),
        # said after the person said who they are: the check was of them
        ([("customer", "I'm his wife, Monica."), ("agent", "Thanks, you're verified. You owe us.")], True),
        # a revocation after the confirmation cancels it, as it cancels a "yes"
        (
            [
                ("customer", "Kevin Tran."),
                ("agent", "You're verified."),
                ("customer", "Oh, I'm his wife."),
                ("agent", "You owe us."),
            ],
            False,
        ),
        ([("customer", "Kevin Tran."), ("agent", "Sorry, you're not verified. You owe us.")], False),
        # the customer saying it confirms nothing: the group is the agent's
        ([("customer", "You're verified, right?"), ("agent", "You owe us.")], False),
    ],
)
def test_order_the_agent_saying_the_check_passed_confirms_like_first(pack, turns, confirmed) -> None:
    expected = [] if confirmed else ["violation"]
    assert statuses(check(pack, "procedure.verify_confirmed", *turns)) == expected


@pytest.mark.parametrize(
    "turns, confirmed",
    [
        # after "I'm his wife", a "yes" to "can you pass a message?" confirms nobody
        (
            [
                ("customer", "I'm his wife."),
                ("agent", "Can you pass a message?"),
                ("customer", "Yes."),
                ("agent", "You owe us."),
            ],
            False,
        ),
        # handed over: the "yes" after it is the consumer's
        (
            [
                ("agent", "Is this John?"),
                ("customer", "I'm his wife. Okay, here he is."),
                ("customer", "Yes."),
                ("agent", "You owe us."),
            ],
            True,
        ),
        # the revocation's own words hand over nothing ("this is" of "this is his wife")
        (
            [
                ("customer", "This is his wife."),
                ("agent", "Can you pass a message?"),
                ("customer", "Yes."),
                ("agent", "You owe us."),
            ],
            False,
        ),
        # a handover before the revocation hands over nothing
        (
            [
                ("customer", "Here he is. No wait, I'm his wife."),
                ("customer", "Yes."),
                ("agent", "You owe us."),
            ],
            False,
        ),
        # an answered verification question counts the same way: not after the revocation
        # alone, but after a handover since it (tv20: "Ray! Phone! ... Hi, this is Ray")
        (
            [
                ("customer", "I'm his wife."),
                ("agent", "What's the zip code?"),
                ("customer", "80012."),
                ("agent", "You owe us."),
            ],
            False,
        ),
        (
            [
                ("customer", "I'm his wife. Okay, here he is."),
                ("agent", "What's the zip code?"),
                ("customer", "80012."),
                ("agent", "You owe us."),
            ],
            True,
        ),
        # with no revocation a "yes" needs no handover; the agent's check needs none either
        ([("agent", "Is this John?"), ("customer", "Yes."), ("agent", "You owe us.")], True),
        ([("customer", "I'm his wife."), ("agent", "Thanks, you're verified. You owe us.")], True),
    ],
)
def test_order_after_a_revocation_first_counts_only_once_handed_over(pack, turns, confirmed) -> None:
    expected = [] if confirmed else ["violation"]
    assert statuses(check(pack, "procedure.verify_handed_over", *turns)) == expected
    # without handed_over_by the old rule: any "yes" after the revocation confirms
    if not confirmed and "Here he is" not in turns[0][1] and ("customer", "Yes.") in turns:
        assert check(pack, "procedure.verify_confirmed", *turns) == []


def test_a_wildcard_exception_keeps_the_agents_greeting_from_confirming_on_mono_audio(pack) -> None:
    greeting = [("mixed", "Hello, this is Steve from Acme."), ("mixed", "No, he's out. You owe us money.")]
    (finding,) = check(pack, "procedure.verify", *greeting)
    assert finding.status == "needs_listen"  # mono: who said "you owe" cannot be told
    two_word_name = [("mixed", "Hi, this is Mary Ann from Acme."), ("mixed", "You owe us money.")]
    assert statuses(check(pack, "procedure.verify", *two_word_name)) == ["needs_listen"]
    # "*" is one word: the consumer's own "this is" still confirms
    confirmed = [("mixed", "Is this John?"), ("mixed", "This is John, hi."), ("mixed", "You owe us money.")]
    assert check(pack, "procedure.verify", *confirmed) == []


def test_order_an_unsure_word_just_before_a_withholding_was_no_lost_yes(pack) -> None:
    """An unsure "It (p=0.07)" before "depends who's asking" held no "yes": the balance told
    after it is a violation, though the consumer went on to offer a payment (one hundred and
    ninety-third text set, qk20 end to end). An unsure first word with no withholding after it
    may have been the "yes", and the offer clears that doubt."""

    def heard(answer: str) -> Transcript:
        turns = [
            ("agent", "Is this John?"),
            ("customer", answer),
            ("agent", "You owe us."),
            ("customer", "I can pay ten."),
        ]
        return with_probability(transcript_from_turns(turns, call_id="qk20"), {"it"}, 0.07)

    withheld = check(pack, "procedure.verify_withheld", transcript=heard("It depends who's asking."))
    assert statuses(withheld) == ["violation"]
    assert check(pack, "procedure.verify_withheld", transcript=heard("It, what's this about?")) == []
    # said well after the unsure word, it says nothing about that word
    late = heard("It, what's this about, and it depends who's asking.")
    assert check(pack, "procedure.verify_withheld", transcript=late) == []


def test_order_an_unsure_word_before_the_agent_spoke_answered_nothing(pack) -> None:
    """ "Hello (p=0.18)" picking up the phone, on the consumer's own channel, is no lost "yes"
    (rc03 end to end: the roommate was then told the balance)."""
    turns = [("customer", "Hello?"), ("agent", "Is this John?"), ("customer", "Who's asking?")]
    told = [*turns, ("agent", "You owe us money.")]
    picked_up = with_probability(transcript_from_turns(told, call_id="rc03"), {"hello"}, 0.18)
    assert statuses(check(pack, "procedure.verify", transcript=picked_up)) == ["violation"]
    # said after the agent spoke, an unsure word may be the lost answer
    asked = [("agent", "Is this John?"), ("customer", "Hello?"), ("agent", "You owe us money.")]
    answered = with_probability(transcript_from_turns(asked, call_id="c2"), {"hello"}, 0.18)
    assert statuses(check(pack, "procedure.verify", transcript=answered)) == ["needs_listen"]
    # in mono speech nobody's first word is told apart
    mono = with_probability(
        transcript_from_turns([("mixed", t) for _, t in told], call_id="c3"), {"hello"}, 0.18
    )
    assert statuses(check(pack, "procedure.verify", transcript=mono)) == ["needs_listen"]


def test_order_then_before_first_is_a_violation(pack) -> None:
    turns = [("agent", "You owe us money. Is this John?"), ("customer", "Yes."), ("agent", "Thanks.")]
    assert statuses(check(pack, "procedure.verify", *turns)) == ["violation"]
    # unless, on a follow-up call, the reply to the opening confirms the one called heard it
    follow_up = CallMeta(call_id="c1", first_contact=False)
    assert check(pack, "procedure.verify", *turns, meta=follow_up) == []
    # ... and only the opening: details after a reply that confirms nothing stay told to nobody known
    later = [
        ("agent", "Is this John?"),
        ("customer", "Who's asking?"),
        ("agent", "You owe us money."),
        ("customer", "Yes."),
    ]
    assert statuses(check(pack, "procedure.verify", *later, meta=follow_up)) == ["violation"]
    # ... and not when anyone said they are someone else
    wife = [("agent", "You owe us money, John."), ("customer", "Yes, this is his wife.")]
    assert statuses(check(pack, "procedure.verify", *wife, meta=follow_up)) == ["violation"]


def test_order_a_bare_yes_before_the_agent_spoke_answers_the_phone_not_the_question(pack) -> None:
    question = [("agent", "Is this John?"), ("customer", "Who's asking?"), ("agent", "You owe us money.")]
    # "Yes?" picking up, before any question, confirms nobody
    assert statuses(check(pack, "procedure.verify", ("customer", "Yes?"), *question)) == ["violation"]
    # the same word answering the question does
    answered = [("agent", "Is this John?"), ("customer", "Yes?"), ("agent", "You owe us money.")]
    assert check(pack, "procedure.verify", *answered) == []
    # and a caller who says who they are before the agent speaks is who they say
    inbound = [("customer", "Hi, this is John, calling about my bill."), ("agent", "You owe us money.")]
    assert check(pack, "procedure.verify", *inbound) == []
    # in mono speech too: a bare "yes" sentence that opens the call answers nothing (qr21); said
    # after the question, it confirms
    mono = [
        ("mixed", "Yes?"),
        ("mixed", "Is this John?"),
        ("mixed", "Who's asking?"),
        ("mixed", "You owe us money."),
    ]
    assert statuses(check(pack, "procedure.verify", *mono)) == ["needs_listen"]
    mono_answered = [("mixed", "Is this John?"), ("mixed", "Yes?"), ("mixed", "You owe us money.")]
    assert check(pack, "procedure.verify", *mono_answered) == []
    # nor with a greeting that ends its sentence ("Yeah, hello?", rd08, his father)
    picked_up = [("mixed", "Yes, hello?"), ("mixed", "Hi, Kevin calling. You owe us money, John.")]
    assert statuses(check(pack, "procedure.verify", *picked_up)) == ["needs_listen"]
    # not a "yes" that runs on into the opening: who said it cannot be told (xz14, the agent's)
    mono_opening = [("mixed", "Yes, hi John, it's Dean."), ("mixed", "You owe us money.")]
    assert check(pack, "procedure.verify", *mono_opening) == []


def moved_closer(transcript: Transcript, index: int, gap: float) -> Transcript:
    """The transcript with utterance ``index`` and everything after it moved earlier, to start
    ``gap`` seconds after the utterance before it ends."""
    utterances = list(transcript.utterances)
    shift = utterances[index].start - utterances[index - 1].end - gap
    moved = [
        Utterance(
            u.speaker,
            u.channel,
            u.start - shift,
            u.end - shift,
            tuple(replace(w, start=w.start - shift, end=w.end - shift) for w in u.words),
        )
        for u in utterances[index:]
    ]
    return replace(transcript, utterances=utterances[:index] + moved)


def test_a_turn_whisper_cut_into_segments_opens_once(pack) -> None:
    """Whisper cut "East Oakland Division, dispatch, this is Gloria" into two segments 0.3 s apart:
    "this is" no longer opened her turn, and the dispatcher told the operator's balance confirmed
    nothing (two hundred and sixteenth text set, rh04 end to end)."""
    turns = [
        ("customer", "East Oakland Division dispatch."),
        ("customer", "This is Gloria."),
        ("agent", "Is Marcus around? You owe us money."),
    ]
    one_turn = moved_closer(transcript_from_turns(turns, call_id="rh04"), 1, 0.3)
    assert statuses(check(pack, "procedure.verify", transcript=one_turn)) == ["violation"]
    # a pause long enough for someone else to pick up opens a new turn ("Hold on." ... "Hello, this
    # is Arturo", xi21), as every line of a script does
    assert check(pack, "procedure.verify", *turns) == []


def test_a_groups_mono_exceptions_count_only_in_mono_speech(pack) -> None:
    at_work = ("This is Andre. I'm at the desk.", "You owe us money.")
    stereo = [("agent", "Hi, is this Andre?"), ("customer", at_work[0]), ("agent", at_work[1])]
    assert check(pack, "procedure.verify_at_work", *stereo) == []
    mono = [("mixed", "Hi, is this Andre?"), ("mixed", at_work[0]), ("mixed", at_work[1])]
    assert statuses(check(pack, "procedure.verify_at_work", *mono)) == ["needs_listen"]


@pytest.mark.parametrize(
    ("opening", "greeted"),
    [
        ("Brenda, hi, Jake Russo at Coastal Recovery again.", True),  # a name between a greeting and "at"
        ("Hi Brenda, it's Jake Russo with Coastal Recovery.", True),  # a name after "it's"
        ("Hi Brenda, Coastal Recovery calling again.", False),  # no name given: "Brenda" is hers
    ],
)
def test_order_greeted_by_the_name_the_agent_gave_confirms(pack, opening, greeted) -> None:
    turns = [("agent", opening), ("customer", "Jake, I told you on Monday."), ("agent", "You owe us money.")]
    assert statuses(check(pack, "procedure.verify_at_work", *turns)) == ([] if greeted else ["violation"])


def test_order_this_is_the_name_asked_for_confirms_anywhere_in_the_reply(pack) -> None:
    """ "Yeah, this is Shelby" closing a reply about a graveyard shift answers "Am I speaking with
    Shelby Tanner?" (two hundred and twenty-second text set, rn01); with ``named_as_asked`` only."""
    asked = ("agent", "Good morning. Am I speaking with Shelby Tanner?")
    told = ("agent", "You owe us money.")
    reply = ("customer", "Morning is right, man, I just got off a graveyard shift. Yeah, this is Shelby.")
    assert check(pack, "procedure.verify_at_work", asked, reply, told) == []
    assert statuses(check(pack, "procedure.verify", asked, reply, told)) == ["violation"]
    # not a name the agent did not ask for, nor the one asked for with more after it
    for other in ("Yeah, this is Gloria.", "Yeah, this is Shelby's brother."):
        reply = ("customer", f"Morning is right, man, I just got off a graveyard shift. {other}")
        assert statuses(check(pack, "procedure.verify_at_work", asked, reply, told)) == ["violation"]


def test_findings_of_all_rules_come_in_time_order_and_as_contract_dicts(pack) -> None:
    transcript = transcript_from_turns(
        [("agent", "We will have you arrested."), ("customer", "Stop calling."), ("agent", "Keep calling.")],
        call_id="c9",
    )
    findings = run_checks(transcript, CallMeta(call_id="c9"), [pack])
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert set(findings[0].to_dict()) == set(FINDING_CONTRACT)


def test_an_empty_transcript_only_reports_required_rules(pack) -> None:
    findings = run_checks(transcript_from_turns([], call_id="e"), None, [pack])
    assert {f.rule_id for f in findings} <= {r.id for r in pack.rules if r.kind == "required"}
    assert all(f.status == "needs_listen" for f in findings)


def test_packs_are_reusable_across_calls_and_findings_do_not_leak(pack) -> None:
    bad = transcript_from_turns([("agent", "we will have you arrested")], call_id="bad")
    good = transcript_from_turns([("agent", "thank you for your time")], call_id="good")
    run_checks(bad, None, [pack])
    assert not [f for f in run_checks(good, None, [pack]) if f.rule_id == "prohibited.arrest"]


def test_garbled_threat_among_unsure_words_goes_to_a_human() -> None:
    """tiny.en heard "we will sue you and repossess your car" as below (eval call ev12).

    The words it was unsure of ("and resist", p=0.18, 0.34) align with "repossess your car" at 79,
    under fuzzy_review; because the recognizer itself was unsure, a human listens.
    The same words heard with confidence are a different phrase and pass.
    """
    (us,) = load_packs(["us_collections"])
    heard = "If you don't, we will see you and resist your car."
    base = transcript_from_turns([("agent", heard)], call_id="ev12")
    unsure = with_probability(base, {"and", "resist"}, 0.3)
    findings = [
        f for f in run_checks(unsure, CallMeta(call_id="ev12"), [us]) if f.rule_id.startswith("prohibited.")
    ]
    assert [(f.rule_id, f.status) for f in findings] == [("prohibited.threat_legal_action", "needs_listen")]
    sure = [
        f for f in run_checks(base, CallMeta(call_id="ev12"), [us]) if f.rule_id.startswith("prohibited.")
    ]
    assert sure == []


def test_a_garbled_threat_denied_soon_after_in_mono_speech_is_the_consumers_question() -> None:
    """one hundred and thirty-sixth text set end to end (yf14, mono): the consumer's "my neighbor said
    they'll put a lien on your house", heard "a link (p=0.2)", answered "No, nobody's suing you"."""
    (us,) = load_packs(["us_collections"])
    asked = [("mixed", "So my neighbor said they will see you and resist your car.")]
    denial = [("mixed", "No, nobody's suing you. I'm not calling about anything like that.")]

    def threats(turns) -> list[str]:
        heard = with_probability(transcript_from_turns(turns, call_id="yf14"), {"and", "resist"}, 0.3)
        findings = run_checks(heard, CallMeta(call_id="yf14"), [us])
        return [f.status for f in findings if f.rule_id == "prohibited.threat_legal_action"]

    assert threats(asked) == ["needs_listen"]
    assert threats(asked + denial) == []


def us_findings(transcript: Transcript, prefix: str) -> list[tuple[str, str]]:
    (us,) = load_packs(["us_collections"])
    findings = run_checks(transcript, CallMeta(call_id=transcript.call_id), [us])
    return [(f.rule_id, f.status) for f in findings if f.rule_id.startswith(prefix)]


def test_a_garbled_phrase_is_found_when_its_alignment_begins_inside_a_sure_word() -> None:
    # first text set end to end (ta01): "no more of these calls" aligns from the "nt" of "want"
    heard = transcript_from_turns(
        [
            ("customer", "Put it in the mail, but I don't want no more of these clothes."),
            ("agent", "I understand. Can you make a payment today?"),
        ],
        call_id="c",
    )
    assert us_findings(with_probability(heard, {"clothes"}, 0.24), "response.cease") == [
        ("response.cease_request", "needs_listen")
    ]


def test_a_garbled_phrase_needs_its_unsure_word_where_the_phrase_has_another() -> None:
    # first text set end to end (ta26): "Holly (p=0.11), there's no" aligned with "there's no
    # dispute" at 76, the unsure name standing before the words, not where "dispute" would
    heard = transcript_from_turns(
        [
            ("customer", "So if I don't pay, you're gonna sue me? What's the lowest monthly you'll do?"),
            ("agent", "I'm not threatening you with anything, Mr. Holly, there's no lawsuit filed."),
            ("agent", "For this balance, we can start as low as seventy five a month."),
        ],
        call_id="c",
    )
    assert us_findings(with_probability(heard, {"holly"}, 0.11), "response.dispute") == []


def test_garbled_threat_needs_an_unsure_word_the_phrase_does_not_have() -> None:
    """ "reverse (p=0.08) your car" may be "repossess your car" (eval call ev12); an unsure word
    that is part of "levy on your account" says nothing about "balance", which is sure."""
    heard = transcript_from_turns(
        [("agent", "If you don't, we will see you in reverse your car.")], call_id="c"
    )
    assert us_findings(with_probability(heard, {"reverse", "your"}, 0.05), "prohibited.") == [
        ("prohibited.threat_legal_action", "needs_listen")
    ]
    balance = transcript_from_turns(
        [("agent", "I am calling about the balance on your account with Lakeside Bank.")], call_id="c"
    )
    assert us_findings(with_probability(balance, {"account"}, 0.3), "prohibited.") == []


def test_garbled_trigger_with_a_forbidden_reply_needs_listening() -> None:
    """tiny.en heard "Do not call me anymore" as "Do not follow (p=0.37) me anymore" (eval call ev19)."""
    turns = [("customer", "Do not follow me anymore."), ("agent", "Okay. Can you make a payment today?")]
    garbled = with_probability(transcript_from_turns(turns, call_id="c"), {"follow"}, 0.37)
    assert us_findings(garbled, "response.cease") == [("response.cease_request", "needs_listen")]
    sure = transcript_from_turns(turns, call_id="c")  # heard with confidence: a different phrase
    assert us_findings(sure, "response.cease") == []
    no_reply = with_probability(transcript_from_turns(turns[:1], call_id="c"), {"follow"}, 0.37)
    assert us_findings(no_reply, "response.cease") == []


def test_a_trigger_heard_unsure_makes_what_follows_it_needs_listen() -> None:
    """A trigger whose words the ASR was unsure of may not have been said: neither a forbidden
    reply nor a missing required one is a sure violation (as for a garbled or mono trigger)."""
    turns = [("customer", "I dispute this."), ("agent", "You still have to pay the balance today.")]
    sure = transcript_from_turns(turns, call_id="c")
    # insisting on payment, and no validation offered
    assert us_findings(sure, "response.dispute") == [("response.dispute", "violation")] * 2
    unsure = with_probability(sure, {"i", "dispute", "this"}, 0.3)
    assert us_findings(unsure, "response.dispute") == [("response.dispute", "needs_listen")] * 2
    cease = transcript_from_turns(
        [("customer", "Please stop calling me."), ("agent", "We will keep calling until you pay.")],
        call_id="c",
    )
    said = us_findings(cease, "response.cease")
    assert said and {status for _, status in said} == {"violation"}
    heard = us_findings(with_probability(cease, {"please", "stop", "me"}, 0.2), "response.cease")
    assert heard == [("response.cease_request", "needs_listen")] * len(said)


def test_garbled_trigger_without_the_required_reply_is_no_finding() -> None:
    """A missing reply is no evidence that a trigger we are unsure of was said."""
    turns = [("customer", "Yes, this is Terry."), ("agent", "Thank you, Terry. We have a few options.")]
    unsure = with_probability(transcript_from_turns(turns, call_id="c"), {"terry"}, 0.31)
    assert us_findings(unsure, "response.dispute") == []


def test_implied_trigger_is_forbidden_after_a_trigger_and_needs_listening_without_one() -> None:
    dispute = [("customer", "I dispute this."), ("agent", "There is nothing to dispute.")]
    assert us_findings(transcript_from_turns(dispute, call_id="c"), "response.dispute") == [
        ("response.dispute", "violation"),
        ("response.dispute", "violation"),  # and no validation offered
    ]
    garbled = [("customer", "I just use this."), ("agent", "There is nothing to dispute.")]
    assert us_findings(transcript_from_turns(garbled, call_id="c"), "response.dispute") == [
        ("response.dispute", "needs_listen")
    ]
    before = [("agent", "There is nothing to dispute."), ("customer", "I dispute this.")]
    # said before the dispute it is no reply to it, and not a violation: it answers one nobody was
    # heard making, as with no dispute at all ("lawyers just run up your bill" before "Call my
    # lawyer", yp16 end to end); the missing validation is the violation
    assert us_findings(transcript_from_turns(before, call_id="c"), "response.dispute") == [
        ("response.dispute", "needs_listen"),
        ("response.dispute", "violation"),
    ]
    # a trigger heard before it: the reply answers that one and is a violation
    twice = [("customer", "I dispute this."), *before]
    assert ("response.dispute", "needs_listen") not in us_findings(
        transcript_from_turns(twice, call_id="c"), "response.dispute"
    )
    # a suspect heard only after the implied reply explains nothing (tt08 end to end: "stop calling
    # me" garbled, then "The calls will continue ...", then "Don't bother")
    late = [
        ("customer", "Cost following me."),
        ("agent", "The calls will continue until this balance is resolved."),
        ("customer", "Don't bother."),
    ]
    assert us_findings(transcript_from_turns(late, call_id="c"), "response.cease_request") == [
        ("response.cease_request", "needs_listen")
    ]
    # a suspect before it: the reply answers it (needs_listen, from the suspect)
    early = [late[2], late[1]]
    assert us_findings(transcript_from_turns(early, call_id="c"), "response.cease_request") == [
        ("response.cease_request", "needs_listen")
    ]


def test_order_then_once_revoked_counts_only_after_a_revocation(pack) -> None:
    """The mini-Miranda opens scripts, but told to a wife who said who she is it discloses (uj22),
    and so does the opening the first answer tells was heard by someone else (wi19, uv04, va22)."""
    told_wife = [
        ("agent", "Is John there?"),
        ("customer", "I'm his wife."),
        ("agent", "This is an attempt to collect a debt."),
    ]
    assert statuses(check(pack, "procedure.verify_told", *told_wife)) == ["violation"]
    greeting = [
        ("agent", "This is an attempt to collect a debt. Is John there?"),
        ("customer", "I'm his wife."),
    ]
    assert statuses(check(pack, "procedure.verify_told", *greeting)) == ["violation"]
    # answered by the consumer, the opening is said to them; a wife heard later did not hear it
    later = [
        greeting[0],
        ("customer", "Speaking."),
        ("agent", "Thanks."),
        ("customer", "I'm his wife, by the way."),
    ]
    assert check(pack, "procedure.verify_told", *later) == []
    # ... and once the consumer confirmed (the rule's `first`), it is said to them
    came = [*told_wife[:2], ("customer", "Speaking."), ("agent", "This is an attempt to collect a debt.")]
    assert check(pack, "procedure.verify_told", *came) == []


def test_order_consent_keeps_someone_else_from_revoking(pack) -> None:
    """The consumer, confirmed, lets a son listen: his "I'm Noah, her son" after it revokes
    nothing (ul22); asked for and given after a counselor joined, it reaches back to the
    consumer's confirmation (ul25). Given by nobody confirmed, or not given, it changes nothing."""
    son = [
        ("agent", "Is this Leilani?"),
        ("customer", "Yes, and he can hear it."),
        ("customer", "Hi, I'm Noah, her son."),
        ("agent", "You owe 2,760."),
    ]
    assert check(pack, "procedure.verify_consented", *son) == []
    son_first = [son[0], ("customer", "Speaking."), son[2], ("customer", "Well, he can hear it."), son[3]]
    assert statuses(check(pack, "procedure.verify_consented", *son_first)) == ["violation"]
    # consent before the consumer confirmed is none: the son's words still revoke the "Speaking"
    unconfirmed = [son[0], ("customer", "Well, he can hear it."), ("customer", "Speaking."), *son[2:]]
    assert statuses(check(pack, "procedure.verify_consented", *unconfirmed)) == ["violation"]
    counselor = [
        ("agent", "Is this Jacob?"),
        ("customer", "Speaking."),
        ("customer", "Hi, this is Lorna with Midwest Credit Counseling."),
        ("agent", "Mr. Stein, do you authorize me to discuss it with her?"),
        ("customer", "Yes, I do."),
        ("agent", "You owe 1,340."),
    ]
    assert check(pack, "procedure.verify_consented", *counselor) == []
    not_given = [*counselor[:4], ("customer", "Let me think about it."), counselor[5]]
    assert statuses(check(pack, "procedure.verify_consented", *not_given)) == ["violation"]
    # asked of whoever took their "yes" back at once ("Yes, I'm her son"), it reaches back to nobody
    taken_back = [
        ("agent", "Is this Leilani?"),
        ("customer", "Yes, I'm her son."),
        ("agent", "Do you authorize me to discuss it?"),
        ("customer", "Yes, I do."),
        son[3],
    ]
    assert statuses(check(pack, "procedure.verify_consented", *taken_back)) == ["violation"]
    # the consumer verified by an answered question consents too
    answered = [
        ("agent", "Can you give me your zip code?"),
        ("customer", "80012. Sure, he can hear it."),
        son[2],
        son[3],
    ]
    assert check(pack, "procedure.verify_consented", *answered) == []


def test_an_exception_read_over_two_turns_of_one_speaker_excepts_nothing() -> None:
    # one hundred and fiftieth text set (yt09): "It is." confirms; the consumer's next turn opens
    # "Okay, so", and "it is okay" (an exception: how something is, not who) spans the two turns
    opening = [
        (
            "agent",
            "This is Kyle from Lakeshore Account Management. This call's being recorded. Is this Diane Ferris?",
        ),
        ("customer", "It is."),
        (
            "agent",
            "Hi Diane, I'm a debt collector. The maintenance fees are past due, it's thirteen hundred and five.",
        ),
    ]
    later = [*opening, ("customer", "Okay, so, I need to tell you this.")]
    assert us_findings(transcript_from_turns(opening, call_id="c"), "procedure.") == []
    assert us_findings(transcript_from_turns(later, call_id="c"), "procedure.") == []
    # said in one turn it is the exception, and confirms nobody
    one_turn = [opening[0], ("customer", "It is okay."), opening[2]]
    assert us_findings(transcript_from_turns(one_turn, call_id="c"), "procedure.") == [
        ("procedure.third_party_disclosure", "violation")
    ]
