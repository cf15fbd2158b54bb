"""Ozon accruals (`/v1/finance/accrual/*`) as columnar money lines grouped into accruals.

Every accrual is dated by its event's Moscow date and served from `pub` on: the next morning
(06:00–09:00 Moscow), or 1–4 days later for about 10 % of them ("late"). About 4 % of sale
accruals have their logistics line corrected 1–5 days after publication: the same accrual
(same id, same date) then serves the new amount. Amounts are signed in the seller's view.

Categories: POSTING (a sale, a buyer's return, a refusal — per posting), ITEM (FBO placement of
a day, per SKU; compensations for goods lost or damaged at Ozon), NON_ITEM (supply processing,
penalties, other compensations, subscriptions, rare services).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox import lifecycle
from svodka.sandbox.clock import DAY_S, day_date
from svodka.sandbox.ozon import data as D
from svodka.sandbox.ozon.accrual_types import KEY_INDEX, UNKNOWN_INDEX
from svodka.sandbox.ozon.listing import Listing
from svodka.sandbox.ozon.pricing import OzonPrices
from svodka.sandbox.ozon.sim import OzonSim
from svodka.sandbox.spec import WorldSpec

POSTING, ITEM, NON_ITEM = 0, 1, 2
CATEGORIES = ("POSTING", "ITEM", "NON_ITEM")
NEVER = lifecycle.NEVER
_ACC = ("day", "t", "cat", "posting", "ref")
# Line columns and their compact dtypes (a year at benchmark scale has ~10 million lines).
_LINE = {"kind": np.int16, "prod": np.int32, "qty": np.int16, "unit": np.int32, "amount": np.int64}


@dataclass
class Accruals:
    """Accruals sorted by (date, accrual_id); each owns the contiguous lines [first, end)."""

    acc_id: np.ndarray  # int64
    day: np.ndarray  # int64 day number of the accrual's date
    pub: np.ndarray  # int64 Moscow seconds from which it is served
    cat: np.ndarray  # int8 POSTING / ITEM / NON_ITEM
    posting: np.ndarray  # int32 posting index, -1
    ref: np.ndarray  # int64 document / supply number of ITEM and NON_ITEM accruals
    first: np.ndarray
    end: np.ndarray
    kind: np.ndarray  # per line: int16 accrual type index (accrual_types.TYPES, UNKNOWN_INDEX)
    prod: np.ndarray  # int32 listing index, -1
    qty: np.ndarray  # int16 units the line is for (0 when not per unit)
    unit: np.ndarray  # int32 seller price per unit, kopecks (0 when not a goods line)
    amount0: np.ndarray  # int64 kopecks as first served
    line_acc: np.ndarray  # int32 accrual index of each line
    fix_line: np.ndarray  # ascending line positions corrected after publication (few)
    fix_amount: np.ndarray  # int64 kopecks from the correction on
    fix_at: np.ndarray  # int64 Moscow seconds of the correction

    def amounts(self, now_s: int, lines: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Line amounts as served at `now_s` (corrections applied once they happened)."""
        pos = np.arange(*lines.indices(len(self.amount0))) if isinstance(lines, slice) else np.asarray(lines)
        out = self.amount0[pos].copy()
        if len(self.fix_line) and len(pos):
            k = np.minimum(np.searchsorted(self.fix_line, pos), len(self.fix_line) - 1)
            hit = (self.fix_line[k] == pos) & (self.fix_at[k] <= now_s)
            out[hit] = self.fix_amount[k[hit]]
        return out

    def day_range(self, day: int) -> tuple[int, int]:
        """Accrual positions [lo, hi) dated `day`."""
        return int(np.searchsorted(self.day, day, "left")), int(np.searchsorted(self.day, day, "right"))


