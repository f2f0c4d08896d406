"""``callaudit transcribe``: print speaker-attributed transcripts of recordings."""

from __future__ import annotations

import argparse
import sys

from transcribe.errors import InputError
from transcribe.meta import load_meta
from transcribe.model import Transcript

FORMATS = ("json", "text", "vtt")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "transcribe",
        help="transcribe recordings (agent/customer words with times)",
        description="Transcribe call recordings with Whisper. Stereo: channel roles from the sidecar "
        "(default agent, customer); mono: every word is 'mixed'. PII is redacted unless --no-redact.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="recordings (wav, flac, mp3, ogg, opus, m4a)")
    add_model_arguments(p)
    p.add_argument("--format", choices=FORMATS, default="text", help="json: one transcript per line per file")
    p.add_argument(
        "--no-redact", action="store_true", help="show card numbers, SSNs and dates of birth as spoken"
    )
    p.set_defaults(handler=run)


def add_model_arguments(
    p: argparse.ArgumentParser, threads_help: str = "threads per model (0: CTranslate2 default)"
) -> None:
    """Model options shared by every command that transcribes."""
    p.add_argument(
        "--model",
        default="tiny.en",
        help="tiny.en (bundled, offline), a CTranslate2 model dir or a cached name",
    )
    p.add_argument("--device", default="cpu", choices=("cpu", "cuda", "auto"), help="where Whisper runs")
    p.add_argument(
        "--compute-type", default="int8", help="CTranslate2 compute type (int8, float16, float32, ...)"
    )
    p.add_argument("--cpu-threads", type=int, default=0, metavar="N", help=threads_help)


def options_from_args(args: argparse.Namespace):
    from transcribe.engine import TranscribeOptions

    return TranscribeOptions(
        model=args.model, device=args.device, compute_type=args.compute_type, cpu_threads=args.cpu_threads
    )


def run(args: argparse.Namespace) -> int:
    from transcribe.engine import transcribe_file

    options = options_from_args(args)
    failures = 0
    for path in args.files:
        try:
            transcript = transcribe_file(path, options, load_meta(path))
        except InputError as exc:
            failures += 1
            print(f"callaudit: error: {exc.path}: {exc.detail}", file=sys.stderr)
            continue
        except RuntimeError as exc:  # the model could not be loaded: nothing else will work either
            print(f"callaudit: error: {exc}", file=sys.stderr)
            return 2
        if not args.no_redact:
            from checks.redact import redact_transcript

            transcript = redact_transcript(transcript)
        sys.stdout.write(render(transcript, args.format))
        sys.stdout.flush()
    return 1 if failures else 0


def render(transcript: Transcript, fmt: str) -> str:
    if fmt == "json":
        return transcript.to_json() + "\n"
    if fmt == "vtt":
        return to_vtt(transcript)
    return to_text(transcript)


def to_text(transcript: Transcript) -> str:
    lines = [f"# {transcript.call_id} ({transcript.source}, {transcript.duration:.1f} s)"]
    for u in transcript.utterances:
        lines.append(f"[{_clock(u.start)}-{_clock(u.end)}] {u.speaker:>8}: {u.text}")
    return "\n".join(lines) + "\n"


def to_vtt(transcript: Transcript) -> str:
    cues = ["WEBVTT", f"NOTE {transcript.call_id}", ""]
    for u in transcript.utterances:
        cues.append(f"{_vtt_time(u.start)} --> {_vtt_time(u.end)}")
        cues.append(f"<v {u.speaker}>{u.text}")
        cues.append("")
    return "\n".join(cues)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{int(minutes):02d}:{secs:05.2f}"


def _vtt_time(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"
