"""The C passes over a call's words (checks/_wordpass.c) against their Python twins.

On the eval corpus's reference calls, with word probabilities drawn so that some words are
unsure alone, some in runs and some next to phrase words: every C pass must give what its
Python twin gives (what the passes mean is tested through CallText in test_checks_phrases.py).
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from checks.packs import Needle, load_packs
from checks.text import HESITATIONS, LEXEME_ID, WORD_TOKEN, CallText, _Memo, normalize_word
from checks.wordpass import NATIVE, Python
from transcribe.model import Word, transcript_from_turns

EVAL_CALLS = sorted((Path(__file__).parents[1] / "eval" / "calls").glob("*.ref.json"))


def test_the_c_passes_are_built() -> None:
    # scripts/setup.sh installs gcc, so a missing module means the build broke (see pip's output)
    assert NATIVE, "checks/_wordpass.c was not built: the checks run at about two thirds of their speed"


if NATIVE:
    from checks import _wordpass as native
needs_c = pytest.mark.skipif(not NATIVE, reason="the C passes are not built")


def calls_with_unsure_words(seed: int) -> list[CallText]:
    """The eval reference calls, each word given a probability: a fifth of them under 0.5."""
    rng = random.Random(seed)
    texts = []
    for path in EVAL_CALLS:
        script = json.loads(path.read_text())
        text = CallText(transcript_from_turns([(t["speaker"], t["text"]) for t in script["turns"]]))
        text.words = [
            replace(w, probability=rng.uniform(0.05, 0.5) if rng.random() < 0.2 else rng.uniform(0.5, 1.0))
            for w in text.words
        ]
        texts.append(text)
    return texts


@needs_c
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_c_and_python_passes_agree_on_real_calls(seed: int) -> None:
    assert len(EVAL_CALLS) >= 30
    rng = random.Random(seed)
    runs_found = needles_kept = needles_dropped = 0
    for text in calls_with_unsure_words(seed):
        tokens, lexeme_ids, probabilities = native.read_words(text.words, WORD_TOKEN)
        assert (tokens, lexeme_ids, probabilities) == Python.read_words(text.words, WORD_TOKEN)
        assert tokens == [normalize_word(w.text) for w in text.words]
        assert lexeme_ids == [text.doc.vocab.strings[t] for t in tokens] == [t.orth for t in text.doc]
        assert probabilities == [w.probability for w in text.words]
        assert native.memo_map(LEXEME_ID, tokens) == Python.memo_map(LEXEME_ID, tokens) == lexeme_ids
        for floor in (0.3, 0.5, 0.95):
            mask = native.unsure_mask(probabilities, floor)
            assert mask == Python.unsure_mask(probabilities, floor)
            assert [i for i, m in enumerate(mask) if m] == [
                i for i, w in enumerate(text.words) if w.probability < floor
            ]
            for _ in range(5):
                n = len(text.tokens)
                cuts = sorted(rng.sample(range(n + 1), 4))
                ranges = [(cuts[0], cuts[1]), (cuts[2], cuts[3])]
                words = frozenset(rng.sample(text.tokens, min(8, n)))
                min_chars = rng.choice([1, 8, 15, 30])
                runs = native.misheard_runs(text.tokens, mask, ranges, words, min_chars)
                assert runs == Python.misheard_runs(text.tokens, mask, ranges, words, min_chars)
                runs_found += len(runs)
                needles = tuple(
                    Needle.of(rng.sample(text.tokens, 2) + [" ".join(rng.sample(text.tokens, 3))])
                    for _ in range(6)
                )
                kept = native.misheard_needles(text.tokens, mask, ranges, needles, 3)
                assert kept == Python.misheard_needles(text.tokens, mask, ranges, needles, 3)
                needles_kept += len(kept)
                needles_dropped += len(needles) - len(kept)
    assert runs_found > 100  # the draws exercise runs, not only empty results
    assert needles_kept > 20 and needles_dropped > 20


@needs_c
def test_c_and_python_restarts_agree() -> None:
    """The fluent pass's guard: a hesitation, or a word equal to the one before it, even as
    another str object ("Told, told you" reads two words "Told," and "told")."""
    hesitations = frozenset({"uh", "um"})
    cases = {
        (): False,
        ("i",): False,
        ("i", "told", "you"): False,
        ("i", "told", "to" + str.lower("LD")): True,  # equal, not the same object
        ("this", "is", "uh", "his"): True,
        ("uh",): True,
        ("five", "five", "five"): True,  # numbers repeat: the fluent pass keeps them itself
    }
    for tokens, expected in cases.items():
        assert native.restarts(list(tokens), hesitations) is expected
        assert Python.restarts(list(tokens), hesitations) is expected
    for text in calls_with_unsure_words(1):
        assert native.restarts(text.tokens, HESITATIONS) == Python.restarts(text.tokens, HESITATIONS)
    with pytest.raises(TypeError):
        native.restarts(("a", "b"), hesitations)


@needs_c
def test_within_reach_keeps_every_spelling_that_reaches_the_floor() -> None:
    """The garbled search ranks only the spellings within reach: C and Python keep the same
    ones, never one whose partial_ratio reaches the floor, so extractOne picks the same."""
    rng = random.Random(4)
    (us,) = load_packs(["us_collections"])
    spellings = sorted(
        {s for rule in us.rules for needles in rule.needles.values() for n in needles for s in n.spellings}
    )
    kept = dropped = 0
    for text in calls_with_unsure_words(4)[:12]:
        for _ in range(20):
            start = rng.randrange(max(1, len(text.tokens) - 12))
            haystack = " ".join(text.tokens[start : start + rng.randint(1, 12)])
            choices = tuple(rng.sample(spellings, 40)) + (haystack[2:30], haystack + "s", "", "é" * 70)
            floor = rng.choice([60.0, 75.0, 82.5, 88.0])
            within = native.within_reach(haystack, choices, floor)
            assert within == Python.within_reach(haystack, choices, floor)
            assert within == [s for s in choices if s in within]  # in order
            for spelling in choices:
                if fuzz.partial_ratio(haystack, spelling, processor=None) >= floor:
                    assert spelling in within, (haystack, spelling, floor)
            best = process.extractOne(
                haystack, choices, scorer=fuzz.partial_ratio, processor=None, score_cutoff=floor
            )
            ranked = process.extractOne(
                haystack, within, scorer=fuzz.partial_ratio, processor=None, score_cutoff=floor
            )
            assert (best and best[:2]) == (ranked and ranked[:2])
            kept += len(within)
            dropped += len(choices) - len(within)
    assert kept > 500 and dropped > 500  # the draws exercise both
    with pytest.raises(TypeError, match="a spelling is a str"):
        native.within_reach("we will sue", ("sue you", 3), 75.0)


@needs_c
def test_c_memo_map_computes_and_stores_missing_values() -> None:
    calls: list[str] = []
    memo = _Memo(lambda word: calls.append(word) or word.upper())
    assert native.memo_map(memo, ["a", "b", "a"]) == ["A", "B", "A"]
    assert calls == ["a", "b"] and dict(memo) == {"a": "A", "b": "B"}


class LoudWord(Word):
    """A Word whose text and probability are computed (its own __getattribute__), not its slots'."""

    __slots__ = ()

    def __getattribute__(self, name: str) -> object:
        loud = {"text": "LOUD", "probability": 0.01}
        return loud[name] if name in loud else super().__getattribute__(name)