class _Blocks:
    """Accrual blocks collected before the final sort: accrual columns plus their lines."""

    def __init__(self) -> None:
        self.acc: list[dict[str, np.ndarray]] = []
        self.lines: list[dict[str, np.ndarray]] = []

    def add(self, acc: dict[str, np.ndarray], lines: list[dict[str, np.ndarray]]) -> None:
        """`lines` is a list of line kinds, each with one line per accrual (dropped when amount is 0)."""
        m = len(acc["day"])
        base = sum(len(a["day"]) for a in self.acc)
        self.acc.append({k: np.broadcast_to(np.asarray(acc[k], dtype=np.int64), (m,)) for k in _ACC})
        for j, ln in enumerate(lines):
            keep = np.broadcast_to(np.asarray(ln["amount"]) != 0, (m,))
            cols = {k: np.broadcast_to(np.asarray(ln[k]), (m,))[keep].astype(dt) for k, dt in _LINE.items()}
            cols["acc"] = (base + np.nonzero(keep)[0]).astype(np.int32)
            cols["order"] = np.full(int(keep.sum()), j, dtype=np.int32)
            self.lines.append(cols)

    def add_grouped(
        self, acc: dict[str, np.ndarray], line_acc: np.ndarray, line: dict[str, np.ndarray]
    ) -> None:
        """Accruals with a variable number of lines: `line_acc` says which accrual each line is in."""
        base = sum(len(a["day"]) for a in self.acc)
        m = len(acc["day"])
        self.acc.append({k: np.broadcast_to(np.asarray(acc[k], dtype=np.int64), (m,)) for k in _ACC})
        n = len(line_acc)
        cols = {k: np.broadcast_to(np.asarray(line[k]), (n,)).astype(dt) for k, dt in _LINE.items()}
        cols["acc"] = (base + line_acc).astype(np.int32)
        cols["order"] = np.arange(n, dtype=np.int32)
        self.lines.append(cols)


