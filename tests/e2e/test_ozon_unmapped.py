"""An Ozon accrual type missing from the mapping (and from Ozon's directory) fails loudly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from svodka.sandbox import World

from .conftest import SPEC, Env


@pytest.fixture(scope="module")
def world() -> World:
    # Ozon starts charging a weekly fee its accrual-type directory does not list
    return World.generate(replace(SPEC, skus=20, days=21, ozon_unknown_accrual=True))


def test_an_unknown_ozon_accrual_type_lands_as_other_and_blocks_the_marts(env: Env) -> None:
    now = env.now()
    env.sync(now)
    report = env.build()
    failed = {r.name: r for r in report.checks.failed_errors}
    assert "dwh.fct_finance:unmapped_operations" in failed
    assert "type 1999" in failed["dwh.fct_finance:unmapped_operations"].details
    assert "marts.mart_unit_economics" in report.blocked and "marts.mart_pnl" in report.blocked
    # a first build publishes nothing that depends on the failing table
    published = {
        f"marts.{n}" for (n,) in env.wh.rows("SELECT name FROM system.tables WHERE database = 'marts'")
    }
    assert not published & set(report.blocked)
    # the money is kept, as `other`, never dropped: it equals the truth's `other` for that type
    truth = env.srv.world.ground_truth(now).ozon
    unmapped = env.wh.scalar(
        "SELECT sum(amount) FROM dwh.fct_finance WHERE marketplace = 'ozon' AND mapped = 0"
    )
    assert unmapped < 0
    other = sum(v for (_d, _p, f), v in truth.finance.items() if f == "other")
    mapped_other = env.wh.scalar(
        "SELECT sum(amount) FROM dwh.fct_finance"
        " WHERE marketplace = 'ozon' AND fee_type = 'other' AND mapped = 1"
    )
    assert unmapped + mapped_other == other
