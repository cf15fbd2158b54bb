"""Rows of documents and register movements (УТ stock register, БП accounting register)."""

from __future__ import annotations

from typing import Any

import numpy as np

from svodka.sandbox.onec import ids
from svodka.sandbox.onec import schema as S
from svodka.sandbox.onec.ledger import ACC_41_01, EXT_TYPES
from svodka.sandbox.onec.rows import SALE_NOTE, E, money, naive
from svodka.sandbox.onec.world import Docs, OnecWorld

Row = dict[str, Any]


def documents(o: OnecWorld, docs: Docs, now_s: int) -> tuple[list[Row], list[Row]]:
    """(headers with their Товары, flat Товары rows) of documents dated at or before `now_s`."""
    sale = docs.kind == "sale"
    operation = {
        ("ut11", False): "ЗакупкаУПоставщика",
        ("ut11", True): "ПередачаНаКомиссию",
        ("bp30", False): "Товары",
        ("bp30", True): "ТоварыУслугиКомиссия",
    }[(o.config, sale)]
    heads, flat = [], []
    account = o.ref("account", ACC_41_01)
    for i in np.nonzero(docs.t <= now_s)[0].tolist():
        ref, party = docs.refs[i], int(docs.party[i])
        vat = not sale and not o.master.party_name[party].startswith("ИП ")
        lines = []
        for n, j in enumerate(docs.lines(i), start=1):
            total = int(docs.line_qty[j]) * int(docs.line_price[j])
            line: Row = {
                "Ref_Key": ref,
                "LineNumber": n,
                "Номенклатура_Key": o.ref("item", int(docs.line_item[j])),
            }
            line["Характеристика_Key" if o.config == "ut11" else "СчетУчета_Key"] = (
                E if o.config == "ut11" else account
            )
            line.update(
                Количество=int(docs.line_qty[j]),
                Цена=money(int(docs.line_price[j])),
                Сумма=money(total),
                СтавкаНДС="НДС20" if vat else "БезНДС",
                СуммаНДС=money((total * 20 * 2 + 120) // 240 if vat else 0),
                СуммаСНДС=money(total),
            )
            lines.append(line)
        total = int((docs.line_qty[docs.lines(i)] * docs.line_price[docs.lines(i)]).sum())
        heads.append(
            {
                "Ref_Key": ref,
                "DataVersion": ids.data_version(o.seed, docs.kind, i),
                "DeletionMark": bool(docs.deleted[i]),
                "Number": docs.numbers[i],
                "Date": naive(int(docs.t[i])),
                "Posted": bool(docs.posted[i]),
                "Организация_Key": o.ref("org", 0),
                "Контрагент_Key": o.ref("party", party),
                "Склад_Key": o.ref("warehouse", int(docs.warehouse[i])),
                "Валюта_Key": o.ref("currency", 0),
                S.OPERATION[o.config]: operation,
                "ЦенаВключаетНДС": True,
                "СуммаДокумента": money(total),
                "Комментарий": SALE_NOTE[party - o.master.wb_party] if sale else "",
                "Товары": lines,
            }
        )
        flat.extend(lines)
    return heads, flat


def _recorder(o: OnecWorld, kind: int, doc: int) -> tuple[str, str]:
    docs, name = (o.receipts, S.RECEIPT_SET) if kind == 0 else (o.sales, S.SALE_SET)
    return docs.refs[doc], f"StandardODATA.{name}"


def stock_records(o: OnecWorld, now_s: int) -> list[Row]:
    """AccumulationRegister_ТоварыНаСкладах_RecordType rows of documents existing at `now_s`."""
    m = o.movements
    out = []
    for i in np.nonzero(m["t"] <= now_s)[0].tolist():
        rec, rtype = _recorder(o, int(m["kind"][i]), int(m["doc"][i]))
        qty = int(m["qty"][i])
        out.append(
            {
                "Recorder": rec,
                "Recorder_Type": rtype,
                "LineNumber": int(m["line"][i]),
                "Period": naive(int(m["t"][i])),
                "Active": True,
                "RecordType": "Receipt" if qty > 0 else "Expense",
                "Номенклатура_Key": o.ref("item", int(m["item"][i])),
                "Характеристика_Key": E,
                "Склад_Key": o.ref("warehouse", int(m["wh"][i])),
                "Количество": abs(qty),
            }
        )
    return out


def ext_value(o: OnecWorld, kind: str, index: int) -> tuple[str, str]:
    """(value, value type) of one субконто."""
    target = EXT_TYPES[kind][3]
    return o.ref(kind, index), f"StandardODATA.{target}"


def ledger_records(o: OnecWorld, now_s: int) -> list[Row]:
    """AccountingRegister_Хозрасчетный_RecordType rows of documents existing at `now_s`."""
    m, led = o.movements, o.ledger
    out = []
    for i in np.nonzero(m["t"] <= now_s)[0].tolist():
        rec, rtype = _recorder(o, int(m["kind"][i]), int(m["doc"][i]))
        row: Row = {
            "Recorder": rec,
            "Recorder_Type": rtype,
            "LineNumber": int(m["line"][i]),
            "Period": naive(int(m["t"][i])),
            "Active": True,
            "AccountDr_Key": o.ref("account", int(led.dr[i])),
            "AccountCr_Key": o.ref("account", int(led.cr[i])),
        }
        for side, ext in (("Dr", led.dr_ext[i]), ("Cr", led.cr_ext[i])):
            for n in (1, 2, 3):
                value, vtype = ext_value(o, *ext[n - 1]) if n <= len(ext) else ("", "")
                row[f"ExtDimension{side}{n}"], row[f"ExtDimension{side}{n}_Type"] = value, vtype
        row.update(
            Организация_Key=o.ref("org", 0),
            Сумма=money(int(led.amount[i])),
            КоличествоDr=int(led.qty_dr[i]),
            КоличествоCr=int(led.qty_cr[i]),
            Содержание="Поступление товаров" if m["kind"][i] == 0 else "Передача на комиссию",
        )
        out.append(row)
    return out