class PlainWord:
    def __init__(self, text: str, probability: float) -> None:
        self.text, self.probability = text, probability


@needs_c
def test_c_passes_read_words_of_any_type_as_python_does() -> None:
    # The C passes read a Word's slots directly; any other kind of word must still be read
    # through its attributes, whichever type comes first.
    word = Word(0.0, 0.2, "sue", 0.9, "agent", 0)
    loud = LoudWord(0.2, 0.4, "quiet", 0.9, "agent", 0)
    plain = PlainWord("you", 0.3)
    for words in ([word, loud, plain], [loud, word, plain], [plain, loud, word]):
        assert native.read_words(words, WORD_TOKEN) == Python.read_words(words, WORD_TOKEN)
    tokens, _, probabilities = native.read_words([word, loud, plain], WORD_TOKEN)
    assert (tokens, probabilities) == (["sue", "loud", "you"], [0.9, 0.01, 0.3])
    # calls longer than the prefetch distance, their words of one type and then of mixed types
    words = [replace(word, text=f"w{i}", probability=i / 100) for i in range(40)]
    for mixed in (words, words[:20] + [loud, plain] + words[20:]):
        assert native.read_words(mixed, WORD_TOKEN) == Python.read_words(mixed, WORD_TOKEN)


@needs_c
def test_c_passes_reject_what_the_python_twins_cannot_take() -> None:
    tokens = ["we", "will", "sue"]
    with pytest.raises(ValueError, match="differ in length"):
        native.misheard_runs(tokens, b"\x00\x01", [(0, 3)], frozenset(), 1)
    with pytest.raises(IndexError, match="outside the tokens"):
        native.misheard_runs(tokens, b"\x00\x01\x00", [(0, 4)], frozenset(), 1)
    with pytest.raises(IndexError, match="outside the tokens"):
        native.misheard_runs(tokens, b"\x00\x01\x00", [(2, 1)], frozenset(), 1)
    with pytest.raises(TypeError, match="a range is a tuple"):
        native.misheard_runs(tokens, b"\x00\x01\x00", [[0, 3]], frozenset(), 1)
    with pytest.raises(TypeError, match="a needle is a Needle"):
        native.misheard_needles(tokens, b"\x00\x01\x00", [(0, 3)], (("sue", "you"),), 3)
    with pytest.raises(ValueError, match="differ in length"):
        native.misheard_needles(tokens, b"\x00", [(0, 3)], (Needle.of(["will sue"]),), 3)
    with pytest.raises(IndexError, match="^misheard_needles: a range lies outside the tokens"):
        native.misheard_needles(tokens, b"\x00\x01\x00", [(0, 4)], (Needle.of(["will sue"]),), 3)
    with pytest.raises(TypeError):
        native.unsure_mask([0.3, "not a probability"], 0.5)
    with pytest.raises(AttributeError):
        native.read_words([Word(0.0, 0.2, "sue", 0.9, "agent", 0), "not a word"], WORD_TOKEN)
    with pytest.raises(TypeError):
        native.read_words(("a", "tuple"), WORD_TOKEN)
    with pytest.raises(TypeError):
        native.memo_map({}, ("a", "tuple"))
    for twin in (native, Python):  # a memo of tokens alone (no lexeme ids) is refused, not misread
        with pytest.raises(TypeError, match=r"\(token, lexeme id\) pairs"):
            twin.read_words([Word(0.0, 0.2, "sue", 0.9, "agent", 0)], {"sue": "sue"})
