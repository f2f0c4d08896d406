"""callaudit: audit every recorded collections call against open, tested rule packs."""

__version__ = "0.1.0"
