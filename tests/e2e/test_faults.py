"""Syncs under faults: retries converge to the clean result; fatal faults leave everything as it was."""

from __future__ import annotations

import logging

import pytest

from svodka.errors import SvodkaError
from svodka.sandbox import Faults

from .conftest import ALL_TABLES, Env
from .truth import assert_matches_truth


def test_retriable_faults_give_the_same_result(env: Env, caplog: pytest.LogCaptureFixture) -> None:
    now = env.now()
    env.srv.faults = Faults(
        seed=3, rate_429=0.15, rate_5xx=0.1, timeout_rate=0.05, timeout_s=3.0, truncate_rate=0.1
    )
    with caplog.at_level(logging.WARNING, logger="svodka.sources.http"):
        env.sync(now)
    for prefix in ("/wb/", "/ozon/api-seller/"):  # both marketplaces were hit, and recovered
        statuses = {r.status for r in env.srv.requests if r.path.startswith(prefix)}
        assert 429 in statuses and statuses & {500, 502, 503}, prefix
    retried = caplog.text
    assert "timed out" in retried and "not valid JSON" in retried
    report = env.build()
    assert report.ok
    assert_matches_truth(env, now)


def test_an_added_field_is_kept_in_raw_and_breaks_nothing(env: Env) -> None:
    now = env.now()
    env.srv.faults = Faults(add_field={"newFieldFrom2027": "x"})
    env.sync(now)
    report = env.build()
    assert report.ok
    assert (
        env.wh.scalar(
            "SELECT countIf(JSONHas(payload, 'newFieldFrom2027')) FROM raw.records WHERE stream = 'wb_sales'"
        )
        > 0
    )
    assert_matches_truth(env, now)


def _state(env: Env, source: str = "wb") -> tuple:
    conn = env.ws.control.get_connection(source, "main")
    return env.checksums(ALL_TABLES), env.ws.control.get_states(conn.id), env.checksum("raw.records")


@pytest.mark.parametrize("source", ["wb", "ozon"])
def test_a_revoked_token_stops_with_a_clear_error_and_changes_nothing(env: Env, source: str) -> None:
    now = env.now()
    env.sync(now)
    env.build()
    before = _state(env, source)
    secret = env.srv.token if source == "wb" else env.srv.ozon_api_key
    env.srv.faults = Faults(revoke_after=3)
    with pytest.raises(SvodkaError) as info:
        env.sync(now, source=source)
    message = str(info.value)
    assert f"{source}/main" in message or f"{source}:main" in message
    assert any(w in message.lower() for w in ("token", "key"))
    assert secret not in message
    env.build()
    assert _state(env, source) == before
    runs = env.ws.control.list_runs(limit=1, kind="sync")
    assert runs[0].status == "failed" and source in (runs[0].error or "")
    tasks = env.ws.control.list_tasks(runs[0].id)
    failed = [t for t in tasks if t.status == "failed"]
    assert len(failed) == 1 and failed[0].stream and failed[0].error
    assert all(t.status == "succeeded" for t in tasks if t is not failed[0])
    assert secret not in (runs[0].error or "")


def test_a_renamed_field_fails_loudly_naming_stream_record_and_field(env: Env) -> None:
    now = env.now()
    env.sync(now)
    env.build()
    before = _state(env)
    env.srv.faults = Faults(rename_field=("priceWithDisc", "priceWithDiscount"))
    with pytest.raises(SvodkaError) as info:
        env.sync(now, source="wb")
    message = str(info.value)
    assert "priceWithDisc" in message
    assert "wb_orders" in message or "wb_sales" in message
    assert "record" in message
    env.build()
    assert _state(env) == before
