"""Runs and task runs: lifecycle, retries, listing, and recovery after a crash."""

from __future__ import annotations

import threading
import time
from datetime import UTC, timedelta

import pytest

from svodka.control import (
    INTERRUPTED,
    ConnectionNotFoundError,
    ControlStore,
    RunNotFoundError,
    RunStateError,
    SecretBox,
)
from svodka.timeutil import utcnow


def test_run_lifecycle(store: ControlStore) -> None:
    cid = store.add_connection("wb", "main", "wb-token-0123456789abcdefghij").id
    run_id = store.start_run("sync", cid, {"streams": ["orders", "sales"]})
    run = store.get_run(run_id)
    assert (run.kind, run.connection_id, run.status) == ("sync", cid, "running")
    assert run.started_at.tzinfo == UTC and run.finished_at is None and run.duration is None
    assert run.details == {"streams": ["orders", "sales"]}

    done = store.finish_run(run_id, "succeeded", rows=1234, details={"pages": 7})
    assert done.status == "succeeded" and done.rows == 1234 and done.error is None
    assert done.finished_at is not None and done.finished_at >= done.started_at
    assert done.duration is not None and done.duration >= timedelta(0)
    assert done.details == {"streams": ["orders", "sales"], "pages": 7}
    assert store.get_run(run_id) == done


def test_failed_run_keeps_its_error(store: ControlStore) -> None:
    run_id = store.start_run("build")
    run = store.finish_run(run_id, "failed", error="ModelError: mart_sales: unknown column")
    assert run.status == "failed" and run.error == "ModelError: mart_sales: unknown column"
    assert run.connection_id is None


def test_a_run_finishes_once(store: ControlStore) -> None:
    run_id = store.start_run("export")
    store.finish_run(run_id, "succeeded")
    with pytest.raises(RunStateError, match=f"run {run_id} has already finished"):
        store.finish_run(run_id, "failed", error="late")
    assert store.get_run(run_id).status == "succeeded"


def test_bad_arguments(store: ControlStore) -> None:
    run_id = store.start_run("sync")
    with pytest.raises(ValueError, match="run status"):
        store.finish_run(run_id, "running")
    with pytest.raises(ValueError, match="row count"):
        store.finish_run(run_id, "succeeded", rows=-1)
    with pytest.raises(ValueError, match="run kind"):
        store.start_run("Sync All")
    with pytest.raises(RunNotFoundError):
        store.finish_run(10_000, "succeeded")
    with pytest.raises(RunNotFoundError):
        store.get_run(10_000)
    with pytest.raises(ConnectionNotFoundError):
        store.start_run("sync", connection_id=10_000)


def test_task_lifecycle_with_retries(store: ControlStore) -> None:
    run_id = store.start_run("sync")
    extract = store.start_task(run_id, "extract:wb/main", "orders")
    build = store.start_task(run_id, "build:ods")
    assert store.retry_task(extract, "429 Too Many Requests") == 2
    assert store.retry_task(extract, "502 Bad Gateway") == 3
    ok = store.finish_task(extract, "succeeded", rows=500)
    assert (ok.status, ok.tries, ok.rows, ok.error) == ("succeeded", 3, 500, None)
    assert ok.stream == "orders" and ok.finished_at is not None and ok.finished_at.tzinfo == UTC
    skipped = store.finish_task(build, "skipped", error="upstream failed")
    assert skipped.status == "skipped" and skipped.tries == 1 and skipped.stream is None
    assert [t.id for t in store.list_tasks(run_id)] == [extract, build]
    with pytest.raises(RunStateError, match="already finished"):
        store.finish_task(extract, "failed")
    with pytest.raises(RunStateError):
        store.retry_task(extract)
    with pytest.raises(ValueError, match="task status"):
        store.finish_task(store.start_task(run_id, "x"), "running")


def test_a_failed_task_keeps_the_last_error(store: ControlStore) -> None:
    run_id = store.start_run("sync")
    task = store.start_task(run_id, "extract", "sales")
    store.retry_task(task, "timeout after 30 s")
    assert store.finish_task(task, "failed").error == "timeout after 30 s"


