"""Data-check results and settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from svodka.control import ControlStore, RunNotFoundError


def _result(check: str, table: str, status: str = "pass", **extra: object) -> dict:
    return {"check": check, "table": table, "severity": "error", "status": status, **extra}


def test_record_and_read_the_latest_per_check_and_table(store: ControlStore) -> None:
    first = store.start_run("check")
    assert (
        store.record_checks(
            first,
            [
                _result("not_null:order_id", "dwh.fct_orders", "fail", observed=3),
                _result("unique:sku", "dwh.dim_product"),
                {
                    "check": "freshness",
                    "table": "raw.stg_wb_orders",
                    "severity": "warn",
                    "status": "fail",
                    "observed": 26.5,
                    "details": {"max_lag_hours": 24},
                },
            ],
        )
        == 3
    )
    second = store.start_run("check")
    store.record_checks(second, [_result("not_null:order_id", "dwh.fct_orders", "pass", observed=0)])

    latest = store.latest_checks()
    assert [(c.table, c.check, c.status) for c in latest] == [
        ("dwh.dim_product", "unique:sku", "pass"),
        ("dwh.fct_orders", "not_null:order_id", "pass"),
        ("raw.stg_wb_orders", "freshness", "fail"),
    ]
    by_check = {c.check: c for c in latest}
    assert by_check["not_null:order_id"].run_id == second and by_check["not_null:order_id"].observed == 0.0
    fresh = by_check["freshness"]
    assert (fresh.severity, fresh.observed, fresh.details) == ("warn", 26.5, {"max_lag_hours": 24})
    assert fresh.checked_at.tzinfo == UTC
    assert not fresh.blocking  # a failed warning does not block the marts
    assert [c.check for c in store.latest_checks(table="dwh.fct_orders")] == ["not_null:order_id"]


def test_blocking_results(store: ControlStore) -> None:
    result = _result("reconcile:finance", "dwh.fct_finance", "fail", observed=Decimal("0.01"))
    store.record_checks(None, [result])
    (result,) = store.latest_checks()
    assert result.blocking and result.run_id is None and result.observed == pytest.approx(0.01)


def test_details_keep_money_and_dates_as_strings(store: ControlStore) -> None:
    store.record_checks(
        None,
        [
            _result(
                "reconcile",
                "mart_sales",
                "fail",
                details={
                    "expected": Decimal("1234567.89"),
                    "day": date(2026, 11, 21),
                    "skus": ("A-1", "Б-2"),
                },
            )
        ],
    )
    details = store.latest_checks()[0].details
    assert details == {"expected": "1234567.89", "day": "2026-11-21", "skus": ["A-1", "Б-2"]}


def test_checked_at_may_be_given(store: ControlStore) -> None:
    at = datetime(2026, 11, 22, 9, 0, tzinfo=UTC) + timedelta(hours=3)
    store.record_checks(None, [_result("x", "t", checked_at=at)])
    assert store.latest_checks()[0].checked_at == at


@pytest.mark.parametrize(
    ("result", "message"),
    [
        ({"check": "x", "table": "t", "severity": "error"}, "missing keys"),
        ({**_result("x", "t"), "colour": "red"}, "unknown keys"),
        (_result("x", "t") | {"severity": "fatal"}, "severity"),
        (_result("x", "t") | {"status": "error"}, "check status"),
        (_result("x", "t", observed="many"), "observed"),
        (_result("x", "t", observed=float("inf")), "observed"),
        (_result("x", "t", checked_at=datetime(2026, 1, 1)), "timezone-aware"),
        (_result("", "t"), "check name"),
    ],
)
def test_bad_results_write_nothing(store: ControlStore, result: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        store.record_checks(None, [_result("ok", "t"), result])
    assert store.latest_checks() == []


def test_results_need_an_existing_run(store: ControlStore) -> None:
    with pytest.raises(RunNotFoundError):
        store.record_checks(10_000, [_result("x", "t")])
    assert store.record_checks(None, []) == 0


def test_settings(store: ControlStore) -> None:
    assert store.get_setting("alerts.telegram_chat") is None
    assert store.get_setting("alerts.telegram_chat", "none") == "none"
    store.set_setting("alerts.telegram_chat", "-100123")
    store.set_setting("schedule", {"orders": "0 * * * *", "finance": "0 6 * * *"})
    store.set_setting("alerts.telegram_chat", "-100456")
    store.set_setting("flag", False)
    assert store.get_setting("alerts.telegram_chat") == "-100456"
    assert store.get_setting("schedule") == {"orders": "0 * * * *", "finance": "0 6 * * *"}
    assert store.get_setting("flag", True) is False
    with pytest.raises(ValueError, match="None"):
        store.set_setting("x", None)
    with pytest.raises(ValueError, match="plain JSON"):
        store.set_setting("x", {date(2026, 1, 1)})
