"""Supplier price-list files from the seller world, with the truth a loader must reproduce.

    truths = write_pricelists(world, directory, day=1)   # one PriceListTruth per file

Four suppliers in five layouts (.xlsx with a title block, .xlsx with several sheets, .xls, CSV
`;` Windows-1251, CSV `,` UTF-8 with BOM) and one file of an unknown layout. The electronics
supplier adds a column and moves two on day 2 and later. docs/sandbox.md documents the files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from svodka.sandbox.matching import pricelist_files as files
from svodka.sandbox.matching.pricelist_rows import Row, Style, make_rows, ru_money, world_goods

if TYPE_CHECKING:
    from svodka.sandbox.world import World


class Rejection(NamedTuple):
    """A row the loader must reject: its 1-based row number in the file (or sheet) and why."""

    row: int
    reason: str
    sheet: str | None = None


class LoadedRow(NamedTuple):
    """A row the loader must load, with the values it must read from it."""

    row: int
    sheet: str | None
    article: str
    price: Decimal
    quantity: int
    barcode: str | None  # the world's barcode of the good (None: a good outside the world)


@dataclass
class PriceListTruth:
    """What one written file holds. `layout` "unknown" means: refuse the file, load nothing."""

    path: Path
    supplier: str
    layout: str
    rows_in_file: int
    expected_loaded: int
    rejected: list[Rejection] = field(default_factory=list)
    loaded: list[LoadedRow] = field(default_factory=list)
    headers: dict[str, list[str]] = field(default_factory=dict)  # sheet (or "" for CSV) → header


Layout = tuple[tuple[str, str], ...]  # (field, header) in file order

LAYOUTS: dict[str, Layout] = {
    "kosmetik_opt": (("article", "Артикул"), ("name", "Наименование"), ("brand", "Бренд"),
                     ("barcode", "Штрихкод"), ("unit", "Ед. изм."), ("price", "Цена, руб."),
                     ("quantity", "Остаток")),
    "elektromir_v1": (("article", "Код"), ("name", "Наименование товара"), ("brand", "Производитель"),
                      ("barcode", "EAN"), ("price", "Цена опт"), ("quantity", "Кол-во")),
    # day 2 on: «РРЦ» added, «Цена опт» moved before the name, «EAN» moved to the end
    "elektromir_v2": (("article", "Код"), ("price", "Цена опт"), ("name", "Наименование товара"),
                      ("brand", "Производитель"), ("rrp", "РРЦ"), ("quantity", "Кол-во"), ("barcode", "EAN")),
    "chistyy_dom": (("article", "Артикул"), ("name", "Наименование"), ("barcode", "Штрихкод"),
                    ("price", "Цена"), ("quantity", "Остаток"), ("unit", "Ед.изм.")),
    "tekstil_odezhda": (("article", "Артикул"), ("name", "Номенклатура"), ("size", "Размер"),
                        ("colour", "Цвет"), ("barcode", "Штрихкод"), ("price", "Цена"),
                        ("quantity", "Остаток")),
    "tekstil_obuv": (("article", "Артикул"), ("name", "Наименование"), ("brand", "Бренд"),
                     ("size", "Размер"), ("barcode", "EAN"), ("price", "Цена"), ("quantity", "Кол-во")),
    # no article, name or price header that any price list uses: a loader must not guess
    "unknown": (("pos", "Поз."), ("descr", "Описание позиции"), ("cost", "Стоимость/ед."),
                ("avail", "Доступно"), ("note", "Примечание")),
}  # fmt: skip

SUPPLIERS = {
    "kosmetik_opt": "ООО «Косметик Опт»",
    "elektromir": "ЭлектроМир",
    "chistyy_dom": "ТД «Чистый Дом»",
    "tekstil_trade": "Текстиль Трейд",
    "unknown": "ООО «Новый Поставщик»",
}
_STYLES = {
    "kosmetik_opt": Style("КО-{n:05d}", 0.2, True, False, 0.8, 0.5),
    "elektromir": Style("EM{n:07d}", 0.0, True, True, 0.9, 0.55),
    "chistyy_dom": Style("{n:06d}", 1.0, False, False, 0.7, 0.45),
    "tekstil_odezhda": Style("ТТ-{n:05d}", 0.0, True, True, 0.75, 0.4),
    "tekstil_obuv": Style("ТТО-{n:05d}", 1.0, False, False, 0.75, 0.4),
}


def _table(layout: str, rows: list[Row]) -> files.Block:
    fields = LAYOUTS[layout]
    return files.Block("", [h for _, h in fields], [[r.cells.get(f) for f, _ in fields] for r in rows])


def _truth(
    path: Path,
    supplier: str,
    layout: str,
    blocks: list[tuple[files.Block, list[Row]]],
    numbers: list[list[int]],
):
    t = PriceListTruth(path, SUPPLIERS[supplier], layout, 0, 0)
    for (block, rows), nums in zip(blocks, numbers, strict=True):
        sheet = block.sheet or None
        t.headers[block.sheet] = block.header
        t.rows_in_file += len(rows)
        for r, n in zip(rows, nums, strict=True):
            if r.reason:
                t.rejected.append(Rejection(n, r.reason, sheet))
            else:
                t.loaded.append(LoadedRow(n, sheet, r.article, r.price, r.quantity, r.barcode))
    t.expected_loaded = len(t.loaded)
    return t


def write_pricelists(world: World, directory: str | Path, day: int = 1) -> list[PriceListTruth]:
    """Write the suppliers' files for `day` (1, 2, …) into `directory`; the same world and day
    always give the same files. Returns one truth per file, in a fixed order."""
    if day < 1:
        raise ValueError("price lists: day must be 1 or later")
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    date = world.end + timedelta(days=day)
    stamp = f"{date:%Y-%m-%d}"
    created = datetime(date.year, date.month, date.day, 8, 0)
    seed = world.spec.seed

    def rows(code: str, cats: tuple[str, ...], style: str) -> list[Row]:
        rng = random.Random(f"{seed}:{code}:{day}")
        return make_rows(world_goods(world, cats, seed), world, _STYLES[style], day, rng)

    truths = []
    # 1. cosmetics: .xlsx, contacts sheet first, data on «Прайс» after a title block
    r = rows("kosmetik_opt", ("cosmetics",), "kosmetik_opt")
    b = _table("kosmetik_opt", r)
    b.sheet = "Прайс"
    path = out_dir / f"kosmetik_opt_{stamp}.xlsx"
    title = [
        "КОСМЕТИК ОПТ",
        SUPPLIERS["kosmetik_opt"],
        f"Прайс-лист на {date:%d.%m.%Y}",
        "тел. +7 (495) 000-00-00",
    ]
    contacts = {"Контакты": ["ООО «Косметик Опт», г. Москва", "Отдел продаж: +7 (495) 000-00-00"]}
    truths.append(
        _truth(
            path,
            "kosmetik_opt",
            "kosmetik_opt",
            [(b, r)],
            files.write_xlsx_title(path, [b], title, contacts, created),
        )
    )
    # 2. electronics: .xlsx, one sheet per category and a terms sheet; layout v2 from day 2
    layout = "elektromir_v1" if day == 1 else "elektromir_v2"
    parts = []
    for sheet, cat in (("Аксессуары", "accessories"), ("Электроника", "electronics")):
        rr = rows(f"elektromir-{cat}", (cat,), "elektromir")
        bb = _table(layout, rr)
        bb.sheet = sheet
        parts.append((bb, rr))
    path = out_dir / f"elektromir_price_{stamp}.xlsx"
    terms = {"Условия": ["Отгрузка со склада в Москве.", "Цены действительны 3 дня."]}
    truths.append(
        _truth(
            path,
            "elektromir",
            layout,
            parts,
            files.write_xlsx_sheets(path, [p[0] for p in parts], terms, created),
        )
    )
    # 3. household chemicals: CSV, `;`, Windows-1251, every cell text
    r = rows("chistyy_dom", ("household",), "chistyy_dom")
    b = _table("chistyy_dom", r)
    path = out_dir / f"chistyy_dom_{stamp}.csv"
    truths.append(
        _truth(path, "chistyy_dom", "chistyy_dom", [(b, r)], files.write_text_csv(path, b, ";", "cp1251"))
    )
    # 4. clothing: legacy .xls; shoes: CSV `,` UTF-8 with BOM (prices «4 590,00» come quoted)
    r = rows("tekstil_odezhda", ("clothing",), "tekstil_odezhda")
    b = _table("tekstil_odezhda", r)
    b.sheet = "Одежда"
    path = out_dir / f"tekstil_trade_odezhda_{stamp}.xls"
    num = files.write_xls(path, [b], f"Текстиль Трейд — прайс-лист на {date:%d.%m.%Y}")
    truths.append(_truth(path, "tekstil_trade", "tekstil_odezhda", [(b, r)], num))
    r = rows("tekstil_obuv", ("shoes",), "tekstil_obuv")
    b = _table("tekstil_obuv", r)
    path = out_dir / f"tekstil_trade_obuv_{stamp}.csv"
    truths.append(
        _truth(
            path, "tekstil_trade", "tekstil_obuv", [(b, r)], files.write_text_csv(path, b, ",", "utf-8-sig")
        )
    )
    # 5. a layout no profile knows: refused whole, nothing loaded
    truths.append(_unknown(world, out_dir / f"novyy_postavshchik_{stamp}.xlsx", day, created))
    return truths


def _unknown(world: World, path: Path, day: int, created: datetime) -> PriceListTruth:
    rng = random.Random(f"{world.spec.seed}:unknown:{day}")
    goods = world_goods(world, ("cosmetics", "household"), world.spec.seed)[:12]
    body = [
        [i + 1, g.title, ru_money(Decimal(rng.randint(100, 3000)), rng), rng.randint(1, 50), ""]
        for i, g in enumerate(goods)
    ]
    block = files.Block("Лист1", [h for _, h in LAYOUTS["unknown"]], body)
    files.write_xlsx_sheets(path, [block], {}, created)
    return PriceListTruth(
        path, SUPPLIERS["unknown"], "unknown", len(body), 0, headers={"Лист1": block.header}
    )
