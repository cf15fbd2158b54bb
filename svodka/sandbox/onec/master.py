"""Master data of the seller's 1C: nomenclature with folders and barcodes, suppliers, warehouses.

One nomenclature item per catalogue barcode (size): Артикул = the WB vendorCode (+ "-<size>" on
multi-size cards, as the seller types it on Ozon), Description = a clean name (title, brand,
size). Besides them: a few consumables that never reach a marketplace, one item marked for
deletion, and one folder per category. About a tenth of the items carry a second, in-store
barcode ("2…" EAN-13) next to the manufacturer's one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.catalog import Catalog
from svodka.sandbox.clock import DAY_S
from svodka.sandbox.onec import ids
from svodka.sandbox.ozon.listing import canonical_article

SECOND_BARCODE_SHARE = 0.1
CONSUMABLES = (
    ("Пакет курьерский 300×400 мм", "УП-001"),
    ("Коробка картонная 300×200×150 мм", "УП-002"),
    ("Плёнка стрейч 500 мм × 300 м", "УП-003"),
    ("Скотч упаковочный 48 мм × 66 м", "УП-004"),
    ("Плёнка воздушно-пузырчатая 1,2 × 100 м", "УП-005"),
    ("Термоэтикетка 58×40 мм, 900 шт", "УП-006"),
    ("Пакет зип-лок 150×200 мм, 100 шт", "УП-007"),
    ("Наполнитель бумажный крафт, 5 кг", "УП-008"),
)
DELETED_ITEM = ("Набор подарочный «Новогодний» (не использовать)", "NY-2024")
CONSUMABLES_FOLDER = "Упаковка и расходные материалы"
SUPPLIERS = {
    "cosmetics": ("ООО «Косметик Трейд»", "ООО «Бьюти Дистрибьюшн»"),
    "household": ("ООО «ХимПоставка»", "ООО «Чистый Дом Опт»"),
    "accessories": ("ООО «Гаджет Опт»", "ООО «Аксессуар-Импорт»"),
    "electronics": ("ООО «Электроника Дистрибуция»", "ООО «ТехноСнаб»"),
    "clothing": ("ООО «Текстиль Плюс»", "ИП Гусева Марина Олеговна"),
    "shoes": ("ООО «Обувная фабрика Шаг»", "ООО «ОбувьОпт»"),
}
CONSUMABLES_SUPPLIER = "ООО «УпакСнаб»"
# Marketplaces as counterparties (commission agents): their real legal names and INNs.
MARKETPLACES = (("ООО «Вайлдберриз»", "7721546864"), ("ООО «Интернет Решения»", "7704217370"))
WAREHOUSES = ("Основной склад", "Склад расходных материалов")
ORGANIZATION = "ООО «Сводка Трейд»"

KIND_GOODS, KIND_CONSUMABLE, KIND_DELETED = 0, 1, 2


@dataclass
class Master:
    """Items are indexed 0 … n-1: catalogue barcodes first (item b = catalogue barcode b), then
    consumables, then the deleted item. Counterparties: suppliers, then the two marketplaces."""

    item_kind: np.ndarray  # int8 KIND_*
    item_article: list[str]
    item_name: list[str]
    item_full_name: list[str]
    item_folder: np.ndarray  # int64 index into folder_name
    item_barcodes: list[list[str]]  # primary barcode first
    item_supplier: np.ndarray  # int64 index into party_name (−1: none)
    folder_name: list[str]
    party_name: list[str]
    party_inn: list[str]
    party_is_supplier: np.ndarray  # bool
    monthly_supplier: np.ndarray  # bool per counterparty: delivers every four weeks (consumables)

    @property
    def n_items(self) -> int:
        """Number of nomenclature items (folders excluded)."""
        return len(self.item_kind)

    @property
    def wb_party(self) -> int:
        """Counterparty index of Wildberries."""
        return len(self.party_name) - 2

    def primary_barcode(self, item: int) -> str:
        """The item's main barcode (for catalogue items: the marketplaces' barcode)."""
        return self.item_barcodes[item][0]


def build_master(cat: Catalog, seed: int, rng: np.random.Generator) -> Master:
    """Nomenclature, folders and counterparties (item order: see `Master`)."""
    parents = list(dict.fromkeys(c.parent for c in cat.categories))
    folder_name = [*parents, CONSUMABLES_FOLDER]
    codes = list(dict.fromkeys(c.code for c in cat.categories))
    party_name: list[str] = []
    for code in codes:
        party_name.extend(SUPPLIERS.get(code, (f"ООО «Поставщик {code}»", f"ООО «Опт {code}»")))
    party_name.append(CONSUMABLES_SUPPLIER)
    n_sup = len(party_name)
    party_name.extend(name for name, _ in MARKETPLACES)
    party_inn = [ids.inn10(seed, ("party", i)) for i in range(n_sup)] + [inn for _, inn in MARKETPLACES]
    monthly = np.zeros(len(party_name), bool)
    monthly[n_sup - 1] = True

    multi = np.bincount(cat.bar_card, minlength=cat.n_cards) > 1
    kind, article, name, full, folder, barcodes, supplier = [], [], [], [], [], [], []
    second = rng.random(cat.n_bars) < SECOND_BARCODE_SHARE
    for b, code in enumerate(cat.bar_code):
        c = int(cat.bar_card[b])
        category = cat.categories[cat.card_cat[c]]
        tech = cat.bar_tech[b]
        size = f", размер {tech}" if multi[c] else ""
        kind.append(KIND_GOODS)
        article.append(canonical_article(cat.card_vendor[c], tech, bool(multi[c])))
        name.append(f"{cat.card_title[c]} {cat.card_brand[c]}{size}")
        full.append(f"{cat.card_title[c]} {cat.card_brand[c]}, цвет {cat.card_color[c]}{size}")
        folder.append(parents.index(category.parent))
        barcodes.append([code, ids.ean13_internal(seed, ("item", b))] if second[b] else [code])
        # Each brand is bought from one of the category's two suppliers.
        supplier.append(2 * codes.index(category.code) + sum(map(ord, cat.card_brand[c])) % 2)
    n_cons = max(3, min(len(CONSUMABLES), cat.n_bars // 25 + 1))
    for i, (title, art) in enumerate(CONSUMABLES[:n_cons]):
        kind.append(KIND_CONSUMABLE)
        article.append(art)
        name.append(title)
        full.append(title)
        folder.append(len(parents))
        barcodes.append([ids.ean13_internal(seed, ("consumable", i))])
        supplier.append(n_sup - 1)
    kind.append(KIND_DELETED)
    article.append(DELETED_ITEM[1])
    name.append(DELETED_ITEM[0])
    full.append(DELETED_ITEM[0])
    folder.append(0)
    barcodes.append([ids.ean13_internal(seed, "deleted")])
    supplier.append(-1)
    is_sup = np.zeros(len(party_name), bool)
    is_sup[:n_sup] = True
    return Master(
        item_kind=np.array(kind, dtype=np.int8),
        item_article=article,
        item_name=name,
        item_full_name=full,
        item_folder=np.array(folder, dtype=np.int64),
        item_barcodes=barcodes,
        item_supplier=np.array(supplier, dtype=np.int64),
        folder_name=folder_name,
        party_name=party_name,
        party_inn=party_inn,
        party_is_supplier=is_sup,
        monthly_supplier=monthly,
    )


def created_days(
    cat: Catalog, master: Master, first_ship: np.ndarray, start_day: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """(world day, Moscow seconds) each item was created in 1C.

    A catalogue item exists 8–20 days before the earlier of its WB card and its first shipment,
    so its first weekly delivery always comes before any shipment.
    """
    n = master.n_items
    card_day = cat.card_created[cat.bar_card] // DAY_S - start_day
    day = np.empty(n, dtype=np.int64)
    nb = cat.n_bars
    day[:nb] = np.minimum(card_day, first_ship[:nb]) - rng.integers(8, 21, nb)
    rest = master.item_kind[nb:]
    day[nb:] = np.where(rest == KIND_DELETED, -500, -rng.integers(60, 400, n - nb))
    secs = (start_day + day) * DAY_S + rng.integers(9 * 3600, 18 * 3600, n)
    return day, secs
