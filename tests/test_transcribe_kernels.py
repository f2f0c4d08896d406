"""The CPU kernels Whisper runs on are pinned, so an audit does not depend on the server.

CTranslate2, Intel MKL and oneDNN otherwise choose kernels by the CPU, and the same held-out
call gave different words on an AVX-512 Xeon's kernels, its AVX2 kernels and an AMD EPYC
(README, "Same words on every server"). Each case runs in a fresh process: the libraries read
their variables once, when the first model loads.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

import pytest

from transcribe.engine import CPU_KERNELS, _has_avx2

x86_with_avx2 = pytest.mark.skipif(
    platform.machine().lower() not in ("x86_64", "amd64") or not _has_avx2(),
    reason="kernels are pinned on x86-64 with AVX2 only",
)

PINNED = {"CT2_FORCE_CPU_ISA": "AVX2", "CT2_USE_MKL": "0", "ONEDNN_MAX_CPU_ISA": "AVX2", "MKL_CBWR": "AVX2"}

PROBE = (
    "import json, os; from transcribe.engine import CPU_KERNELS, library_versions, pin_cpu_kernels; "
    "print(json.dumps([pin_cpu_kernels(), library_versions()['cpu_kernels'], "
    "{k: os.environ.get(k) for k in CPU_KERNELS}]))"
)

# Loads the bundled model the way an audit does and runs the encoder and the decoder once.
RUN_WHISPER = (
    "import numpy as np; from transcribe.engine import TranscribeOptions; "
    "model = TranscribeOptions().load_model(); "
    "noise = np.random.default_rng(0).normal(0, 0.05, 32000).astype(np.float32); "
    "segments, _ = model.transcribe(noise, language='en', beam_size=1, vad_filter=False); list(segments)"
)


def run(code: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in CPU_KERNELS}
    done = subprocess.run(
        [sys.executable, "-c", code], check=False, env={**clean, **env}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def probe(**env: str) -> list:
    return json.loads(run(PROBE, **env))


@x86_with_avx2
def test_kernels_are_pinned_to_avx2_when_nobody_chose_them() -> None:
    pinned, provenance, environment = probe()
    assert pinned == environment == PINNED
    # travels in every transcript
    assert provenance == "CT2_FORCE_CPU_ISA=AVX2 CT2_USE_MKL=0 ONEDNN_MAX_CPU_ISA=AVX2 MKL_CBWR=AVX2"


@x86_with_avx2
def test_an_operators_own_setting_is_kept_and_recorded() -> None:
    pinned, provenance, environment = probe(CT2_USE_MKL="1")
    assert pinned == environment == {**PINNED, "CT2_USE_MKL": "1"}
    assert "CT2_USE_MKL=1 " in provenance


@x86_with_avx2
@pytest.mark.slow
def test_whisper_runs_on_the_pinned_kernels() -> None:
    """The libraries obey: oneDNN reports AVX2 and does the matrix products (not MKL).

    Without the pins an Intel CPU does the products on MKL (no gemm_api lines) and an AVX-512
    CPU reports an AVX-512 ISA.
    """
    log = run(RUN_WHISPER, ONEDNN_VERBOSE="1").splitlines()
    isa = [line for line in log if line.startswith("onednn_verbose,info,cpu,isa:")]
    assert isa == ["onednn_verbose,info,cpu,isa:Intel AVX2"], isa
    executed = [line.split(",")[3] for line in log if line.startswith("onednn_verbose,exec,cpu,")]
    assert executed.count("gemm_api") > 100  # the encoder's and decoder's int8 products
    assert "convolution" in executed
