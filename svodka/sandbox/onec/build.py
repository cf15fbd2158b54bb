"""Generation of the 1C side: master data, flows, documents and price records (`build_onec`)."""

from __future__ import annotations

import numpy as np

from svodka.sandbox.catalog import Catalog, PriceBook
from svodka.sandbox.clock import DAY_S
from svodka.sandbox.demand import Simulation
from svodka.sandbox.onec.flows import HISTORY_DAYS, plan_purchases, shipments, wb_shipments
from svodka.sandbox.onec.master import KIND_CONSUMABLE, KIND_GOODS, Master, build_master, created_days
from svodka.sandbox.onec.world import CONSUMABLES_WH, COST, MAIN_WH, RETAIL, Docs, OnecWorld, Prices
from svodka.sandbox.ozon.world import OzonWorld
from svodka.sandbox.spec import WorldSpec


def _docs(
    kind: str,
    day: np.ndarray,
    party: np.ndarray,
    item: np.ndarray,
    qty: np.ndarray,
    price: np.ndarray,
    warehouse: np.ndarray,
    start_day: int,
    hour: int,
    rng: np.random.Generator,
) -> Docs:
    """Group line rows (sorted by day, party, item) into one document per (day, party)."""
    first = np.ones(len(day), bool)
    first[1:] = (day[1:] != day[:-1]) | (party[1:] != party[:-1])
    starts = np.nonzero(first)[0]
    n = len(starts)
    offset = rng.integers(0, 3 * 3600, n)
    offset = offset[np.lexsort((offset, day[starts]))]  # documents of a day get increasing times
    t = (start_day + day[starts]) * DAY_S + hour * 3600 + offset
    return Docs(
        t=t,
        party=party[starts],
        warehouse=warehouse[starts],
        posted=np.ones(n, bool),
        deleted=np.zeros(n, bool),
        first_line=np.append(starts, len(day)).astype(np.int64),
        line_item=item,
        line_qty=qty,
        line_price=price,
        kind=kind,
    )


