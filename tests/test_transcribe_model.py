"""The Transcript data model and call metadata sidecars (no audio, no Whisper)."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest

from transcribe import model
from transcribe.errors import SidecarError
from transcribe.meta import CallMeta, load_meta
from transcribe.model import (
    WORD_FIELDS,
    Provenance,
    Transcript,
    TranscriptFormatError,
    Unheard,
    Utterance,
    Word,
    transcript_from_turns,
)


def make_transcript() -> Transcript:
    agent = Utterance(
        "agent",
        0,
        0.5,
        1.2,
        (Word(0.5, 0.8, "Hello,", 0.91, "agent", 0), Word(0.8, 1.2, "Ms.", 0.55, "agent", 0)),
    )
    customer = Utterance("customer", 1, 1.0, 1.4, (Word(1.0, 1.4, "Hi.", 0.97, "customer", 1),))
    return Transcript(
        call_id="c1",
        source="/calls/c1.wav",
        audio_sha256="ab" * 32,
        duration=2.0,
        sample_rate=8000,
        channels=("agent", "customer"),
        utterances=[agent, customer],
        provenance=Provenance(
            "tiny.en",
            "cpu",
            "int8",
            {"beam_size": 5, "temperatures": [0.0, 0.2]},
            {"faster-whisper": "1.2.1"},
        ),
        dropped_words=3,
        unheard=[Unheard("customer", 1, 1.5, 3.25)],
    )


def test_json_round_trip_is_lossless():
    original = make_transcript()
    loaded = Transcript.from_json(original.to_json())
    assert loaded.to_dict() == original.to_dict()
    assert loaded.words[2].text == "Hi." and loaded.words[2].speaker == "customer"
    assert json.loads(original.to_json())["schema_version"] == 1


def test_the_stored_form_keeps_words_as_columns_and_loads_back_the_same():
    original = make_transcript()
    stored = json.loads(original.to_json(columns=True))
    assert stored["utterances"][0]["words"] == {
        "start": [0.5, 0.8],
        "end": [0.8, 1.2],
        "text": ["Hello,", "Ms."],
        "probability": [0.91, 0.55],
    }
    assert Transcript.from_json(original.to_json(columns=True)).to_dict() == original.to_dict()
    assert Transcript.from_json(original.to_json()).to_dict() == original.to_dict()  # the old form too


def test_unheard_speech_is_kept_and_a_transcript_that_never_measured_it_says_so():
    original = make_transcript()
    stored = json.loads(original.to_json(columns=True))
    assert stored["unheard"] == [{"speaker": "customer", "channel": 1, "start": 1.5, "end": 3.25}]
    assert Transcript.from_json(original.to_json(columns=True)).unheard == [Unheard("customer", 1, 1.5, 3.25)]
    del stored["unheard"]  # written before callaudit kept it
    assert Transcript.from_dict(stored).unheard is None
    assert transcript_from_turns([("agent", "Hello.")]).unheard is None


def test_a_word_unlike_its_utterance_keeps_its_own_speaker_and_channel():
    original = make_transcript()
    first = original.utterances[0]
    odd = dataclasses.replace(first.words[1], speaker="customer", channel=1)
    original.utterances[0] = dataclasses.replace(first, words=(first.words[0], odd))
    columns = json.loads(original.to_json(columns=True))["utterances"][0]["words"]
    assert (columns["speaker"], columns["channel"]) == (["agent", "customer"], [0, 1])
    assert Transcript.from_json(original.to_json(columns=True)).to_dict() == original.to_dict()


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda words: words.update(colour=["red", "blue"]), "colour"),
        (lambda words: words["text"].pop(), "different lengths"),
        (lambda words: words.pop("probability"), "probability"),
        (lambda words: words.update(text="Hello, Ms."), "a word column is a list"),
    ],
)
def test_bad_word_columns_are_a_typed_error(mutate, message):
    data = make_transcript().to_dict(columns=True)
    mutate(data["utterances"][0]["words"])
    with pytest.raises(TranscriptFormatError, match=message):
        Transcript.from_json(json.dumps(data))


needs_c = pytest.mark.skipif(model._c_rows is None, reason="transcribe/_columns.c was not built")


@needs_c
def test_words_built_in_c_are_the_words_python_builds(monkeypatch):
    original = make_transcript()
    first = original.utterances[0]  # a word of another speaker: the speaker and channel columns
    original.utterances[0] = dataclasses.replace(
        first, words=(first.words[0], dataclasses.replace(first.words[1], speaker="customer", channel=1))
    )
    stored = original.to_json(columns=True)
    in_c = Transcript.from_json(stored)
    monkeypatch.setattr(model, "_c_rows", None)
    in_python = Transcript.from_json(stored)
    assert in_c == in_python == original
    word = in_c.utterances[0].words[1]
    assert type(word) is Word and word == original.utterances[0].words[1]
    word.text = "changed"  # a Word like any other: its slots can be set, and it is collected
    assert dataclasses.replace(word, probability=0.1).text == "changed"
    assert WORD_FIELDS == ("start", "end", "text", "probability", "speaker", "channel")


@dataclasses.dataclass(slots=True)
class Checked:
    value: float

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


class Plain:
    __slots__ = ("value",)


@needs_c
@pytest.mark.parametrize(
    "cls, fields, columns, error",
    [
        (Checked, ("value",), [[-1.0]], "__post_init__|not a dataclass"),  # would skip its check
        (Plain, ("value",), [[1.0]], "not a dataclass"),
        (Word, ("start", "colour"), [[0.0], [1.0]], "colour"),
        (Word, WORD_FIELDS, [[0.0]] * 5, "one column a field"),
        (Word, WORD_FIELDS, [[0.0]] * 5 + [(1,)], "a column is a list"),
        (Word, WORD_FIELDS, [[0.0]] * 5 + [[1, 1]], "different lengths"),
    ],
)
def test_c_words_refuse_what_word_would_not_be_made_from(cls, fields, columns, error):
    with pytest.raises((TypeError, ValueError, AttributeError), match=error):
        model._c_rows(cls, fields, columns)


def test_json_that_only_pythons_json_writes_still_loads():
    """json.dumps writes NaN and lone surrogates, which the fast decoder (orjson) refuses."""
    original = make_transcript()
    data = original.to_dict()
    data["utterances"][0]["words"][0]["probability"] = float("nan")
    data["utterances"][0]["words"][1]["text"] = "Ms.\ud800"
    loaded = Transcript.from_json(json.dumps(data))
    assert math.isnan(loaded.words[0].probability)
    assert loaded.words[1].text == "Ms.\ud800"
    with pytest.raises(TranscriptFormatError, match="not JSON"):
        Transcript.from_json('{"call_id": "x",')


def test_words_are_in_time_order_across_channels():
    words = make_transcript().words
    assert [w.text for w in words] == ["Hello,", "Ms.", "Hi."]
    assert [w.text for w in make_transcript().words_of("agent")] == ["Hello,", "Ms."]


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.update(schema_version=99), "schema_version 99"),
        (lambda d: d.pop("utterances"), "utterances"),
        (lambda d: d["utterances"][0]["words"][0].update(colour="red"), "colour"),
    ],
)
def test_bad_transcript_json_is_a_typed_error(mutate, message):
    data = make_transcript().to_dict()
    mutate(data)
    with pytest.raises(TranscriptFormatError, match=message):
        Transcript.from_dict(json.loads(json.dumps(data)))


def test_transcript_from_turns_attributes_speakers():
    t = transcript_from_turns([("agent", "this is an attempt"), ("customer", "ok")], call_id="x")
    assert [w.speaker for w in t.words] == ["agent"] * 4 + ["customer"]
    assert t.words[-1].start > t.words[3].end


def test_sidecar_defaults_when_absent(tmp_path):
    wav = tmp_path / "call-42.wav"
    wav.write_bytes(b"")
    meta = load_meta(wav)
    assert meta.call_id == "call-42"
    assert meta.roles_for(2) == ("agent", "customer")
    assert meta.roles_for(1) == ("mixed",)


def test_sidecar_loads_all_fields(tmp_path):
    wav = tmp_path / "c.wav"
    (tmp_path / "c.json").write_text(
        json.dumps(
            {
                "call_id": "C-1",
                "agent_id": "A7",
                "team": "east",
                "account_id": "ACC-9",
                "started_at": "2026-03-02T14:05:00-05:00",
                "consumer_timezone": "America/Chicago",
                "first_contact": False,
                "channels": ["customer", "agent"],
            }
        )
    )
    meta = load_meta(wav)
    assert meta.call_id == "C-1" and meta.first_contact is False
    assert meta.started_at.utcoffset().total_seconds() == -5 * 3600
    assert meta.roles_for(2) == ("customer", "agent")
    with pytest.raises(ValueError, match="2 channel role"):
        meta.roles_for(1)


@pytest.mark.parametrize(
    "content, expected",
    [
        ("{not json", "cannot read it as JSON"),
        ("[1, 2]", "a sidecar is a JSON object"),
        ('{"started_at": "2026-03-02T14:05:00"}', "needs a UTC offset"),
        ('{"consumer_timezone": "Mars/Olympus"}', "unknown IANA time zone"),
        ('{"channels": ["agent", "robot"]}', "channels"),
        ('{"first_contact": "maybe"}', "first_contact"),
        ('{"agent": "A1"}', "agent: Extra inputs are not permitted"),
    ],
)
def test_bad_sidecar_names_file_and_reason(tmp_path, content, expected):
    wav = tmp_path / "bad.wav"
    (tmp_path / "bad.json").write_text(content)
    with pytest.raises(SidecarError) as info:
        load_meta(wav)
    assert str(tmp_path / "bad.json") in str(info.value)
    assert expected in str(info.value)
    assert info.value.reason == "bad_sidecar"


def test_callmeta_rejects_unknown_fields():
    with pytest.raises(ValueError):
        CallMeta(call_id="x", colour="red")
