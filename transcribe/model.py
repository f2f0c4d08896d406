"""The data model of speech: Word, Utterance, Transcript.

Everything downstream (checks, store, review queue, clips) reads these records.
They are plain dataclasses that serialize to JSON with a schema version and load
back losslessly; provenance (model, options, library versions) travels with them.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal

import orjson

try:  # transcribe/_columns.c, built by setup.py where there is a C compiler
    from transcribe._columns import rows as _c_rows
except ImportError:
    _c_rows = None

SCHEMA_VERSION = 1

Role = Literal["agent", "customer", "mixed"]
ROLES: tuple[str, ...] = ("agent", "customer", "mixed")


class TranscriptFormatError(ValueError):
    """A transcript JSON document that cannot be loaded."""


@dataclass(slots=True)
class Word:
    """One recognized word, with its time span in seconds from the start of the call.

    Slotted: a five-minute call has about 800 of them, and the checks read every one.
    Without a ``__dict__`` a word is one small object, so reading its text or probability
    touches fewer cache lines (a year of calls re-checked reads millions of them).

    Not frozen, though nothing changes a word once made (the redactor makes new ones with
    ``dataclasses.replace``): a frozen dataclass sets each field through ``object.__setattr__``,
    and building a stored call's words took twice as long (bench/bench_recheck.py).
    """

    start: float
    end: float
    text: str
    probability: float
    speaker: str
    channel: int


@dataclass(frozen=True, slots=True)
class Utterance:
    """A run of words from one channel, as Whisper segmented it."""

    speaker: str
    channel: int
    start: float
    end: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


# Voiced stretches with no word at least this long are kept in a transcript (``Unheard``);
# a rule decides which of them a human hears (its ``min_seconds``). Not a TranscribeOptions
# field: it changes no word Whisper writes, so it must not change a transcript's cache key.
UNHEARD_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Unheard:
    """A stretch of one channel that sounds like speech (Silero VAD) and has no word in the
    transcript: Whisper dropped it. No rule can check words it never saw, so a rule sends it to
    a human (``review.unheard_speech``)."""

    speaker: str
    channel: int
    start: float
    end: float


@dataclass(frozen=True)
class Provenance:
    """What produced a transcript: enough to reproduce it or to decide it is stale."""

    model: str
    device: str
    compute_type: str
    options: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)


@dataclass
class Transcript:
    """A whole call: utterances in time order across channels, plus where it came from."""

    call_id: str
    source: str
    audio_sha256: str
    duration: float
    sample_rate: int
    channels: tuple[str, ...]
    utterances: list[Utterance]
    provenance: Provenance
    dropped_words: int = 0
    # None: not measured (reference text, or transcribed before callaudit measured it).
    unheard: list[Unheard] | None = None
    schema_version: int = SCHEMA_VERSION

    @property
    def words(self) -> list[Word]:
        """All words of the call in time order (channels interleaved)."""
        return sorted((w for u in self.utterances for w in u.words), key=lambda w: (w.start, w.channel))

    def words_of(self, speaker: str) -> list[Word]:
        return [w for w in self.words if w.speaker == speaker]

    @property
    def text(self) -> str:
        return "\n".join(f"[{u.speaker}] {u.text}" for u in self.utterances)

    def to_dict(self, columns: bool = False) -> dict[str, Any]:
        """The transcript as JSON-ready data; ``columns``: each utterance's words as columns
        (the stored form, see ``word_columns``), else as one object per word."""
        if not columns:
            return asdict(self)
        data = asdict(replace(self, utterances=[]))
        data["utterances"] = [
            {
                "speaker": u.speaker,
                "channel": u.channel,
                "start": u.start,
                "end": u.end,
                "words": word_columns(u),
            }
            for u in self.utterances
        ]
        return data

    def to_json(self, indent: int | None = None, columns: bool = False) -> str:
        return json.dumps(self.to_dict(columns), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise TranscriptFormatError(
                f"transcript schema_version {version!r} is not supported (expected {SCHEMA_VERSION})"
            )
        try:
            utterances = [
                Utterance(
                    speaker=u["speaker"],
                    channel=u["channel"],
                    start=u["start"],
                    end=u["end"],
                    words=_words(u),
                )
                for u in data["utterances"]
            ]
            return cls(
                call_id=data["call_id"],
                source=data["source"],
                audio_sha256=data["audio_sha256"],
                duration=data["duration"],
                sample_rate=data["sample_rate"],
                channels=tuple(data["channels"]),
                utterances=utterances,
                provenance=Provenance(**data["provenance"]),
                dropped_words=data.get("dropped_words", 0),
                unheard=_unheard(data.get("unheard")),
                schema_version=version,
            )
        except (KeyError, TypeError) as exc:
            raise TranscriptFormatError(f"transcript is missing or has a bad field: {exc}") from exc

    @classmethod
    def from_json(cls, text: str) -> Transcript:
        try:
            data = orjson.loads(text)  # twice as fast as json on a stored call (bench/bench_recheck.py)
        except orjson.JSONDecodeError:
            try:  # what json.dumps writes and orjson refuses: NaN, Infinity, lone surrogates
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise TranscriptFormatError(f"not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise TranscriptFormatError("a transcript is a JSON object")
        return cls.from_dict(data)


def _unheard(stretches: list[dict[str, Any]] | None) -> list[Unheard] | None:
    return None if stretches is None else [Unheard(**stretch) for stretch in stretches]


WORD_COLUMNS = ("start", "end", "text", "probability")  # and speaker, channel when a word's differ
WORD_FIELDS = tuple(f.name for f in fields(Word))  # WORD_COLUMNS, speaker, channel


def word_columns(utterance: Utterance) -> dict[str, list]:
    """An utterance's words as columns: ``{"start": [...], "end": [...], "text": [...], ...}``.

    The form the store keeps. A year of re-checked calls decodes millions of words, and a
    column of numbers decodes several times faster than an object per word with its keys
    (bench/bench_recheck.py). Speaker and channel are columns only when a word's differ
    from its utterance's.
    """
    words = utterance.words
    columns: dict[str, list] = {name: [getattr(w, name) for w in words] for name in WORD_COLUMNS}
    if any(w.speaker != utterance.speaker or w.channel != utterance.channel for w in words):
        columns["speaker"] = [w.speaker for w in words]
        columns["channel"] = [w.channel for w in words]
    return columns


def _words(utterance: dict[str, Any]) -> tuple[Word, ...]:
    """An utterance's words, stored one object per word or as columns (``word_columns``)."""
    words = utterance["words"]
    if not isinstance(words, dict):
        return tuple(Word(**w) for w in words)
    unknown = set(words) - {*WORD_COLUMNS, "speaker", "channel"}
    if unknown:
        raise TypeError(f"unknown word column(s) {sorted(unknown)}")
    count = len(words["text"])
    speakers = words.get("speaker", [utterance["speaker"]] * count)
    channels = words.get("channel", [utterance["channel"]] * count)
    columns = [*(words[name] for name in WORD_COLUMNS), speakers, channels]
    if not all(isinstance(column, list) for column in columns):
        raise TypeError("a word column is a list")
    if any(len(column) != count for column in columns):
        raise TypeError("word columns of different lengths")
    return words_from_columns(columns)


