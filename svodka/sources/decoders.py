"""Streams whose answers are not JSON record arrays, and how to turn them into records.

Most answers are JSON and the warehouse splits them itself. A few APIs answer with files
(Ozon Performance statistics: CSV, or a ZIP of CSVs); the lake keeps those verbatim and
the loader asks the source for its decoder, so a rebuild from the lake decodes them the
same way a fresh sync did.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Decoder = Callable[[bytes, Mapping[str, Any]], list[dict[str, Any]]]


def decoder_for(stream: str) -> Decoder | None:
    """The decoder of `stream`'s bodies, or None for JSON streams."""
    if stream == "ozon_perf_stats":
        from svodka.sources.ozon_perf.report import decode_report

        return decode_report
    if stream == "pricelist_rows":
        # A supplier's price-list file (.xlsx/.xls/.csv) stored verbatim: one record per data row.
        from svodka.sources.pricelists.decoder import decode_pricelist

        return decode_pricelist
    if stream in ("cml_import", "cml_offers"):
        # A CommerceML 2 file from 1C (import.xml / offers.xml) stored verbatim: one record per
        # Товар / Предложение, read with defusedxml.
        from svodka.sources.commerceml import decode_commerceml

        return decode_commerceml
    if stream in (
        "ym_report_united_netting",
        "ym_report_marketplace_services",
        "ym_report_goods_realization",
    ):
        # A Yandex Market async report file (a ZIP of CSV sheets) stored verbatim: one record per row.
        from svodka.sources.yandex_market.reports import decode_report as decode_ym_report

        return decode_ym_report
    return None
