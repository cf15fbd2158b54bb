"""The 1C connector against the sandbox's 1C OData service over real HTTP, held against the world.

Every stream must read what the seller's infobase holds, whatever the page size; prices and
receipts must arrive whole across a first sync, a later one and a repeated one; the БП 3.0
configuration must be recognised from ``$metadata``; CommerceML exports must decode to the
same nomenclature.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from svodka.errors import AuthError, RetriableError
from svodka.sandbox import Faults, SandboxServer, World, WorldSpec
from svodka.sandbox.clock import msk_seconds
from svodka.sandbox.onec.truth import OnecTruth
from svodka.sources.base import Page
from svodka.sources.commerceml import decode_commerceml, read_commerceml
from svodka.sources.onec import STREAMS, OneCConnector, OneCOptions
from svodka.sources.onec.odata import onec_time

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)  # 15:00 in Moscow, the day after the world ends
EARLIER = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)
SPEC = WorldSpec(seed=23, skus=40, days=45, orders_per_day=80.0, end=date(2026, 3, 15))
BP30 = WorldSpec(seed=29, skus=25, days=30, orders_per_day=60.0, end=date(2026, 3, 15), onec_config="bp30")
ITEM_TYPE = "StandardODATA.Catalog_Номенклатура"
WAREHOUSE_TYPE = "StandardODATA.Catalog_Склады"


@pytest.fixture(scope="module")
def world() -> World:
    return World.generate(SPEC)


@pytest.fixture(scope="module")
def srv(world: World) -> Iterator[SandboxServer]:
    """A shared sandbox without limits or faults, clock at NOW; tests must leave it so."""
    with SandboxServer(world, limits="off", now=NOW) as s:
        yield s


def connect(s: SandboxServer, password: str | None = None, **options: Any) -> OneCConnector:
    opts = {"retry_backoff": 0.0, "max_retry_seconds": 60, "history_days": 60, **options}
    user, secret = s.onec_user, s.onec_password if password is None else password
    return OneCConnector("main", user, secret, s.onec_base_url, OneCOptions(**opts))


def read(s: SandboxServer, stream: str, state: Any = None, now: datetime = NOW, **options: Any) -> list[Page]:
    with connect(s, **options) as c:
        return list(c.stream(stream).read(state, now))


def records(pages: list[Page]) -> list[dict[str, Any]]:
    import orjson

    out = []
    for p in pages:
        rows = orjson.loads(p.body)["value"]
        assert len(rows) == p.records
        out.extend(rows)
    return out


def truth_at(world: World, now: datetime) -> OnecTruth:
    return OnecTruth.build(world, msk_seconds(now))


def main_barcodes(world: World) -> dict[str, str]:
    """Ref_Key → the item's main barcode (the one truth keys purchases and stock by)."""
    o = world.onec
    assert o is not None
    return {o.ref("item", i): o.master.primary_barcode(i) for i in range(o.master.n_items)}


# --- reference data ------------------------------------------------------------------------


def test_nomenclature_and_barcodes_are_the_worlds_whatever_the_page_size(srv, world):
    items = records(read(srv, "onec_nomenclature", page_size=7))
    assert records(read(srv, "onec_nomenclature")) == items  # small pages: same rows, same order
    assert len({r["Ref_Key"] for r in items}) == len(items)
    barcodes = records(read(srv, "onec_barcodes", page_size=5))
    assert len({r["Штрихкод"] for r in barcodes}) == len(barcodes)
    by_ref = {r["Ref_Key"]: r for r in items}
    got = {
        b["Штрихкод"]: (
            by_ref[b["Номенклатура_Key"]]["Артикул"],
            by_ref[b["Номенклатура_Key"]]["Description"],
        )
        for b in barcodes
        if not by_ref[b["Номенклатура_Key"]]["DeletionMark"]
    }
    assert got == truth_at(world, NOW).nomenclature
    assert any(r["IsFolder"] for r in items) and any(r["DeletionMark"] for r in items)


