"""The passes over every word of a call, in C when ``checks/_wordpass.c`` was built.

A five-minute call has about 800 words and its checks walk them several times; in
CPython 3.11 a Python loop costs 130-400 instructions a word, and the C passes take a
third off a call's checks (README, "Checks throughput"). pip builds the C module when
a C compiler is there (setup.py, ``optional=True``); without one ``passes`` is
``Python`` below, with the same results, slower. tests/test_checks_wordpass.py holds
the two to the same results.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import eq
from typing import Any

from transcribe.model import Word


class Python:
    """The passes in Python: what runs without the C module, and its reference in tests."""

    @staticmethod
    def memo_map(memo: dict[Any, Any], items: list[Any]) -> list[Any]:
        """``memo[x]`` for every item (a memo is a dict whose ``__missing__`` computes a value)."""
        return list(map(memo.__getitem__, items))

    @staticmethod
    def read_words(
        words: list[Word], memo: dict[str, tuple[str, int]]
    ) -> tuple[list[str], list[int], list[float]]:
        """Every word's token and the token's lexeme id (the pair ``memo[text]``), and its
        probability, in one pass over the words."""
        entries = list(map(memo.__getitem__, [w.text for w in words]))
        if not all(type(e) is tuple and len(e) == 2 for e in entries):
            raise TypeError("read_words: the memo's values are (token, lexeme id) pairs")
        return [e[0] for e in entries], [e[1] for e in entries], [w.probability for w in words]

    @staticmethod
    def restarts(tokens: list[str], hesitations: frozenset[str]) -> bool:
        """Whether a token is one of ``hesitations`` or equals the token before it."""
        return not hesitations.isdisjoint(tokens) or any(map(eq, tokens, tokens[1:]))

    @staticmethod
    def unsure_mask(probabilities: list[float], floor: float) -> bytes:
        """One byte a word: 1 where the ASR gave it a probability under ``floor``."""
        return bytes([p < floor for p in probabilities])

    @staticmethod
    def misheard_runs(
        tokens: list[str],
        mask: bytes,
        ranges: Sequence[tuple[int, int]],
        words: frozenset[str],
        min_chars: int,
    ) -> list[tuple[int, int]]:
        """Stretches within ``ranges`` of tokens each unsure (1 in ``mask``) or one of ``words``,
        holding at least one unsure token and ``min_chars`` characters (CallText.misheard_runs)."""
        runs = []
        for a, b in ranges:
            i = mask.find(1, a, b)
            while i >= 0:
                start, end = i, i + 1
                while start > a and tokens[start - 1] in words:
                    start -= 1
                while end < b and (mask[end] or tokens[end] in words):
                    end += 1
                if sum(map(len, tokens[start:end])) + end - start - 1 >= min_chars:
                    runs.append((start, end))
                i = mask.find(1, end, b)
        return runs

    @staticmethod
    def misheard_needles(
        tokens: list[str], mask: bytes, ranges: Sequence[tuple[int, int]], needles: tuple, slack: int
    ) -> list:
        """The needles (checks.packs.Needle) with a misheard run of their own words as long as
        their shortest spelling less ``slack`` characters: the phrases worth a garbled search."""
        return [
            n for n in needles if Python.misheard_runs(tokens, mask, ranges, n.words, n.lengths[0] - slack)
        ]


try:
    from checks import _wordpass as passes
except ImportError:  # installed without a C compiler
    passes = Python  # type: ignore[assignment]

NATIVE = passes is not Python
