from datetime import date

import pytest

from svodka.errors import ModelError
from svodka.warehouse import runner
from svodka.warehouse.client import Warehouse


def _models(**sql: str) -> dict[str, runner.Model]:
    models = {
        name.replace("__", "."): runner.parse_model(name.replace("__", "."), text)
        for name, text in sql.items()
    }
    for m in models.values():
        m.depends_on &= set(models)
    return models


def test_header_and_dependencies_are_read() -> None:
    m = runner.parse_model(
        "dwh.x",
        "-- materialized: incremental\n-- partition_by: toYYYYMM(d)\n-- engine: MergeTree ORDER BY d\n"
        "-- depends_on: ods.extra\nSELECT * FROM ods.a JOIN dwh.b USING k -- ods.not_a_ref\n",
    )
    assert m.materialized == "incremental"
    assert m.partition_by == "toYYYYMM(d)"
    assert m.depends_on == {"ods.a", "dwh.b", "ods.extra"}


def test_incremental_without_partition_is_refused() -> None:
    with pytest.raises(ModelError, match="partition_by"):
        runner.parse_model("dwh.x", "-- materialized: incremental\nSELECT 1")


def test_order_select_and_cycles() -> None:
    ms = _models(
        ods__a="SELECT 1 AS k",
        dwh__b="SELECT * FROM ods.a",
        marts__c="SELECT * FROM dwh.b",
        marts__d="SELECT * FROM ods.a",
    )
    order = runner.order(ms)
    assert sorted(order) == sorted(ms)
    for name, m in ms.items():
        assert all(order.index(d) < order.index(name) for d in m.depends_on)
    assert runner.select(ms, "dwh.b+") == ["dwh.b", "marts.c"]
    assert runner.select(ms, "+marts.c") == ["ods.a", "dwh.b", "marts.c"]
    assert sorted(runner.select(ms, "marts")) == ["marts.c", "marts.d"]
    with pytest.raises(ModelError, match="no model matches"):
        runner.select(ms, "nope")
    cyc = _models(dwh__x="SELECT * FROM dwh.y", dwh__y="SELECT * FROM dwh.x")
    with pytest.raises(ModelError, match="cycle"):
        runner.order(cyc)


def test_table_rebuild_is_atomic_and_idempotent(wh: Warehouse) -> None:
    wh.command("CREATE TABLE ods.src (k UInt32, v String) ENGINE = MergeTree ORDER BY k")
    wh.insert("ods.src", [(1, "a"), (2, "b")], ["k", "v"])
    m = runner.parse_model("dwh.t", "-- engine: MergeTree ORDER BY k\nSELECT k, v FROM ods.src")
    assert runner.materialize(wh, m) == 2
    wh.insert("ods.src", [(3, "c")], ["k", "v"])
    assert runner.materialize(wh, m) == 3
    assert runner.materialize(wh, m) == 3
    assert not wh.table_exists("dwh.t__new")


def test_incremental_replaces_only_changed_partitions(wh: Warehouse) -> None:
    wh.command("CREATE TABLE ods.src (d Date, v UInt32) ENGINE = MergeTree ORDER BY d")
    wh.insert("ods.src", [(date(2026, 1, 5), 1), (date(2026, 2, 5), 2), (date(2026, 3, 5), 3)], ["d", "v"])
    m = runner.parse_model(
        "dwh.inc",
        "-- materialized: incremental\n-- partition_by: toYYYYMM(d)\n-- engine: MergeTree ORDER BY d\n"
        "SELECT d, v FROM ods.src",
    )
    runner.materialize(wh, m)

    def parts() -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for p, name in wh.rows(
            "SELECT partition_id, name FROM system.parts WHERE database='dwh' AND table='inc' AND active"
        ):
            out.setdefault(p, set()).add(name)
        return out

    before = parts()
    wh.command("ALTER TABLE ods.src DELETE WHERE d = '2026-02-05' SETTINGS mutations_sync = 2")
    wh.insert("ods.src", [(date(2026, 2, 6), 20)], ["d", "v"])
    wh.command("ALTER TABLE ods.src DELETE WHERE d = '2026-03-05' SETTINGS mutations_sync = 2")
    runner.materialize(wh, m)
    after = parts()
    assert after["202601"] == before["202601"]  # untouched
    assert after["202602"] != before["202602"]  # replaced
    assert "202603" not in after  # emptied partition dropped
    assert wh.rows("SELECT d, v FROM dwh.inc ORDER BY d") == [
        (date(2026, 1, 5), 1),
        (date(2026, 2, 6), 20),
    ]


def test_shipped_models_build_on_an_empty_warehouse(wh: Warehouse) -> None:
    models = runner.load_models()
    results = runner.build(wh, runner.order(models), models, "t")
    assert {r.name for r in results} == set(models)
    assert wh.scalar("SELECT count() FROM meta.model_runs WHERE build_id = 't' AND status = 'ok'") == len(
        models
    )
