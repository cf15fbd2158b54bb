"""CSV export of the ground truth: one file per aggregate, money as exact decimal roubles."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from svodka.sandbox.clock import day_date
from svodka.sandbox.money import kop_decimal

if TYPE_CHECKING:
    from svodka.sandbox.truth import GroundTruth

# file → (header, columns of GroundTruth.arrays[file] in header order)
TABLES = {
    "orders_daily": (
        ("date", "barcode", "orders_units", "orders_amount", "cancelled_units"),
        ("day", "bar", "units", "amount", "cancelled"),
    ),
    "sales_daily": (
        ("date", "barcode", "sales_units", "returns_units", "revenue", "for_pay"),
        ("day", "bar", "sales", "returns", "revenue", "for_pay"),
    ),
    "finance": (("rr_date", "barcode", "fee_type", "amount"), ("day", "bar", "fee", "amount")),
}
MONEY = {"orders_amount", "revenue", "for_pay", "amount"}


def _write(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        wr = csv.writer(fh)
        wr.writerow(header)
        wr.writerows(rows)
    return path


def _table_rows(truth: GroundTruth, name: str) -> Iterator[list[str]]:
    from svodka.sandbox.truth import FEE_TYPES

    header, cols = TABLES[name]
    arrays = truth.arrays[name]
    for row in zip(*(arrays[c].tolist() for c in cols), strict=True):
        out = []
        for h, v in zip(header, row, strict=True):
            if h in ("date", "rr_date"):
                out.append(day_date(v).isoformat())
            elif h == "barcode":
                out.append(truth.barcodes[v] if v >= 0 else "")
            elif h == "fee_type":
                out.append(FEE_TYPES[v])
            elif h in MONEY:
                out.append(str(kop_decimal(v)))
            else:
                out.append(str(v))
        yield out


def export_truth(truth: GroundTruth, out: Path) -> list[Path]:
    """Write orders_daily, sales_daily, finance, stock_daily and payouts CSV files into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [_write(out / f"{name}.csv", TABLES[name][0], _table_rows(truth, name)) for name in TABLES]
    paths.append(
        _write(
            out / "stock_daily.csv",
            ("date", "warehouse", "barcode", "quantity"),
            ([d.isoformat(), w, b, q] for d, w, b, q in truth.stock_rows()),
        )
    )
    paths.append(
        _write(
            out / "payouts.csv",
            ("report_id", "bank_payment_sum"),
            ([rid, str(v)] for rid, v in truth.payout_by_report.items()),
        )
    )
    return paths
