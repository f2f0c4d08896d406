"""PII redaction: cards by Luhn (digits or spoken words), SSNs, dates of birth, bank numbers."""

from __future__ import annotations

import pytest

from checks import load_packs, redact_text, redact_transcript, run_checks
from checks.redact import luhn_valid
from transcribe.model import transcript_from_turns


def test_luhn() -> None:
    assert luhn_valid("4111111111111111") and luhn_valid("4716108999716531")
    assert not luhn_valid("4111111111111112")


@pytest.mark.parametrize(
    "said, expected",
    [
        ("my card is 4111 1111 1111 1111 thanks", "my card is [CARD] thanks"),
        ("card number 4111-1111-1111-1111.", "card number [CARD]."),
        ("it's 4111111111111111", "it's [CARD]"),
        ("four one one one one one one one one one one one one one one one", "[CARD]"),
        (
            "My card is four seven one six, one zero eight nine, nine nine seven one, six five three one.",
            "My card is [CARD].",
        ),
        ("it's four seven one six 1089 9971 six five three one ok", "it's [CARD] ok"),
    ],
)
def test_luhn_valid_card_numbers_are_redacted_in_digits_and_words(said, expected) -> None:
    assert redact_text(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "the balance is $1,250 and you owe 1250 dollars",
        "your reference number is 1234 5678 9012",  # 12 digits, nothing says card
        "my zip code is 90210",
        "I can pay 420 dollars on the card today",
        "what's the security code? I'll pay $200 today",
        "my card ends in 1111",  # the last four may be shown (PCI DSS 3.3)
        "one moment please, I have two payments of 50",
        "please pay by 03/15/2026",
    ],
)
def test_numbers_that_are_not_pii_stay(said) -> None:
    assert redact_text(said) == said


@pytest.mark.parametrize(
    "said, expected",
    [
        # one digit misheard or misspoken: Luhn fails, and 15 of the 16 digits are still the card's
        ("my card is 4111 1111 1111 1112 thanks", "my card is [CARD] thanks"),
        ("four one one one one one one one one one one one one one one two", "[CARD]"),
        (
            "the card is five five five five, four four four four, three three three three, two two two two",
            "the card is [CARD]",
        ),
        ("on my visa it's 4111 1111 1111 1112 1227 123", "on my visa it's [CARD]"),  # number, expiry, code
        ("account number 1234 5678 9012 3456", "account number [BANK]"),  # said to be a bank account
    ],
)
def test_card_numbers_that_fail_luhn_are_still_redacted(said, expected) -> None:
    assert redact_text(said) == expected


@pytest.mark.parametrize(
    "said, expected",
    [
        ("and the security code is one two three", "and the security code is [CARD]"),
        ("what's the code on the back? It's 456", "what's the code on the back? It's [CARD]"),
        ("cvv 7890", "cvv [CARD]"),
        ("my pin is 4321", "my pin is [CARD]"),
    ],
)
def test_card_security_codes_and_pins_are_redacted(said, expected) -> None:
    assert redact_text(said) == expected


@pytest.mark.parametrize(
    "said, expected",
    [
        ("my social is 123-45-6789", "my social is [SSN]"),
        ("my ssn is one two three four five six seven eight nine", "my ssn is [SSN]"),
        ("the last four of your social are six seven eight nine", "the last four of your social are [SSN]"),
        (
            "The last four of my social security number is 6789.",
            "The last four of my social security number is [SSN].",
        ),
        ("it's 123456789", "it's [SSN]"),
    ],
)
def test_ssns_whole_and_last_four(said, expected) -> None:
    assert redact_text(said) == expected


@pytest.mark.parametrize(
    "said, expected",
    [
        ("my date of birth is March 3rd, 1985 okay", "my date of birth is [DOB] okay"),
        ("I was born on 03/15/1985.", "I was born on [DOB]"),
        (
            "What's your date of birth? Sure, it's June second, nineteen eighty five.",
            "What's your date of birth? Sure, it's [DOB]",
        ),
        ("date of birth zero three one five one nine eight five", "date of birth [DOB]"),
    ],
)
def test_dates_of_birth(said, expected) -> None:
    assert redact_text(said).rstrip(".") == expected.rstrip(".")


@pytest.mark.parametrize(
    "said, expected",
    [
        (
            "routing number 021000021 and account number 123456789012",
            "routing number [BANK] and account number [BANK]",
        ),
        ("my checking account is 000123456789", "my checking account is [BANK]"),
        ("the routing is zero two one zero zero zero zero two one", "the routing is [BANK]"),
    ],
)
def test_bank_numbers(said, expected) -> None:
    assert redact_text(said) == expected


def test_redact_text_keeps_whitespace() -> None:
    assert redact_text("card:\n4111 1111 1111 1111\tok") == "card:\n[CARD]\tok"


def test_redact_transcript_replaces_words_and_keeps_times() -> None:
    transcript = transcript_from_turns(
        [
            ("agent", "What is your date of birth?"),
            ("customer", "March third, 1985. Card 4111 1111 1111 1111."),
        ],
        call_id="pii",
    )
    redacted = redact_transcript(transcript)
    before, after = transcript.words, redacted.words
    assert [(w.start, w.end, w.speaker, w.probability) for w in before] == [
        (w.start, w.end, w.speaker, w.probability) for w in after
    ]
    text = " ".join(w.text for w in after)
    assert "1985" not in text and "4111" not in text and "March" not in text
    assert "[DOB]" in text and "[CARD]" in text
    assert transcript.words[0].text == "What"  # the original is untouched


def test_redact_transcript_sees_a_number_interrupted_by_the_other_channel() -> None:
    """The agent's "mhm" lands between the card digits in time order; per-speaker redaction still sees it."""
    from dataclasses import replace

    from transcribe.model import Utterance, Word

    digits = ["4111", "1111", "1111", "1111"]
    customer = Utterance(
        "customer", 1, 0.0, 4.0, tuple(Word(i, i + 0.5, d, 0.9, "customer", 1) for i, d in enumerate(digits))
    )
    agent = Utterance("agent", 0, 1.6, 1.8, (Word(1.6, 1.8, "mhm", 0.9, "agent", 0),))
    transcript = replace(transcript_from_turns([], call_id="x"), utterances=[customer, agent])
    assert all(w.text == "[CARD]" for w in redact_transcript(transcript).words_of("customer"))


def test_finding_text_is_redacted() -> None:
    packs = load_packs(["us_collections"])
    transcript = transcript_from_turns(
        [("agent", "Read me your card, 4111 1111 1111 1111, or we will have you arrested.")], call_id="f"
    )
    (finding,) = [f for f in run_checks(transcript, None, packs) if f.rule_id == "prohibited.threat_arrest"]
    assert "arrested" in finding.text and "4111" not in finding.text and "[CARD]" in finding.text
