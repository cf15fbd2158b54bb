"""A failed `error` check keeps the marts built on its table at their previous version."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import orjson

from .conftest import MARTS, Env


def test_an_unmapped_operation_fails_loudly_and_blocks_the_marts(env: Env) -> None:
    now = env.now()
    env.sync(now)
    assert env.build().ok
    before = env.checksums(MARTS)

    # A realization line with an operation WB introduced after our mapping was written.
    line = env.wh.scalar("SELECT payload FROM raw.records WHERE stream = 'wb_realization' LIMIT 1")
    new = orjson.loads(line) | {
        "rrdId": 999_999_999_999,
        "sellerOperName": "Новая услуга маркетплейса",
        "docTypeName": "",
        "retailAmount": "0",
        "forPay": "0",
        "acquiringFee": "0",
        "deduction": "123.45",
    }
    env.wh.insert(
        "raw.records",
        [
            (
                "wb",
                "main",
                "wb_realization",
                "test",
                "test-page",
                1,
                datetime(2026, 1, 1),
                "{}",
                orjson.dumps(new).decode(),
            )
        ],
        ["source", "account", "stream", "run_id", "page_id", "record_index", "fetched_at", "meta", "payload"],
    )
    report = env.build()

    failed = {r.name: r for r in report.checks.failed_errors}
    assert "dwh.fct_finance:unmapped_operations" in failed
    assert "Новая услуга маркетплейса" in failed["dwh.fct_finance:unmapped_operations"].details
    assert "marts.mart_unit_economics" in report.blocked
    assert env.checksums(MARTS) == before  # nothing published from failing data
    # the line is kept, as `other`, never dropped
    assert env.wh.scalar("SELECT sum(amount) FROM dwh.fct_finance WHERE mapped = 0") == Decimal("-123.45")
    assert "not published" in env.out.getvalue()
