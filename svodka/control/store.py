"""`ControlStore`: the one way the rest of Svodka reads and writes the control DB.

Every public method is one short transaction and returns detached, immutable
records (see `records.py`), so callers never hold sessions or locks. Driver
errors come out as `ControlDBError` subclasses that name the database and say
what to do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, delete, exc, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from svodka.control import migrations
from svodka.control import validate as v
from svodka.control.crypto import SecretBox
from svodka.control.db import WRITE, create_control_engine, db_errors, describe, parse_url, safe_url
from svodka.control.errors import (
    ConnectionExistsError,
    ConnectionNotFoundError,
    ControlDBError,
    ControlDBSchemaError,
    RunNotFoundError,
    RunStateError,
)
from svodka.control.models import (
    CHECK_STATUSES,
    REVIEW_STATUSES,
    SEVERITIES,
    TASK_STATUSES,
    CheckResult,
    Connection,
    MatchReview,
    ProductLink,
    Run,
    Setting,
    StreamState,
    TaskRun,
)
from svodka.control.records import CheckInfo, ConnectionInfo, ReviewInfo, RunInfo, TaskInfo
from svodka.errors import ConfigError
from svodka.timeutil import utcnow

INTERRUPTED = "interrupted"
_CHECK_KEYS = {"check", "table", "severity", "status", "observed", "details", "checked_at"}


class ControlStore:
    """Connections, stream cursors, runs, task runs, check results and settings."""

    def __init__(
        self, url: str, secret_box: SecretBox, *, busy_timeout: float = 5.0, echo: bool = False
    ) -> None:
        """Prepare a store for `url` (sqlite:///… or postgresql+psycopg://…); `open()` connects."""
        self._url = parse_url(url)
        self._box = secret_box
        self._busy_timeout = busy_timeout
        self._echo = echo
        self._engine: Engine | None = None
        self._writer: Engine | None = None

    def __repr__(self) -> str:
        return f"ControlStore({safe_url(self._url)!r})"

    # --- lifecycle ------------------------------------------------------------

    def open(self, *, migrate: bool = True) -> ControlStore:
        """Create the engine and bring the schema to the newest revision; returns self.

        With `migrate=False` the schema must already be current (for processes that
        must not change it, e.g. read-only tools).
        """
        if self._engine is not None:
            return self
        engine = create_control_engine(self._url, busy_timeout=self._busy_timeout, echo=self._echo)
        try:
            if migrate:
                migrations.upgrade(engine)
            else:
                self._check_schema(engine)
        except BaseException:
            engine.dispose()
            raise
        self._engine = engine
        self._writer = engine.execution_options(**{WRITE: True})
        return self

    def close(self) -> None:
        """Release every pooled connection (and SQLite file handle)."""
        if self._engine is not None:
            self._engine.dispose()
        self._engine = self._writer = None

    def __enter__(self) -> ControlStore:
        return self.open()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (open stores only)."""
        if self._engine is None:
            raise ControlDBError("the control store is not open", hint="Call ControlStore.open() first.")
        return self._engine

    @staticmethod
    def _check_schema(engine: Engine) -> None:
        with db_errors(engine, "read the schema version"), engine.connect() as conn:
            current = migrations.current_revision(conn)
        if current != migrations.head_revision():
            raise ControlDBSchemaError(
                f"{describe(engine)} is at schema revision {current!r}, "
                f"expected {migrations.head_revision()!r}",
                hint="Run `svodka init` to apply the control DB migrations.",
            )

    @contextmanager
    def _session(self, action: str, *, write: bool = False) -> Iterator[Session]:
        """One transaction; writers take SQLite's write lock at BEGIN (see db.py)."""
        engine = self.engine
        bind = self._writer if write else engine
        with db_errors(engine, action), Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    def _upsert(
        self,
        session: Session,
        model: type[StreamState] | type[Setting] | type[ProductLink],
        keys: list[str],
        values: dict[str, Any],
        keep: tuple[str, ...] = (),
    ) -> None:
        # Both dialects spell INSERT … ON CONFLICT DO UPDATE the same way in SQLAlchemy;
        # `keep` columns keep their stored value on conflict (e.g. created_at).
        insert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        stmt = insert(model).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=keys,
            set_={k: stmt.excluded[k] for k in values if k not in keys and k not in keep},
        )
        session.execute(stmt)

    # --- connections ----------------------------------------------------------

    def add_connection(
        self,
        source: str,
        name: str,
        token: str,
        hosts: Mapping[str, str] | None = None,
        options: Mapping[str, Any] | None = None,
        *,
        replace: bool = False,
    ) -> ConnectionInfo:
        """Store a connection with its token encrypted.

        An existing `source`/`name` raises ConnectionExistsError unless `replace`; a
        replace keeps the id, the cursors and the paused flag, and keeps the current
        hosts/options where None is passed.
        """
        source, name = v.source(source), v.name(name)
        ciphertext = self._box.encrypt(v.token(token))
        new_hosts = v.hosts(hosts) if hosts is not None else None
        new_options = v.json_object(options, "options") if options is not None else None
        now = utcnow()
        try:
            with self._session(f"save connection {source}/{name}", write=True) as s:
                row = s.scalars(
                    select(Connection)
                    .where(Connection.source == source, Connection.name == name)
                    .with_for_update()
                ).one_or_none()
                if row is not None and not replace:
                    raise ConnectionExistsError(
                        f"connection {source}/{name} already exists",
                        hint=f"Use another --name, or --replace to change its token "
                        f"(`svodka connect {source} --name {name} --replace --token …`).",
                    )
                if row is None:
                    row = Connection(
                        source=source,
                        name=name,
                        paused=False,
                        created_at=now,
                        hosts=new_hosts or {},
                        options=new_options or {},
                    )
                    s.add(row)
                else:
                    row.hosts = new_hosts if new_hosts is not None else row.hosts
                    row.options = new_options if new_options is not None else row.options
                row.token_encrypted = ciphertext
                row.updated_at = now
                s.flush()
                return self._connection_info(row)
        except ControlDBError as err:
            if _is_integrity_error(err):  # a concurrent add of the same name won the race
                raise ConnectionExistsError(f"connection {source}/{name} already exists") from None
            raise

    def get_connection(self, source: str, name: str) -> ConnectionInfo:
        """The connection `source`/`name`, or ConnectionNotFoundError."""
        with self._session(f"read connection {source}/{name}") as s:
            return self._connection_info(self._find(s, source, name))

    def get_connection_by_id(self, connection_id: int) -> ConnectionInfo:
        """The connection with this id, or ConnectionNotFoundError."""
        with self._session(f"read connection {connection_id}") as s:
            row = s.get(Connection, connection_id)
            if row is None:
                raise ConnectionNotFoundError(f"no connection with id {connection_id}")
            return self._connection_info(row)

    def list_connections(self, source: str | None = None) -> list[ConnectionInfo]:
        """All connections (of one source if given), by source and name."""
        query = select(Connection).order_by(Connection.source, Connection.name)
        if source is not None:
            query = query.where(Connection.source == source)
        with self._session("list connections") as s:
            return [self._connection_info(row) for row in s.scalars(query)]

    def set_paused(self, source: str, name: str, paused: bool = True) -> ConnectionInfo:
        """Pause (the scheduler skips it) or resume a connection."""
        with self._session(f"pause connection {source}/{name}", write=True) as s:
            row = self._find(s, source, name)
            if row.paused != paused:
                row.paused, row.updated_at = paused, utcnow()
            s.flush()
            return self._connection_info(row)

    def remove_connection(self, source: str, name: str) -> None:
        """Delete a connection and its cursors; its runs stay in the history without it."""
        with self._session(f"remove connection {source}/{name}", write=True) as s:
            row = self._find(s, source, name)
            # Explicit, not only ON DELETE CASCADE: a SQLite opened elsewhere may have foreign keys off.
            s.execute(delete(StreamState).where(StreamState.connection_id == row.id))
            s.execute(update(Run).where(Run.connection_id == row.id).values(connection_id=None))
            s.delete(row)

    @staticmethod
    def _find(session: Session, source: str, name: str) -> Connection:
        row = session.scalars(
            select(Connection).where(Connection.source == source, Connection.name == name)
        ).one_or_none()
        if row is None:
            raise ConnectionNotFoundError(
                f"no connection {source}/{name}",
                hint=f"Add it with `svodka connect {source} --name {name} --token …`.",
            )
        return row

    def _connection_info(self, row: Connection) -> ConnectionInfo:
        return ConnectionInfo(
            id=row.id,
            source=row.source,
            name=row.name,
            hosts=dict(row.hosts),
            options=dict(row.options),
            paused=row.paused,
            created_at=row.created_at,
            updated_at=row.updated_at,
            token_encrypted=row.token_encrypted,
            _box=self._box,
        )

    @staticmethod
    def _require_connection(session: Session, connection_id: int) -> None:
        if session.get(Connection, connection_id) is None:
            raise ConnectionNotFoundError(f"no connection with id {connection_id}")

    # --- stream states --------------------------------------------------------

    def get_states(self, connection_id: int) -> dict[str, Any]:
        """{stream: state} as last committed for the connection ({} before its first sync)."""
        with self._session(f"read the cursors of connection {connection_id}") as s:
            self._require_connection(s, connection_id)
            rows = s.execute(
                select(StreamState.stream, StreamState.state).where(
                    StreamState.connection_id == connection_id
                )
            )
            return {stream: state for stream, state in rows}

    def commit_states(self, connection_id: int, states: Mapping[str, Any]) -> None:
        """Save the states of several streams in one transaction: all of them or none.

        A state of None forgets the stream's cursor (its next sync starts from scratch).
        States must be plain JSON (dates as ISO strings).
        """
        checked = {
            v.label(stream, "stream", 100): None
            if state is None
            else v.json_value(state, f"state of stream {stream!r}")
            for stream, state in states.items()
        }
        if not checked:
            return
        now = utcnow()
        with self._session(f"commit the cursors of connection {connection_id}", write=True) as s:
            self._require_connection(s, connection_id)
            for stream, state in checked.items():
                if state is None:
                    s.execute(
                        delete(StreamState).where(
                            StreamState.connection_id == connection_id, StreamState.stream == stream
                        )
                    )
                else:
                    self._upsert(
                        s,
                        StreamState,
                        ["connection_id", "stream"],
                        {"connection_id": connection_id, "stream": stream, "state": state, "updated_at": now},
                    )

    # --- runs and tasks -------------------------------------------------------

    def start_run(
        self, kind: str, connection_id: int | None = None, details: Mapping[str, Any] | None = None
    ) -> int:
        """Record a run as running and return its id."""
        row = Run(
            kind=v.kind(kind),
            connection_id=connection_id,
            status="running",
            started_at=utcnow(),
            details=v.json_object(details, "run details"),
        )
        with self._session(f"start a {kind} run", write=True) as s:
            if connection_id is not None:
                self._require_connection(s, connection_id)
            s.add(row)
            s.flush()
            return row.id

    def finish_run(
        self,
        run_id: int,
        status: str,
        rows: int | None = None,
        error: str | None = None,
        *,
        details: Mapping[str, Any] | None = None,
    ) -> RunInfo:
        """Mark a running run succeeded or failed; `details` are merged into the run's.

        Tasks of the run still marked running are failed: a finished run has none.
        """
        v.choice(status, ("succeeded", "failed"), "run status")
        rows, extra = v.rows(rows), v.json_object(details, "run details")
        now = utcnow()
        with self._session(f"finish run {run_id}", write=True) as s:
            run = self._running(s, run_id)
            run.status, run.finished_at, run.rows, run.error = status, now, rows, error
            if extra:
                run.details = {**run.details, **extra}
            s.execute(
                update(TaskRun)
                .where(TaskRun.run_id == run_id, TaskRun.status == "running")
                .values(
                    status="failed",
                    finished_at=now,
                    error=func.coalesce(TaskRun.error, "the run finished before this task did"),
                )
            )
            s.flush()
            return _run_info(run)

    def get_run(self, run_id: int) -> RunInfo:
        """One run by id, or RunNotFoundError."""
        with self._session(f"read run {run_id}") as s:
            run = s.get(Run, run_id)
            if run is None:
                raise RunNotFoundError(f"no run with id {run_id}")
            return _run_info(run)

    def list_runs(
        self,
        limit: int = 20,
        *,
        kind: str | None = None,
        connection_id: int | None = None,
        status: str | None = None,
    ) -> list[RunInfo]:
        """The newest runs first, optionally filtered."""
        query = select(Run).order_by(Run.started_at.desc(), Run.id.desc()).limit(limit)
        if kind is not None:
            query = query.where(Run.kind == kind)
        if connection_id is not None:
            query = query.where(Run.connection_id == connection_id)
        if status is not None:
            query = query.where(Run.status == status)
        with self._session("list runs") as s:
            return [_run_info(r) for r in s.scalars(query)]

    def start_task(self, run_id: int, task: str, stream: str | None = None) -> int:
        """Record a task of a running run as running (first try); return its id."""
        row = TaskRun(
            run_id=run_id,
            task=v.label(task, "task", 200),
            stream=None if stream is None else v.label(stream, "stream", 100),
            status="running",
            tries=1,
            started_at=utcnow(),
        )
        with self._session(f"start task {task} of run {run_id}", write=True) as s:
            self._running(s, run_id)
            s.add(row)
            s.flush()
            return row.id

    def retry_task(self, task_run_id: int, error: str | None = None) -> int:
        """Count one more try of a running task, noting why the previous one failed; return the tries."""
        with self._session(f"retry task run {task_run_id}", write=True) as s:
            task = self._running_task(s, task_run_id)
            task.tries += 1
            task.error = error
            return task.tries

    def finish_task(
        self, task_run_id: int, status: str, rows: int | None = None, error: str | None = None
    ) -> TaskInfo:
        """Mark a running task succeeded, failed or skipped."""
        v.choice(status, tuple(s for s in TASK_STATUSES if s != "running"), "task status")
        rows = v.rows(rows)
        with self._session(f"finish task run {task_run_id}", write=True) as s:
            task = self._running_task(s, task_run_id)
            task.status, task.finished_at, task.rows = status, utcnow(), rows
            # A success after retries drops the last try's error; a failure without a new one keeps it.
            if error is not None or status == "succeeded":
                task.error = error
            s.flush()
            return _task_info(task)

    def list_tasks(self, run_id: int) -> list[TaskInfo]:
        """The tasks of a run in the order they started."""
        with self._session(f"list the tasks of run {run_id}") as s:
            query = select(TaskRun).where(TaskRun.run_id == run_id).order_by(TaskRun.id)
            return [_task_info(t) for t in s.scalars(query)]

    def mark_interrupted_runs(self, *, started_before: datetime | None = None) -> int:
        """Fail every run (and its tasks) still marked running, with error "interrupted".

        For crash recovery at start-up: call it only from the process that owns the
        workspace, when no other process can be running jobs (with a shared
        PostgreSQL, pass `started_before` to spare runs that may be alive).
        Returns how many runs it marked.
        """
        now = utcnow()
        with self._session("mark interrupted runs", write=True) as s:
            query = select(Run.id).where(Run.status == "running")
            if started_before is not None:
                query = query.where(Run.started_at < started_before)
            ids = list(s.scalars(query.with_for_update()))
            if ids:
                s.execute(
                    update(Run)
                    .where(Run.id.in_(ids))
                    .values(status="failed", finished_at=now, error=INTERRUPTED)
                )
                s.execute(
                    update(TaskRun)
                    .where(TaskRun.run_id.in_(ids), TaskRun.status == "running")
                    .values(status="failed", finished_at=now, error=INTERRUPTED)
                )
            return len(ids)

    @staticmethod
    def _running(session: Session, run_id: int) -> Run:
        run = session.get(Run, run_id, with_for_update=True)
        if run is None:
            raise RunNotFoundError(f"no run with id {run_id}")
        if run.status != "running":
            raise RunStateError(f"run {run_id} has already finished ({run.status})")
        return run

    @staticmethod
    def _running_task(session: Session, task_run_id: int) -> TaskRun:
        task = session.get(TaskRun, task_run_id, with_for_update=True)
        if task is None:
            raise RunNotFoundError(f"no task run with id {task_run_id}")
        if task.status != "running":
            raise RunStateError(f"task run {task_run_id} ({task.task}) has already finished ({task.status})")
        return task

    # --- data checks ----------------------------------------------------------

    def record_checks(self, run_id: int | None, results: Iterable[Mapping[str, Any]]) -> int:
        """Store check results; returns how many.

        Each result has `check`, `table`, `severity` (error/warn), `status` (pass/fail)
        and optionally `observed` (a number), `details` (a mapping; Decimals and dates
        are stored as strings) and `checked_at` (aware datetime; default now).
        """
        now = utcnow()
        rows = [_check_row(run_id, r, now, i) for i, r in enumerate(results)]
        if not rows:
            return 0
        with self._session(f"record {len(rows)} check results", write=True) as s:
            if run_id is not None and s.get(Run, run_id) is None:
                raise RunNotFoundError(f"no run with id {run_id}")
            s.add_all(rows)
        return len(rows)

    def latest_checks(self, *, table: str | None = None) -> list[CheckInfo]:
        """The newest result of every (check, table) pair, by table and check."""
        newest = select(func.max(CheckResult.id)).group_by(CheckResult.check_name, CheckResult.table_name)
        if table is not None:
            newest = newest.where(CheckResult.table_name == table)
        query = (
            select(CheckResult)
            .where(CheckResult.id.in_(newest))
            .order_by(CheckResult.table_name, CheckResult.check_name)
        )
        with self._session("read the latest check results") as s:
            return [_check_info(c) for c in s.scalars(query)]

    # --- settings -------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A setting's value, or `default` if it was never set."""
        with self._session(f"read setting {key}") as s:
            row = s.get(Setting, key)
            return default if row is None else row.value

    def set_setting(self, key: str, value: Any) -> None:
        """Set a setting to a JSON value (not None: that reads back as unset)."""
        if value is None:
            raise ValueError(f"setting {key!r}: None is not a value (it reads back as unset)")
        value = v.json_value(value, f"setting {key!r}")
        with self._session(f"save setting {key}", write=True) as s:
            self._upsert(
                s,
                Setting,
                ["key"],
                {"key": v.label(key, "setting key", 100), "value": value, "updated_at": utcnow()},
            )

    # -- identity: manual links and the review queue ---------------------------------

    def set_link(self, item: str, product_id: str | None, note: str = "") -> None:
        """Link `item` to `product_id` by hand (None: unlink it); it wins over every automatic match."""
        now = utcnow()
        values = {
            "item": v.label(item, "item", 300),
            "product_id": None if product_id is None else v.label(product_id, "product id", 200),
            "note": note,
            "created_at": now,
            "updated_at": now,
        }
        with self._session(f"save the link of {item}", write=True) as s:
            self._upsert(s, ProductLink, ["item"], values, keep=("created_at",))
            # a settled item leaves the review queue: its candidate is accepted, the others rejected
            open_ = (MatchReview.item == item, MatchReview.status == "open")
            s.execute(
                update(MatchReview)
                .where(*open_, MatchReview.product_id == product_id)
                .values(status="accepted", resolved_at=now)
            )
            s.execute(update(MatchReview).where(*open_).values(status="rejected", resolved_at=now))

    def remove_link(self, item: str) -> bool:
        """Forget a manual link or unlink (the item is matched automatically again); False if none."""
        with self._session(f"remove the link of {item}", write=True) as s:
            return s.execute(delete(ProductLink).where(ProductLink.item == item)).rowcount > 0

    def manual_links(self, prefix: str = "") -> dict[str, str | None]:
        """Manual links by item (None = manually unlinked), optionally of items starting with `prefix`."""
        with self._session("read manual links") as s:
            q = select(ProductLink.item, ProductLink.product_id)
            if prefix:
                q = q.where(ProductLink.item.startswith(prefix, autoescape=True))
            return {item: product for item, product in s.execute(q)}

    def queue_review(
        self,
        item: str,
        product_id: str,
        method: str,
        confidence: float,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        """Ask a person about `item` → `product_id`; a pair already decided stays decided."""
        now = utcnow()
        values = {
            "item": v.label(item, "item", 300),
            "product_id": v.label(product_id, "product id", 200),
            "method": v.label(method, "method", 32),
            "confidence": float(confidence),
            "status": "open",
            "details": v.json_object(details, "review details"),
            "created_at": now,
            "resolved_at": None,
        }
        with self._session(f"queue a review of {item}", write=True) as s:
            exists = s.scalar(
                select(MatchReview.id).where(MatchReview.item == item, MatchReview.product_id == product_id)
            )
            if exists is None:
                s.add(MatchReview(**values))

    def reviews(self, status: str | None = "open", limit: int = 100) -> list[ReviewInfo]:
        """Reviews with `status` (None: all), most confident first."""
        with self._session("read the review queue") as s:
            q = select(MatchReview).order_by(MatchReview.confidence.desc(), MatchReview.id).limit(limit)
            if status is not None:
                q = q.where(MatchReview.status == v.choice(status, REVIEW_STATUSES, "review status"))
            return [_review_info(r) for r in s.scalars(q)]

    def resolve_review(self, review_id: int, accept: bool) -> ReviewInfo:
        """Accept (a manual link is stored) or reject (the pair is never proposed again) a review."""
        with self._session(f"read review {review_id}") as s:
            row = s.get(MatchReview, review_id)
            if row is None:
                raise ConfigError(f"no review {review_id}", hint="`svodka match review` lists the open ones.")
            item, product = row.item, row.product_id
        if accept:
            self.set_link(item, product, note=f"review {review_id}")
        with self._session(f"resolve review {review_id}", write=True) as s:
            row = s.get(MatchReview, review_id)
            row.status = "accepted" if accept else "rejected"
            row.resolved_at = row.resolved_at or utcnow()
            s.flush()
            return _review_info(row)


def _review_info(r: MatchReview) -> ReviewInfo:
    return ReviewInfo(
        r.id,
        r.item,
        r.product_id,
        r.method,
        r.confidence,
        r.status,
        dict(r.details),
        r.created_at,
        r.resolved_at,
    )


def _is_integrity_error(err: ControlDBError) -> bool:
    return isinstance(err.__cause__, exc.IntegrityError)


def _check_row(run_id: int | None, result: Mapping[str, Any], now: datetime, index: int) -> CheckResult:
    unknown = set(result) - _CHECK_KEYS
    missing = {"check", "table", "severity", "status"} - set(result)
    if unknown or missing:
        raise ValueError(
            f"check result #{index}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}"
        )
    checked_at = result.get("checked_at") or now
    if not isinstance(checked_at, datetime) or checked_at.tzinfo is None:
        raise ValueError(f"check result #{index}: checked_at must be a timezone-aware datetime")
    return CheckResult(
        run_id=run_id,
        check_name=v.label(result["check"], "check name", 200),
        table_name=v.label(result["table"], "table name", 200),
        severity=v.choice(result["severity"], SEVERITIES, "severity"),
        status=v.choice(result["status"], CHECK_STATUSES, "check status"),
        observed=v.observed(result.get("observed")),
        details=v.json_object(v.jsonable(result.get("details") or {}), "check details"),
        checked_at=checked_at,
    )


def _run_info(r: Run) -> RunInfo:
    return RunInfo(
        id=r.id,
        kind=r.kind,
        connection_id=r.connection_id,
        status=r.status,
        started_at=r.started_at,
        finished_at=r.finished_at,
        rows=r.rows,
        error=r.error,
        details=dict(r.details),
    )


def _task_info(t: TaskRun) -> TaskInfo:
    return TaskInfo(
        id=t.id,
        run_id=t.run_id,
        task=t.task,
        stream=t.stream,
        status=t.status,
        tries=t.tries,
        started_at=t.started_at,
        finished_at=t.finished_at,
        rows=t.rows,
        error=t.error,
    )


def _check_info(c: CheckResult) -> CheckInfo:
    return CheckInfo(
        id=c.id,
        run_id=c.run_id,
        check=c.check_name,
        table=c.table_name,
        severity=c.severity,
        status=c.status,
        observed=c.observed,
        details=dict(c.details),
        checked_at=c.checked_at,
    )
