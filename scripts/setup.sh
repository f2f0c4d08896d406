#!/usr/bin/env bash
# Install everything callaudit needs on a fresh Debian machine (run as root, or with sudo available).
# Idempotent: a second run installs nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  ffmpeg sox libsox-fmt-all                            # decoding/rendering phone audio
  asterisk-core-sounds-en-wav asterisk-core-sounds-en  # real 8 kHz speech + texts, for tests/bench
  festival festvox-us-slt-hts festvox-kdlpc16k flite   # offline TTS, to regenerate example calls
  postgresql                                           # the store's PostgreSQL tests
  gcc python3-dev                                      # the C passes over a call's words (setup.py)
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup: installing callaudit and its pinned Python dependencies"
# constraints.txt pins every transitive package to the set CI was green with.
PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[dev]"
python3 -c "import callaudit, transcribe, checks"
python3 -c "from checks.wordpass import NATIVE; NATIVE or print('setup: checks/_wordpass.c did not build (pip install -v -e . shows why): checks run in Python, slower')"
python3 -c "from transcribe import model; model._c_rows or print('setup: transcribe/_columns.c did not build (pip install -v -e . shows why): stored calls load in Python, slower')"
echo "setup: done"
