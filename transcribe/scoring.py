"""Measure transcripts against known scripts: WER and word recall, per channel.

Used by the benchmark and the tests to choose and guard transcription settings.
Both sides are normalized the same way (case, punctuation, numbers spoken as words)
so the numbers measure hearing, not formatting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jiwer
from num2words import num2words

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DOLLARS = re.compile(r"\$(\d[\d,]*(?:\.\d+)?)")
_KEEP = re.compile(r"[^a-z0-9' ]+")


def normalize(text: str) -> str:
    """Lowercase words with digits spelled out and punctuation removed."""
    text = _DOLLARS.sub(r"\1 dollars", text.lower())
    text = text.replace("%", " percent").replace("$", " dollars ").replace("&", " and ")
    text = text.replace("-", " ")
    text = _NUMBER.sub(lambda m: " " + _spell(m.group()) + " ", text.replace(",", ""))
    text = _KEEP.sub(" ", text).replace("'", "")
    return " ".join(text.split())


def _spell(number: str) -> str:
    # Long digit strings (card numbers, phone numbers) are read digit by digit.
    if "." not in number and len(number) > 4:
        return " ".join(num2words(int(d)) for d in number)
    return num2words(float(number) if "." in number else int(number)).replace("-", " ").replace(",", "")


@dataclass(frozen=True)
class WordScore:
    """Alignment counts of a hypothesis against a reference."""

    hits: int
    substitutions: int
    deletions: int
    insertions: int

    @property
    def reference_words(self) -> int:
        return self.hits + self.substitutions + self.deletions

    @property
    def wer(self) -> float:
        errors = self.substitutions + self.deletions + self.insertions
        return errors / self.reference_words if self.reference_words else float(bool(self.insertions))

    @property
    def recall(self) -> float:
        return self.hits / self.reference_words if self.reference_words else 1.0

    def __add__(self, other: WordScore) -> WordScore:
        return WordScore(
            self.hits + other.hits,
            self.substitutions + other.substitutions,
            self.deletions + other.deletions,
            self.insertions + other.insertions,
        )


ZERO = WordScore(0, 0, 0, 0)


def score(reference: str, hypothesis: str) -> WordScore:
    ref, hyp = normalize(reference), normalize(hypothesis)
    if not ref:
        return WordScore(0, 0, 0, len(hyp.split()))
    if not hyp:
        return WordScore(0, 0, len(ref.split()), 0)
    out = jiwer.process_words(ref, hyp)
    return WordScore(out.hits, out.substitutions, out.deletions, out.insertions)