def test_tasks_need_a_running_run(store: ControlStore) -> None:
    run_id = store.start_run("sync")
    store.finish_run(run_id, "failed", error="boom")
    with pytest.raises(RunStateError):
        store.start_task(run_id, "extract")
    with pytest.raises(RunNotFoundError):
        store.start_task(10_000, "extract")
    with pytest.raises(RunNotFoundError):
        store.finish_task(10_000, "succeeded")


def test_finishing_a_run_fails_its_running_tasks(store: ControlStore) -> None:
    run_id = store.start_run("sync")
    done = store.start_task(run_id, "a")
    store.finish_task(done, "succeeded")
    left = store.start_task(run_id, "b")
    store.finish_run(run_id, "failed", error="worker lost")
    tasks = {t.id: t for t in store.list_tasks(run_id)}
    assert tasks[done].status == "succeeded"
    assert tasks[left].status == "failed" and tasks[left].error == "the run finished before this task did"


def test_list_runs_newest_first_with_filters(store: ControlStore) -> None:
    cid = store.add_connection("ozon", "main", "ozon-key-0123456789abcdefghij").id
    kinds = ("sync", "build", "sync", "check")
    ids = [store.start_run(kind, cid if kind == "sync" else None) for kind in kinds]
    store.finish_run(ids[0], "succeeded")
    assert [r.id for r in store.list_runs()] == ids[::-1]
    assert [r.id for r in store.list_runs(limit=2)] == ids[:1:-1]
    assert [r.id for r in store.list_runs(kind="sync")] == [ids[2], ids[0]]
    assert [r.id for r in store.list_runs(connection_id=cid, status="running")] == [ids[2]]


def test_mark_interrupted_runs(store: ControlStore) -> None:
    finished = store.start_run("sync")
    finished_task = store.start_task(finished, "extract")
    store.finish_task(finished_task, "succeeded")
    store.finish_run(finished, "succeeded")
    crashed = store.start_run("sync")
    crashed_task = store.start_task(crashed, "extract", "orders")
    crashed_done_task = store.start_task(crashed, "extract", "sales")
    store.finish_task(crashed_done_task, "succeeded", rows=3)
    crashed_too = store.start_run("build")

    assert store.mark_interrupted_runs() == 2
    for run_id in (crashed, crashed_too):
        run = store.get_run(run_id)
        assert (run.status, run.error) == ("failed", INTERRUPTED) and run.finished_at is not None
    tasks = {t.id: t for t in store.list_tasks(crashed)}
    assert (tasks[crashed_task].status, tasks[crashed_task].error) == ("failed", INTERRUPTED)
    assert tasks[crashed_done_task].status == "succeeded"
    assert store.get_run(finished).status == "succeeded" and store.get_run(finished).error is None
    assert store.mark_interrupted_runs() == 0


def test_mark_interrupted_runs_spares_recent_ones(store: ControlStore) -> None:
    old = store.start_run("sync")
    time.sleep(0.01)  # distinct microsecond timestamps on both sides of the cutoff
    cutoff = utcnow()
    time.sleep(0.01)
    new = store.start_run("sync")
    assert store.mark_interrupted_runs(started_before=cutoff) == 1
    assert store.get_run(old).status == "failed"
    assert store.get_run(new).status == "running"


def test_runs_from_many_threads(db_url: str, box: SecretBox) -> None:
    # The embedded scheduler records runs from worker threads; none may fail on a lock.
    errors: list[BaseException] = []
    with ControlStore(db_url, box, busy_timeout=10) as store:

        def work(n: int) -> None:
            try:
                for i in range(10):
                    run_id = store.start_run("sync", details={"worker": n, "i": i})
                    task = store.start_task(run_id, f"t{n}")
                    store.finish_task(task, "succeeded", rows=i)
                    store.finish_run(run_id, "succeeded", rows=i)
            except BaseException as err:
                errors.append(err)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        runs = store.list_runs(limit=100)
        assert len(runs) == 60 and {r.status for r in runs} == {"succeeded"}


def test_runs_survive_reopening_and_crash_recovery(db_url: str, box: SecretBox) -> None:
    with ControlStore(db_url, box) as s:
        run_id = s.start_run("sync")
    # A new process after the crash: the old run is still "running" until recovered.
    with ControlStore(db_url, box) as s:
        assert s.get_run(run_id).status == "running"
        assert s.mark_interrupted_runs() == 1
        assert s.get_run(run_id).error == INTERRUPTED
