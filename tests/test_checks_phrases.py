"""The phrase syntax and the text layer (normalization, negation scope) behind the matchers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checks.packs import AnchorPatterns, WildcardPattern
from checks.phrases import PhraseSyntaxError, exact_only, expand
from checks.text import CallText, normalize_word
from transcribe.model import transcript_from_turns


def test_alternatives_and_optional_words() -> None:
    assert expand("(stop|quit) calling [me]") == [
        ("stop", "calling", "me"),
        ("stop", "calling"),
        ("quit", "calling", "me"),
        ("quit", "calling"),
    ]
    assert expand("collect (a|the (big|old)) debt") == [
        ("collect", "a", "debt"),
        ("collect", "the", "big", "debt"),
        ("collect", "the", "old", "debt"),
    ]
    assert expand("(a b|c)") == [("a", "b"), ("c",)]


def test_a_leading_equals_sign_marks_a_phrase_exact_only_and_is_no_word() -> None:
    assert expand("=(stop|quit) calling") == expand("(stop|quit) calling")
    assert exact_only("=stop calling") and not exact_only("stop calling")


def test_words_are_normalized_like_transcript_words() -> None:
    assert expand("Don’t CALL me!") == [("don't", "call", "me"), ("do", "not", "call", "me")]


def test_contractions_match_both_ways() -> None:
    variants = expand("you will be arrested")
    assert ("you'll", "be", "arrested") in variants and ("you", "will", "be", "arrested") in variants
    assert ("will", "not") in [v[1:3] for v in expand("we won't sue")]
    assert ("gonna",) in [v[1:2] for v in expand("we are going to sue")]


def test_contraction_spellings_in_order_and_capped() -> None:
    assert expand("they can't pay") == [
        ("they", "can't", "pay"),
        ("they", "can", "not", "pay"),
        ("they", "cannot", "pay"),
    ]
    assert expand("cannot pay, will not pay") == [
        ("cannot", "pay", "will", "not", "pay"),
        ("cannot", "pay", "won't", "pay"),
        ("can't", "pay", "will", "not", "pay"),
        ("can't", "pay", "won't", "pay"),
    ]
    assert expand("i will not") == [("i", "will", "not"), ("i'll", "not")]  # the first pair wins
    # more than six words with a second spelling: only as written (2^7 spellings of one phrase)
    many = "i am you are we are they are it is he is she is"
    assert expand(many) == [tuple(many.split())]


def test_number_placeholder_matches_plain_numbers_and_money() -> None:
    assert expand("balance of #") == [("balance", "of", "#"), ("balance", "of", "$#")]
    assert [normalize_word(w) for w in ("$1,250.00", "1250", "3rd", "five")] == ["$#", "#", "#", "five"]


def test_numbers_in_hyphenated_words_are_numbers_and_a_dropped_g_is_put_back() -> None:
    # as people write transcripts: "Three-six-oh-two-seven", "I need the seventeen-sixty",
    # "quit ringin' this house", "Speakin'." (first text set, ta01, ta03, ta04)
    words = ("Three-six-oh-two-seven.", "seventeen-sixty", "forty-six,", "well-known", "co-signed")
    assert [normalize_word(w) for w in words] == ["#", "#", "#", "well-known", "co-signed"]
    words = ("ringin'", "Speakin'.", "goin',", "nothin'", "cousin", "begin.", "in'", "again")
    assert [normalize_word(w) for w in words] == [
        "ringing",
        "speaking",
        "going",
        "nothing",
        "cousin",
        "begin",
        "in",
        "again",
    ]


def test_hyphenated_words_are_words_apart_in_scripts_and_phrases_as_whisper_writes_them() -> None:
    # tiny.en writes "good-faith" as "good", "-faith" and "brother-in-law's" as "brother", "-in",
    # "-law's" (every cached transcript of the eval sets); a script said "a small good-faith
    # payment today" after a lawyer (seventh text set, tg05), which "good faith payment" missed
    script = transcript_from_turns([("agent", "A small good-faith payment, forty-six dollars.")])
    assert [normalize_word(w.text) for w in script.words] == [
        "a",
        "small",
        "good",
        "faith",
        "payment",
        "#",
        "dollars",
    ]
    assert expand("my brother-in-law's (a|an) lawyer")[0] == ("my", "brother", "in", "law's", "a", "lawyer")
    assert expand("good-faith payment") == expand("good faith payment")
    assert expand("forty-six dollars") == [("#", "dollars"), ("$#", "dollars")]


def test_censored_words_keep_their_asterisks_and_letters_stay_letters() -> None:
    # "s***" once normalized to "s", so the letter in "M .S., Castillo" was profanity
    assert [normalize_word(w) for w in ("s***", "F***ing,", "(s***).", "S.", ".S.,", "*", "**")] == [
        "s***",
        "f***ing",
        "s***",
        "s",
        "s",
        "_",
        "_",
    ]


def test_a_word_in_angle_brackets_stands_for_all_its_inflections() -> None:
    assert expand("we will <sue> you")[::2] == [
        ("we", "will", "sue", "you"),
        ("we", "will", "sued", "you"),
        ("we", "will", "sues", "you"),
        ("we", "will", "suing", "you"),
    ]
    assert expand("(<lawyer>|<attorney>) cost") == [
        ("lawyer", "cost"),
        ("lawyers", "cost"),
        ("attorney", "cost"),
        ("attorneys", "cost"),
    ]
    assert ("paid",) in expand("<pay>") and ("stopped", "calling") in expand("<stop> calling")


def test_a_misheard_run_holds_unsure_words_and_phrase_words_however_far_they_reach() -> None:
    transcript = transcript_from_turns([("customer", "well okay so i never had alone with some dotto")])
    unsure = {"alone", "some", "dotto"}
    transcript.utterances = [
        replace(u, words=tuple(replace(w, probability=0.3) if w.text in unsure else w for w in u.words))
        for u in transcript.utterances
    ]
    text = CallText(transcript)
    words = text.words
    phrase_words = frozenset(["i", "never", "had", "a", "loan"])
    # "i never had" reaches three words before "alone"; "with" (sure, no phrase word) ends it
    assert text.misheard_runs(0.5, [(0, len(words))], phrase_words, 11) == [(3, 7)]
    # "some dotto" is a run of unsure words too, but shorter than the phrase could be
    assert text.misheard_runs(0.5, [(0, len(words))], phrase_words, 10) == [(3, 7), (8, 10)]
    assert text.misheard_runs(0.5, [(0, len(words))], frozenset(), 11) == []


def test_a_wildcard_stands_for_any_one_word_and_is_kept_as_it_is() -> None:
    assert expand("this is * [*] from") == [("this", "is", "*", "*", "from"), ("this", "is", "*", "from")]


def test_a_wildcard_pattern_is_found_by_its_longest_plain_run_and_checked_around_it() -> None:
    anchor, pattern = WildcardPattern.of(("*", "is", "*", "from", "acme", "recovery"))
    assert anchor == ("from", "acme", "recovery")
    text = text_of(("agent", "hi this is steve from acme recovery"), ("customer", "from acme recovery"))
    assert pattern.span_at(text.tokens, text.tokens.index("from")) == (1, 7)
    # "*" never takes the separator between two speakers' words, nor runs off the start
    assert pattern.span_at(text.tokens, len(text.tokens) - 3) is None
    assert WildcardPattern.of(("*", "from"))[1].span_at(text.tokens, 0) is None
    # the plain words outside the anchor are checked too: "was" is no "is"
    other = text_of(("agent", "hi this was steve from acme recovery"))
    assert pattern.span_at(other.tokens, other.tokens.index("from")) is None


def test_an_anchors_patterns_are_tried_only_where_their_first_other_word_stands() -> None:
    shapes = [WildcardPattern.of(v)[1] for v in [("this", "is", "*", "from"), ("this", "is", "*", "with")]]
    group, other = ("r", "phrases"), ("r", "exceptions")
    merged = AnchorPatterns(
        [(group, shapes[0].merged(shapes[1])), (other, WildcardPattern.of(("*", "this", "is"))[1])]
    )
    text = text_of(("agent", "hi this is steve with acme and this is it"))
    tokens = text.tokens
    first, second = tokens.index("this"), len(tokens) - 3
    # "with" two words after the anchor fits; "*" before the anchor fits anywhere it has a word
    assert sorted(merged.spans_at(tokens, first)) == [(other, (0, 3)), (group, (1, 5))]
    # "it" stands where "from" or "with" would: only the pattern of wildcards and the anchor fits
    assert merged.spans_at(tokens, second) == [(other, (second - 1, second + 2))]
    assert AnchorPatterns([(group, shapes[0])]).spans_at(tokens, first) == []


@pytest.mark.parametrize(
    "phrase, message",
    [
        ("(a|b", "missing ')'"),
        ("a]", "unexpected"),
        ("[a]", "can match nothing"),
        ("* [*]", "no word but '\\*'"),
        ("<sue you> now", "write one word as <word>"),
        ("<qwzx> it", "no inflections known for 'qwzx'"),
        ("   ", "empty phrase"),
        (" ".join(["(a|b|c|d)"] * 6), "too many variants"),
        # a regular expression's optional group was once read as its words, every one required
        ("(levy|freeze) (on )?(your )?bank", "optional words are written"),
        ("you('re| are) late", "put spaces around"),
        ("(a|b)payment", "put spaces around"),
        ("pay ? now", "is not a word"),
    ],
)
def test_syntax_errors_say_what_is_wrong(phrase, message) -> None:
    with pytest.raises(PhraseSyntaxError, match=message.replace("(", r"\(").replace(")", r"\)")):
        expand(phrase)


def text_of(*turns: tuple[str, str]) -> CallText:
    return CallText(transcript_from_turns(list(turns)))


def test_token_i_is_word_i_and_maps_to_a_time() -> None:
    text = text_of(("agent", "Hello, Mr. Smith!"), ("customer", "Yes?"), ("agent", "Good."))
    assert [t.text for t in text.doc] == ["hello", "mr", "smith", "good", "¶", "yes"] == text.tokens
    assert [w.text for w in text.words] == ["Hello,", "Mr.", "Smith!", "Good.", "¶", "Yes?"]
    assert text.time_of(5, 6) == (text.words[5].start, text.words[5].end)
    assert text.speaker_of(0, 4) == "agent" and text.speaker_of(5, 6) == "customer"
    assert text.speaker_of(3, 6) is None


@pytest.mark.parametrize(
    "said, word, negated",
    [
        ("nobody is going to arrest you", "arrest", True),
        ("we will not arrest you", "arrest", True),
        ("no one will arrest you", "arrest", True),
        ("if you don't pay you will be arrested", "be", False),
        ("if you don't pay, we arrest you", "arrest", False),
        ("we won't have you arrested", "arrested", True),
        ("i don't think they will arrest you", "arrest", False),
        ("he's not here he owes money", "he", False),
        # a negated "want" warns: the event is not denied
        ("you don't want a sheriff's deputy showing up at your job", "deputy", False),
        ("we would not want to take you to court", "take", False),
        ("nobody wants to take you to court", "take", True),
        ("nobody wants a deputy showing up at the door over a school loan", "deputy", False),
        # wanting to undergo it, not to do it (two hundred and thirty-second text set, rx03)
        ("nobody wants to get walked out in cuffs in front of the crew", "in", False),
        ("nobody wants to end up in jail over a loan", "jail", False),
        ("no one wants you in court over this", "court", False),
        # a name heard as "don't" (one hundred and thirty-eighth text set, yh17 end to end)
        ("grace don't is a debt collector", "debt", False),
        ("we don't have a debt collector", "debt", True),
        ("we don't take people to court", "take", True),
        # a name heard with a "Don't" in it, capitalized among capitalized words (two hundred and
        # thirty-eighth text set, sd06 end to end): not when "don't" is written as a word
        ("Grant calling from Keys Don't Financial Solutions on a recorded line.", "recorded", False),
        ("Grant from Keys don't sue people on a recorded line.", "sue", True),
        ("Okay. Don't Sue me, the recorded line is on.", "sue", True),
        # a negator with its "'s" (ninth held-out set, h910)
        ("nobody's going to jail over a hospital bill", "jail", True),
        ("no one's going to arrest you", "arrest", True),
        # a negator of stopping denies the denial
        ("nothing's stopping us from sending the police", "police", False),
        ("no one can stop the sheriff from coming", "sheriff", False),
        ("we can't stop the court from taking your wages", "taking", False),
        # "or" before a verb joins it to the negation; before a subject it opens a clause
        ("nobody's going to arrest you or send the police anywhere", "send", True),
        # the window counts on from the first verb (third text set, tc23)
        ("nobody is going to arrest you or send police anywhere", "send", True),
        ("we won't sue or garnish your wages", "garnish", True),
        ("don't ignore this or the sheriff will come", "sheriff", False),
        ("don't ignore this or else the police will come", "police", False),
        ("don't make me wait or we'll send the police", "police", False),
        # a negated subject and where it is from reach past the window (thirty-fifth text set, ui08)
        ("nobody from our office is going to call the police", "police", True),
        ("no one from our company is ever going to call the police", "police", True),
        ("nobody from our office can stop them from calling the police", "police", False),
        # ... but only "nobody" opening its clause, and no stop between: "nothing" is no subject
        ("and nobody from our office is going to call the police", "police", True),
        (
            "we heard nothing from you in over three long months the county sheriff is coming",
            "sheriff",
            False,
        ),
        (
            "you paid nothing on this account in two years the county sheriff will be at your door",
            "sheriff",
            False,
        ),
        (
            "nobody from accounting. tomorrow morning at nine sharp the county police will come",
            "police",
            False,
        ),
        # a negated promise is no denial (fortieth text set, un03, and as tiny.en heard it)
        ("i can't promise the sheriff won't come knocking with a warrant", "warrant", False),
        ("i can't promise to share if won't come knocking with a warrant", "warrant", False),
        ("i can't guarantee you won't be sued", "sued", False),
        ("i can promise you nobody will arrest you", "arrest", True),
        ("i can't promise anything. nobody will arrest you", "arrest", True),
        ("i can't promise anything but nobody will arrest you", "arrest", True),
        ("i can't guarantee a discount and we won't sue you", "sue", True),
        ("i can't promise you that the county sheriff won't come with a warrant", "warrant", False),
        # a negated belief in a wanting warns as "you don't want" does (two hundred and eighty-seventh
        # text set, ob15); wanting to do a thing is still denied
        ("i really don't think you want deputies walking into your studio", "deputies", False),
        ("i don't think you want to get walked out in cuffs", "walked", False),
        ("i don't think anybody wants to arrest you over this", "arrest", True),
        ("i don't think the police will come", "police", True),
        # "since" opens a clause: a stop lost after it (two hundred and seventy-seventh text set, pq18)
        ("i haven't touched it since that number is wrong", "that", False),
        ("i haven't touched it that number is wrong", "that", True),
        # a negated relative clause ends at the main verb's modal (two hundred and ninety-sixth text
        # set, ok11)
        ("files that don't get resolved can end up with a warrant", "end", False),
        ("people who don't pay will get picked up", "get", False),
        ("files that don't get resolved don't end up with a warrant", "end", True),
        ("i can tell you that nobody will arrest you", "arrest", True),
        ("we don't think files can end up with a warrant", "end", True),
    ],
)
def test_negation_scope(said, word, negated) -> None:
    text = text_of(("agent", said))
    assert text.negated(text.tokens.index(word), window=6) is negated


def test_consecutive_utterances_of_one_speaker_form_one_turn_but_mono_ones_do_not() -> None:
    assert len(text_of(("agent", "a b"), ("agent", "c"), ("customer", "d")).turns) == 2
    assert len(text_of(("mixed", "a b"), ("mixed", "c")).turns) == 2


def test_a_phrase_split_by_the_other_sides_interjection_is_still_one_run_of_words() -> None:
    text = text_of(("agent", "this is an attempt"), ("customer", "mhm"), ("agent", "to collect a debt"))
    assert " ".join(text.tokens).startswith("this is an attempt to collect a debt ¶ mhm")


def test_a_character_of_a_fuzzy_haystack_maps_back_to_its_token() -> None:
    text = text_of(("agent", "we will see you and resist your car"), ("customer", "what"))
    haystack = text.haystack([(0, 2), (4, 8)])
    assert haystack.text == "we will | and resist your car |"
    at = haystack.text.index("resist")
    assert text.tokens_at(haystack, at, at + len("resist your")) == (5, 7)
    # an alignment that starts on a break begins with the token before the break
    assert text.tokens_at(haystack, haystack.text.index("|"), haystack.text.index("and") + 3) == (1, 5)
