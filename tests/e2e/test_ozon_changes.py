"""Ozon facts that change after the fact, and the Performance API's token and report flow."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from .conftest import Env
from .truth import assert_matches_truth


def test_a_posting_whose_status_changes_is_updated_not_duplicated(env: Env) -> None:
    now = env.now()
    earlier = now - timedelta(days=3)
    env.srv.set_now(earlier)
    env.sync(earlier)
    assert env.build().ok
    first = dict(
        env.wh.rows(
            "SELECT posting_number, status FROM ods.ozon_postings"
            " WHERE status NOT IN ('delivered', 'cancelled') ORDER BY posting_number"
        )
    )
    assert first, "some postings must still be on their way at the first sync"

    env.srv.set_now(now)
    env.sync(now)
    assert env.build().ok
    latest = dict(
        env.wh.rows(
            "SELECT posting_number, argMax(status, fetched_at) FROM ods.ozon_postings"
            " WHERE posting_number IN {p:Array(String)} GROUP BY posting_number",
            {"p": list(first)},
        )
    )
    changed = [p for p in first if latest[p] != first[p]]
    assert changed, "some of them must have moved on by the second sync"
    # ods keeps both versions; the fact holds one row per posting line, in its latest state
    versions = dict(
        env.wh.rows(
            "SELECT posting_number, uniqExact(status) FROM ods.ozon_postings"
            " WHERE posting_number IN {p:Array(String)} GROUP BY posting_number",
            {"p": changed},
        )
    )
    assert all(versions[p] >= 2 for p in changed)
    facts = env.wh.rows(
        "SELECT splitByChar('/', order_id)[1] AS posting, count(), any(is_cancel) FROM dwh.fct_orders"
        " WHERE marketplace = 'ozon' AND posting IN {p:Array(String)} GROUP BY posting",
        {"p": changed},
    )
    assert len(facts) == len(changed)
    for posting, rows, is_cancel in facts:
        assert rows == 1 and is_cancel == (latest[posting] == "cancelled")
    assert_matches_truth(env, now)


def test_an_expired_ads_token_is_refreshed_and_a_pending_report_is_polled(env: Env) -> None:
    now = env.now()
    env.srv.ozon_perf_token_max_requests = 3  # the token dies every third request, mid-sync
    env.srv.task_polls = 4  # each report answers NOT_STARTED / IN_PROGRESS four times first
    env.sync(now, source="ozon_perf")
    perf = [r for r in env.srv.requests if "/ozon/api-performance/" in r.path]
    tokens = [r for r in perf if r.path.endswith("/api/client/token")]
    assert len(tokens) >= 3  # refreshed, not failed
    assert any(r.status == 401 for r in perf)  # it did expire mid-sync
    polls = Counter(
        r.path
        for r in perf
        if "/api/client/statistics/" in r.path and r.method == "GET" and "report" not in r.path
    )
    assert polls and min(polls.values()) >= 4
    env.sync(now)
    assert env.build().ok
    assert_matches_truth(env, now)
