"""End-to-end audit throughput vs plain faster-whisper on the same files, same model, same run.

    python bench/bench_audit.py [--calls 50] [--parallel 2] [--json OUT]
    python bench/bench_audit.py --sweep [--calls 8]        # calls in parallel vs threads per call

The example calls are replicated into a temp folder until there are ``--calls`` of them, each
copy with a few ms of silence appended (distinct audio, so nothing is skipped or reused).
Then, in one process:

1. plain faster-whisper, as a user calls it: ``model.transcribe(path)``, defaults, one file after another;
2. plain faster-whisper doing the audit's Whisper work: each channel with the engine's decoding
   options, with the audit's layout (calls in parallel x threads per call);
3. the audit flow (``audit_recordings``) on a fresh store, on a temporary Prefect server that is
   started before the clock starts (as a served deployment's server would be);
4. Prefect overhead per call: the flow vs the same steps called directly, over stored transcripts
   (no Whisper), so the difference is orchestration alone.

Throughput is audio seconds per wall second; the ratio is audit / plain (target >= 0.95).
Peak RSS of this process is sampled per phase, and at each quarter of the audit batch (flat memory).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import struct
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Self

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import logging  # after sys.path: the project imports below need it

import psutil

from flows.local import local_prefect, prepare_environment, quiet_prefect_console

logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
prepare_environment()
quiet_prefect_console()

EXAMPLES = ROOT / "examples" / "calls"
SILENCE_BYTE = {1: b"\x00", 6: b"\xd5", 7: b"\xff"}  # PCM, A-law, mu-law


# ---- a batch of distinct recordings -----------------------------------------------------------


def pad_wav(source: Path, target: Path, extra_ms: int) -> None:
    """Copy a WAV (PCM or G.711) with ``extra_ms`` of silence appended: new bytes, same speech."""
    data = source.read_bytes()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(f"{source}: not a RIFF/WAVE file")
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        cid, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        chunks.append([cid, bytearray(data[pos + 8 : pos + 8 + size])])
        pos += 8 + size + (size & 1)
    fmt = next(body for cid, body in chunks if cid == b"fmt ")
    tag, _channels, rate, _, block_align = struct.unpack("<HHIIH", fmt[:14])
    frames = rate * extra_ms // 1000
    for chunk in chunks:
        if chunk[0] == b"data":
            chunk[1] += SILENCE_BYTE[tag] * (frames * block_align)
        elif chunk[0] == b"fact":
            chunk[1][:4] = struct.pack("<I", struct.unpack("<I", chunk[1][:4])[0] + frames)
    body = b"".join(
        cid + struct.pack("<I", len(b)) + bytes(b) + (b"\x00" if len(b) & 1 else b"") for cid, b in chunks
    )
    target.write_bytes(b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body)


def make_batch(folder: Path, n_calls: int) -> list[Path]:
    """``n_calls`` distinct recordings with sidecars, cycling over the example calls."""
    folder.mkdir(parents=True, exist_ok=True)
    examples = sorted(EXAMPLES.glob("*.wav"))
    shutil.copy(EXAMPLES / "call_attempts.csv", folder / "call_attempts.csv")
    made = []
    for i in range(n_calls):
        source = examples[i % len(examples)]
        call_id = f"{source.stem}_{i:03d}"
        target = folder / f"{call_id}.wav"
        pad_wav(source, target, extra_ms=10 * (i + 1))
        meta = json.loads(source.with_suffix(".json").read_text())
        meta["call_id"] = call_id
        target.with_suffix(".json").write_text(json.dumps(meta))
        made.append(target)
    return made


# ---- measurement helpers ----------------------------------------------------------------------


class RssSampler:
    """Peak RSS of this process while the block runs (sampled every 50 ms)."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()

    def __enter__(self) -> Self:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            self._stop.wait(0.05)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)


def mib(n: int) -> float:
    return round(n / 2**20, 1)