def words_from_columns(columns: list[list]) -> tuple[Word, ...]:
    """Word i of each column (ordered as WORD_FIELDS): ``map(Word, *columns)``, in C when
    transcribe/_columns.c was built (a stored call's ~800 Words took longer to build in
    Python than the checks took to run on them; bench/bench_recheck.py)."""
    if _c_rows is None:
        return tuple(map(Word, *columns))
    return _c_rows(Word, WORD_FIELDS, columns)


# Whisper writes a hyphenated word as words of their own ("good", "-faith"; "brother", "-in",
# "-law's") and a number as digits ("forty-six" is "46"). Reference text is split the same way,
# so a phrase matches a script as it would match the call's audio.
_HYPHEN_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_NUMBER_TEXT = (
    "zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand"
)
NUMBER_WORDS = frozenset(_NUMBER_TEXT.split())


def spoken_words(text: str) -> list[str]:
    """A line of reference text as Whisper writes its words: hyphenated words apart, numbers whole."""
    words = []
    for token in text.split():
        pieces = _HYPHEN_BETWEEN_LETTERS.split(token)
        if len(pieces) == 1 or {p.lower().strip(".,;:!?\"'") for p in pieces} <= NUMBER_WORDS:
            words.append(token)
        else:
            words.extend([pieces[0], *("-" + p for p in pieces[1:])])
    return words


CHANNEL_OF = {"agent": 0, "customer": 1}  # of a transcript built from text; anything else is 0


def transcript_from_turns(
    turns: list[tuple[str, str]],
    call_id: str = "text",
    seconds_per_word: float = 0.35,
    probability: float = 0.99,
) -> Transcript:
    """Build a Transcript from reference text turns ``[(speaker, text), ...]``.

    Used to run rules on scripts (rule-pack examples, the text half of the
    evaluation) with the same code path as real transcripts. Agent is channel 0,
    customer channel 1, anything else channel 0. Words are split as Whisper writes
    them (``spoken_words``).
    """
    utterances: list[Utterance] = []
    clock = 0.0
    for speaker, text in turns:
        channel = CHANNEL_OF.get(speaker, 0)
        words = []
        for token in spoken_words(text):
            words.append(Word(clock, clock + seconds_per_word * 0.9, token, probability, speaker, channel))
            clock += seconds_per_word
        if words:
            utterances.append(Utterance(speaker, channel, words[0].start, words[-1].end, tuple(words)))
        clock += 0.5
    speakers = {s for s, _ in turns}
    channels = ("mixed",) if speakers <= {"mixed"} else ("agent", "customer")
    return Transcript(
        call_id=call_id,
        source="<text>",
        audio_sha256="",
        duration=clock,
        sample_rate=0,
        channels=channels,
        utterances=utterances,
        provenance=Provenance(model="reference-text", device="none", compute_type="none"),
    )