def _with_extra_receipts(docs: Docs, master: Master, cost0: np.ndarray, start_day: int, n_days: int) -> Docs:
    """Add an unposted draft and a deleted receipt (they move no stock) and sort by date."""
    goods = np.nonzero(master.item_kind == KIND_GOODS)[0]
    sup = int(master.item_supplier[goods[0]])
    mine = goods[master.item_supplier[goods] == sup][:3]
    extra = [
        ((start_day + n_days - 2) * DAY_S + 13 * 3600, mine, False, False),  # a draft order
        ((start_day + n_days // 2) * DAY_S + 12 * 3600, mine[:2], False, True),  # entered by mistake
    ]
    t, party, wh = list(docs.t), list(docs.party), list(docs.warehouse)
    posted, deleted = list(docs.posted), list(docs.deleted)
    lines = [
        (docs.line_item[docs.lines(i)], docs.line_qty[docs.lines(i)], docs.line_price[docs.lines(i)])
        for i in range(len(docs))
    ]
    for when, items, is_posted, is_deleted in extra:
        t.append(when)
        party.append(sup)
        wh.append(MAIN_WH)
        posted.append(is_posted)
        deleted.append(is_deleted)
        lines.append((items, np.full(len(items), 10), cost0[items]))
    order = np.argsort(np.array(t), kind="stable")
    sizes = np.array([len(lines[i][0]) for i in order], dtype=np.int64)
    return Docs(
        t=np.array(t, dtype=np.int64)[order],
        party=np.array(party, dtype=np.int64)[order],
        warehouse=np.array(wh, dtype=np.int64)[order],
        posted=np.array(posted, bool)[order],
        deleted=np.array(deleted, bool)[order],
        first_line=np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
        line_item=np.concatenate([lines[i][0] for i in order]).astype(np.int64),
        line_qty=np.concatenate([lines[i][1] for i in order]).astype(np.int64),
        line_price=np.concatenate([lines[i][2] for i in order]).astype(np.int64),
        kind=docs.kind,
    )


def _retail(cat: Catalog, prices: PriceBook, master: Master, created_day: np.ndarray, created_s: np.ndarray):
    """«Розничная» records: the WB list price of every catalogue item and each change of it."""
    item, day, kop, vis = [], [], [], []
    for b in np.nonzero(master.item_kind == KIND_GOODS)[0].tolist():
        row = prices.price_rub[cat.bar_card[b]].astype(np.int64) * 100
        first = max(int(created_day[b]), -HISTORY_DAYS)
        item.append(b), day.append(first), kop.append(int(row[0])), vis.append(int(created_s[b]))
        for d in np.nonzero(row[1:] != row[:-1])[0].tolist():
            item.append(b), day.append(d + 1), kop.append(int(row[d + 1])), vis.append(0)
    return np.array(item), np.array(day), np.array(kop), np.array(vis)


def build_onec(
    spec: WorldSpec,
    cat: Catalog,
    prices: PriceBook,
    sim: Simulation,
    ozon: OzonWorld | None,
    rng: np.random.Generator,
    start_day: int,
) -> OnecWorld:
    """Generate the 1C side from its own random stream (no other number depends on it)."""
    nd = spec.days
    master = build_master(cat, spec.seed, rng)
    n = master.n_items
    wb = wb_shipments(sim.stock, sim.orders, start_day)
    if ozon is not None:
        oz_sup, oz_bar = ozon.sim.supply, ozon.listing.bar.astype(np.int64)
    else:
        oz_sup = {k: np.zeros(0, np.int64) for k in ("prod", "qty", "ordered", "arrive")}
        oz_bar = np.zeros(0, np.int64)
    ship = shipments(wb, oz_sup, oz_bar, nd)
    first_ship = np.full(n, nd + 30, dtype=np.int64)
    np.minimum.at(first_ship, ship[2], ship[0])
    created_day, created_s = created_days(cat, master, first_ship, start_day, rng)
    cost0 = np.empty(n, dtype=np.int64)
    nb = cat.n_bars
    card = cat.bar_card
    charged = prices.price_rub[card, 0] * (100 - prices.discount[card, 0].astype(np.int64)) / 100.0
    cost0[:nb] = np.rint(charged * rng.uniform(0.30, 0.50, nb) * 100)
    cost0[nb:] = rng.integers(500, 30_000, n - nb)
    flows = plan_purchases(
        rng, nd, start_day, master.item_supplier, created_day, cost0, ship, master.monthly_supplier
    )
    wh = np.where(master.item_kind[flows.rec_item] == KIND_CONSUMABLE, CONSUMABLES_WH, MAIN_WH)
    receipts = _docs(
        "receipt",
        flows.rec_day,
        flows.rec_supplier,
        flows.rec_item,
        flows.rec_qty,
        flows.rec_price,
        wh,
        start_day,
        9,
        rng,
    )
    rec_t = receipts.t[receipts.line_doc]  # lines are the flows' receipt rows, in order
    receipts = _with_extra_receipts(receipts, master, cost0, start_day, nd)
    retail_by_item = prices.price_rub[card].astype(np.int64) * 100
    ship_day = np.clip(flows.ship_day, 0, nd - 1)
    sales = _docs(
        "sale",
        flows.ship_day,
        master.wb_party + flows.ship_mp.astype(np.int64),
        flows.ship_item,
        flows.ship_qty,
        retail_by_item[flows.ship_item, ship_day],
        np.full(len(flows.ship_day), MAIN_WH),
        start_day,
        15,
        rng,
    )
    # A price change becomes visible with the receipt that brought it.
    cost_vis = np.where(
        flows.cost_receipt >= 0, rec_t[np.maximum(flows.cost_receipt, 0)], created_s[flows.cost_item]
    )
    r_item, r_day, r_kop, r_vis = _retail(cat, prices, master, created_day, created_s)
    r_vis = np.where(r_vis > 0, r_vis, (start_day + r_day) * DAY_S)
    ptype = np.concatenate([np.full(len(flows.cost_item), COST), np.full(len(r_item), RETAIL)]).astype(
        np.int8
    )
    item = np.concatenate([flows.cost_item, r_item]).astype(np.int64)
    day = np.concatenate([flows.cost_day, r_day]).astype(np.int64)
    order = np.lexsort((item, ptype, day))
    book = Prices(
        ptype[order],
        item[order],
        day[order],
        np.concatenate([flows.cost_kop, r_kop]).astype(np.int64)[order],
        np.concatenate([cost_vis, r_vis]).astype(np.int64)[order],
    )
    world = OnecWorld(spec.onec_config, spec.seed, start_day, nd, master, created_s, receipts, sales, book)
    for docs, tag in ((receipts, "receipt"), (sales, "sale")):
        docs.refs = [world.ref(tag, i) for i in range(len(docs))]
        docs.numbers = [f"СВ00-{i + 1:06d}" for i in range(len(docs))]
    return world