def audio_seconds(paths: list[Path]) -> float:
    from transcribe.audio import decode

    return sum(decode(p).duration for p in paths)


def plain_user(paths: list[Path], model_name: str) -> float:
    """faster-whisper as a user calls it: the path, defaults, sequential."""
    from transcribe.engine import get_model

    model = get_model(model_name, "cpu", "int8", 0)
    start = time.perf_counter()
    for path in paths:
        segments, _ = model.transcribe(str(path), language="en")
        for _ in segments:
            pass
    return time.perf_counter() - start


def plain_same_work(paths: list[Path], options, parallel: int) -> float:
    """faster-whisper on each channel with the engine's options, ``parallel`` files at once."""
    from faster_whisper import decode_audio

    model = options.load_model()

    def one(path: Path) -> None:
        audio = decode_audio(str(path), split_stereo=True)
        channels = audio if isinstance(audio, tuple) else (audio,)
        if len(channels) == 2 and not channels[1].any():
            channels = channels[:1]
        for samples in channels:
            segments, _ = model.transcribe(samples, **options.whisper_kwargs())
            for _ in segments:
                pass

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        list(pool.map(one, paths))
    return time.perf_counter() - start


def openai_whisper(paths: list[Path], seconds: float) -> dict:
    """openai-whisper on the same files, when it is installed and its tiny.en weights can be loaded."""
    try:
        import whisper
    except ImportError as exc:
        return {"ran": False, "why": f"openai-whisper is not installed ({exc})"}
    try:
        model = whisper.load_model("tiny.en", device="cpu")
    except Exception as exc:  # noqa: BLE001 - it downloads its weights at load time; no network here
        return {
            "ran": False,
            "why": f"installed, but its weights cannot be loaded: {type(exc).__name__}: {exc} "
            f"(openai-whisper downloads tiny.en.pt at first use; no network here)",
        }
    start = time.perf_counter()
    for path in paths:
        model.transcribe(str(path), language="en", fp16=False)
    elapsed = time.perf_counter() - start
    return {"ran": True, "wall_s": round(elapsed, 2), "throughput": round(seconds / elapsed, 2)}


def audit(folder: Path, db_url: str, parallel: int, cpu_threads: int, quarters: list) -> tuple[float, object]:
    from flows.audit import ModelOptions, audit_recordings, progress_listener

    process, done = psutil.Process(), [0]
    total = len(list(folder.glob("*.wav")))

    def on_event(event: str, payload: object) -> None:
        if event == "call":
            done[0] += 1
            if done[0] >= total * (len(quarters) + 1) / 4:  # at each quarter of the batch
                quarters.append((done[0], mib(process.memory_info().rss)))

    start = time.perf_counter()
    with progress_listener(on_event):
        summary = audit_recordings(
            source=str(folder),
            db_url=db_url,
            parallel_calls=parallel,
            model=ModelOptions(cpu_threads=cpu_threads),
        )
    return time.perf_counter() - start, summary


