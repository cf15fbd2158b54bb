"""`decode_report`: the CSV / ZIP of an Ozon Performance statistics export → records."""

from __future__ import annotations

import io
import zipfile

import pytest

from svodka.errors import RecordError
from svodka.sources.ozon_perf.report import TruncatedReport, decode_report, report_format

# The document's own example (GET /api/client/statistics/report), byte for byte: a title line,
# "; " separators, the ruble sign written as a Cyrillic "Р" and a totals row spelled "Bcero"
# in Latin look-alike letters.
DOC_EXAMPLE = (
    "; Кампания по продвижению товаров № 13883040, период 03.01.2025-03.01.2025 \n"
    "sku; Название товара; Цена товара, Р; Показы; Клики; CTR (%); В корзину; Ср. цена клика, г;"
    "Ср. цена 1000 показов, Р; Расход, Р, с НДС; Заказы; Выручка, Р; Заказы модели; "
    "Выручка с заказов модели, Р;ДРР, %: Дата добавления \n"
    "Bcero;;;0;0;0,00; 0; 0,00;0,00; 0,00; 0; 0,00;0;0,00;0,00"
)

HEADER = "День;sku;Название товара;Показы;Клики;Расход, ₽, с НДС;Заказы;Выручка, ₽"


def report(campaign: str, *rows: str, bom: bool = False, header: str = HEADER) -> bytes:
    lines = [f";Кампания по продвижению товаров № {campaign}, период 01.11.2026-02.11.2026", header, *rows]
    lines.append("Всего;;;30;3;1 234,50;1;500,00")
    return ("\ufeff" if bom else "").encode() + "\n".join(lines).encode()


def test_the_documented_example_has_a_header_and_no_data_rows():
    assert decode_report(DOC_EXAMPLE.encode(), {"campaigns": ["13883040"]}) == []


def test_one_campaign_csv_keeps_values_verbatim_and_skips_title_and_totals():
    body = report(
        "111",
        "01.11.2026;2001;Футболка;10;1;12,50;0;0,00",
        '02.11.2026;2001;"Шорты; летние";20;2;1 222,00;1;500,00',
        bom=True,
    )
    assert report_format(body) == "csv"
    rows = decode_report(body, {"campaigns": ["111"]})
    assert rows == [
        {
            "День": "01.11.2026",
            "sku": "2001",
            "Название товара": "Футболка",
            "Показы": "10",
            "Клики": "1",
            "Расход, ₽, с НДС": "12,50",
            "Заказы": "0",
            "Выручка, ₽": "0,00",
            "campaign_id": "111",
        },
        {
            "День": "02.11.2026",
            "sku": "2001",
            "Название товара": "Шорты; летние",
            "Показы": "20",
            "Клики": "2",
            "Расход, ₽, с НДС": "1 222,00",
            "Заказы": "1",
            "Выручка, ₽": "500,00",
            "campaign_id": "111",
        },
    ]


def test_a_zip_gives_each_member_its_campaign_id():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("111.csv", report("111", "01.11.2026;2001;A;10;1;12,50;0;0,00"))
        zf.writestr("222.csv", report("222", "01.11.2026;3001;B;5;0;1,00;0;0,00", bom=True))
    body = buf.getvalue()
    assert report_format(body) == "zip"
    rows = decode_report(body, {"campaigns": ["111", "222"]})
    assert [(r["campaign_id"], r["sku"]) for r in rows] == [("111", "2001"), ("222", "3001")]


def test_a_short_row_is_padded_and_a_long_one_refused():
    rows = decode_report(report("7", "01.11.2026;1;A;1;0"), {"campaigns": ["7"]})
    assert rows[0]["Заказы"] == "" and rows[0]["Показы"] == "1"
    with pytest.raises(RecordError, match="has 9 cells, the header 8"):
        decode_report(report("7", "01.11.2026;1;A;1;0;1,00;0;0,00;extra"), {"campaigns": ["7"]})


@pytest.mark.parametrize(
    ("body", "meta", "message"),
    [
        (report("7"), {"campaigns": ["7", "8"]}, "a CSV report holds one campaign"),
        (b'{"error": "report not found"}', {"campaigns": ["7"]}, "has no header line"),
        (report("7", header="День;sku;sku;Показы"), {"campaigns": ["7"]}, "ambiguous columns"),
        ("Показы;Клики\n1;2".encode("cp1251"), {"campaigns": ["7"]}, "not UTF-8"),
    ],
)
def test_bodies_that_are_not_reports_are_refused(body, meta, message):
    with pytest.raises(RecordError, match=message):
        decode_report(body, meta, source="ozon_perf:main")


def test_a_zip_member_must_be_named_after_its_campaign():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("report.csv", report("7"))
    with pytest.raises(RecordError, match=r"expected <campaignId>\.csv"):
        decode_report(buf.getvalue(), {"campaigns": ["7", "8"]})


def test_a_corrupt_zip_raises_bad_zip_file():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("7.csv", report("7"))
    with pytest.raises(zipfile.BadZipFile):
        decode_report(buf.getvalue()[:40], {"campaigns": ["7", "8"]})


@pytest.mark.parametrize("where", ["title", "character", "row", "before totals"])
def test_a_report_cut_anywhere_is_truncated_not_short(where):
    """Cut before the header, inside a character, inside a row or before the totals: never fewer rows."""
    body = report("7", "01.11.2026;2001;Футболка;10;1;12,50;0;0,00", "02.11.2026;2001;Шорты;20;2;1,00;1;5,00")
    assert len(decode_report(body, {"campaigns": ["7"]})) == 2
    cut = {
        "title": 30,
        "character": body.index("Шорты".encode()) + 1,  # inside the two bytes of "Ш"
        "row": body.index("Шорты".encode()) + 12,
        "before totals": body.index("Всего".encode()),
    }[where]
    with pytest.raises(TruncatedReport):
        decode_report(body[:cut], {"campaigns": ["7"]})
    # A totals row cut short loses nothing: the data rows are all there.
    assert len(decode_report(body[:-5], {"campaigns": ["7"]})) == 2
