"""Transcription quality and speed: callaudit's pipeline vs plain faster-whisper, same model, one run.

    python bench/bench_transcribe.py [--set asterisk,pyannote,examples] [--limit 40]
                                     [--variant NAME=k=v,k=v ...] [--json OUT]

For each corpus it prints WER and word recall (per speaker role for stereo calls) and the
real-time factor (RTF = processing seconds / audio seconds; lower is faster). "plain" is
``WhisperModel.transcribe(path)`` with faster-whisper's defaults on the same loaded model.
Variants let you measure other settings, e.g. ``--variant novad=vad=False``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transcribe.engine import TranscribeOptions, transcribe_file
from transcribe.meta import load_meta
from transcribe.reference import Reference, asterisk_calls, asterisk_prompts, pyannote_sample, scripted_calls
from transcribe.scoring import ZERO, score


def plain_faster_whisper(ref: Reference, options: TranscribeOptions) -> tuple[dict[str, str], float]:
    """faster-whisper as a user would call it: the file path, defaults, the same model."""
    model = options.load_model()
    t0 = time.perf_counter()
    segments, _info = model.transcribe(str(ref.path), language="en")
    text = " ".join(s.text for s in segments)
    return {"all": text}, time.perf_counter() - t0


def ours(ref: Reference, options: TranscribeOptions) -> tuple[dict[str, str], float]:
    t0 = time.perf_counter()
    transcript = transcribe_file(ref.path, options, load_meta(ref.path))
    elapsed = time.perf_counter() - t0
    by_role: dict[str, list[str]] = {}
    for word in transcript.words:
        by_role.setdefault(word.speaker, []).append(word.text)
    return {role: " ".join(words) for role, words in by_role.items()}, elapsed


def audio_seconds(ref: Reference) -> float:
    from transcribe.audio import decode

    return decode(ref.path).duration


def measure(refs: list[Reference], runner, options: TranscribeOptions) -> dict:
    """Pooled WER/recall over a corpus, overall and per role, plus RTF."""
    overall, per_role, elapsed, seconds = ZERO, {}, 0.0, 0.0
    worst: list[tuple[float, str]] = []
    for ref in refs:
        hyp, took = runner(ref, options)
        elapsed += took
        seconds += audio_seconds(ref)
        call = score(ref.text, " ".join(hyp.values()))
        overall = overall + call
        worst.append((call.recall, ref.name))
        if "all" not in hyp:
            for role, text in ref.text_by_role.items():
                per_role[role] = per_role.get(role, ZERO) + score(text, hyp.get(role, ""))
    worst.sort()
    return {
        "files": len(refs),
        "audio_s": round(seconds, 1),
        "wer": round(overall.wer, 4),
        "recall": round(overall.recall, 4),
        "per_role_recall": {r: round(s.recall, 4) for r, s in per_role.items()},
        "rtf": round(elapsed / seconds, 4) if seconds else None,
        "worst": [f"{name}:{rec:.2f}" for rec, name in worst[:3]],
    }


def load_sets(names: list[str], limit: int) -> dict[str, list[Reference]]:
    sets: dict[str, list[Reference]] = {}
    for name in names:
        if name == "asterisk":
            sets[name] = asterisk_prompts(limit=limit)
        elif name == "asterisk-calls":
            sets[name] = asterisk_calls(Path(tempfile.mkdtemp(prefix="callaudit-bench-")))
        elif name == "pyannote":
            sets[name] = [pyannote_sample()]
        elif name in ("examples", "eval"):
            folder = ROOT / name / "calls"
            found = scripted_calls(folder)
            if found:
                sets[name] = found[:limit] if limit else found
            else:
                print(f"(no rendered calls in {folder}; skipped)", file=sys.stderr)
    return sets


def parse_variant(spec: str, base: TranscribeOptions) -> tuple[str, TranscribeOptions]:
    name, _, assignments = spec.partition("=")
    changes: dict[str, object] = {}
    for item in filter(None, assignments.split(",")):
        key, _, raw = item.partition("=")
        current = getattr(base, key)
        if isinstance(current, bool):
            changes[key] = raw.lower() in ("1", "true", "yes")
        elif isinstance(current, int):
            changes[key] = int(raw)
        elif isinstance(current, float):
            changes[key] = float(raw)
        else:
            changes[key] = raw
    return name, replace(base, **changes)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--set",
        default="asterisk,asterisk-calls,pyannote,examples",
        help="comma list: asterisk,asterisk-calls,pyannote,examples,eval",
    )
    parser.add_argument("--limit", type=int, default=40, help="files per set (0: all)")
    parser.add_argument("--model", default="tiny.en")
    parser.add_argument("--no-plain", action="store_true", help="skip plain faster-whisper")
    parser.add_argument("--variant", action="append", default=[], help="NAME=key=value,key=value")
    parser.add_argument("--json", type=Path, help="also write results as JSON here")
    args = parser.parse_args()

    base = TranscribeOptions(model=args.model)
    configs = [("callaudit", base)] + [parse_variant(v, base) for v in args.variant]
    base.load_model()  # load once, outside timing
    results: dict[str, dict[str, dict]] = {}
    for set_name, refs in load_sets(args.set.split(","), args.limit).items():
        results[set_name] = {}
        if not args.no_plain:
            results[set_name]["plain-faster-whisper"] = measure(refs, plain_faster_whisper, base)
        for name, options in configs:
            results[set_name][name] = measure(refs, ours, options)
        print(f"\n== {set_name}: {len(refs)} file(s), model {args.model}")
        print(f"{'pipeline':<22}{'WER':>8}{'recall':>8}{'RTF':>8}  per-role recall / worst files")
        for name, r in results[set_name].items():
            roles = " ".join(f"{k}={v:.3f}" for k, v in r["per_role_recall"].items())
            print(
                f"{name:<22}{r['wer']:>8.3f}{r['recall']:>8.3f}{r['rtf']:>8.3f}  {roles}  {' '.join(r['worst'])}"
            )
        plain = results[set_name].get("plain-faster-whisper")
        if plain:
            ours_r = results[set_name]["callaudit"]
            print(
                f"speed ratio (plain RTF / callaudit RTF): {plain['rtf'] / ours_r['rtf']:.2f}; "
                f"WER delta (callaudit - plain): {ours_r['wer'] - plain['wer']:+.3f}"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
