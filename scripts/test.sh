#!/usr/bin/env bash
# Set up a fresh machine and run the whole test suite (real Whisper, real audio, real databases).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec python3 -m pytest "$@"