def test_small_pages_are_paged_with_top_and_skip(srv):
    before = len(srv.requests)
    pages = read(srv, "onec_nomenclature", page_size=7)
    total = sum(p.records for p in pages)
    assert len(pages) == -(-total // 7) and all(p.records == 7 for p in pages[:-1])
    sent = [r for r in srv.requests[before:] if "Catalog_" in r.path]
    assert len(sent) == len(pages) + 1  # the walk ends on an empty page, which is not stored
    assert [p.request["params"]["$skip"] for p in pages] == [str(7 * i) for i in range(len(pages))]


def test_price_types_and_warehouses(srv):
    assert sorted(r["Description"] for r in records(read(srv, "onec_price_types"))) == [
        "Закупочная",
        "Розничная",
    ]
    assert len(records(read(srv, "onec_warehouses"))) == 2


# --- prices ---------------------------------------------------------------------------------


def cost_rows(s: SandboxServer, rows: list[dict[str, Any]]) -> set[tuple[str, str, Decimal]]:
    """(Номенклатура_Key, Period, cost) of the «Закупочная» rows of live items (as the truth has)."""
    types = {r["Ref_Key"]: r["Description"] for r in records(read(s, "onec_price_types"))}
    deleted = {r["Ref_Key"] for r in records(read(s, "onec_nomenclature")) if r["DeletionMark"]}
    return {
        (r["Номенклатура_Key"], r["Period"], Decimal(str(r["Цена"])))
        for r in rows
        if types[r["ВидЦены_Key"]] == "Закупочная" and r["Номенклатура_Key"] not in deleted
    }


def expected_costs(s: SandboxServer, world: World, now: datetime) -> set[tuple[str, str, Decimal]]:
    """The truth's cost history at `now`, keyed back by item and 1C Period."""
    by_code = {b["Штрихкод"]: b["Номенклатура_Key"] for b in records(read(s, "onec_barcodes"))}
    return {
        (by_code[code], period.replace(tzinfo=None).isoformat(), cost)
        for code, period, cost in truth_at(world, now).cost_history
    }


def test_prices_first_later_and_repeated_syncs_read_the_whole_history(world):
    with SandboxServer(world, limits="off", now=EARLIER) as s:
        first = read(s, "onec_prices", now=EARLIER, page_size=10)
        assert [p.state is not None for p in first] == [True] * len(first)
        state = first[-1].state
        assert state["period"] <= onec_time(EARLIER).isoformat()
        assert cost_rows(s, records(first)) == expected_costs(s, world, EARLIER)
        s.set_now(NOW)
        later = read(s, "onec_prices", state=state, page_size=10)
        since = datetime.fromisoformat(later[0].meta["since"])
        assert since == datetime.fromisoformat(state["period"]) - timedelta(days=7)  # the re-read
        reread = [r for r in records(later) if r["Period"] <= state["period"]]
        assert reread and all(r["Period"] >= since.isoformat() for r in reread)
        assert cost_rows(s, records(first) + records(later)) == expected_costs(s, world, NOW)
        again = read(s, "onec_prices", state=state, page_size=10)
        assert records(again) == records(later) and again[-1].state == later[-1].state  # idempotent
        keys = Counter((r["Номенклатура_Key"], r["ВидЦены_Key"], r["Period"]) for r in records(later))
        assert max(keys.values()) == 1  # pages never overlap


def test_first_sync_of_a_short_history_starts_from_the_prices_in_force(world):
    """history_days=10: the baseline (SliceLast at the window start) plus the window give the
    cost of every day in the window, also of items whose cost was set before it."""
    with SandboxServer(world, limits="off", now=EARLIER) as s:
        pages = read(s, "onec_prices", now=EARLIER, history_days=10, page_size=10)
        assert pages[0].meta["baseline"] is True and pages[0].state is None
        assert all(p.state is not None and "baseline" not in p.meta for p in pages[1:])
        costs = cost_rows(s, records(pages))
        by_item: dict[str, list[str]] = {}
        for b in records(read(s, "onec_barcodes")):
            by_item.setdefault(b["Номенклатура_Key"], []).append(b["Штрихкод"])
    truth = truth_at(world, EARLIER)
    first_day = onec_time(EARLIER).date() - timedelta(days=10)
    assert min(period for _, period, _ in costs) < first_day.isoformat()  # set before the window
    for n in range(11):
        day = first_day + timedelta(days=n)
        latest: dict[str, tuple[str, Decimal]] = {}
        for item, period, cost in sorted(costs):
            if period[:10] <= day.isoformat():
                latest[item] = (period, cost)
        got = {code: cost for item, (_, cost) in latest.items() for code in by_item[item]}
        assert got == truth.cost_on(day), day


def test_current_prices_are_the_slice_at_now(srv, world):
    (page,) = read(srv, "onec_prices_current")
    assert page.meta == {"snapshot_date": "2026-03-16", "period": "2026-03-16T15:00:00"}
    types = {r["Ref_Key"]: r["Description"] for r in records(read(srv, "onec_price_types"))}
    by_item: dict[str, list[str]] = {}
    for b in records(read(srv, "onec_barcodes")):
        by_item.setdefault(b["Номенклатура_Key"], []).append(b["Штрихкод"])
    truth = truth_at(world, NOW)
    got = {
        code: Decimal(str(r["Цена"]))
        for r in records([page])
        if types[r["ВидЦены_Key"]] == "Закупочная"
        for code in by_item.get(r["Номенклатура_Key"], [])
        if code in truth.nomenclature
    }
    assert got == truth.cost_on(date(2026, 3, 16))


# --- receipts -------------------------------------------------------------------------------


def purchases(world: World, docs: list[dict[str, Any]]) -> dict[tuple[date, str], tuple[int, Decimal]]:
    main = main_barcodes(world)
    acc: dict[tuple[date, str], list[Any]] = {}
    seen: set[str] = set()
    for d in docs:
        if d["Ref_Key"] in seen:  # a re-read document counts once (ods keeps the latest)
            continue
        seen.add(d["Ref_Key"])
        assert d["Posted"] and not d["DeletionMark"]
        for line in d["Товары"]:
            cell = acc.setdefault(
                (date.fromisoformat(d["Date"][:10]), main[line["Номенклатура_Key"]]), [0, 0]
            )
            cell[0] += int(line["Количество"])
            cell[1] += Decimal(str(line["Цена"])) * int(line["Количество"])
    return {k: (q, a) for k, (q, a) in sorted(acc.items())}


def test_receipts_arrive_whole_and_once_across_syncs(world):
    with SandboxServer(world, limits="off", now=EARLIER) as s:
        first = read(s, "onec_receipts", now=EARLIER, page_size=4)
        assert first and first[-1].state["date"] <= onec_time(EARLIER).isoformat()
        assert purchases(world, records(first)) == truth_at(world, EARLIER).purchases
        s.set_now(NOW)
        later = read(s, "onec_receipts", state=first[-1].state, page_size=4)
        assert purchases(world, records(first) + records(later)) == truth_at(world, NOW).purchases
        assert read(s, "onec_receipts", state=later[-1].state, page_size=4)[-1].state == later[-1].state
        sent = [r for r in s.requests if "Document_" in r.path]
        assert all("Posted eq true and DeletionMark eq false" in _query(r.params) for r in sent)
        assert all("%20" in r.params and "+" not in r.params for r in sent)  # spaces as OData reads them


def _query(raw: str) -> str:
    from urllib.parse import unquote_plus

    return unquote_plus(raw)


# --- stock ----------------------------------------------------------------------------------


def stock_from(world: World, rows: list[dict[str, Any]], warehouses: dict[str, str]) -> dict[Any, int]:
    main = main_barcodes(world)
    out: dict[tuple[str, str], int] = {}
    for r in rows:
        if "Склад_Key" in r:
            wh, item = r["Склад_Key"], r["Номенклатура_Key"]
        else:
            ext = {
                r[f"ExtDimension{n}_Type"]: r[f"ExtDimension{n}"]
                for n in (1, 2, 3)
                if f"ExtDimension{n}" in r
            }
            wh, item = ext[WAREHOUSE_TYPE], ext[ITEM_TYPE]
        if r["КоличествоBalance"]:
            key = (warehouses[wh], main[item])
            out[key] = out.get(key, 0) + int(r["КоличествоBalance"])
    return out


def test_stock_comes_from_the_stock_register_in_ut11(srv, world):
    (page,) = read(srv, "onec_stock")
    assert page.meta["register"] == "AccumulationRegister_ТоварыНаСкладах"
    warehouses = {r["Ref_Key"]: r["Description"] for r in records(read(srv, "onec_warehouses"))}
    got = stock_from(world, records([page]), warehouses)
    assert got == truth_at(world, NOW).stock_at(onec_time(NOW)) and got


def test_bp30_is_recognised_from_metadata_and_stock_read_from_account_41_01():
    world = World.generate(BP30)
    with SandboxServer(world, limits="off", now=NOW) as s:
        (page,) = read(s, "onec_stock")
        assert page.meta["register"] == "AccountingRegister_Хозрасчетный" and page.meta["account"] == "41.01"
        rows = [r for r in records([page]) if r["Account_Key"] == page.meta["account_key"]]
        warehouses = {r["Ref_Key"]: r["Description"] for r in records(read(s, "onec_warehouses"))}
        got = stock_from(world, rows, warehouses)
        assert got == truth_at(world, NOW).stock_at(onec_time(NOW)) and got
        assert not [r for r in s.requests if "ТоварыНаСкладах" in _query(r.path)]  # never asked for


# --- errors ---------------------------------------------------------------------------------


def test_wrong_password_is_an_auth_error_naming_the_fix(srv):
    with pytest.raises(AuthError) as info:
        read(srv, "onec_nomenclature", password="not-the-password")
    assert "svodka connect onec --name main" in str(info.value)
    assert "not-the-password" not in str(info.value) and srv.onec_password not in str(info.value)


def test_server_failures_are_retried_and_then_say_what_1c_said(world):
    with SandboxServer(world, limits="off", now=NOW, faults=Faults(seed=3, rate_5xx=0.4)) as s:
        assert records(read(s, "onec_nomenclature", page_size=9, max_retries=8))  # retried through
    failing = SandboxServer(world, limits="off", now=NOW, faults=Faults(rate_5xx=1.0))
    with failing as s, pytest.raises(RetriableError, match="gave up after 2 tries") as info:
        read(s, "onec_price_types", max_retries=1)
    assert "onec:main" in str(info.value)


def test_truncated_answers_are_fetched_again(world):
    with SandboxServer(world, limits="off", now=NOW, faults=Faults(seed=5, truncate_rate=0.5)) as s:
        got = records(read(s, "onec_nomenclature", page_size=9, max_retries=10))
    with SandboxServer(world, limits="off", now=NOW) as s:
        assert got == records(read(s, "onec_nomenclature", page_size=9))


# --- CommerceML -----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1251"])
def test_commerceml_export_decodes_to_the_nomenclature(world, tmp_path: Path, encoding: str):
    assert world.onec is not None
    import_path, offers_path = world.onec.write_commerceml(tmp_path, NOW, encoding=encoding)
    goods_page = read_commerceml(import_path)
    goods = decode_commerceml(goods_page.body, goods_page.meta)
    assert goods_page.stream == "cml_import" and goods_page.records == len(goods)
    truth = truth_at(world, NOW).nomenclature
    assert {g["Штрихкод"]: (g["Артикул"], g["Наименование"]) for g in goods}.items() <= truth.items()
    main = main_barcodes(world)
    assert {g["Штрихкод"] for g in goods} == {main[ref] for ref in main if main[ref] in truth}
    assert all(g["ГруппыНаименования"] and None not in g["ГруппыНаименования"] for g in goods)
    offers_page = read_commerceml(offers_path)
    offers = decode_commerceml(offers_page.body, offers_page.meta)
    assert offers_page.stream == "cml_offers" and len(offers) == len(goods)
    costs = truth_at(world, NOW).cost_on(date(2026, 3, 16))
    for offer in offers:
        prices = {p["ТипЦены"]: Decimal(p["ЦенаЗаЕдиницу"]) for p in offer["Цены"]}
        if offer["Штрихкод"] in costs:
            assert prices["Закупочная"] == costs[offer["Штрихкод"]]
        assert int(offer["Количество"]) == sum(int(s["Количество"]) for s in offer["Склады"])


# --- into raw -------------------------------------------------------------------------------


def test_every_stream_and_commerceml_file_loads_into_raw(srv, world, wh, tmp_path: Path):
    """The pages go through the real lake and loader: one raw record per record counted."""
    from svodka.lake.store import Lake, new_run_id
    from svodka.pipeline.load import load_run
    from svodka.pipeline.sync import extract

    lake = Lake(tmp_path / "lake")
    run_id = new_run_id()
    with connect(srv, page_size=9) as c:
        result = extract(c, lake, run_id, {}, NOW)
    assert world.onec is not None
    import_path, offers_path = world.onec.write_commerceml(tmp_path / "cml", NOW, encoding="windows-1251")
    cml_run = new_run_id()
    with lake.writer(cml_run, "commerceml", "main") as writer:
        for path in (import_path, offers_path):
            writer.put(read_commerceml(path))
    load_run(wh, lake, run_id)
    load_run(wh, lake, cml_run)
    counts = dict(wh.query("SELECT stream, count() FROM raw.records GROUP BY stream").result_rows)
    goods = len(decode_commerceml(import_path.read_bytes(), {}))
    expected = {name: s.records for name, s in result.streams.items() if s.records}
    assert counts == {**expected, "cml_import": goods, "cml_offers": goods}
    assert set(expected) == {cls.name for cls in STREAMS}
    article = wh.scalar(
        "SELECT JSONExtractString(payload, 'Артикул') FROM raw.records WHERE stream = 'cml_import' LIMIT 1"
    )
    assert article in {a for a, _ in truth_at(world, NOW).nomenclature.values()}
