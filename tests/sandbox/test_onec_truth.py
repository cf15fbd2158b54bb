"""What the 1C sandbox serves equals its ground truth: costs (SliceLast), receipts, stock, the
nomenclature; history is stable as the clock moves; generation is deterministic."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import httpx
import numpy as np
import pytest
from onec_client import barcode_map, get_json, odata, onec_client, pull, refs_by_name
from sandbox_world import NOW, SPEC

from svodka.sandbox import SandboxServer, World
from svodka.sandbox.clock import MSK

PRICES = "InformationRegister_ЦеныНоменклатуры"
RECEIPTS = "Document_ПоступлениеТоваровУслуг"
STOCK = "AccumulationRegister_ТоварыНаСкладах"


@pytest.fixture()
def c(server: SandboxServer) -> Iterator[httpx.Client]:
    with onec_client(server) as client:
        yield client


@pytest.mark.parametrize("day", [date(2026, 1, 20), date(2026, 2, 14), date(2026, 3, 15)])
def test_cost_slice_last_equals_truth(c: httpx.Client, server: SandboxServer, day: date):
    truth = server.ground_truth().onec
    _, barcodes = barcode_map(c, server)
    cost_type = refs_by_name(c, server, "Catalog_ВидыЦен")["Закупочная"]
    rows = get_json(
        c,
        f"{odata(server)}/{PRICES}/SliceLast(Period=datetime'{day.isoformat()}T23:59:59',"
        f"Condition='ВидЦены_Key eq guid''{cost_type}''')",
    )["value"]
    items = {i["Ref_Key"]: i for i in pull(c, server, "Catalog_Номенклатура", page=500)}
    served = {
        code: Decimal(str(r["Цена"]))
        for r in rows
        if not items[r["Номенклатура_Key"]]["DeletionMark"]
        for code in barcodes[r["Номенклатура_Key"]]
    }
    assert served == truth.cost_on(day)
    assert len(served) >= len(server.world.catalog.bar_code)


def test_cost_history_changes_a_few_times_and_records_match(c: httpx.Client, server: SandboxServer):
    truth = server.ground_truth().onec
    _, barcodes = barcode_map(c, server)
    cost_type = refs_by_name(c, server, "Catalog_ВидыЦен")["Закупочная"]
    rows = pull(c, server, PRICES, page=100, **{"$filter": f"ВидЦены_Key eq guid'{cost_type}'"})
    served = sorted(
        (code, datetime.fromisoformat(r["Period"]).replace(tzinfo=MSK), Decimal(str(r["Цена"])))
        for r in rows
        for code in barcodes[r["Номенклатура_Key"]]
        if code in truth.nomenclature
    )
    assert served == truth.cost_history
    per_barcode = defaultdict(int)
    for code, _, _ in truth.cost_history:
        per_barcode[code] += 1
    assert max(per_barcode.values()) >= 3 and sum(n > 1 for n in per_barcode.values()) > len(per_barcode) // 4


def test_receipts_sum_to_truth_purchases(c: httpx.Client, server: SandboxServer):
    truth = server.ground_truth().onec
    _, barcodes = barcode_map(c, server)
    docs = pull(c, server, RECEIPTS, page=10)
    assert any(not d["Posted"] for d in docs) and any(d["DeletionMark"] for d in docs)
    acc: dict[tuple[date, str], list] = defaultdict(lambda: [0, Decimal(0)])
    for d in docs:
        if not d["Posted"] or d["DeletionMark"]:
            continue
        assert Decimal(str(d["СуммаДокумента"])) == sum(Decimal(str(line["Сумма"])) for line in d["Товары"])
        for line in d["Товары"]:
            cell = acc[(date.fromisoformat(d["Date"][:10]), barcodes[line["Номенклатура_Key"]][0])]
            cell[0] += line["Количество"]
            cell[1] += Decimal(str(line["Сумма"]))
    assert {k: (q, a) for k, (q, a) in acc.items()} == truth.purchases
    # every line's price is the purchase price valid that day
    for (day, code), (qty, amount) in truth.purchases.items():
        assert amount == qty * truth.cost_on(day)[code]


@pytest.mark.parametrize("moment", ["2026-02-01T00:00:00", "2026-03-10T15:30:00", None])
def test_stock_balance_equals_truth(c: httpx.Client, server: SandboxServer, moment: str | None):
    truth = server.ground_truth().onec
    _, barcodes = barcode_map(c, server)
    names = {v: k for k, v in refs_by_name(c, server, "Catalog_Склады").items()}
    call = f"Balance(Period=datetime'{moment}')" if moment else "Balance()"
    rows = get_json(c, f"{odata(server)}/{STOCK}/{call}")["value"]
    served = {
        (names[r["Склад_Key"]], barcodes[r["Номенклатура_Key"]][0]): r["КоличествоBalance"] for r in rows
    }
    at = datetime.fromisoformat(moment) if moment else NOW + timedelta(days=1)
    assert served == truth.stock_at(at)
    assert served and all(q > 0 for q in served.values())


def test_stock_never_negative_and_goods_reach_the_marketplaces(server: SandboxServer):
    truth = server.ground_truth().onec
    world = server.world
    for d in range(-30, world.spec.days + 1, 3):
        assert all(
            q >= 0
            for q in truth.stock_at(
                datetime.combine(world.start + timedelta(days=d), datetime.min.time())
            ).values()
        )
    shipped = defaultdict(int)
    for (_, market, _), qty in truth.shipments.items():
        shipped[market] += qty
    assert shipped["wildberries"] > 0 and shipped["ozon"] > 0
    # Ozon FBO supplies that arrived in the world left the main warehouse two days earlier.
    s = world.ozon.sim.supply
    arrived = s["qty"][(s["arrive"] - 2 >= 0) & (s["arrive"] - 2 < world.spec.days)].sum()
    in_world = sum(q for (day, m, _), q in truth.shipments.items() if m == "ozon" and day >= world.start)
    assert in_world == arrived


def test_nomenclature_is_one_item_per_catalogue_barcode(c: httpx.Client, server: SandboxServer):
    truth = server.ground_truth().onec
    items = [r for r in pull(c, server, "Catalog_Номенклатура", page=500) if not r["IsFolder"]]
    _, barcodes = barcode_map(c, server)
    served = {
        code: (i["Артикул"], i["Description"])
        for i in items
        if not i["DeletionMark"]
        for code in barcodes[i["Ref_Key"]]
    }
    assert served == truth.nomenclature
    cat = server.world.catalog
    assert set(cat.bar_code) <= set(served)
    multi = np.bincount(cat.bar_card) > 1
    for b, code in enumerate(cat.bar_code):
        card = cat.bar_card[b]
        want = f"{cat.card_vendor[card]}-{cat.bar_tech[b]}" if multi[card] else cat.card_vendor[card]
        assert served[code][0] == want
    assert sum(i["DeletionMark"] for i in items) == 1
    assert any(len(v) == 2 for v in barcodes.values())
    assert len(served) > len(cat.bar_code)  # consumables the marketplaces never see


def test_history_is_stable_as_the_clock_moves(make_server):
    early = make_server(now=NOW - timedelta(days=20))
    late = make_server(now=NOW)
    with onec_client(early) as ce, onec_client(late) as cl:
        before = pull(ce, early, RECEIPTS, page=10)
        after = pull(cl, late, RECEIPTS, page=10)
        assert 0 < len(before) < len(after)
        assert after[: len(before)] == before  # documents never change after the fact
        cutoff = max(d["Date"] for d in before)
        new = pull(cl, late, RECEIPTS, page=10, **{"$filter": f"Date gt datetime'{cutoff}'"})
        assert before + new == after  # an incremental sync by Date misses nothing
    assert len(early.ground_truth().onec.purchases) < len(late.ground_truth().onec.purchases)


def test_generation_is_deterministic_and_leaves_other_marketplaces_alone(world: World):
    again = World.generate(SPEC)
    assert np.array_equal(again.onec.prices.kop, world.onec.prices.kop)
    assert again.onec.receipts.numbers == world.onec.receipts.numbers
    now_s = int(NOW.timestamp()) + 3 * 3600
    assert again.onec.stock_at(now_s) == world.onec.stock_at(now_s)
    other = World.generate(replace(SPEC, onec_config="bp30"))
    assert np.array_equal(other.sim.orders["t0"], world.sim.orders["t0"])
    assert np.array_equal(other.ozon.sim.postings["t0"], world.ozon.sim.postings["t0"])
    assert other.ground_truth(NOW).payout_total == world.ground_truth(NOW).payout_total
    seeded = World.generate(replace(SPEC, seed=SPEC.seed + 1))
    assert seeded.onec.master.item_name != world.onec.master.item_name
