"""A spent MPStats quota stops the sync with a clear message; what was read is kept and resumed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from svodka.errors import ResumableStop

from .conftest import Env


def _connect(env: Env, truth) -> None:
    paths = {mp: sorted({p for (m, _), p in truth.category.items() if m == mp}) for mp in ("wb", "oz")}
    env.ws.control.add_connection(
        "mpstats",
        "main",
        env.srv.mpstats_token,
        options={
            "base_url": env.srv.mpstats_base_url,
            "wb_categories": paths["wb"],
            "oz_categories": paths["oz"],
            "history_days": 20,
            "window_days": 7,
            "max_items": 10_000,
            "poll_interval": 0.0,
        },
        replace=True,
    )


def _items_read(env: Env) -> int:
    return env.wh.scalar(
        "SELECT count() FROM raw.records WHERE stream IN ('mpstats_wb_item_sales', 'mpstats_oz_item_sales')"
    )


def test_a_spent_quota_keeps_what_was_read_and_the_next_day_resumes(env: Env) -> None:
    now = env.now()
    truth = env.srv.world.ground_truth(now).mpstats
    _connect(env, truth)
    env.srv.mpstats.quota = 40
    with pytest.raises(ResumableStop, match="quota spent") as info:
        env.sync(now, source="mpstats")
    assert env.srv.mpstats_token not in str(info.value)
    conn = env.ws.control.get_connection("mpstats", "main")
    kept = env.wh.scalar("SELECT count() FROM raw.records WHERE startsWith(stream, 'mpstats_')")
    assert kept > 0 and env.ws.control.get_states(conn.id)  # read pages and their cursors kept
    run = env.ws.control.list_runs(limit=1, kind="sync")[0]
    assert run.status == "failed" and "quota" in (run.error or "")

    later = now + timedelta(days=1)  # a new Moscow day renews the plan's quota
    env.srv.set_now(later)
    env.srv.mpstats.quota = 100_000
    env.sync(later, source="mpstats")
    again = env.wh.scalar("SELECT count() FROM raw.records WHERE startsWith(stream, 'mpstats_')")
    assert again > kept
    # nothing was read twice: every (item, day) sales row is in raw once
    dupes = env.wh.scalar(
        "SELECT count() FROM (SELECT stream, JSONExtractString(meta, 'item_id') AS item,"
        " JSONExtractString(payload, 'data') AS day, count() AS n FROM raw.records"
        " WHERE stream IN ('mpstats_wb_item_sales', 'mpstats_oz_item_sales')"
        " GROUP BY stream, item, day HAVING n > 1)"
    )
    assert dupes == 0 and _items_read(env) > 0
