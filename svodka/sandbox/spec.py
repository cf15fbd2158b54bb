"""The knobs of the synthetic seller world."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from svodka.sandbox.clock import msk_today
from svodka.sandbox.data import CATEGORIES, WAREHOUSES


@dataclass(frozen=True)
class WorldSpec:
    """Scale and behaviour of one deterministic seller world (same spec → same world).

    `skus` counts sellable sizes (barcodes); cards (nmId) group one or more sizes. `end` is the
    last day on which buyers place orders (None → yesterday in Moscow time); orders placed near
    the end keep living after it (buyouts, refusals, returns), as on the real marketplace.
    """

    seed: int = 42
    skus: int = 120
    days: int = 90
    end: date | None = None
    orders_per_day: float = 300.0
    warehouses: int = 6
    categories: tuple[str, ...] = field(default_factory=lambda: tuple(c.code for c in CATEGORIES))
    cancel_rate: float = 0.03  # orders cancelled before shipment
    return_rate_scale: float = 1.0  # multiplies each category's return rate
    buyout_scale: float = 1.0  # multiplies each category's buyout rate (capped at 0.995)
    promo_every_days: float = 45.0  # mean gap between promotions of one card
    new_card_share: float = 0.1  # cards launched inside the period
    discontinued_share: float = 0.05  # sizes that stop being restocked
    zero_price_rate: float = 0.05  # sales first served with 0 prices, filled within 24 h (as WB does)
    ad_share: float = 0.05  # WB Продвижение spend deducted from the balance / revenue (ДРР)
    penalties_per_week: float = 0.5
    compensations_per_week: float = 0.3
    dispersion: float = 1.5  # negative-binomial shape: lower → burstier demand
    rename_share: float = 0.05  # cards renamed once inside the period (title and updatedAt change)
    # Ozon Seller (svodka.sandbox.ozon): the same goods, their own prices, demand and money.
    ozon_share: float = 0.75  # share of cards (with all their sizes) listed on Ozon
    ozon_orders_per_day: float | None = None  # Ozon units ordered a day; None → half of orders_per_day
    ozon_fbs_share: float = 0.25  # share of demand served from the seller's own warehouse (FBS)
    ozon_offer_id_variant_share: float = 0.1  # offer_ids typed differently from the WB vendorCode
    ozon_no_barcode_share: float = 0.05  # Ozon products with no barcode (only offer_id links them)
    ozon_unknown_accrual: bool = False  # fault: also emit an accrual type missing from accrual/types
    # The seller's 1C (svodka.sandbox.onec): "ut11" (УТ 11, stock register) or "bp30" (БП 3.0,
    # stock on account 41.01 of the accounting register).
    onec_config: str = "ut11"

    def __post_init__(self) -> None:
        if self.skus < 1 or self.days < 1 or self.orders_per_day <= 0:
            raise ValueError("skus, days and orders_per_day must be positive")
        if not 1 <= self.warehouses <= len(WAREHOUSES):
            raise ValueError(f"warehouses must be between 1 and {len(WAREHOUSES)}")
        known = {c.code for c in CATEGORIES}
        unknown = set(self.categories) - known
        if unknown or not self.categories:
            raise ValueError(f"unknown categories {sorted(unknown)}; known: {sorted(known)}")
        shares = (
            "rename_share",
            "ozon_share",
            "ozon_fbs_share",
            "ozon_offer_id_variant_share",
            "ozon_no_barcode_share",
        )
        for name in shares:
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        if self.ozon_orders_per_day is not None and self.ozon_orders_per_day <= 0:
            raise ValueError("ozon_orders_per_day must be positive")
        if self.onec_config not in ("ut11", "bp30"):
            raise ValueError(f"onec_config must be 'ut11' or 'bp30', not {self.onec_config!r}")

    @property
    def end_date(self) -> date:
        """The last day with orders (resolves the None default to yesterday, Moscow time)."""
        return self.end or (msk_today() - timedelta(days=1))

    @property
    def ozon_rate(self) -> float:
        """Mean Ozon units ordered a day (resolves the None default)."""
        return self.ozon_orders_per_day if self.ozon_orders_per_day is not None else self.orders_per_day / 2

    @property
    def start_date(self) -> date:
        """The first day with orders."""
        return self.end_date - timedelta(days=self.days - 1)
