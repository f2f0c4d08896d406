"""The phrase syntax of rule packs, expanded to the token sequences a matcher looks for.

A phrase is words separated by spaces, with these helpers:

- ``(a|b c)`` one of the alternatives (an alternative may be several words or empty);
- ``[words]`` optional words, the same as ``(words|)``;
- ``#`` any number written in digits ("balance of #" matches "balance of $1,250");
  ``$#`` only an amount of money written with a dollar sign;
- ``*`` any one word ("this is * from" matches "this is Steve from"). A phrase with a
  ``*`` is matched exactly only, never fuzzily;
- ``=`` before a phrase: matched exactly only, never searched for garbled (a fuzzy rule
  searches every plain phrase of 14 characters or more in every call: long lists of common
  words cost checks throughput and precision);
- ``<word>`` the word in every inflection: ``<sue>`` is ``(sue|sues|sued|suing)``, ``<lawyer>``
  ``(lawyer|lawyers)``. The forms come from lemminflect's English tables when the pack loads,
  so matching stays one PhraseMatcher pass over the words as heard;
- ``{name}`` one of the words of the pack's ``word_lists.name`` (pack.yml): ``{amount}`` for
  ``(one|two|...|ninety|a hundred|#|$#)``, written once for every phrase that needs it.

Words are normalized like transcript words (lower case, outer punctuation off), and
common contractions match both ways: "you will" also matches "you'll", "won't" also
matches "will not", "going to" also matches "gonna".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from itertools import chain, product

from lemminflect import getAllInflections

from checks.text import normalize_word
from transcribe.model import spoken_words

MAX_VARIANTS = 2048
WILDCARD = "*"
EXACT_MARK = "="  # a phrase starting with it is never searched for garbled
_LITERAL = ("#", WILDCARD)  # phrase words kept as they are, not normalized

_CONTRACTIONS = {
    ("will", "not"): "won't",
    ("can", "not"): "can't",
    ("cannot",): "can't",
    ("do", "not"): "don't",
    ("does", "not"): "doesn't",
    ("did", "not"): "didn't",
    ("is", "not"): "isn't",
    ("are", "not"): "aren't",
    ("was", "not"): "wasn't",
    ("would", "not"): "wouldn't",
    ("should", "not"): "shouldn't",
    ("have", "not"): "haven't",
    ("i", "am"): "i'm",
    ("you", "are"): "you're",
    ("we", "are"): "we're",
    ("they", "are"): "they're",
    ("it", "is"): "it's",
    ("that", "is"): "that's",
    ("there", "is"): "there's",
    ("he", "is"): "he's",
    ("she", "is"): "she's",
    ("what", "is"): "what's",
    ("i", "will"): "i'll",
    ("you", "will"): "you'll",
    ("we", "will"): "we'll",
    ("they", "will"): "they'll",
    ("he", "will"): "he'll",
    ("she", "will"): "she'll",
    ("it", "will"): "it'll",
    ("that", "will"): "that'll",
    ("i", "have"): "i've",
    ("you", "have"): "you've",
    ("we", "have"): "we've",
    ("they", "have"): "they've",
    ("i", "would"): "i'd",
    ("you", "would"): "you'd",
    ("we", "would"): "we'd",
    ("they", "would"): "they'd",
    ("going", "to"): "gonna",
    ("want", "to"): "wanna",
    ("got", "to"): "gotta",
}
_EXPANSIONS: dict[str, list[tuple[str, ...]]] = {}
for _long, _short in _CONTRACTIONS.items():
    _EXPANSIONS.setdefault(_short, []).append(_long)
_PAIRS = {k: v for k, v in _CONTRACTIONS.items() if len(k) == 2}
_PAIR_FIRST = frozenset(first for first, _ in _PAIRS)
# a word with other spellings of its own: "won't" (or "will not"), "cannot" (or "can't")
_WAYS: dict[str, tuple[tuple[str, ...], ...]] = {
    short: ((short,), *longs) for short, longs in _EXPANSIONS.items()
}
for _long, _short in _CONTRACTIONS.items():
    if len(_long) == 1:
        _WAYS.setdefault(_long[0], (_long, (_short,)))
_VARIABLE = _PAIR_FIRST | frozenset(_WAYS)

_SYNTAX = {"(", ")", "[", "]", "|"}
_LEXER = re.compile(r"\s*(\(|\)|\[|\]|\||[^\s()\[\]|]+)")
# A bracket glued to a word: "(on )?" (a regular expression's optional group, which this
# syntax would read as the word "on" and a "?" that normalizes to nothing) or "you('re| are)".
_GLUED = re.compile(r"[^\s(\[|][(\[]|[)\]][^\s)\]|]")


class PhraseSyntaxError(ValueError):
    """A phrase that cannot be expanded; the message says what to fix."""


def exact_only(phrase: str) -> bool:
    """Whether a phrase is matched exactly only (written ``=phrase``)."""
    return phrase.startswith(EXACT_MARK)


def expand(phrase: str, word_lists: Mapping[str, list[str]] | None = None) -> list[tuple[str, ...]]:
    """Every token sequence a phrase stands for, in a stable order, without duplicates.

    ``word_lists`` are the pack's, for ``{name}``: each entry is one alternative (one or more words).
    """
    lexemes = _lex(phrase.removeprefix(EXACT_MARK))
    pos, alternatives = _Parser(phrase, word_lists or {}).alternatives(lexemes, 0)
    if pos != len(lexemes):
        raise PhraseSyntaxError(f"unexpected {lexemes[pos]!r} in phrase {phrase!r}")
    seen: dict[tuple[str, ...], None] = {}
    for words in alternatives:
        tokens = tuple(chain.from_iterable(map(_tokens, words)))
        if not tokens:
            raise PhraseSyntaxError(f"phrase {phrase!r} can match nothing (every word is optional)")
        if all(t == WILDCARD for t in tokens):
            raise PhraseSyntaxError(f"phrase {phrase!r} has no word but '*': it would match anything")
        for variant in _contraction_variants(tokens):
            for with_money in _number_variants(variant):
                seen.setdefault(with_money, None)
    if len(seen) > MAX_VARIANTS:
        raise PhraseSyntaxError(
            f"phrase {phrase!r} expands to {len(seen)} variants (at most {MAX_VARIANTS}); split it"
        )
    return list(seen)


@cache
def _tokens(word: str) -> tuple[str, ...]:
    """A phrase word as transcript tokens: normalized, and a hyphenated word is words apart, as
    Whisper writes it (``_lex`` refused words with no letter or digit)."""
    if word in _LITERAL:
        return (word,)
    return tuple(normalize_word(w) for w in spoken_words(word))


def expand_all(phrases: list[str]) -> list[tuple[str, ...]]:
    seen: dict[tuple[str, ...], None] = {}
    for phrase in phrases:
        for variant in expand(phrase):
            seen.setdefault(variant, None)
    return list(seen)


def _lex(phrase: str) -> list[str]:
    if not phrase.strip():
        raise PhraseSyntaxError("empty phrase")
    if glued := _GLUED.search(phrase):
        raise PhraseSyntaxError(
            f"{glued.group()!r} in phrase {phrase!r}: put spaces around ( ) and [ ]; "
            "optional words are written [words], not (words)?"
        )
    lexemes = _LEXER.findall(phrase)
    for word in set(lexemes) - _SYNTAX - set(_LITERAL):
        if normalize_word(word) == "_":  # "?", "+": punctuation, which words lose
            raise PhraseSyntaxError(
                f"{word!r} in phrase {phrase!r} is not a word; optional words are written [words]"
            )
    return lexemes


class _Parser:
    """The grammar of one phrase, with the pack's word lists for ``{name}``."""

    def __init__(self, phrase: str, word_lists: Mapping[str, list[str]]) -> None:
        self.phrase = phrase
        self.word_lists = word_lists

    def alternatives(self, lex: list[str], pos: int) -> tuple[int, list[list[str]]]:
        """alternatives := sequence ('|' sequence)*"""
        pos, result = self.sequence(lex, pos)
        while pos < len(lex) and lex[pos] == "|":
            pos, more = self.sequence(lex, pos + 1)
            result = result + more
        return pos, result

    def sequence(self, lex: list[str], pos: int) -> tuple[int, list[list[str]]]:
        """sequence := (word | '(' alternatives ')' | '[' alternatives ']' | <word> | {name})*"""
        phrase = self.phrase
        result: list[list[str]] = [[]]
        while pos < len(lex) and lex[pos] not in ("|", ")", "]"):
            token = lex[pos]
            if token in ("(", "["):
                close = ")" if token == "(" else "]"
                pos, options = self.alternatives(lex, pos + 1)
                if pos >= len(lex) or lex[pos] != close:
                    raise PhraseSyntaxError(f"missing {close!r} in phrase {phrase!r}")
                if token == "[":
                    options = options + [[]]
            elif token.startswith("<") or token.endswith(">"):
                if not (token.startswith("<") and token.endswith(">") and len(token) > 2):
                    raise PhraseSyntaxError(f"{token!r} in phrase {phrase!r}: write one word as <word>")
                options = [[form] for form in inflections(token[1:-1], phrase)]
            elif token.startswith("{") or token.endswith("}"):
                options = [words.split() for words in self.word_list(token)]
            else:
                options = [[token]]
            pos += 1
            if len(result) * len(options) > MAX_VARIANTS:
                raise PhraseSyntaxError(f"phrase {phrase!r} expands to too many variants; split it")
            result = [a + b for a, b in product(result, options)]
        return pos, result

    def word_list(self, token: str) -> list[str]:
        name = token[1:-1]
        if not (token.startswith("{") and token.endswith("}") and name):
            raise PhraseSyntaxError(f"{token!r} in phrase {self.phrase!r}: write a word list as {{name}}")
        if name not in self.word_lists:
            defined = ", ".join(f"{{{n}}}" for n in self.word_lists) or "none"
            raise PhraseSyntaxError(
                f"unknown word list {token!r} in phrase {self.phrase!r} (pack.yml word_lists defines: {defined})"
            )
        return self.word_lists[name]


