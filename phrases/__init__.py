"""Rule packs as data: one folder per pack, one YAML file per rule (see docs/RULES.md)."""

from pathlib import Path

PACKS_DIR = Path(__file__).resolve().parent

__all__ = ["PACKS_DIR"]
