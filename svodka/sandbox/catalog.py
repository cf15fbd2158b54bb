"""The seller's assortment: cards (nmId), sizes (barcodes), dimensions and daily prices."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.clock import DAY_S
from svodka.sandbox.data import CATEGORY_BY_CODE, COLORS, TITLE_TAILS, WB_SIZE, Category
from svodka.sandbox.spec import WorldSpec


def ean13(body12: np.ndarray) -> list[str]:
    """EAN-13 codes from 12-digit bodies, with the check digit."""
    out = []
    for b in body12.tolist():
        s = f"{b:012d}"
        odd = sum(int(c) for c in s[0::2])
        even = sum(int(c) for c in s[1::2])
        out.append(s + str((10 - (odd + 3 * even) % 10) % 10))
    return out


@dataclass
class Catalog:
    """Cards and sizes. Per-card arrays are indexed by card, per-size arrays by barcode index."""

    categories: list[Category]
    card_cat: np.ndarray  # index into `categories`
    card_nm: np.ndarray
    card_imt: np.ndarray
    card_subject: list  # Subject per card
    card_brand: list[str]
    card_vendor: list[str]
    card_title: list[str]
    card_color: list[str]
    card_dims: np.ndarray  # (n, 3) cm: length, width, height
    card_weight: np.ndarray  # kg
    card_volume: np.ndarray  # litres
    card_photo: np.ndarray  # bool
    card_created: np.ndarray  # Moscow seconds
    card_updates: np.ndarray  # (n, 3) Moscow seconds of later edits, int64 max when none
    card_launch_day: np.ndarray  # world day index when demand starts (0 for old cards)
    card_buyout: np.ndarray  # buyout probability of a delivered unit
    card_uuid: list[str]
    bar_card: np.ndarray
    bar_code: list[str]
    bar_chrt: np.ndarray
    bar_tech: list[str]
    bar_wbsize: list[str]
    bar_share: np.ndarray  # share of the card's demand taken by this size

    @property
    def n_cards(self) -> int:
        """Number of cards."""
        return len(self.card_nm)

    @property
    def n_bars(self) -> int:
        """Number of sizes (barcodes)."""
        return len(self.bar_card)


def build_catalog(spec: WorldSpec, rng: np.random.Generator, start_day: int) -> Catalog:
    """Draw cards until there are `spec.skus` sizes; most cards have one size, fashion several."""
    cats = [CATEGORY_BY_CODE[c] for c in spec.categories]
    weights = np.array([c.weight for c in cats], dtype=float)
    weights /= weights.sum()
    card_cat: list[int] = []
    card_sizes: list[tuple[str, ...]] = []
    n_bars = 0
    while n_bars < spec.skus:
        ci = int(rng.choice(len(cats), p=weights))
        cat = cats[ci]
        sizes: tuple[str, ...] = ("0",)
        if cat.size_sets and rng.random() < cat.multi_size_share:
            grid = cat.size_sets[int(rng.integers(len(cat.size_sets)))]
            k = int(rng.integers(2, len(grid) + 1))
            lo = int(rng.integers(0, len(grid) - k + 1))
            sizes = grid[lo : lo + k]
        sizes = sizes[: spec.skus - n_bars]
        card_cat.append(ci)
        card_sizes.append(sizes)
        n_bars += len(sizes)
    n = len(card_cat)
    cc = np.array(card_cat, dtype=np.int16)
    nm = 100_000_000 + rng.choice(380_000_000, n, replace=False).astype(np.int64)
    imt = nm + 50_000_000 + rng.integers(0, 1000, n)
    subjects, brands, vendors, titles, colors = [], [], [], [], []
    for i, ci in enumerate(card_cat):
        cat = cats[ci]
        subj = cat.subjects[int(rng.integers(len(cat.subjects)))]
        subjects.append(subj)
        brands.append(cat.brands[int(rng.integers(len(cat.brands)))])
        vendors.append(f"{cat.vendor_prefix}-{i + 1:05d}")
        tail = TITLE_TAILS[cat.code][int(rng.integers(len(TITLE_TAILS[cat.code])))]
        titles.append(f"{subj.title_head} {tail}")
        colors.append(COLORS[int(rng.integers(len(COLORS)))])
    vol = np.array([rng.uniform(*cats[ci].volume_l) for ci in card_cat])
    # Box dimensions whose product matches the volume (cm); WB stores integers.
    side = np.cbrt(vol * 1000.0)
    dims = np.stack([side * 1.6, side, side / 1.6], axis=1)
    dims = np.maximum(1, np.rint(dims)).astype(np.int64)
    volume = dims.prod(axis=1) / 1000.0
    weight = np.round(volume * rng.uniform(0.3, 0.9, n) + 0.05, 3)
    # Most cards exist before the period; a few launch inside it (demand starts at launch).
    launch = np.zeros(n, dtype=np.int64)
    new = rng.random(n) < spec.new_card_share
    if spec.days > 10:
        launch[new] = rng.integers(5, max(6, spec.days - 5), int(new.sum()))
    created = np.where(
        launch > 0,
        (start_day + launch - rng.integers(3, 10, n)) * DAY_S,
        (start_day - rng.integers(30, 720, n)) * DAY_S,
    ) + rng.integers(9 * 3600, 20 * 3600, n)
    # Cards get edited now and then (photos, descriptions): updatedAt moves.
    upd = np.full((n, 3), np.iinfo(np.int64).max, dtype=np.int64)
    first = created + rng.integers(1 * 3600, 48 * 3600, n)
    upd[:, 0] = first
    for j in (1, 2):
        has = rng.random(n) < 0.5
        when = (start_day + rng.integers(0, spec.days + 1, n)) * DAY_S + rng.integers(0, DAY_S, n)
        ok = has & (when > upd[:, j - 1])
        upd[ok, j] = when[ok]
    buyout = np.array([min(0.995, rng.uniform(*cats[ci].buyout) * spec.buyout_scale) for ci in card_cat])
    uuids = [
        f"{a:08x}-{b:04x}-7{c:03x}-{d:04x}-{e:012x}"
        for a, b, c, d, e in zip(
            rng.integers(0, 2**32, n).tolist(),
            rng.integers(0, 2**16, n).tolist(),
            rng.integers(0, 2**12, n).tolist(),
            rng.integers(0x8000, 0xC000, n).tolist(),
            rng.integers(0, 2**48, n).tolist(),
            strict=True,
        )
    ]
    bar_card, bar_tech, share = [], [], []
    for i, sizes in enumerate(card_sizes):
        k = len(sizes)
        # Middle sizes sell best.
        w = np.exp(-0.5 * ((np.arange(k) - (k - 1) / 2) / max(1.0, k / 3)) ** 2)
        w /= w.sum()
        for j, s in enumerate(sizes):
            bar_card.append(i)
            bar_tech.append(s)
            share.append(w[j])
    nb = len(bar_card)
    bodies = 204_000_000_000 + rng.choice(9_999_999, nb, replace=False).astype(np.int64) * 97
    chrt = np.sort(200_000_000 + rng.choice(700_000_000, nb, replace=False).astype(np.int64))
    return Catalog(
        categories=cats,
        card_cat=cc,
        card_nm=nm,
        card_imt=imt,
        card_subject=subjects,
        card_brand=brands,
        card_vendor=vendors,
        card_title=titles,
        card_color=colors,
        card_dims=dims,
        card_weight=weight,
        card_volume=volume,
        card_photo=rng.random(n) < 0.97,
        card_created=created,
        card_updates=upd,
        card_launch_day=launch,
        card_buyout=buyout,
        card_uuid=uuids,
        bar_card=np.array(bar_card, dtype=np.int32),
        bar_code=ean13(bodies),
        bar_chrt=chrt,
        bar_tech=bar_tech,
        bar_wbsize=[WB_SIZE.get(s, s if s != "0" else "") for s in bar_tech],
        bar_share=np.array(share),
    )


@dataclass
class PriceBook:
    """Daily list price (whole roubles) and seller discount (%) per card, plus promo demand lift."""

    price_rub: np.ndarray  # (n_cards, days) int32
    discount: np.ndarray  # (n_cards, days) int16
    lift: np.ndarray  # (n_cards, days) float32 demand multiplier from promotions


def _nice_price(x: np.ndarray) -> np.ndarray:
    """Round to prices sellers use: 990, 1490, 249 …"""
    x = np.maximum(x, 50)
    step = np.where(x < 500, 10, np.where(x < 5000, 50, 500))
    return (np.ceil(x / step) * step - np.where(x < 500, 1, 10)).astype(np.int64)


def build_prices(spec: WorldSpec, cat: Catalog, rng: np.random.Generator) -> PriceBook:
    """Log-normal list prices by category, occasional repricing, and promotions.

    A promotion deepens the seller's discount and lifts demand ×1.3–3.0; demand dips by 10–20%
    for a week after it (economics §6).
    """
    n, d = cat.n_cards, spec.days
    med = np.array([cat.categories[c].price_median for c in cat.card_cat])
    p90 = np.array([cat.categories[c].price_p90 for c in cat.card_cat])
    sigma = np.log(p90 / med) / 1.2816
    # Sellers list a "before discount" price well above what they really charge.
    base_disc = rng.integers(15, 55, n)
    charged = med * np.exp(sigma * rng.standard_normal(n))
    list_price = _nice_price(charged / (1 - base_disc / 100.0))
    price = np.repeat(list_price[:, None], d, axis=1)
    for _ in range(2):  # up to two repricings per card inside the period
        change = rng.random(n) < 0.5
        at = rng.integers(1, max(2, d), n)
        factor = rng.uniform(0.9, 1.12, n)
        for i in np.nonzero(change)[0]:
            price[i, at[i] :] = _nice_price(np.array([price[i, at[i]] * factor[i]]))[0]
    disc = np.repeat(base_disc[:, None], d, axis=1).astype(np.int16)
    lift = np.ones((n, d), dtype=np.float32)
    for i in range(n):
        t = rng.exponential(spec.promo_every_days)
        while t < d:
            s = int(t)
            length = int(rng.integers(3, 11))
            e = min(d, s + length)
            disc[i, s:e] = np.minimum(disc[i, s:e] + int(rng.integers(10, 26)), 70)
            lift[i, s:e] *= rng.uniform(1.3, 3.0)
            lift[i, e : min(d, e + 7)] *= rng.uniform(0.8, 0.9)
            t = e + rng.exponential(spec.promo_every_days)
    return PriceBook(price.astype(np.int32), disc, lift)


@dataclass
class Renames:
    """Cards renamed once inside the period: the title changes at `at` (WB updatedAt moves too)."""

    card: np.ndarray  # int32 card indices, ascending
    at: np.ndarray  # int64 Moscow seconds of the rename
    title: list[str]  # the title from `at` on

    def titles(self, cat: Catalog, now_s: int) -> list[str]:
        """The title of every card as of `now_s`."""
        out = list(cat.card_title)
        for c, t, title in zip(self.card.tolist(), self.at.tolist(), self.title, strict=True):
            if t <= now_s:
                out[c] = title
        return out

    def last_at(self, n_cards: int, now_s: int) -> np.ndarray:
        """Per card: the rename time if it happened by `now_s`, else int64 min."""
        out = np.full(n_cards, np.iinfo(np.int64).min, dtype=np.int64)
        done = self.at <= now_s
        out[self.card[done]] = self.at[done]
        return out


def build_renames(spec: WorldSpec, cat: Catalog, rng: np.random.Generator, start_day: int) -> Renames:
    """Pick `rename_share` of the cards (at least one when the share is positive) and rename each
    once, at a random moment inside the period after the card exists: the tail of the title
    changes ("Крем для лица увлажняющий 50 мл" → "Крем для лица питательный 30 мл")."""
    n = cat.n_cards
    k = 0 if spec.rename_share <= 0 else max(1, round(spec.rename_share * n))
    cards = np.sort(rng.choice(n, min(k, n), replace=False)).astype(np.int32)
    first = np.maximum(start_day, cat.card_created[cards] // DAY_S + 1)
    last = start_day + spec.days  # exclusive: renames happen on the world's days
    day = np.where(
        first < last, first + (rng.random(len(cards)) * np.maximum(last - first, 1)).astype(np.int64), 0
    )
    keep = first < last
    cards, day = cards[keep], day[keep]
    at = day * DAY_S + rng.integers(8 * 3600, 22 * 3600, len(cards))
    titles = []
    for c in cards.tolist():
        code = cat.categories[cat.card_cat[c]].code
        tails = TITLE_TAILS[code]
        head = cat.card_subject[c].title_head
        old_tail = cat.card_title[c][len(head) + 1 :]
        pick = int(rng.integers(len(tails)))
        if tails[pick] == old_tail:
            pick = (pick + 1) % len(tails)
        titles.append(f"{head} {tails[pick]}")
    return Renames(cards, at.astype(np.int64), titles)
