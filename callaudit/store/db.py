"""Open an audit store by URL: a SQLite file by default, PostgreSQL for a shared, concurrent store."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from callaudit.store import migrate

DEFAULT_DB_URL = "sqlite:///callaudit.db"
SQLITE_BUSY_SECONDS = 60

_stores: dict[str, Store] = {}
_lock = threading.Lock()


class StoreError(RuntimeError):
    """The store cannot be opened (bad URL, server down, newer schema than this code)."""


class Store:
    """An engine on one database plus transactions on it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Writers take SQLite's write lock when they begin, so they queue on the busy timeout
        # instead of failing when two of them try to upgrade a read lock at once.
        self._writers = sessionmaker(engine.execution_options(begin_immediate=True), expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits together at the end of the block, or not at all."""
        with self._writers.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session


def open_store(url: str = DEFAULT_DB_URL) -> Store:
    """The store at ``url``, its schema upgraded to this code's head. One engine per URL per process."""
    with _lock:
        store = _stores.get(url)
        if store is None:
            store = Store(_create_engine(url))
            try:
                migrate.upgrade(store.engine)
            except Exception as exc:
                store.engine.dispose()
                raise StoreError(f"cannot open the audit store {store.url}: {exc}") from exc
            _stores[url] = store
        return store


def close_stores() -> None:
    """Dispose every engine this process opened (tests; forked workers)."""
    with _lock:
        for store in _stores.values():
            store.engine.dispose()
        _stores.clear()


def _create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StoreError(
            f"not a database URL: {url!r} (e.g. sqlite:///callaudit.db or postgresql://user:pass@host/db)"
        ) from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # unknown dialect, missing driver
        raise StoreError(
            f"cannot use the database URL {parsed.render_as_string(hide_password=True)}: {exc}. "
            f"The audit store runs on sqlite:///FILE or postgresql://USER:PASS@HOST/DB"
        ) from exc


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    # WAL lets readers (the CLI, the UI) work while a run writes; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """Set WAL mode, retrying while another connection holds the lock the switch needs.

    Switching needs an exclusive lock that SQLite refuses at once, without waiting on the busy
    timeout, while another connection reads or switches; processes opening a new store together
    then hit "database is locked" here. Retry until the busy timeout a writer would have waited.
    """
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    pause = 0.01
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _sqlite_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("begin_immediate")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def upsert(
    session: Session,
    table: Any,
    values: dict[str, Any],
    keys: tuple[str, ...],
    update: tuple[str, ...] | None = None,
    also_set: dict[str, Any] | None = None,
) -> None:
    """INSERT or, when a row with the same ``keys`` exists, UPDATE its ``update`` columns (None: do nothing).

    ``also_set`` adds SQL expressions to the UPDATE, e.g. ``{"failures": Call.failures + 1}``.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        stmt = sqlite.insert(table).values(**values)
    elif dialect == "postgresql":
        stmt = postgresql.insert(table).values(**values)
    else:  # pragma: no cover - other databases are not supported
        raise StoreError(f"the audit store supports SQLite and PostgreSQL, not {dialect}")
    if update or also_set:
        stmt = stmt.on_conflict_do_update(
            index_elements=list(keys),
            set_={name: stmt.excluded[name] for name in update or ()} | (also_set or {}),
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
    session.execute(stmt)
