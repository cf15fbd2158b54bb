"""Rows of the supplier price lists: the world's goods named messily, prices, stock, bad rows.

A row is a dict field → cell value (str, int, float or None) in the supplier's own style, plus
its truth: the reason it must be rejected, or what a loader must read from it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from svodka.sandbox.data import CATEGORY_BY_CODE, TITLE_TAILS
from svodka.sandbox.matching.text import abbreviate, lookalike, typo_in

if TYPE_CHECKING:
    from svodka.sandbox.world import World

REASONS = (
    "no_article",
    "price_not_number",
    "price_not_positive",
    "quantity_not_number",
    "quantity_not_positive",
)
NBSP = "\u00a0"


@dataclass(frozen=True)
class Good:
    """One good a supplier sells: a world barcode (or None for goods the seller does not have)."""

    key: int  # stable number of the good inside the supplier's assortment
    barcode: str | None  # the world's barcode; None for a good outside the world
    file_barcode: str  # the barcode the supplier knows ("" when it has none)
    category: str  # world category code
    title: str
    brand: str
    colour: str
    size: str  # "" when the good has no size


@dataclass
class Row:
    """One data row: cells by field, the rejection reason (None when it must load) and the truth."""

    cells: dict[str, object]
    reason: str | None
    article: str
    price: Decimal
    quantity: int
    barcode: str | None


def _ean13(body12: int) -> str:
    s = f"{body12:012d}"
    return s + str((10 - (sum(int(c) for c in s[0::2]) + 3 * sum(int(c) for c in s[1::2])) % 10) % 10)


def world_goods(world: World, categories: tuple[str, ...], seed: int) -> list[Good]:
    """Every world barcode of `categories`, plus about 15 % goods outside the world (at least 3)."""
    cat = world.catalog
    out = []
    for b, code in enumerate(cat.bar_code):
        c = int(cat.bar_card[b])
        cc = cat.categories[cat.card_cat[c]].code
        if cc in categories:
            size = cat.bar_tech[b] if cat.bar_tech[b] != "0" else ""
            out.append(Good(b, code, code, cc, cat.card_title[c], cat.card_brand[c], cat.card_color[c], size))
    rng = random.Random(seed)
    for i in range(max(3, round(0.15 * len(out)))):
        cc = categories[i % len(categories)]
        spec = CATEGORY_BY_CODE[cc]
        head = rng.choice(spec.subjects).title_head
        title = f"{head} {rng.choice(TITLE_TAILS[cc])}"
        size = rng.choice(spec.size_sets[0]) if spec.size_sets else ""
        own = _ean13(469_000_000_000 + seed % 1000 * 1_000_000 + i) if rng.random() < 0.6 else ""
        brand = rng.choice(("Нонейм", "ProStar", "Домашний Мир", "Lumeo"))
        # keys after the world's barcode indices: supplier articles stay unique and alike in width
        key = cat.n_bars + i
        out.append(Good(key, None, own, cc, title, brand, rng.choice(("черный", "белый")), size))
    return out


_UNITS = ((r"(\d+) мл\b", ("{}мл", "{} ml", "{}ML", "{} мл.")), (r"(\d+) л\b", ("{}л", "{} L", "{}000 мл")))


def messy_name(g: Good, rng: random.Random) -> str:
    """The good's title as a supplier writes it: brand moved, units respelled, abbreviations,
    look-alike letters, a typo, upper case; colour and size added for clothing and shoes."""
    name = g.title
    for pattern, forms in _UNITS:
        if rng.random() < 0.4:
            name = re.sub(pattern, lambda m, f=rng.choice(forms): f.format(m.group(1)), name)
    if rng.random() < 0.35:
        name = abbreviate(name)
    name = f"{g.brand} {name}" if rng.random() < 0.3 else f"{name} {g.brand}"
    if g.size and rng.random() < 0.8:
        colour = "" if rng.random() < 0.2 else f" {g.colour}"
        size = rng.choice(("р-р {}", "размер {}", "({})", "р. {}")).format(g.size)
        name = f"{name}{colour} {size}"
    if rng.random() < 0.2:
        name = lookalike(name, rng)
    if rng.random() < 0.1:
        name = typo_in(name, rng)
    return name.upper() if rng.random() < 0.1 else name


def ru_money(x: Decimal, rng: random.Random) -> str:
    """A price as Russian price lists type it: «1 234,50» (space or no-break space), «990,00», «990»."""
    whole, frac = f"{abs(x):.2f}".split(".")
    sep = rng.choice((" ", NBSP, ""))
    groups: list[str] = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = ("-" if x < 0 else "") + sep.join([whole, *groups])
    return text if frac == "00" and rng.random() < 0.3 else f"{text},{frac}"


@dataclass(frozen=True)
class Style:
    """How a supplier fills its cells."""

    article: str  # format with {n}
    price_text: float  # share of prices written as text «1 234,50» (the rest are numbers)
    numbers: bool  # False: every cell is text (CSV)
    barcode_number: bool  # barcodes stored as numbers (as Excel does when one types them)
    barcode_share: float  # share of rows with the barcode filled in
    factor: float  # wholesale price / the world's list price


def make_rows(goods: list[Good], world: World, style: Style, day: int, rng: random.Random) -> list[Row]:
    """One row per good still in the assortment on `day`, then some rows broken on purpose."""
    cat = world.catalog
    rows = []
    for g in goods:
        if rng.random() < 0.03:  # out of the assortment that day
            continue
        if g.barcode is not None:
            list_price = float(world.prices.price_rub[int(cat.bar_card[g.key]), -1])
        else:
            list_price = 500.0 + 97 * (g.key % 40)
        drift = 1 + 0.01 * day * rng.uniform(-1, 1)
        price = Decimal(str(round(list_price * style.factor * drift, 2))).quantize(Decimal("0.01"))
        qty = rng.randint(1, 300)
        article = style.article.format(n=1000 + 13 * g.key)
        bc = g.file_barcode if rng.random() < style.barcode_share else ""
        cells: dict[str, object] = {
            "article": article,
            "name": messy_name(g, rng),
            "brand": g.brand,
            "barcode": (int(bc) if style.barcode_number else bc) if bc else None,
            "unit": "шт",
            "size": g.size,
            "colour": g.colour,
            "price": ru_money(price, rng)
            if not style.numbers or rng.random() < style.price_text
            else float(price),
            "quantity": qty if style.numbers else str(qty),
            "rrp": float(price * 2) if style.numbers else ru_money(price * 2, rng),
        }
        rows.append(Row(cells, None, article, price, qty, g.barcode))
    rows.sort(key=lambda r: r.article)
    _break_some(rows, style, rng)
    return rows


_BAD = {
    "no_article": ("article", ("", "   ")),
    "price_not_number": ("price", ("договорная", "по запросу", "звоните")),
    "price_not_positive": ("price", (0.0, -150.0, "0,00", "-150,00")),
    "quantity_not_number": ("quantity", ("много", "уточняйте", "под заказ")),
    "quantity_not_positive": ("quantity", (-2, -5, "-1", "-3")),
}


def _break_some(rows: list[Row], style: Style, rng: random.Random) -> None:
    """Give about 7 % of the rows (at least one of each reason when there are enough rows) exactly
    one defect (a file of fewer than 15 rows gets a third of its rows broken, so some reasons may
    be missing from it). Numbers stay numbers in spreadsheets and become text in CSV."""
    k = min(len(rows) // 3, max(len(REASONS), round(0.07 * len(rows))))
    for i, at in enumerate(sorted(rng.sample(range(len(rows)), k))):
        reason = REASONS[i % len(REASONS)]
        field, values = _BAD[reason]
        value = rng.choice(values)
        if not style.numbers and not isinstance(value, str):
            value = str(int(value)) if field == "quantity" else ru_money(Decimal(str(value)), rng)
        if style.numbers and field == "quantity" and isinstance(value, str) and value.lstrip("-").isdigit():
            value = int(value)
        rows[at].cells[field] = value
        rows[at].reason = reason
