"""The advertising world: campaigns of both marketplaces and their daily statistics, columnar.

Campaign statuses inside the sandbox are WB's codes (the Ozon routes map them to
CAMPAIGN_STATE_* names, see `ozon_state`). A campaign's status changes at events (creation,
start, pause, resume, completion, decline, deletion); the status at a clock value is the
status of the last event at or before it. A campaign spends money on a day exactly when it is
active (status 9) at 12:00 Moscow time that day: starts and resumes happen in the morning,
pauses and completions in the evening.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from svodka.sandbox.clock import DAY_S

WB, OZON = "wb", "ozon"
DELETED, READY, COMPLETED, DECLINED, ACTIVE, PAUSED = -1, 4, 7, 8, 9, 11
NOT_CREATED = -99  # status before the creation event: the campaign is not visible yet

# Columns of DailyStats; money (spend, revenue, model_revenue, price) in integer kopecks.
STAT_COLUMNS = (
    "views",
    "clicks",
    "atbs",
    "orders",
    "shks",
    "canceled",
    "spend",
    "revenue",
    "model_orders",
    "model_revenue",
    "price",  # the item's selling price that day, kopecks (revenue = units × price)
)


@dataclass
class Campaigns:
    """The campaigns of one marketplace, ordered by id (= order of creation)."""

    market: str  # WB or OZON
    ids: np.ndarray  # int64 advertId (WB) or campaign id (Ozon, served as a string)
    names: list[str]
    payment: list[str]  # "cpm" | "cpc"
    unified: np.ndarray  # bool: WB bid_type "unified" (else "manual")
    bid_kop: np.ndarray  # int64 bid: kopecks per 1000 views (cpm) or per click (cpc)
    budget_kop: np.ndarray  # int64 daily budget, kopecks
    first_day: np.ndarray  # int64 planned first day (day number)
    last_day: np.ndarray  # int64 planned last day, -1 when open-ended
    budget_stops: np.ndarray  # bool: pauses are budget stops (Ozon STOPPED), else by the owner
    ev_t: list[np.ndarray]  # per campaign: event times (Moscow seconds), ascending; [0] = creation
    ev_status: list[np.ndarray]  # per campaign: the status each event sets
    items: list[np.ndarray]  # per campaign: promoted items (WB card index, Ozon listing index)
    items_added: list[np.ndarray]  # per campaign: day number each item was added

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def created_s(self) -> np.ndarray:
        """Creation time of every campaign (Moscow seconds)."""
        return np.array([t[0] for t in self.ev_t], dtype=np.int64)

    def _last_event(self, now_s: int) -> np.ndarray:
        """Index of the last event at or before `now_s` per campaign (-1 before creation)."""
        return np.array([int(np.searchsorted(t, now_s, side="right")) - 1 for t in self.ev_t])

    def status_at(self, now_s: int) -> np.ndarray:
        """Status of every campaign at `now_s` (NOT_CREATED before its creation)."""
        last = self._last_event(now_s)
        return np.array(
            [s[i] if i >= 0 else NOT_CREATED for s, i in zip(self.ev_status, last.tolist(), strict=True)],
            dtype=np.int64,
        )

    def changed_at(self, now_s: int) -> np.ndarray:
        """Time of the last change at or before `now_s` (creation time if none yet)."""
        last = np.maximum(self._last_event(now_s), 0)
        return np.array([t[i] for t, i in zip(self.ev_t, last.tolist(), strict=True)], dtype=np.int64)

    def started_at(self, now_s: int) -> np.ndarray:
        """Time of the last start or resume at or before `now_s`, -1 when never started."""
        out = []
        for t, s in zip(self.ev_t, self.ev_status, strict=True):
            hit = np.nonzero((s == ACTIVE) & (t <= now_s))[0]
            out.append(int(t[hit[-1]]) if len(hit) else -1)
        return np.array(out, dtype=np.int64)

    def deleted_at(self, now_s: int) -> np.ndarray:
        """Time of deletion at or before `now_s`, -1 when not deleted."""
        out = []
        for t, s in zip(self.ev_t, self.ev_status, strict=True):
            hit = np.nonzero((s == DELETED) & (t <= now_s))[0]
            out.append(int(t[hit[0]]) if len(hit) else -1)
        return np.array(out, dtype=np.int64)


@dataclass
class DailyStats:
    """Daily statistics rows of one marketplace: one row per campaign × item × day × app.

    Sorted by (campaign, day, app, item). WB splits each item-day over its apps (`app` =
    index into WB_APPS); Ozon rows have `app` 0. Only rows with views or spend are kept.
    """

    camp: np.ndarray  # int32 index into Campaigns
    item: np.ndarray  # int32 item index (WB card, Ozon listing row)
    day: np.ndarray  # int64 day number (Moscow date)
    app: np.ndarray  # int8
    cols: dict[str, np.ndarray] = field(default_factory=dict)  # STAT_COLUMNS, int64

    def __len__(self) -> int:
        return len(self.camp)

    def served(self, now_s: int) -> np.ndarray:
        """Rows the APIs show at `now_s`: whole Moscow days before the clock's date."""
        return self.day < now_s // DAY_S


@dataclass(repr=False)
class AdsWorld:
    """Both marketplaces' advertising. Build it with `svodka.sandbox.ads.build_ads`."""

    wb: Campaigns
    wb_stats: DailyStats
    ozon: Campaigns
    ozon_stats: DailyStats
    ozon_sku: np.ndarray  # int64 Ozon SKU per Ozon listing row (empty without an Ozon listing)
    wb_nm: np.ndarray  # int64 nmId per WB card (the catalog's card_nm)
    wb_title: list[str]  # product name per WB card (fullstats `name`)
    ozon_title: list[str]  # product name per Ozon listing row (report «Название товара»)

    def __repr__(self) -> str:
        return (
            f"AdsWorld(wb: {len(self.wb)} campaigns, {len(self.wb_stats)} rows; "
            f"ozon: {len(self.ozon)} campaigns, {len(self.ozon_stats)} rows)"
        )

    def wb_weekly_spend(self) -> dict[int, int]:
        """WB ad spend per report week: Monday's day number → kopecks (the finance deduction)."""
        s = self.wb_stats
        monday = s.day - (s.day + 3) % 7  # 1970-01-01 was a Thursday
        weeks, inv = np.unique(monday, return_inverse=True)
        total = np.bincount(inv, weights=s.cols["spend"].astype(np.float64), minlength=len(weeks))
        return {int(w): round(v) for w, v in zip(weeks.tolist(), total.tolist(), strict=True)}


OZON_STATES = {
    READY: "CAMPAIGN_STATE_PLANNED",
    ACTIVE: "CAMPAIGN_STATE_RUNNING",
    COMPLETED: "CAMPAIGN_STATE_FINISHED",
    DECLINED: "CAMPAIGN_STATE_MODERATION_FAILED",
    DELETED: "CAMPAIGN_STATE_ARCHIVED",
}


def ozon_state(status: int, budget_stop: bool) -> str:
    """Ozon's CAMPAIGN_STATE_* for a sandbox status: a pause is STOPPED when the budget ran out,
    INACTIVE when the owner switched the campaign off."""
    if status == PAUSED:
        return "CAMPAIGN_STATE_STOPPED" if budget_stop else "CAMPAIGN_STATE_INACTIVE"
    return OZON_STATES[status]