def _posting_events(blocks: _Blocks, sim: OzonSim, start_day: int) -> None:
    p = sim.postings
    out, q = p["outcome"], p["qty"].astype(np.int64)
    fbs = p["wh"] == sim.n_fbo
    dropoff = np.where(fbs, -D.DROPOFF_KOP, 0)

    def line(key, amount, idx, per_unit=True):
        return {
            "kind": KEY_INDEX[key],
            "prod": p["prod"][idx],
            "qty": q[idx] if per_unit else 0,
            "unit": p["price"][idx] if key in ("sale", "return", "commission", "commission_back") else 0,
            "amount": amount,
        }

    sold = np.nonzero(out >= lifecycle.BOUGHT)[0]
    s = sold
    blocks.add(
        {"day": p["t_end"][s] // DAY_S, "t": p["t_end"][s], "cat": POSTING, "posting": s, "ref": 0},
        [
            line("sale", q[s] * p["price"][s], s),
            line("commission", -q[s] * p["comm"][s], s),
            line("acquiring", -q[s] * p["acq"][s], s),
            line("logistics", -q[s] * p["log"][s], s),
            line("last_mile", -q[s] * p["mile"][s], s),
            line("dropoff", dropoff[s], s, per_unit=False),
        ],
    )
    r = np.nonzero(out == lifecycle.RETURNED)[0]
    blocks.add(
        {"day": p["t_ret"][r] // DAY_S, "t": p["t_ret"][r], "cat": POSTING, "posting": r, "ref": 0},
        [
            line("return", -q[r] * p["price"][r], r),
            line("commission_back", q[r] * p["comm"][r], r),
            line("return_logistics", -q[r] * p["log"][r], r),
            line("return_processing", np.full(len(r), -D.RETURN_PROCESSING_KOP), r, per_unit=False),
        ],
    )
    f = np.nonzero(out == lifecycle.REFUSED)[0]
    full_return = refusal_is_full_return(p["reason"][f])
    blocks.add(
        {"day": p["t_end"][f] // DAY_S, "t": p["t_end"][f], "cat": POSTING, "posting": f, "ref": 0},
        [
            line("logistics", -q[f] * p["log"][f], f),
            line("return_logistics", -q[f] * p["log"][f], f),
            line("non_buyout", np.where(full_return, -D.RETURN_PROCESSING_KOP, 0), f, per_unit=False),
            line("cancel_processing", np.where(full_return, 0, -D.RETURN_PROCESSING_KOP), f, per_unit=False),
            line("dropoff", dropoff[f], f, per_unit=False),
        ],
    )


def refusal_is_full_return(reason: np.ndarray) -> np.ndarray:
    """A refused posting was refused at handover ("FullReturn", non-buyout) or not collected
    ("Cancellation"); both end as status `cancelled`."""
    return np.asarray(reason) % 2 == 0


def _stock_events(blocks: _Blocks, sim: OzonSim, start_day: int, doc0: int) -> None:
    st = sim.storage
    days, line_acc = np.unique(st["day"], return_inverse=True)
    blocks.add_grouped(
        {
            "day": start_day + days,
            "t": (start_day + days) * DAY_S + DAY_S - 1,
            "cat": ITEM,
            "posting": -1,
            "ref": doc0 + days * 3,
        },
        line_acc,
        {"kind": KEY_INDEX["storage"], "prod": st["prod"], "qty": 0, "unit": 0, "amount": -st["cost"]},
    )
    a = sim.acceptance
    paid = np.nonzero(a["cost"] > 0)[0]
    blocks.add(
        {
            "day": start_day + a["arrive"][paid],
            "t": (start_day + a["arrive"][paid]) * DAY_S + 12 * 3600,
            "cat": NON_ITEM,
            "posting": -1,
            "ref": a["sid"][paid],
        },
        [{"kind": KEY_INDEX["acceptance"], "prod": -1, "qty": 0, "unit": 0, "amount": -a["cost"][paid]}],
    )


def _misc_events(
    blocks: _Blocks,
    spec: WorldSpec,
    listing: Listing,
    prices: OzonPrices,
    card: np.ndarray,
    rng,
    start_day: int,
) -> None:
    """Penalties, compensations, subscriptions, rare services — week by week, as on WB."""
    rows: list[tuple[int, int, int, int, int, int]] = []  # day, t, cat, kind, prod, amount
    doc = 50_000_000 + int(rng.integers(0, 1_000_000))
    nd, n = spec.days, len(listing)
    for week in range(0, nd, 7):
        lo, hi = start_day + week, start_day + min(week + 7, nd)

        def when(lo: int = lo, hi: int = hi) -> int:
            return int(rng.integers(lo, hi)) * DAY_S + int(rng.integers(9 * 3600, 19 * 3600))

        for _ in range(rng.poisson(spec.penalties_per_week)):
            key = "penalty_shipment" if rng.random() < 0.6 else "penalty_shortage"
            rows.append((0, when(), NON_ITEM, KEY_INDEX[key], -1, -int(rng.integers(100, 3001)) * 100))
        for _ in range(rng.poisson(spec.compensations_per_week)):
            prod = int(rng.integers(n))
            t = when()
            d = min(max(t // DAY_S - start_day, 0), nd - 1)
            value = int(prices.price_kop(card[prod], d) * rng.uniform(0.7, 1.0))
            key = "comp_lost" if rng.random() < 0.5 else "comp_damaged"
            rows.append((0, t, ITEM, KEY_INDEX[key], prod, value))
        if rng.random() < 0.1:
            rows.append(
                (0, when(), NON_ITEM, KEY_INDEX["comp_other"], -1, int(rng.integers(100, 3001)) * 100)
            )
        if rng.random() < 0.1:
            rows.append((0, when(), NON_ITEM, KEY_INDEX["stars"], -1, -int(rng.integers(500, 3001)) * 100))
        if spec.ozon_unknown_accrual:
            rows.append((0, when(), NON_ITEM, UNKNOWN_INDEX, -1, -int(rng.integers(100, 1001)) * 100))
        for day in range(lo, hi):
            if day_date(day).day == 1:
                rows.append((0, day * DAY_S + 3 * 3600, NON_ITEM, KEY_INDEX["premium"], -1, -499_000))
    if not rows:
        return
    m = np.array(rows, dtype=np.int64)
    refs = doc + np.arange(len(m)) * 11
    blocks.add(
        {"day": m[:, 1] // DAY_S, "t": m[:, 1], "cat": m[:, 2], "posting": -1, "ref": refs},
        [{"kind": m[:, 3], "prod": m[:, 4], "qty": 0, "unit": 0, "amount": m[:, 5]}],
    )


def build_accruals(
    spec: WorldSpec,
    listing: Listing,
    prices: OzonPrices,
    card: np.ndarray,
    sim: OzonSim,
    rng: np.random.Generator,
    start_day: int,
) -> Accruals:
    """Every accrual of the world, with publication times and late corrections."""
    blocks = _Blocks()
    _posting_events(blocks, sim, start_day)
    _stock_events(blocks, sim, start_day, 70_000_000 + int(rng.integers(0, 1_000_000)))
    _misc_events(blocks, spec, listing, prices, card, rng, start_day)
    acc = {k: np.concatenate([a[k] for a in blocks.acc]) for k in _ACC}
    n_acc = len(acc["day"])
    order = np.lexsort((np.arange(n_acc), acc["t"], acc["day"]))
    rank = np.empty(n_acc, dtype=np.int32)
    rank[order] = np.arange(n_acc, dtype=np.int32)
    acc = {k: v[order] for k, v in acc.items()}
    del order
    # Lines in accrual order; columns are gathered and permuted one at a time to keep the peak low.
    line_acc = rank[np.concatenate([ln["acc"] for ln in blocks.lines])]
    lorder = np.lexsort((np.concatenate([ln["order"] for ln in blocks.lines]), line_acc))
    line_acc = line_acc[lorder]
    lines = {}
    for k in _LINE:
        lines[k] = np.concatenate([ln.pop(k) for ln in blocks.lines])[lorder]
    del lorder, blocks
    counts = np.bincount(line_acc, minlength=n_acc)
    end = np.cumsum(counts)
    first = end - counts
    acc_id = 5_000_000_000 + int(rng.integers(0, 10_000_000)) + np.arange(n_acc, dtype=np.int64) * 7
    late = rng.random(n_acc) < 0.10
    pub = (acc["day"] + 1) * DAY_S + 6 * 3600 + rng.integers(0, 3 * 3600, n_acc)
    pub = pub + np.where(late, rng.integers(1, 5, n_acc) * DAY_S, 0)
    # A few sale accruals get their logistics line corrected 1–5 days after publication.
    sale_acc = np.zeros(n_acc, bool)
    sale_acc[line_acc[lines["kind"] == KEY_INDEX["sale"]]] = True
    is_log = (lines["kind"] == KEY_INDEX["logistics"]) & sale_acc[line_acc]
    fix = np.nonzero(is_log & (rng.random(len(line_acc)) < 0.04))[0]
    fix_amount = np.rint(lines["amount"][fix] * rng.uniform(0.7, 1.4, len(fix))).astype(np.int64)
    fix_at = pub[line_acc[fix]] + rng.integers(DAY_S, 5 * DAY_S, len(fix))
    return Accruals(
        acc_id=acc_id,
        day=acc["day"],
        pub=pub,
        cat=acc["cat"].astype(np.int8),
        posting=acc["posting"].astype(np.int32),
        ref=acc["ref"],
        first=first.astype(np.int64),
        end=end.astype(np.int64),
        kind=lines["kind"],
        prod=lines["prod"],
        qty=lines["qty"],
        unit=lines["unit"],
        amount0=lines["amount"],
        line_acc=line_acc,
        fix_line=fix,
        fix_amount=fix_amount,
        fix_at=fix_at,
    )
