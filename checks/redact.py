"""PII redaction: card numbers and security codes, SSNs, dates of birth, bank account and routing numbers.

Whisper writes numbers as digits ("4111 1111 ...") or as words ("four one one one ..."),
so redaction works on words: each word gets the digits it stands for, runs of such
words are tested as a whole and in parts, and every word of a number is replaced by
a tag such as ``[CARD]``. Word times are kept, so clips and findings still line up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from transcribe.model import Transcript, Utterance

CARD, SSN, DOB, BANK = "[CARD]", "[SSN]", "[DOB]", "[BANK]"

_DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_REPEAT = {"double": 2, "triple": 3}
_NUMERIC = re.compile(r"^[$#(]*\d[\d\-./,)]*$")
_STRIP = ".,;:!?\"'()[]{}"
_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")
_SSN_SHAPE = re.compile(r"^\d{3}-\d{2}-\d{4}$")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_DATE_WORDS = _MONTHS | _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty thirty thirtieth "
    "nineteen hundred thousand two one three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen forty fifty sixty seventy eighty ninety of the st nd rd th "
    "oh zero and"
)
_SSN_CONTEXT = {"social", "ssn", "security"}
_CARD_CONTEXT = {"card", "visa", "mastercard", "amex", "discover", "credit", "debit"}
# A card's security code: "cvv", or "code" after one of these ("security code", "code on the back")
_CVV_WORDS = {"cvv", "cvv2", "cvc", "csc", "cvn", "pin"}
_CODE_QUALIFIERS = {"security", "verification", "card", "digit", "three-digit", "four-digit"}
_CVV_REACH = 6  # words between the code's name and its digits
_BANK_CONTEXT = {"routing", "checking", "savings", "bank", "aba", "iban", "account#"}
_DOB_CONTEXT = {"birth", "born", "birthday", "dob", "birthdate"}
_CONTEXT_WORDS = 10


def _clean(word: str) -> str:
    return word.strip().lower().strip(_STRIP)


def _cleaned(words: Sequence[str]) -> list[str]:
    """Words for context look-ups; "account" followed by "number"/"no" becomes "account#",
    and "code" in "security code", "code on the back" becomes "cvv"."""
    cleaned = [_clean(w) for w in words]
    for i in range(len(cleaned) - 1):
        if cleaned[i] == "account" and cleaned[i + 1] in ("number", "no", "#", "numbers"):
            cleaned[i] = "account#"
        if cleaned[i + 1] == "code" and (
            cleaned[i] in _CODE_QUALIFIERS or cleaned[i + 2 : i + 5] == ["on", "the", "back"]
        ):
            cleaned[i + 1] = "cvv"
    return cleaned


def _digits_of(cleaned: Sequence[str]) -> list[str | None]:
    """The digits each cleaned word stands for, or None; "double five" gives "55" on the word "five"."""
    result: list[str | None] = []
    repeat = 1
    for token in cleaned:
        if token in _REPEAT:
            repeat = _REPEAT[token]
            result.append("")  # part of a number, stands for nothing by itself
            continue
        if token in _DIGIT_WORDS:
            result.append(_DIGIT_WORDS[token] * repeat)
        elif _NUMERIC.match(token) and (_SSN_SHAPE.match(token) or not _DATE.match(token)):
            result.append(re.sub(r"\D", "", token))
        else:
            result.append(None)
        repeat = 1
    return result


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _context(cleaned: list[str], start: int, vocabulary: set[str], reach: int = _CONTEXT_WORDS) -> int | None:
    """How many words before ``start`` the nearest context word is, if within ``reach``."""
    for back, j in enumerate(range(start - 1, max(-1, start - 1 - reach), -1), 1):
        if cleaned[j] in vocabulary:
            return back
    return None


def redact_words(words: Sequence[str]) -> list[str]:
    """The words with PII replaced; one output word per input word."""
    out = list(words)
    cleaned = _cleaned(words)
    digits = _digits_of(cleaned)
    n = len(words)
    i = 0
    while i < n:
        if digits[i] is None:
            i += 1
            continue
        j = i
        while j < n and digits[j] is not None:
            j += 1
        _redact_run(out, words, cleaned, digits, i, j)
        i = j
    _redact_birth_dates(out, cleaned)
    return out


def _redact_run(
    out: list[str], words: Sequence[str], cleaned: list[str], digits: list[str | None], a: int, b: int
) -> None:
    """Classify one run of number words [a, b) and replace what is PII."""
    total = len("".join(digits[a:b]))  # type: ignore[arg-type]
    money = words[a].lstrip().startswith("$") or (b < len(cleaned) and cleaned[b] in ("dollars", "bucks"))
    if total in (3, 4) and not money and _context(cleaned, a, _CVV_WORDS, _CVV_REACH) is not None:
        _tag(out, words, a, b, CARD)  # a card's security code or PIN: never stored (PCI DSS 3.2)
        return
    if total < 4:
        return  # shorter than any card, SSN or account number ("four hundred", "one moment")
    ssn_near = _context(cleaned, a, _SSN_CONTEXT)
    bank_near = _context(cleaned, a, _BANK_CONTEXT)
    card_near = _context(cleaned, a, _CARD_CONTEXT)
    # Cards first. Said about a card, the whole run is the card's (a number read with its expiry
    # and code, or a number that fails Luhn because the ASR misheard a digit or the consumer
    # misspoke: the other 15 digits are still the card's).
    if total >= 12 and card_near is not None and (bank_near is None or card_near <= bank_near):
        _tag(out, words, a, b, CARD)
        return
    # Otherwise a run of 13-19 digits that passes Luhn; a longer run is tried from either end
    # and, holding a card, is the card's with its expiry and code. Never a stretch in the
    # middle: among 16 random digits some stretch passes Luhn by chance. A run of a card's
    # length (15-16 digits) is a card too unless something says bank account or SSN.
    spans = [(a, b)] if total <= 19 else [(a, e) for e in range(b, a, -1)] + [(s, b) for s in range(a, b)]
    runs = ("".join(digits[s:e]) for s, e in spans)  # type: ignore[arg-type]
    if any(13 <= len(run) <= 19 and luhn_valid(run) for run in runs) or (
        total in (15, 16) and bank_near is None and ssn_near is None
    ):
        _tag(out, words, a, b, CARD)
        return
    if money:
        return  # an amount of money
    run = "".join(digits[a:b])  # type: ignore[arg-type]
    birth_near = _context(cleaned, a, _DOB_CONTEXT)
    if birth_near is not None and len(run) <= 8 and (ssn_near is None or birth_near < ssn_near):
        return  # a date of birth, handled by _redact_birth_dates
    if ssn_near is not None and (bank_near is None or ssn_near <= bank_near) and len(run) in (4, 9):
        _tag(out, words, a, b, SSN)
    elif bank_near is not None and 4 <= len(run) <= 17:
        _tag(out, words, a, b, BANK)
    elif any(_SSN_SHAPE.match(cleaned[k]) for k in range(a, b)) or len(run) == 9:
        _tag(out, words, a, b, SSN)


def _tag(out: list[str], words: Sequence[str], a: int, b: int, tag: str) -> None:
    for k in range(a, b):
        word = words[k]
        if any(c.isdigit() for c in word):
            out[k] = re.sub(r"\d[\d\-./, ]*\d|\d", tag, word)
        elif _clean(word) in _REPEAT or _clean(word) in _DIGIT_WORDS:
            lead = word[: len(word) - len(word.lstrip())]
            trail = word.rstrip()[len(word.rstrip().rstrip(_STRIP)) :]
            out[k] = f"{lead}{tag}{trail}"


def _redact_birth_dates(out: list[str], cleaned: list[str]) -> None:
    """Date words right after "date of birth" / "born" / "birthday" are replaced with [DOB]."""
    n = len(cleaned)
    for i, token in enumerate(cleaned):
        if token not in _DOB_CONTEXT:
            continue
        # Skip a few connecting words ("is", "was", "on", "it's", "my"), then take the date.
        j = i + 1
        while j < n and j <= i + 5 and not _date_like(cleaned[j]):
            j += 1
        k = j
        while k < n and k < j + 10 and _date_like(cleaned[k]):
            k += 1
        while k > j and cleaned[k - 1] in ("of", "the", "and"):
            k -= 1
        for m in range(j, k):
            out[m] = DOB if cleaned[m] not in ("of", "the", "and") else out[m]


def _date_like(token: str) -> bool:
    return bool(
        token in _DATE_WORDS
        or _DATE.match(token)
        or re.match(r"^\d{1,4}(st|nd|rd|th)?$", token)
        or re.match(r"^\w+-\w+$", token)
        and all(p in _DATE_WORDS for p in token.split("-"))
    )


_TAG_RUN = re.compile(r"(\[(?:CARD|SSN|DOB|BANK)\])(?:[\s,.-]*\1)+")


def redact_text(text: str) -> str:
    """A string with PII replaced by tags; whitespace kept, repeated tags collapsed to one."""
    parts = re.split(r"(\s+)", text)
    words = parts[0::2]
    redacted = redact_words(words)
    parts[0::2] = redacted
    return _TAG_RUN.sub(r"\1", "".join(parts))


def redact_transcript(transcript: Transcript) -> Transcript:
    """A copy with every word's text redacted; times and probabilities kept.

    Two passes, and a word redacted by either is redacted: each speaker's own words
    (a number read out is not cut by the other side's "mhm"), and all utterances in
    time order (the customer's answer follows the agent's "what is your date of birth").
    """
    replaced: dict[int, str] = {}
    utterances = sorted(transcript.utterances, key=lambda u: (u.start, u.channel))
    streams = [
        [w for u in utterances if u.speaker == s for w in u.words] for s in {u.speaker for u in utterances}
    ]
    streams.append([w for u in utterances for w in u.words])
    for words in streams:
        for word, text in zip(words, redact_words([w.text for w in words])):
            if text != word.text:
                replaced[id(word)] = text
    if not replaced:
        return replace(transcript, utterances=list(transcript.utterances))
    utterances = [
        Utterance(
            u.speaker,
            u.channel,
            u.start,
            u.end,
            tuple(replace(w, text=replaced[id(w)]) if id(w) in replaced else w for w in u.words),
        )
        for u in transcript.utterances
    ]
    return replace(transcript, utterances=utterances)
