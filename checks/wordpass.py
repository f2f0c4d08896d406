"""The passes over every word of a call, in C when ``checks/_wordpass.c`` was built.

A five-minute call has about 800 words and its checks walk them several times; in
CPython 3.11 a Python loop costs 130-400 instructions a word, and the C passes take a
third off a call's checks (README, "Checks throughput"). pip builds the C module when
a C compiler is there (setup.py, ``optional=True``); without one ``passes`` is
``Python`` below, with the same results, slower. tests/test_checks_wordpass.py holds
the two to the same results.
"""

from __future__ import annotations

import logging
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

    @staticmethod
    def within_reach(haystack: str, spellings: tuple[str, ...], floor: float) -> list[str]:
        """The spellings whose ``fuzz.partial_ratio`` with ``haystack`` may reach ``floor``, in order.

        rapidfuzz aligns a spelling of m characters with every substring of the haystack as
        long as it, and with its shorter prefixes and suffixes; a window's ratio is
        200 * LCS / (m + its length), and the characters it has in common with the spelling (a
        multiset, counted by code point modulo 256) are at least its LCS. A spelling no window
        can bring to ``floor`` cannot be the one ``process.extractOne`` picks with that cutoff,
        and counting characters in C costs a fifth of aligning them (in Python it costs more, so
        checks/occurrences.py asks only the C pass). Spellings as long as the haystack (aligned
        both ways) or over 64 characters (aligned another way) are kept.
        """
        buckets = [ord(c) % 256 for c in haystack]
        n = len(buckets)
        kept = []
        for spelling in spellings:
            m = len(spelling)
            if m == 0 or m >= n or m > 64:
                kept.append(spelling)
                continue
            wanted = [0] * 256
            for c in spelling:
                wanted[ord(c) % 256] += 1
            seen = [0] * 256
            windows = []  # (characters in common, window length) of every window, in order
            common = 0
            for i, c in enumerate(buckets):
                if i >= m:
                    out = buckets[i - m]
                    seen[out] -= 1
                    common -= seen[out] < wanted[out]
                common += seen[c] < wanted[c]
                seen[c] += 1
                windows.append((common, min(i + 1, m)))
            for start in range(n - m, n - 1):
                out = buckets[start]
                seen[out] -= 1
                common -= seen[out] < wanted[out]
                windows.append((common, n - start - 1))
            if any(200.0 * c >= (floor - 1e-6) * (m + w) for c, w in windows):
                kept.append(spelling)
        return kept


try:
    from checks import _wordpass as passes
except ImportError:  # installed without a C compiler
    passes = Python  # type: ignore[assignment]
else:
    _missing = [name for name in vars(Python) if not name.startswith("_") and not hasattr(passes, name)]
    if _missing:  # built from an older checks/_wordpass.c: right, but slower, until rebuilt
        logging.getLogger(__name__).warning(
            "checks/_wordpass.c was built before %s existed; the passes run in Python until it is "
            "rebuilt (python setup.py build_ext --inplace, or scripts/setup.sh)",
            ", ".join(_missing),
        )
        passes = Python  # type: ignore[assignment]

NATIVE = passes is not Python
