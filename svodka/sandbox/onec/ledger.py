"""БП 3.0 bookkeeping of the goods flows: account 41.01 in AccountingRegister_Хозрасчетный.

A receipt posts Dr 41.01 (субконто: Номенклатура, Склады) Cr 60.01 (Контрагенты) for the line
amount and quantity; a hand-over to a marketplace posts Dr 45.01 (Номенклатура, Контрагенты)
Cr 41.01 at the item's moving average cost in that warehouse. So the 41.01 balance gives the
same quantities per item and warehouse as УТ's stock register, plus their value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.onec.world import OnecWorld

# (code, description, type, quantitative, PredefinedDataName, ext-dimension kinds)
ACCOUNTS = (
    ("41", "Товары", "Active", True, "Товары", ("item", "warehouse")),
    ("41.01", "Товары на складах", "Active", True, "ТоварыНаСкладах", ("item", "warehouse")),
    ("45", "Товары отгруженные", "Active", True, "ТоварыОтгруженные", ("item", "party")),
    ("45.01", "Покупные товары отгруженные", "Active", True, "ПокупныеТоварыОтгруженные", ("item", "party")),
    (
        "60",
        "Расчеты с поставщиками и подрядчиками",
        "ActivePassive",
        False,
        "РасчетыСПоставщиками",
        ("party",),
    ),
    (
        "60.01",
        "Расчеты с поставщиками и подрядчиками",
        "ActivePassive",
        False,
        "РасчетыСПоставщикамиИПодрядчиками",
        ("party",),
    ),
)
ACC_41_01, ACC_45_01, ACC_60_01 = 1, 3, 5
# Виды субконто: kind → (code, description, PredefinedDataName, referenced entity set)
EXT_TYPES = {
    "item": ("00001", "Номенклатура", "Номенклатура", "Catalog_Номенклатура"),
    "warehouse": ("00002", "Склады", "Склады", "Catalog_Склады"),
    "party": ("00003", "Контрагенты", "Контрагенты", "Catalog_Контрагенты"),
}


@dataclass
class Ledger:
    """One accounting record per stock movement, in movement order (see `OnecWorld.movements`)."""

    dr: np.ndarray  # int64 index into ACCOUNTS
    cr: np.ndarray
    dr_ext: list[tuple[tuple[str, int], ...]]  # ((kind, index), …) per record, in the account's order
    cr_ext: list[tuple[tuple[str, int], ...]]
    amount: np.ndarray  # int64 kopecks
    qty_dr: np.ndarray  # int64
    qty_cr: np.ndarray


def build_ledger(onec: OnecWorld) -> Ledger:
    """Postings of every stock movement; hand-overs are valued at the moving average cost."""
    m = onec.movements
    n = len(m["t"])
    dr, cr = np.empty(n, np.int64), np.empty(n, np.int64)
    amount = np.zeros(n, np.int64)
    dr_ext: list[tuple[tuple[str, int], ...]] = []
    cr_ext: list[tuple[tuple[str, int], ...]] = []
    qty_sum: dict[tuple[int, int], int] = {}
    value_sum: dict[tuple[int, int], int] = {}
    for i in range(n):
        item, wh, qty = int(m["item"][i]), int(m["wh"][i]), int(m["qty"][i])
        docs = onec.receipts if m["kind"][i] == 0 else onec.sales
        doc = int(m["doc"][i])
        key = (item, wh)
        if qty > 0:
            line = int(docs.first_line[doc]) + int(m["line"][i]) - 1
            value = qty * int(docs.line_price[line])
            dr[i], cr[i] = ACC_41_01, ACC_60_01
            dr_ext.append((("item", item), ("warehouse", wh)))
            cr_ext.append((("party", int(docs.party[doc])),))
            qty_sum[key] = qty_sum.get(key, 0) + qty
            value_sum[key] = value_sum.get(key, 0) + value
        else:
            out = -qty
            have_q, have_v = qty_sum.get(key, 0), value_sum.get(key, 0)
            value = have_v if out >= have_q else (have_v * out * 2 + have_q) // (2 * have_q)
            dr[i], cr[i] = ACC_45_01, ACC_41_01
            dr_ext.append((("item", item), ("party", int(docs.party[doc]))))
            cr_ext.append((("item", item), ("warehouse", wh)))
            qty_sum[key] = have_q - out
            value_sum[key] = have_v - value
        amount[i] = value
    qty_abs = np.abs(m["qty"])
    qty_dr = np.where(np.isin(dr, (ACC_41_01, ACC_45_01)), qty_abs, 0)
    qty_cr = np.where(cr == ACC_41_01, qty_abs, 0)
    return Ledger(dr, cr, dr_ext, cr_ext, amount, qty_dr, qty_cr)
