#!/usr/bin/env bash
# Set up a fresh machine and audit the bundled example calls into a SQLite store.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB="sqlite:///$(pwd)/callaudit-demo.db"
callaudit audit examples/calls --db "$DB"
echo
callaudit findings --db "$DB" --format table