def prefect_overhead(db_file: Path, folder: Path, parallel: int, workdir: Path) -> dict:
    """Seconds per call the flow adds over calling the same steps directly (transcripts reused)."""
    import sqlite3

    from callaudit.store import close_stores
    from flows import steps
    from flows.audit import ModelOptions, audit_recordings, load_call_attempts
    from flows.discover import discover_recordings

    copies = {}
    for name in ("flow", "direct"):
        copies[name] = workdir / f"overhead_{name}.db"
        with sqlite3.connect(db_file) as source, sqlite3.connect(copies[name]) as copy:
            source.backup(copy)  # the WAL's pages included
            copy.execute("UPDATE calls SET audit_key = NULL")  # force a re-audit; transcripts stay cached
    close_stores()
    start = time.perf_counter()
    summary = audit_recordings(
        source=str(folder), db_url=f"sqlite:///{copies['flow']}", parallel_calls=parallel
    )
    flow_seconds = time.perf_counter() - start
    assert summary.transcribed == 0 and summary.audited == summary.discovered

    start = time.perf_counter()
    db_url = f"sqlite:///{copies['direct']}"
    options = ModelOptions().transcribe_options(parallel)
    packs, version = steps.load_current_packs(["us_collections"])
    recordings = discover_recordings(folder)
    attempts = load_call_attempts.fn(str(folder), [r.meta for r in recordings if r.meta])

    plans = steps.plan_calls(recordings, db_url, options, version)

    def direct(recording, plan) -> None:
        got = steps.obtain_transcript(recording, plan, db_url, options)
        findings = steps.check_transcript(got.transcript, recording.meta, packs, attempts)
        steps.save_call(recording, plan, got.transcript, findings, None, db_url, version, None)

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        list(pool.map(direct, recordings, plans))
    direct_seconds = time.perf_counter() - start
    n = len(recordings)
    return {
        "flow_s": round(flow_seconds, 2),
        "direct_s": round(direct_seconds, 2),
        "overhead_ms_per_call": round(1000 * (flow_seconds - direct_seconds) / n, 1),
    }


# ---- phases, each in a fresh process ----------------------------------------------------------
# One process per phase: every phase loads its own Whisper model with its own thread settings
# (CTranslate2 thread pools of differently configured models in one process disturb each other),
# and its peak RSS is its own.


def phase(args: argparse.Namespace) -> dict:
    """Run one measurement in this process and return its numbers."""
    from flows.audit import ModelOptions

    folder = Path(args.folder)
    paths = sorted(folder.glob("*.wav"))
    seconds = audio_seconds(paths)
    options = ModelOptions(cpu_threads=args.cpu_threads).transcribe_options(args.parallel)
    out: dict = {}
    with RssSampler() as rss:
        if args.phase == "plain_user":
            elapsed = plain_user(paths, options.model)
        elif args.phase == "plain_same_work":
            elapsed = plain_same_work(paths, options, args.parallel)
        elif args.phase == "audit":
            quarters: list = []
            elapsed, summary = audit(folder, args.db, args.parallel, args.cpu_threads, quarters)
            if summary.audited != len(paths) or summary.transcribed != len(paths):
                raise SystemExit(f"the audit did not transcribe every call: {summary}")
            out |= {"rss_mib_by_calls_done": quarters, "flagged": summary.flagged, "failed": summary.failed}
        elif args.phase == "overhead":
            return prefect_overhead(
                Path(args.db.removeprefix("sqlite:///")),
                folder,
                args.parallel,
                Path(args.db.removeprefix("sqlite:///")).parent,
            )
        elif args.phase == "openai_whisper":
            return openai_whisper(paths, seconds)
        else:
            raise SystemExit(f"unknown phase {args.phase}")
    return out | {
        "wall_s": round(elapsed, 2),
        "throughput": round(seconds / elapsed, 2),
        "peak_rss_mib": mib(rss.peak),
        "cpu_threads": 0 if args.phase == "plain_user" else options.cpu_threads,  # 0: CTranslate2's default
        "num_workers": 1 if args.phase == "plain_user" else options.num_workers,
    }


