"""The CPU kernels Whisper runs on are pinned, so an audit does not depend on the server.

CTranslate2 and MKL otherwise choose kernels by the CPU, and on this project's VM the
AVX-512 and AVX2 kernels gave different words for the same held-out call (README,
"Same words on every server"). Each case runs in a fresh process: both libraries read
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

PROBE = (
    "import json, os; from transcribe.engine import library_versions, pin_cpu_kernels; "
    "print(json.dumps([pin_cpu_kernels(), library_versions()['cpu_kernels'], "
    "{k: os.environ.get(k) for k in ('CT2_FORCE_CPU_ISA', 'MKL_CBWR')}]))"
)


def probe(**env: str) -> list:
    clean = {k: v for k, v in os.environ.items() if k not in CPU_KERNELS}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@x86_with_avx2
def test_kernels_are_pinned_to_avx2_when_nobody_chose_them() -> None:
    pinned, provenance, environment = probe()
    assert pinned == environment == {"CT2_FORCE_CPU_ISA": "AVX2", "MKL_CBWR": "AVX2"}
    assert provenance == "CT2_FORCE_CPU_ISA=AVX2 MKL_CBWR=AVX2"  # travels in every transcript


@x86_with_avx2
def test_an_operators_own_setting_is_kept_and_recorded() -> None:
    pinned, provenance, environment = probe(MKL_CBWR="COMPATIBLE")
    assert pinned == environment == {"CT2_FORCE_CPU_ISA": "AVX2", "MKL_CBWR": "COMPATIBLE"}
    assert provenance == "CT2_FORCE_CPU_ISA=AVX2 MKL_CBWR=COMPATIBLE"
