"""A call's words as one spaCy Doc (token i = word i), plus what the rule kinds ask of it.

The Doc is built once per call from the transcript's words, in utterance order,
with each word normalized to one token (lower case, outer punctuation stripped,
any number written in digits as ``#``). Every match is a token span, and every
token is a Word with a time, a speaker and an ASR probability.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache, cached_property
from itertools import accumulate
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from checks.wordpass import passes
from transcribe.model import NUMBER_WORDS, Transcript, Utterance, Word

_OUTER_PUNCT = ".,;:!?\"“”‘’'()[]{}<>…-–—_/\\"  # and "*" before a word, not after: see normalize_word
_OUTER_BUT_APOSTROPHE = _OUTER_PUNCT.replace("'", "")  # "ringin'," keeps the mark of its dropped g
CLAUSE_END = frozenset(".,;:!?…—–")
SENTENCE_END = frozenset(".!?…")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEGATORS = _words(
    "not never no nobody nothing neither nor noone cannot without wont cant dont isnt arent "
    "nobody's nothing's noone's nobody'll nobodys nothings"  # "Nobody's going to jail over a bill"
    " nadie nunca jamás jamas ningún ningun ninguna ni"  # "nadie la está demandando" (yr01, text148)
)
# Words that open a new clause: a negator before them does not reach the words after.
CLAUSE_OPENERS = _words(
    "but and or so because cause if unless then otherwise until when though although however "
    "since "  # "I haven't touched it since. That number is wrong." heard without its stop (pq18 end to end)
    "i we they he she i'm we're they're you're he's she's i'll we'll they'll you'll he'll she'll "
    "i've we've they've you've i'd we'd they'd you'd "
    "youre theyre im youll theyll hes shes"  # the same, as ASR writes them without apostrophes
    " that's thats"  # "That's not a money problem [segment] That's a lazy problem" (xx21 end to end)
)
# Sounds that are no words at all: a phrase is matched across them ("this call is, um, being
# recorded"). Not "oh", "well", "ah": words of their own in "oh no", "as well", "ah, the police".
HESITATIONS = _words("uh um uhm er erm hmm hm mm mhm")
# The rest of a number Whisper wrote as two words ("2 ,300", "1 ,260": 405 times in the eval
# transcripts): matched across like a hesitation, so "he's about 2 ,300 behind" is "about # behind".
NUMBER_REST = ",#"
LEFT_OUT = HESITATIONS | {NUMBER_REST}  # what the fluent pass leaves out besides restarts
# Hesitations, and the words that open a turn as one does: none counts among a turn's first words.
FILLERS = HESITATIONS | _words("ah eh oh well")
# "or"/"nor" before a verb joins a second verb to the negation before it ("nobody's going to
# arrest you or send the police"); before a subject it opens a clause of its own ("don't
# ignore this or the sheriff will come", "or else").
COORDINATORS = _words("or nor")
# The word that opens a list of single nouns a negation spans: "I'm not threatening any
# garnishment, lien, or repossession" (twentieth text set, tt15).
LIST_OPENERS = _words("any no a an the every either neither")
ARTICLES = _words("a an the any")
NEW_SUBJECT = _words(
    "i we they he she you it this that there the a an your his her their our my these those "
    "someone somebody else"
)
# Words that open a clause only when a verb or auxiliary follows them ("you will" vs "have you
# arrested"). "calls": a recording notice after a name heard as a denial, "This is not you
# with Bayline Recovery, calls may be recorded" (one hundred and twenty-eighth text set, xx13
# end to end, for "This is Nadia").
SUBJECT_IF_VERB_FOLLOWS = _words("you it this that there calls")
AUXILIARIES = _words(
    "will would could can might may must should shall are were was is am have has had need needs "
    "owe owes do does did get got go going gonna better"
)


def normalize_word(text: str) -> str:
    """One word as a matching token: lower case, curly quotes straightened, outer punctuation off.

    Numbers written in digits become ``#`` (amounts of money ``$#``) so a phrase can say
    "balance of #"; so do numbers of hyphen-joined number words ("forty-six",
    "three-six-oh-one"), as transcripts written by people spell them.
    A dropped g is put back ("ringin'" is "ringing"), as people write dialect.
    A word that is only punctuation becomes ``_`` (a token must not be empty).
    Asterisks after a word stay: Whisper writes censored profanity as "s***" and "f***",
    which must not become the letters "s" and "f" ("M. S. Castillo", "F as in Frank").
    """
    lowered = "".join(text.lower().replace("’", "'").replace("‘", "'").split())
    token = lowered.strip(_OUTER_PUNCT).lstrip("*")
    if lowered[:1] == "," and lowered[1:2].isdigit():
        return NUMBER_REST
    if any(c.isdigit() for c in token):
        return "$#" if "$" in token else "#"
    if "-" in token and NUMBER_WORDS.issuperset(token.split("-")):
        return "#"
    if token.endswith("in") and len(token) > 3 and lowered.rstrip(_OUTER_BUT_APOSTROPHE).endswith("in'"):
        return token + "g"
    return token or "_"


class _Memo(dict):
    """Memo of a function of one word: a call's vocabulary repeats, so most words are one dict lookup.

    Read a call's words through ``passes.read_words`` or ``passes.memo_map`` (checks/wordpass.py),
    not ``memo[word]``: that is a Python-level method call per word on a dict subclass.
    """

    def __init__(self, function: Callable[[str], Any]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key: str) -> Any:
        if len(self) > 200_000:
            self.clear()
        value = self[key] = self.function(key)
        return value


_START = attrgetter("start")


# A negated verb before these negates the wanting, not what follows: "you don't want the
# sheriff showing up at your job" and "we wouldn't want to take you to court" are warnings.
# "Nobody wants to take you to court" still reassures: a negator that is no verb's negates.
WANT = _words("want wanna wants")
VERB_NEGATORS = _words("not dont wont cant cannot")
# A form of "be" right after a negated auxiliary: never grammatical, so the "n't" is a misheard
# word and negates nothing.
FINITE_BE = _words("is are was were am")
# A negated belief before a wanting negates the belief: "I don't think you want deputies walking into
# your studio" warns as "you don't want" does (two hundred and eighty-seventh text set, ob15).
BELIEVE = _words("think guess suppose imagine")
# Wanting a thing, not to do something: "Nobody wants a deputy showing up at the door over a
# school loan" warns of it, where "nobody wants to take you to court" reassures.
WANTS_A_THING = WANT - {"wanna"}
# Wanting to undergo something, not to do it: "Nobody wants to get walked out in cuffs in front of
# the whole crew" warns (two hundred and thirty-second text set, rx03), "nobody wants to sue you" denies.
UNDERGO = _words("get be end wind spend go")
# A negator whose verb is one of these denies the denial: "nothing's stopping us from sending
# the police", "no one can stop the sheriff from coming" threaten.
PREVENTING = _words("stop stops stopping stopped prevent prevents preventing prevented")
# A negator with one of these negated before it in its clause is no denial: "I can't promise
# the sheriff won't come knocking with a warrant" (fortieth text set, un03; end to end "I can't
# promise to share if won't come knocking"). Looked for as far back as the pack's negation
# window reaches ("can't promise you that the county sheriff won't"), up to a stop or a word
# that joins clauses ("I can't promise anything but nobody will arrest you" denies).
GUARANTEES = _words("promise promises guarantee guarantees")
CLAUSE_JOINERS = _words("but and so though although however yet")
# "not" right before one of these contrasts that person and ends there: "You owe this, not
# him. Can you do 500 today?" heard with no stop after "him" (thirteenth text set, tm13).
CONTRASTED = _words("him her them me us")
# A negated "do" right after one of these opens a relative clause, and a modal after it is the
# main verb's, which the negation does not reach: "Files in legal review that don't get resolved
# can end up with a warrant being issued" (two hundred and ninety-sixth text set, ok11).
RELATIVES = _words("that who which")
DO_NEGATED = _words("don't doesn't didn't dont doesnt didnt")
MODALS = _words("can could will would may might")
# A negated subject opening its clause and the place it is from: "Nobody from our office is
# going to call the police" (thirty-fifth text set, ui08) denies past the window, which reaches
# "from". Not "nothing": "we heard nothing from you in three months, the sheriff is coming".
SUBJECT_PLACES = _words("from at in with of on")


def is_negator(token: str) -> bool:
    return token in NEGATORS or token.endswith("n't")


_VOCAB_LOCK = threading.Lock()


def shared_vocab() -> Vocab:
    """The one vocabulary every Doc and every compiled pack shares (a blank English pipeline's).

    Locked: calls audited in parallel threads ask for it at once on a cold start, and two
    vocabularies would leave lexeme ids (LEXEME_ID) whose strings the other one lacks.
    """
    with _VOCAB_LOCK:
        return _blank_vocab()


@cache
def _blank_vocab() -> Vocab:
    return spacy.blank("en").vocab


def _lexeme_id(token: str) -> int:
    return shared_vocab()[token].orth  # adds the lexeme to the vocabulary if it is new


LEXEME_ID = _Memo(_lexeme_id)


def _token_and_id(text: str) -> tuple[str, int]:
    token = normalize_word(text)
    return token, LEXEME_ID[token]


# A word's text -> its token and the token's lexeme id: one lookup a word gives both
# (passes.read_words), where a second memo of lexeme ids took a tenth of building a call's text.
WORD_TOKEN = _Memo(_token_and_id)


def make_doc(tokens: list[str], lexeme_ids: list[int] | None = None) -> Doc:
    """A Doc whose token i is ``tokens[i]`` (tokens hold no whitespace; see normalize_word).

    Built from lexeme ids (``lexeme_ids``, or looked up), not strings: spaCy then neither
    scans nor hashes the text, which makes this about three times faster than its
    whitespace tokenizer.
    """
    if lexeme_ids is None:
        lexeme_ids = passes.memo_map(LEXEME_ID, tokens)
    return Doc(shared_vocab(), words=lexeme_ids, spaces=[True] * len(tokens))


class Stream(NamedTuple):
    """One speaker's words, in time order, as a contiguous run of tokens."""

    speaker: str
    start: int  # first token
    end: int  # one past the last token


class Turn(NamedTuple):
    """A turn of the conversation in time order: consecutive utterances of one speaker
    (on mono audio every utterance is its own turn)."""

    speaker: str
    t_start: float
    t_end: float


# A pause in one speaker's words shorter than this holds no turn of the other party.
TURN_GAP = 0.5  # seconds
SEPARATOR = "¶"  # the token between two speakers' streams; no phrase contains it
BREAK = " | "  # between token ranges in a haystack: keeps alignments from gluing two ranges together


# Numbers as matching tokens: in words, or in digits as ``normalize_word`` writes them.
_NUMBER_TOKENS = NUMBER_WORDS | {"#", "$#"}


def fluent_words(tokens: list[str]) -> list[int] | None:
    """Indices of the words a speaker meant, or None when they are all of them.

    Left out: hesitations, the rest of a number written as two words ("2 ,300"), and a word
    said again right after itself ("this is his, his brother", "I, I told you"), as people
    restart a phrase. Numbers stay, however often they repeat ("five five five"), and so does
    the separator between two speakers' streams.
    """
    if not passes.restarts(tokens, LEFT_OUT):
        return None  # most calls, found in one pass in C (this runs for every call)
    kept: list[int] = []
    for i, token in enumerate(tokens):
        if token in LEFT_OUT:
            continue
        if kept and token == tokens[kept[-1]] and token != SEPARATOR and token not in _NUMBER_TOKENS:
            continue
        kept.append(i)
    return kept if len(kept) < len(tokens) else None


class Haystack(NamedTuple):
    """Token ranges as one text for fuzzy search: each range's tokens joined by spaces,
    ranges joined by ``BREAK``; a character maps back to a token with CallText.tokens_at."""

    text: str
    ranges: tuple[tuple[int, int], ...]
    starts: list[int]  # where each range begins in ``text``
    longest: int  # characters of the longest range


class CallText:
    """The words of one call, tokenized once for every rule of every pack.

    Tokens are laid out per speaker: all agent words in time order, a separator, all
    customer words, and so on. A phrase is then found even when Whisper split it into
    two segments with the other side's "mhm" between them; the order of events across
    speakers is decided by word times, not token positions.
    """

    def __init__(self, transcript: Transcript) -> None:
        self.call_id = transcript.call_id
        self.unheard = transcript.unheard  # speech with no words (checks/unheard.py)
        utterances = [u for u in transcript.utterances if u.words]
        starts = [u.start for u in utterances]
        if starts != sorted(starts):
            utterances = sorted(utterances, key=lambda u: (u.start, u.channel))
        by_speaker: dict[str, list] = {}
        for utt in utterances:
            by_speaker.setdefault(utt.speaker, []).append(utt)
        words: list[Word] = []
        placed: list[tuple[Utterance, int]] = []  # each utterance with the token of its first word
        streams: list[Stream] = []
        for speaker, utts in by_speaker.items():
            if words:
                last = words[-1]
                words.append(Word(last.end, last.end, SEPARATOR, 1.0, "", -1))
            first = len(words)
            for utt in utts:
                placed.append((utt, len(words)))
                words.extend(utt.words)
            streams.append(Stream(speaker, first, len(words)))
        self._placed = placed
        self.words = words
        # one pass over the Word objects (memory-bound: see read_words); rules read these lists
        tokens, lexeme_ids, self.probabilities = passes.read_words(words, WORD_TOKEN)
        self.tokens = tokens
        self.streams = streams
        # the stream of every token (a separator belongs to the stream before it): one index, no search
        self.stream_at: list[Stream] = []
        for stream, end in zip(streams, [s.start for s in streams[1:]] + [len(words)]):
            self.stream_at += [stream] * (end - stream.start)
        self._utterance_starts = [first for _, first in placed]  # ascending: streams in order
        self._bounds: dict[frozenset[str], tuple[float, float] | None] = {}
        self._ranges: dict[tuple[frozenset[str], float, float], list[tuple[int, int]]] = {}
        self.doc = make_doc(tokens, lexeme_ids) if tokens else None
        self._haystacks: dict[tuple, Haystack] = {}
        self._unsure: dict[float, bytes] = {}
        self._negations: dict[tuple[int, int], bool] = {}

    @cached_property
    def turns(self) -> list[Turn]:
        """The turns of the conversation in time order (for response windows counted in turns).

        Utterances are cut where the other party spoke in a pause (see ``words_into_turn``),
        then consecutive pieces of one speaker join into a turn.
        """
        words = self.words
        pieces = []  # (speaker, start, end)
        for utt, first in self._placed:
            last = first + len(utt.words)
            cuts = [first]
            if utt.speaker != "mixed":
                cuts += [
                    j
                    for j in range(first + 1, last)
                    if self._other_spoke_between(j, words[j - 1].end, words[j].start)
                ]
            for start, end in zip(cuts, [*cuts[1:], last]):
                pieces.append((utt.speaker, words[start].start, words[end - 1].end))
        pieces.sort(key=itemgetter(1))
        turns: list[list] = []
        for speaker, start, end in pieces:
            if turns and turns[-1][0] == speaker != "mixed":
                turns[-1][2] = max(turns[-1][2], end)
            else:
                turns.append([speaker, start, end])
        return [Turn(*t) for t in turns]

    # --- where a token sits -------------------------------------------------------------
    def stream_of(self, token: int) -> Stream:
        return self.stream_at[token]

    def utterance_start(self, token: int) -> int:
        """The first token of the utterance (one Whisper segment, or one line of a script) the
        token is in."""
        return self._utterance_starts[bisect_right(self._utterance_starts, token) - 1]

    def words_into_turn(self, token: int, by_sentence: bool = False, floor: float = 0.0) -> int:
        """How many words of its turn come before ``token`` (0 = it opens the turn).

        A turn is an utterance, cut where the other party spoke in a pause of it: on stereo
        audio Whisper runs one channel's words across the other party's turn into one segment
        ("The eye of this is courage, [agent: can you give me the ZIP code?] just 8-0-0-1-2").
        On a channel of its own, an utterance that follows the one before it within TURN_GAP
        goes on its turn: Whisper cut "in division dispatch. | This is Gloria." 0.3 s apart, and
        "this is" did not open the dispatcher's turn (two hundred and sixteenth text set, rh04).
        On mono audio a sentence start opens a turn too, since Whisper runs the two parties'
        sentences into one utterance there ("Is this Pat Jensen? Yes, it is.").
        Fillers do not count: "Sim, uh, the fourth of March" opens with its date; nor, with a
        ``floor``, words heard with a lower probability: "All (p=0.10) the (p=0.49) state, 1976"
        opens with its year ("August 8th, 1976", twenty-seventh text set, ua30). With
        ``by_sentence``, a sentence start opens a turn on stereo audio too.
        """
        first = self.utterance_start(token)
        words = self.words
        stream = self.stream_of(token)
        mono = stream.speaker == "mixed"
        opens = first
        if not mono:
            while first > stream.start and words[first].start - words[first - 1].end < TURN_GAP:
                first = self.utterance_start(first - 1)
            opens = first
            for j in range(token, first, -1):
                if words[j].start - words[j - 1].end < TURN_GAP:
                    continue  # _other_spoke_between's first test, without the call: most pauses
                if self._other_spoke_between(token, words[j - 1].end, words[j].start):
                    opens = j
                    break
        if mono or by_sentence:
            for j in range(token - 1, opens - 1, -1):
                if words[j].text.rstrip()[-1:] in SENTENCE_END:
                    opens = j + 1
                    break
        return sum(
            self.tokens[j] not in FILLERS and words[j].probability >= floor for j in range(opens, token)
        )

    def _other_spoke_between(self, token: int, t0: float, t1: float) -> bool:
        """Whether a word of another stream than ``token``'s starts between t0 and t1."""
        if t1 - t0 < TURN_GAP:
            return False
        own = self.stream_of(token)
        return any(
            bisect_right(starts, t0) < bisect_left(starts, t1)
            for stream, starts in self._word_starts.items()
            if stream is not own
        )

    @cached_property
    def _word_starts(self) -> dict[Stream, list[float]]:
        """Each stream's word start times, sorted."""
        return {s: sorted(w.start for w in self.words[s.start : s.end]) for s in self.streams}

    def crosses_turn(self, start: int, end: int) -> bool:
        """Whether the other party spoke between two words of a token span (it runs over two
        turns of one speaker: "It is." and, after the agent's question, "Okay, so ...")."""
        words = self.words
        return any(
            self._other_spoke_between(j, words[j - 1].end, words[j].start) for j in range(start + 1, end)
        )

    def speaker_of(self, start: int, end: int) -> str | None:
        """The speaker of a token span, or None if it is not within one speaker's words."""
        stream = self.stream_of(start)
        return stream.speaker if end <= stream.end else None

    def probability(self, start: int, end: int) -> float:
        """The mean ASR probability of the words of a token span."""
        values = self.probabilities[start:end]
        return sum(values) / len(values) if values else 0.0

    def time_of(self, start: int, end: int) -> tuple[float, float]:
        return self.words[start].start, self.words[end - 1].end

    # --- negation -----------------------------------------------------------------------
    def negated(self, start: int, window: int) -> bool:
        """A negator within ``window`` tokens before ``start``, in the same clause.

        Asked once per place and window in a call: rules share phrases (the replies of
        response.cease_request and response.attorney_represented), and their matches start at
        the same tokens.
        """
        key = (start, window)
        found = self._negations.get(key)
        if found is None:
            found = self._negations[key] = self._negated(start, window)
        return found

    def _negated(self, start: int, window: int) -> bool:
        """``negated``, worked out."""
        first = self.stream_of(start).start
        tokens, words = self.tokens, self.words
        after = tokens[start]
        following = tokens[start + 1] if start + 1 < len(tokens) else ""
        if after in CLAUSE_OPENERS or (after in SUBJECT_IF_VERB_FOLLOWS and following in AUXILIARIES):
            return False  # the phrase opens its own clause ("he's not here he owes ...")
        opener = self._list_opener(start, first)
        if opener is None:
            j, limit = start, max(first, start - window)
        else:  # the negation is searched for before the list, its opener included
            j, limit, after = opener + 1, max(first, opener - window), tokens[opener + 1]
        while j > limit:
            j -= 1
            if words[j].text.rstrip()[-1:] in CLAUSE_END:
                return False
            if self._other_spoke_between(j + 1, words[j].end, words[j + 1].start):
                # a turn before: "She won't say what it's about" with no stop, then after the
                # agent's thanks "Hi, this is Samantha Reed" (two hundred and fifty-second text set, sr20)
                return False
            token = tokens[j]
            contracted = token.endswith("n't")  # three tests below ask it: read once a word
            if after in WANT and (contracted or token in VERB_NEGATORS):
                return False  # "you don't want the sheriff at your door" warns, it does not deny
            if after in BELIEVE and (contracted or token in VERB_NEGATORS) and self._warned(j + 2):
                return False  # "I really don't think you want deputies walking into your studio" (ob15)
            # "nor" negates a verb of its own ("nor will we sue"); before others it only joins
            # ("neither the police nor the sheriff"), or is a name heard apart ("Norcross Partners
            # is a debt collector" heard "nor cross partners as a debt collector", ty04)
            joins = token == "nor" and after not in AUXILIARIES
            # "don't is": no negation, a name heard as one ("Greystone is a debt collector" heard
            # "Grace Don't is a debt collector", yh17)
            misheard = contracted and (after in FINITE_BE or self._in_a_name(j, first))
            # (contracted or token in NEGATORS) is is_negator(token), inlined: this loop runs for every match
            if ((contracted or token in NEGATORS) and not joins and not misheard) or (
                token in ("one", "one's") and j > first and tokens[j - 1] == "no"
            ):
                if token == "not" and j + 1 < start and tokens[j + 1] in CONTRASTED:
                    return False
                if after in WANTS_A_THING and self._wanting_warns(j + 1):
                    return False  # "nobody wants a deputy at the door" warns too (text136, yf09)
                if self._unpromised(j, first, window):
                    return False
                if self._relative_before_modal(j, first, start):
                    return False
                return not PREVENTING.intersection(tokens[j + 1 : j + 3])
            if token in COORDINATORS and (after not in NEW_SUBJECT or self._same_article(j, first)):
                # "nobody is going to arrest you or send police": one negation, two verbs; the
                # window counts on from the first verb's words
                limit = max(first, j - window)
            elif token in CLAUSE_OPENERS or (token in SUBJECT_IF_VERB_FOLLOWS and after in AUXILIARIES):
                return False
            after = token
        return self._negated_subject_place(j, first, start)

    def _warned(self, i: int) -> bool:
        """Whether a wanting a word or two from token ``i`` warns."""
        tokens = self.tokens
        k = next((k for k in (i, i + 1) if k < len(tokens) and tokens[k] in WANT), None)
        return k is not None and self._wanting_warns(k)

    def _wanting_warns(self, k: int) -> bool:
        """Whether the wanting at token ``k`` warns: a thing wanted ("you want deputies at your door")
        or undergone ("anybody wants to get walked out"); not a thing done ("anybody wants to sue
        you"), which denies."""
        tokens = self.tokens
        return tokens[k + 1 : k + 2] != ["to"] or bool(UNDERGO.intersection(tokens[k + 2 : k + 3]))

    def _same_article(self, j: int, first: int) -> bool:
        """Whether the coordinator at token ``j`` joins two items opened alike: "I'm not threatening
        you with a lawsuit or a garnishment" (two hundred and fifty-first text set, sq06), where
        the article after it opens no new subject."""
        tokens = self.tokens
        return tokens[j + 1] in ARTICLES and tokens[j + 1] in tokens[max(first, j - 3) : j - 1]

    def _in_a_name(self, j: int, first: int) -> bool:
        """Whether the word at ``j`` is capitalized inside its sentence, between capitalized words:
        part of a name as the ASR heard it, no negator ("Keystone Financial Solutions on a recorded
        line" heard "Keys Don't Financial Solutions on a recorded line", two hundred and
        thirty-eighth text set, sd06 end to end)."""
        words = self.words  # j is before the match's first token, so j + 1 is a word of the stream
        if j == first or words[j - 1].text.rstrip()[-1:] in CLAUSE_END:
            return False
        return all(words[k].text[:1].isupper() and words[k].text != "I" for k in (j - 1, j, j + 1))

    def _relative_before_modal(self, j: int, first: int, start: int) -> bool:
        """Whether the negator at token ``j`` negates a relative clause ("that don't get resolved")
        and a modal between it and the match at ``start`` opens the main verb ("can end up")."""
        tokens = self.tokens
        return (
            tokens[j] in DO_NEGATED
            and j > first
            and tokens[j - 1] in RELATIVES
            and not MODALS.isdisjoint(tokens[j + 2 : start])
        )

    def _unpromised(self, j: int, first: int, window: int) -> bool:
        """Whether the negator at token ``j`` follows a negated promise in its clause ("can't
        promise ... won't"), at most ``window`` tokens before it."""
        tokens, words = self.tokens, self.words
        for k in range(j - 1, max(first, j - window) - 1, -1):
            if words[k].text.rstrip()[-1:] in CLAUSE_END or tokens[k] in CLAUSE_JOINERS:
                return False
            if tokens[k] in GUARANTEES and k > first and is_negator(tokens[k - 1]):
                return True
        return False

    def _negated_subject_place(self, j: int, first: int, start: int) -> bool:
        """Whether the window, which reached back to token ``j``, ends in "nobody"/"no one" opening
        its clause and the place it is from: "Nobody from our office is going to call the police"
        (ui08)."""
        tokens, words = self.tokens, self.words
        for k in range(j, max(first, j - 3) - 1, -1):
            if k < j and (words[k].text.rstrip()[-1:] in CLAUSE_END or tokens[k] in CLAUSE_OPENERS):
                return False
            subject = self._nobody_before(k, first)
            if tokens[k] in SUBJECT_PLACES and subject is not None and self._opens_clause(subject, first):
                return not PREVENTING.intersection(tokens[k:start])
        return False

    def _nobody_before(self, j: int, first: int) -> int | None:
        """Where "nobody" (or "no one") right before token ``j`` starts, if it is there."""
        tokens = self.tokens
        if j > first and tokens[j - 1] in ("nobody", "noone"):
            return j - 1
        if j - 1 > first and tokens[j - 2] == "no" and tokens[j - 1] == "one":
            return j - 2
        return None

    def _opens_clause(self, i: int, first: int) -> bool:
        """Whether token ``i`` opens a clause: first of its run of words, or after a stop, a
        clause opener or a hesitation ("No, sir. Nobody ...", "and nobody ...", "um, nobody")."""
        before = i - 1
        return (
            i == first
            or self.words[before].text.rstrip()[-1:] in CLAUSE_END
            or self.tokens[before] in CLAUSE_OPENERS
            or self.tokens[before] in FILLERS
        )

    def _list_opener(self, start: int, first: int) -> int | None:
        """The opener of a list of single words with an item starting at ``start``: "any" of
        "any garnishment, lien, or repossession". None unless the phrase follows "or"/"nor"
        (the last item) or a comma (an item in the middle: "garnishment" of "any lawsuit,
        garnishment, or lien", twenty-fifth text set, ty28) after one or more items each ending
        in a comma, the first right after an opener ("If you don't pay, lawsuit, garnishment, or
        repossession" is no list: "pay," follows "don't")."""
        tokens, words = self.tokens, self.words
        k = start - 2 if tokens[start - 1] in COORDINATORS else start - 1  # the item before
        if k <= first:
            return None
        while k > first and words[k].text.rstrip().endswith(","):
            if tokens[k - 1] in LIST_OPENERS:
                return k - 1
            k -= 1
        return None

    # --- time windows -------------------------------------------------------------------
    def speech_bounds(self, speakers: frozenset[str]) -> tuple[float, float] | None:
        """First and last word time of the given speakers, or None if they said nothing."""
        if speakers not in self._bounds:
            words = self.words
            chosen = [s for s in self.streams if s.speaker in speakers]
            self._bounds[speakers] = (
                (min(words[s.start].start for s in chosen), max(words[s.end - 1].end for s in chosen))
                if chosen
                else None
            )
        return self._bounds[speakers]

    def token_ranges(self, speakers: frozenset[str], t0: float, t1: float) -> list[tuple[int, int]]:
        """Token ranges of the given speakers whose words start within [t0, t1] (shared: do not change it)."""
        key = (speakers, t0, t1)
        ranges = self._ranges.get(key)
        if ranges is None:  # most rules ask for a speaker's whole call
            words = self.words
            ranges = self._ranges[key] = []
            for stream in self.streams:
                if stream.speaker in speakers:
                    a = bisect_left(words, t0, stream.start, stream.end, key=_START)
                    b = bisect_right(words, t1, a, stream.end, key=_START)
                    if a < b:
                        ranges.append((a, b))
        return ranges

    def ranges_said_within(self, speakers: frozenset[str], t0: float, t1: float) -> list[tuple[int, int]]:
        """Token ranges of the given speakers whose words start and end within [t0, t1]: the
        garbled search's twin of an exact match said within a window (occurrences, vm18)."""
        ranges = self.token_ranges(speakers, t0, t1)
        if t1 == float("inf"):
            return ranges
        words = self.words
        said = []
        for a, b in ranges:
            while b > a and words[b - 1].end > t1:
                b -= 1
            if a < b:
                said.append((a, b))
        return said

    def unsure_mask(self, floor: float) -> bytes:
        """One byte per token: 1 where the ASR gave its word a probability under ``floor``."""
        mask = self._unsure.get(floor)
        if mask is None:  # once per call and floor: every rule's garbled search asks
            mask = self._unsure[floor] = passes.unsure_mask(self.probabilities, floor)
        return mask

    def unsure_tokens(self, floor: float, start: int, end: int) -> list[int]:
        """The tokens in [start, end) whose word the ASR gave a probability under ``floor``."""
        mask = self.unsure_mask(floor)
        return [i for i in range(start, end) if mask[i]]

    def misheard_runs(
        self, floor: float, ranges: list[tuple[int, int]], words: frozenset[str], min_chars: int
    ) -> list[tuple[int, int]]:
        """Where within ``ranges`` a phrase of ``words`` may have been misheard.

        A run is a stretch of tokens each unsure (probability under ``floor``) or one of
        ``words``, holding at least one unsure token and ``min_chars`` characters. A phrase
        heard garbled differs from what was heard only in unsure words, so it lies within a run.
        """
        return passes.misheard_runs(self.tokens, self.unsure_mask(floor), ranges, words, min_chars)

    def misheard_needles(self, floor: float, ranges: list[tuple[int, int]], needles: tuple) -> list:
        """The needles (checks.packs.Needle) of which a garbled occurrence may lie within
        ``ranges``: those with a misheard run (above) of their own words as long as their
        shortest spelling, less the break an alignment may run into."""
        return passes.misheard_needles(self.tokens, self.unsure_mask(floor), ranges, needles, len(BREAK))

    def haystack(self, ranges: list[tuple[int, int]]) -> Haystack:
        """The text of token ranges for fuzzy search (see Haystack)."""
        key = tuple(ranges)
        found = self._haystacks.get(key)
        if found is None:
            tokens = self.tokens
            parts = [" ".join(tokens[a:b]) for a, b in ranges]
            starts = list(accumulate((len(part) + len(BREAK) for part in parts[:-1]), initial=0))
            text = BREAK.join(parts) + BREAK.rstrip()
            found = self._haystacks[key] = Haystack(text, key, starts, max(map(len, parts)))
        return found

    def tokens_at(self, haystack: Haystack, c0: int, c1: int) -> tuple[int, int]:
        """The token span covering characters [c0, c1) of a haystack."""
        return self._token_at(haystack, c0)[0], self._token_at(haystack, max(c1 - 1, c0))[0] + 1

    def misheard_at(self, haystack: Haystack, c0: int, c1: int, unsure: bytes) -> tuple[int, int]:
        """``tokens_at`` without the sure word it begins in, if it covers at most half of it.

        An alignment may begin inside the sure word before its phrase ("want no more of these
        clothes (p=0.24)" aligned with "no more of these calls" from the "nt" of "want"). A
        part of an unsure word stays, as the phrase may be misheard there ("se your car" of
        "reverse (p=0.05) your car" for "seize your car"), and so does most of a sure word.
        The end stays: "lien on your car" aligned up to the "acc" of "balance (p=0.17) on your
        account" differs from it in "account", a sure word.
        """
        start, begins, length = self._token_at(haystack, c0)
        if 2 * (c0 - begins) >= length and not unsure[start] and c1 > begins + length + 1:
            start += 1
        return start, self._token_at(haystack, max(c1 - 1, c0))[0] + 1

    def _token_at(self, haystack: Haystack, char: int) -> tuple[int, int, int]:
        """The last token that begins at or before ``char`` of the haystack, where it begins and its length."""
        part = bisect_right(haystack.starts, char) - 1
        a, b = haystack.ranges[part]
        begins = haystack.starts[part]
        for i in range(a, b):  # ranges are never empty (token_ranges)
            length = len(self.tokens[i])
            if begins + length + 1 > char or i == b - 1:  # token i + 1 begins after char, or none
                return i, begins, length
            begins += length + 1
        raise AssertionError("empty haystack range")

    # --- evidence -----------------------------------------------------------------------
    def context(self, start: int, end: int, around: int = 8) -> tuple[int, int]:
        """The span widened by up to ``around`` words of the same speaker either side."""
        stream = self.stream_of(start)
        return max(stream.start, start - around), min(stream.end, end + around)