def run_phase(name: str, folder: Path, parallel: int, cpu_threads: int, db: str = "", api: str = "") -> dict:
    import subprocess

    env = {**os.environ, **({"PREFECT_API_URL": api} if api else {})}
    command = [
        sys.executable,
        __file__,
        "--phase",
        name,
        "--folder",
        str(folder),
        "--parallel",
        str(parallel),
        "--cpu-threads",
        str(cpu_threads),
        "--db",
        db,
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(args: argparse.Namespace, workdir: Path) -> dict:
    folder = workdir / "calls"
    paths = make_batch(folder, args.calls)
    seconds = audio_seconds(paths)
    result: dict = {
        "calls": len(paths),
        "audio_seconds": round(seconds, 1),
        "parallel_calls": args.parallel,
        "cores": os.cpu_count(),
    }
    print(
        f"{len(paths)} calls, {seconds / 60:.1f} min of audio; audit: {args.parallel} call(s) in parallel",
        flush=True,
    )
    for name in ("plain_user", "plain_same_work"):
        result[name] = run_phase(name, folder, args.parallel, args.cpu_threads)
        print(f"{name}: {result[name]}", flush=True)
    db = f"sqlite:///{workdir / 'audit.db'}"
    with local_prefect() as api:  # started before the clock, as a deployment's server would be
        result["audit"] = run_phase("audit", folder, args.parallel, args.cpu_threads, db, api)
        print(f"audit: {result['audit']}", flush=True)
        result["prefect"] = run_phase("overhead", folder, args.parallel, args.cpu_threads, db, api)
        print(f"prefect overhead: {result['prefect']}", flush=True)
    result["openai_whisper"] = run_phase("openai_whisper", folder, args.parallel, args.cpu_threads)
    print(f"openai-whisper: {result['openai_whisper']}", flush=True)
    for base in ("plain_same_work", "plain_user"):
        result[f"ratio_vs_{base}"] = round(result["audit"]["throughput"] / result[base]["throughput"], 3)
    return result


def run_sweep(args: argparse.Namespace, workdir: Path) -> dict:
    """Calls in parallel vs threads per call, through the flow, each layout on a fresh store."""
    folder = workdir / "calls"
    paths = make_batch(folder, args.calls)
    layouts = [(1, 2), (2, 1), (4, 1), (2, 2)][: args.layouts]
    result = {
        "calls": len(paths),
        "audio_seconds": round(audio_seconds(paths), 1),
        "rounds": args.rounds,
        "layouts": [],
    }
    runs: dict[tuple[int, int], list[dict]] = {layout: [] for layout in layouts}
    with local_prefect() as api:
        # Rounds interleave the layouts and the best round counts: other work on a shared machine
        # only ever slows a layout down, so its fastest round is its least disturbed measurement.
        for round_no in range(args.rounds):
            for parallel, threads in layouts:
                db = f"sqlite:///{workdir}/sweep_{parallel}x{threads}_{round_no}.db"
                runs[(parallel, threads)].append(run_phase("audit", folder, parallel, threads, db, api))
                print(
                    json.dumps(
                        {
                            "round": round_no,
                            "parallel_calls": parallel,
                            "cpu_threads": threads,
                            "throughput": runs[(parallel, threads)][-1]["throughput"],
                        }
                    ),
                    flush=True,
                )
    for (parallel, threads), measured in runs.items():
        result["layouts"].append(
            {
                "parallel_calls": parallel,
                "cpu_threads": threads,
                "throughput_best": max(m["throughput"] for m in measured),
                "throughputs": [m["throughput"] for m in measured],
                "peak_rss_mib": max(m["peak_rss_mib"] for m in measured),
            }
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--parallel", type=int, default=None, help="calls in parallel (default: the flow's)")
    parser.add_argument(
        "--cpu-threads", type=int, default=0, help="threads per call (default: cores / parallel)"
    )
    parser.add_argument("--sweep", action="store_true", help="compare parallel layouts instead")
    parser.add_argument("--rounds", type=int, default=2, help="sweep: rounds over the layouts (best counts)")
    parser.add_argument("--layouts", type=int, default=4, help="sweep: how many of 1x2, 2x1, 4x1, 2x2")
    parser.add_argument("--json", default=None, help="write the results here too")
    parser.add_argument("--phase", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--folder", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--db", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.parallel is None:
        from flows.audit import DEFAULT_PARALLEL_CALLS

        args.parallel = DEFAULT_PARALLEL_CALLS
    if args.phase:
        print(json.dumps(phase(args)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        result = run_sweep(args, Path(tmp)) if args.sweep else run_bench(args, Path(tmp))
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
