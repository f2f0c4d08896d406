"""Recordings whose words we know, for measuring transcription.

- Asterisk core sounds (Debian ``asterisk-core-sounds-en-wav`` + texts in
  ``asterisk-core-sounds-en``; CC-BY-SA-3.0, Digium/Allison Smith): real human speech at 8 kHz.
- The pyannote-audio sample call (``tests/data/pyannote_sample``; MIT): real two-party phone speech.
- callaudit's own example/eval calls: ``<id>.ref.json`` beside each rendered call.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

ASTERISK_SOUNDS = Path("/usr/share/asterisk/sounds/en")
ASTERISK_TEXTS = Path("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz")
PYANNOTE_SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "pyannote_sample"


@dataclass(frozen=True)
class Reference:
    """A recording and what is said on it, per speaker role ("mixed" for mono)."""

    name: str
    path: Path
    text_by_role: dict[str, str]

    @property
    def text(self) -> str:
        return " ".join(self.text_by_role.values())


def asterisk_prompts(limit: int | None = 40, min_words: int = 6) -> list[Reference]:
    """The longest-texted Asterisk prompts (deterministic order), as mono references."""
    if not ASTERISK_TEXTS.exists() or not ASTERISK_SOUNDS.exists():
        raise FileNotFoundError(
            "Asterisk sounds not installed: apt-get install asterisk-core-sounds-en-wav asterisk-core-sounds-en"
        )
    refs = []
    with gzip.open(ASTERISK_TEXTS, "rt", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            name, sep, text = line.partition(":")
            text = text.strip()
            wav = ASTERISK_SOUNDS / f"{name.strip()}.wav"
            # Skip tone descriptions "[beep]" and prompts with stage directions.
            # and the silence/N prompts, whose "text" describes the silence they hold.
            if (
                not sep
                or "[" in text
                or "of silence" in text
                or not wav.exists()
                or len(text.split()) < min_words
            ):
                continue
            refs.append(Reference(name.strip(), wav, {"mixed": text}))
    refs.sort(key=lambda r: r.name)
    return refs[:limit] if limit else refs


def pyannote_sample() -> Reference:
    """The real 30 s two-party call shipped by pyannote-audio, with its STM reference."""
    lines = (PYANNOTE_SAMPLE / "sample.stm").read_text().splitlines()
    text = " ".join(" ".join(line.split()[5:]) for line in lines if line.strip())
    return Reference("pyannote-sample", PYANNOTE_SAMPLE / "sample.wav", {"mixed": text})


def scripted_call(ref_json: Path) -> Reference:
    """An example/eval call rendered from a script; ``<id>.ref.json`` lists its turns."""
    data = json.loads(ref_json.read_text())
    wav = ref_json.with_name(ref_json.name.replace(".ref.json", ".wav"))
    mono = data.get("layout") == "mono"
    by_role: dict[str, list[str]] = {}
    for turn in data["turns"]:
        role = "mixed" if mono else turn["speaker"]
        by_role.setdefault(role, []).append(turn["text"])
    return Reference(data["call_id"], wav, {role: " ".join(t) for role, t in by_role.items()})


def scripted_calls(folder: Path) -> list[Reference]:
    return [scripted_call(p) for p in sorted(Path(folder).glob("*.ref.json"))]


def words_in(text: str) -> int:
    return len(re.findall(r"\w+", text))


def asterisk_calls(out_dir: Path, n_calls: int = 4, turns: int = 6, seed: int = 7) -> list[Reference]:
    """Stereo phone calls assembled from real Asterisk prompts: agent on ch0, customer on ch1.

    Turns alternate between the channels with 0.3-1.5 s gaps and a few seconds of
    silence, line noise at about -60 dBFS, and G.711 mu-law at 8 kHz, so per-channel
    word recall (and the cost of VAD or an energy gate clipping a turn) can be measured
    on real human speech. Deterministic for a given seed.
    """
    import subprocess
    import wave

    import numpy as np

    out_dir.mkdir(parents=True, exist_ok=True)
    prompts = asterisk_prompts(limit=None, min_words=4)
    rng = np.random.default_rng(seed)
    calls = []
    for c in range(n_calls):
        chosen = [prompts[i] for i in rng.choice(len(prompts), size=turns, replace=False)]
        tracks = [np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.float32)]
        texts: dict[str, list[str]] = {"agent": [], "customer": []}
        clock = 0.5
        for t, ref in enumerate(chosen):
            channel = t % 2
            with wave.open(str(ref.path)) as w:
                pcm = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768
            start = int(clock * 8000)
            for ch in (0, 1):
                need = start + len(pcm) if ch == channel else 0
                if len(tracks[ch]) < need:
                    tracks[ch] = np.concatenate([tracks[ch], np.zeros(need - len(tracks[ch]), np.float32)])
            tracks[channel][start : start + len(pcm)] += pcm
            texts["agent" if channel == 0 else "customer"].append(ref.text)
            clock += len(pcm) / 8000 + float(rng.uniform(0.3, 1.5)) + (3.0 if t == turns // 2 else 0.0)
        length = int((clock + 0.5) * 8000)
        stereo = np.zeros((length, 2), np.float32)
        for ch in (0, 1):
            stereo[: len(tracks[ch]), ch] = tracks[ch][:length]
        stereo += rng.normal(0, 0.001, stereo.shape).astype(np.float32)
        raw = out_dir / f"asterisk-call-{c}.pcm.wav"
        with wave.open(str(raw), "wb") as w:
            w.setnchannels(2)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes((np.clip(stereo, -1, 1) * 32767).astype("<i2").tobytes())
        final = out_dir / f"asterisk-call-{c}.wav"
        subprocess.run(["sox", str(raw), "-e", "u-law", str(final)], check=True)
        raw.unlink()
        calls.append(Reference(final.stem, final, {role: " ".join(t) for role, t in texts.items()}))
    return calls
