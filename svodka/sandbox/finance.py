"""Weekly realization reports (finance-api sales-reports) as columnar lines.

Line kinds and the WB operation each renders as (see docs/sandbox.md for the full table):
sale «Продажа», return «Возврат», logistics «Логистика» (to / from the buyer), rebill «Возмещение
издержек по перевозке/по складским операциям с товаром», storage «Хранение», acceptance
«Обработка товара», penalty «Штраф», ads and other deductions «Удержание», damage compensation
«Компенсация ущерба», additional payment «Доплаты».
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox import lifecycle
from svodka.sandbox.catalog import Catalog, PriceBook
from svodka.sandbox.clock import DAY_S
from svodka.sandbox.data import PENALTY_REASONS
from svodka.sandbox.demand import Simulation
from svodka.sandbox.spec import WorldSpec

(
    SALE,
    RETURN,
    LOGISTICS,
    LOGISTICS_BACK,
    REBILL,
    STORAGE,
    ACCEPTANCE,
    PENALTY,
    ADS,
    OTHER,
    COMPENSATION,
    ADDITIONAL,
) = range(12)


def monday_of(day: np.ndarray | int) -> np.ndarray:
    """Day number of the Monday on or before each day number (1970-01-01 was a Thursday)."""
    d = np.asarray(day, dtype=np.int64)
    return d - (d + 3) % 7


@dataclass
class Lines:
    """All realization lines, sorted by rrdId (report by report, then by operation time)."""

    kind: np.ndarray  # int8 kind code
    order: np.ndarray  # int32 index into orders, -1 for lines without an order
    bar: np.ndarray  # int32 barcode index, -1 for lines without an SKU
    t: np.ndarray  # int64 Moscow seconds of the operation
    amount: np.ndarray  # int64 kopecks (service lines; sale/return amounts come from the order)
    sub: np.ndarray  # int16 bonus-type variant
    ref: np.ndarray  # int32 document number or supply id
    report: np.ndarray  # int32 index into the report table
    rrd_base: int  # rrdId of line i is rrd_base + 3 * i (ascending, with gaps as on WB)

    def rrd_id(self, i: np.ndarray | int) -> np.ndarray:
        """rrdId of line positions."""
        return self.rrd_base + 3 * np.asarray(i, dtype=np.int64)

    def position_after(self, rrd_id: int) -> int:
        """First line position whose rrdId is greater than `rrd_id`."""
        if rrd_id < self.rrd_base:
            return 0
        return (int(rrd_id) - self.rrd_base) // 3 + 1


@dataclass
class Reports:
    """Weekly report headers; sums are kopecks computed from the lines."""

    report_id: np.ndarray
    monday: np.ndarray  # day number of dateFrom; dateTo = monday + 6, createDate = monday + 7
    first_line: np.ndarray  # slice of Lines belonging to the report
    end_line: np.ndarray
    sums: dict[str, np.ndarray]


def _misc_lines(
    spec: WorldSpec,
    cat: Catalog,
    prices: PriceBook,
    orders: dict[str, np.ndarray],
    rng: np.random.Generator,
    start_day: int,
    ad_spend: dict[int, int] | None = None,
) -> list[tuple]:
    """Penalties, ads, subscriptions, compensations and additional payments, week by week.

    `ad_spend` (Monday's day number → kopecks, from the ads world) sets each week's «WB
    Продвижение» deduction; the draws of the older revenue-based figure are still made, so every
    other line keeps its values (see `_ad_lines`).
    """
    out: list[tuple] = []
    nd = spec.days
    first_monday = int(monday_of(start_day))
    sold = orders["outcome"] >= lifecycle.BOUGHT
    sale_day = orders["t_out"] // DAY_S
    revenue_by_day = np.bincount(
        np.clip(sale_day[sold] - start_day, 0, nd + 60), weights=orders["pwd"][sold], minlength=nd + 61
    )
    doc = 280_000_000 + int(rng.integers(0, 10_000_000))
    for mon in range(first_monday, start_day + nd, 7):
        lo, hi = max(mon, start_day), min(mon + 7, start_day + nd)  # days of the week inside the world
        week_rev = revenue_by_day[lo - start_day : hi - start_day].sum()

        def when(lo: int = lo, hi: int = hi) -> int:
            return int(rng.integers(lo, hi)) * DAY_S + int(rng.integers(9 * 3600, 19 * 3600))

        spend = int(week_rev * spec.ad_share * rng.uniform(0.6, 1.4) / 100)  # whole roubles
        ads: list[tuple] = []
        if spend > 0:
            docs = int(rng.integers(1, 4))
            cuts = np.sort(rng.integers(0, spend + 1, docs - 1))
            for part in np.diff(np.concatenate([[0], cuts, [spend]])):
                if part > 0:
                    doc += int(rng.integers(1, 5000))
                    ads.append((ADS, -1, -1, when(), int(part) * 100, 0, doc))
        out += ads if ad_spend is None else _ad_lines(ads, ad_spend.get(mon, 0), mon, hi)
        if any(day_of_month_first(d) for d in range(lo, hi)):
            doc += int(rng.integers(1, 5000))
            out.append((OTHER, -1, -1, when(), 299_000, 0, doc))  # Jam subscription, 2 990 ₽
        for _ in range(rng.poisson(spec.penalties_per_week)):
            reason = int(rng.integers(len(PENALTY_REASONS)))
            bar = int(rng.integers(cat.n_bars)) if PENALTY_REASONS[reason][1] else -1
            out.append((PENALTY, -1, bar, when(), int(rng.integers(300, 5001)) * 100, reason, 0))
        for _ in range(rng.poisson(spec.compensations_per_week)):
            bar = int(rng.integers(cat.n_bars))
            t = when()
            d = min(max(t // DAY_S - start_day, 0), nd - 1)
            card = cat.bar_card[bar]
            pwd = int(prices.price_rub[card, d]) * (100 - int(prices.discount[card, d]))
            out.append((COMPENSATION, -1, bar, t, int(pwd * rng.uniform(0.7, 1.0)), 0, 0))
        if rng.random() < 0.1:
            out.append((ADDITIONAL, -1, -1, when(), int(rng.integers(100, 3001)) * 100, 0, 0))
    return out


def _ad_lines(drawn: list[tuple], total: int, monday: int, hi: int) -> list[tuple]:
    """The week's ad deduction lines carrying `total` kopecks: the drawn lines (times, document
    numbers) with amounts re-split in proportion; one line on the week's last day inside the
    world when none was drawn; none when the week had no ad spend."""
    if total <= 0:
        return []
    if not drawn:
        return [(ADS, -1, -1, (hi - 1) * DAY_S + 18 * 3600, total, 0, 290_000_000 + monday % 10_000_000)]
    cum = np.cumsum([line[4] for line in drawn])
    parts = np.diff(np.concatenate([[0], cum * total // cum[-1]]))
    return [(*line[:4], int(p), *line[5:]) for line, p in zip(drawn, parts.tolist(), strict=True) if p > 0]


def day_of_month_first(day: int) -> bool:
    """True when the day number is the 1st of a month."""
    return (np.datetime64(int(day), "D").astype(object)).day == 1


_LINE_DTYPES = {
    "kind": np.int8,
    "order": np.int32,
    "bar": np.int32,
    "t": np.int64,
    "amount": np.int64,
    "sub": np.int16,
    "ref": np.int32,
}


def build_lines(
    spec: WorldSpec,
    cat: Catalog,
    prices: PriceBook,
    sim: Simulation,
    rng: np.random.Generator,
    start_day: int,
    ad_spend: dict[int, int] | None = None,
) -> tuple[Lines, Reports]:
    """Every realization line of the world and the weekly reports that hold them.

    `ad_spend`: WB ad spend per report week (Monday's day number → kopecks); the weekly «WB
    Продвижение» deduction then equals it exactly (None: the older revenue-based figure).

    Columns are filled in place and permuted one at a time: at benchmark scale there are
    millions of lines and a second full copy would double the peak memory.
    """
    o = sim.orders
    out = o["outcome"]
    delivered = np.nonzero(out != lifecycle.CANCEL)[0]
    sold = np.nonzero(out >= lifecycle.BOUGHT)[0]
    back = np.nonzero(out == lifecycle.RETURNED)[0]
    refused = np.nonzero(out == lifecycle.REFUSED)[0]
    rebill = np.nonzero(o["rebill"] > 0)[0]
    n_st = len(sim.storage_bar)
    paid = np.nonzero(sim.supply_cost > 0)[0]
    misc_rows = _misc_lines(spec, cat, prices, o, rng, start_day, ad_spend)
    misc = np.array(misc_rows, dtype=np.int64).reshape(-1, 7)
    total = (
        len(sold) + 2 * len(back) + len(delivered) + len(refused) + len(rebill) + n_st + len(paid) + len(misc)
    )
    c = {k: np.zeros(total, dtype=dt) for k, dt in _LINE_DTYPES.items()}
    c["order"][:] = -1
    c["bar"][:] = -1
    pos = 0

    def put(kind, order=None, t=None, amount=None, sub=None, bar=None, ref=None) -> None:
        nonlocal pos
        n = len(t)
        sl = slice(pos, pos + n)
        c["kind"][sl] = kind
        c["t"][sl] = t
        if order is not None:
            c["order"][sl] = order
            c["bar"][sl] = o["bar"][order]
        for name, val in (("amount", amount), ("sub", sub), ("bar", bar), ("ref", ref)):
            if val is not None:
                c[name][sl] = val
        pos += n

    put(SALE, sold, o["t_out"][sold])
    put(RETURN, back, o["t_ret"][back])
    # Forward trip: «К клиенту при продаже» (sub 0) or «К клиенту при отмене» (sub 1) for a refusal.
    put(
        LOGISTICS,
        delivered,
        o["t_out"][delivered],
        o["log_fwd"][delivered],
        out[delivered] == lifecycle.REFUSED,
    )
    put(LOGISTICS_BACK, refused, o["t_out"][refused], o["log_rev"][refused], 0)  # «От клиента при отмене»
    put(LOGISTICS_BACK, back, o["t_ret"][back], o["log_rev"][back], 1)  # «От клиента при возврате»
    put(REBILL, rebill, o["t_out"][rebill], o["rebill"][rebill])
    noon = 12 * 3600
    put(STORAGE, None, (start_day + sim.storage_day) * DAY_S + noon, sim.storage_cost, bar=sim.storage_bar)
    put(
        ACCEPTANCE,
        None,
        (start_day + sim.supply_day[paid]) * DAY_S + noon,
        sim.supply_cost[paid],
        ref=sim.supply_gi[paid],
    )
    if len(misc):
        put(misc[:, 0], None, misc[:, 3], misc[:, 4], misc[:, 5], bar=misc[:, 2], ref=misc[:, 6])
    week = monday_of(c["t"] // DAY_S)
    order = np.lexsort((c["order"], c["kind"], c["t"], week))
    for k in list(c):
        c[k] = c[k][order]
    week = week[order]
    del order
    mondays, first = np.unique(week, return_index=True)
    end = np.append(first[1:], len(week)).astype(np.int64)
    report = np.repeat(np.arange(len(mondays), dtype=np.int32), end - first)
    rrd_base = 1_230_000_000 + int(rng.integers(0, 1_000_000))
    lines = Lines(c["kind"], c["order"], c["bar"], c["t"], c["amount"], c["sub"], c["ref"], report, rrd_base)
    report_id = (
        300_000_000 + int(rng.integers(0, 1_000_000)) + np.arange(len(mondays), dtype=np.int64) * 1_117
    )
    return lines, Reports(
        report_id, mondays, first.astype(np.int64), end, report_sums(lines, o, len(mondays))
    )


def report_sums(lines: Lines, o: dict[str, np.ndarray], n: int) -> dict[str, np.ndarray]:
    """Header sums per report (kopecks), as WB's report list shows them.

    bankPaymentSum = forPaySum − deliveryServiceSum − paidStorageSum − paidAcceptanceSum
    − penaltySum − deductionSum + additionalPaymentSum; rebillLogisticCost is counted in
    deliveryServiceSum (it is a logistics cost).
    """
    k = lines.kind
    oi = np.where(lines.order >= 0, lines.order, 0)

    def of_order(col: str) -> np.ndarray:  # 0 for lines without an order (and worlds without orders)
        return o[col][oi].astype(np.int64) if len(o[col]) else np.zeros(len(oi), np.int64)

    sign = np.where(k == SALE, 1, np.where(k == RETURN, -1, 0))
    retail = sign * of_order("pwd")
    forpay = sign * of_order("forpay") + np.where(k == COMPENSATION, lines.amount, 0)

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(lines.report, weights=values, minlength=n).round().astype(np.int64)

    def of(*kinds: int) -> np.ndarray:
        return total(np.where(np.isin(k, kinds), lines.amount, 0))

    sums = {
        "retailAmountSum": total(retail),
        "forPaySum": total(forpay),
        "deliveryServiceSum": of(LOGISTICS, LOGISTICS_BACK, REBILL),
        "paidStorageSum": of(STORAGE),
        "paidAcceptanceSum": of(ACCEPTANCE),
        "penaltySum": of(PENALTY),
        "deductionSum": of(ADS, OTHER),
        "additionalPaymentSum": of(ADDITIONAL),
    }
    sums["bankPaymentSum"] = (
        sums["forPaySum"]
        - sums["deliveryServiceSum"]
        - sums["paidStorageSum"]
        - sums["paidAcceptanceSum"]
        - sums["penaltySum"]
        - sums["deductionSum"]
        + sums["additionalPaymentSum"]
    )
    disc = np.where(k == SALE, of_order("disc"), 0).astype(float)
    cnt = np.bincount(lines.report, weights=(k == SALE).astype(float), minlength=n)
    sums["avgSalePercent"] = np.round(
        np.divide(np.bincount(lines.report, weights=disc, minlength=n), np.maximum(cnt, 1)), 2
    )
    return sums