@cache
def _forms(lemma: str) -> tuple[str, ...]:
    found = {form.lower() for forms in getAllInflections(lemma).values() for form in forms}
    return tuple(sorted(found - {lemma})) if found else ()


def inflections(lemma: str, phrase: str) -> list[str]:
    """The word and its inflected forms ("sue": sue, sued, sues, suing), for ``<word>``."""
    word = lemma.lower()
    forms = _forms(word)
    if not forms:
        raise PhraseSyntaxError(
            f"<{lemma}> in phrase {phrase!r}: no inflections known for {word!r}; "
            "write its forms out, e.g. (word|words)"
        )
    return [word, *forms]


def _number_variants(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """``#`` matches any number in digits, an amount of money (``$#``) included."""
    if "#" not in tokens:
        return [tokens]
    return [tuple(p) for p in product(*[("#", "$#") if t == "#" else (t,) for t in tokens])]


def _contraction_variants(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The tokens with each contractible pair written both ways ("you will" / "you'll").

    Called once per spelling of every phrase (325,000 for the US pack), so words that have a
    second way of writing are found by set lookups, and a run of the other words is one part.
    """
    if _VARIABLE.isdisjoint(tokens):
        return [tokens]
    parts: list[tuple[tuple[str, ...], ...]] = []
    run: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        short = _PAIRS.get((token, tokens[i + 1])) if token in _PAIR_FIRST and i + 1 < n else None
        ways = ((token, tokens[i + 1]), (short,)) if short else _WAYS.get(token)
        if ways is None:
            run.append(token)
            i += 1
            continue
        if run:
            parts.append((tuple(run),))
            run = []
        parts.append(ways)
        i += 2 if short else 1
    varied = sum(len(part) > 1 for part in parts)
    if varied == 0 or varied > 6:
        return [tokens]
    if run:
        parts.append((tuple(run),))
    return [tuple(t for part in combo for t in part) for combo in product(*parts)]
