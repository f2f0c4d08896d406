"""Alembic migrations of the audit store, run from code by ``callaudit.store.migrate``."""
