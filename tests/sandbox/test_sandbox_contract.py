"""Contracts the sandbox keeps with the docs and with the rest of the repository."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from sandbox_schemas import document

from svodka.sandbox.ratelimit import LIMITS

SANDBOX = Path(__file__).resolve().parents[2] / "svodka" / "sandbox"

# bucket → (document, path, method) whose Personal limit row it implements
DOCUMENTED = {
    "statistics.orders": ("reports.json", "/api/v1/supplier/orders", "get"),
    "statistics.sales": ("reports.json", "/api/v1/supplier/sales", "get"),
    "finance.sales_reports_detailed": (
        "financial-reports-and-accounting.json",
        "/api/finance/v1/sales-reports/detailed",
        "post",
    ),
    "finance.sales_reports_detailed_id": (
        "financial-reports-and-accounting.json",
        "/api/finance/v1/sales-reports/detailed/{reportId}",
        "post",
    ),
    "finance.sales_reports_list": (
        "financial-reports-and-accounting.json",
        "/api/finance/v1/sales-reports/list",
        "post",
    ),
    "analytics.warehouse_remains": ("reports.json", "/api/v1/warehouse_remains", "get"),
    "analytics.warehouse_remains_status": (
        "reports.json",
        "/api/v1/warehouse_remains/tasks/{task_id}/status",
        "get",
    ),
    "analytics.warehouse_remains_download": (
        "reports.json",
        "/api/v1/warehouse_remains/tasks/{task_id}/download",
        "get",
    ),
    "analytics.stocks_wb_warehouses": (
        "analytics.json",
        "/api/analytics/v1/stocks-report/wb-warehouses",
        "post",
    ),
    "content": ("work-with-products.json", "/content/v2/get/cards/list", "post"),
    "prices": ("work-with-products.json", "/api/v2/list/goods/filter", "get"),
}
UNITS = {"ms": 0.001, "s": 1, "min": 60, "h": 3600}


def _seconds(text: str) -> float:
    m = re.fullmatch(r"(\d+)\s*(ms|s|min|h)", text.strip())
    assert m, text
    return int(m.group(1)) * UNITS[m.group(2)]


@pytest.mark.parametrize("bucket", sorted(DOCUMENTED))
def test_rate_limits_match_the_2026_docs(bucket: str):
    doc, path, method = DOCUMENTED[bucket]
    limits = document(f"wildberries-2026-08/{doc}")["paths"][path][method]["x-wb-rate-limits"]["limits"]
    row = next((x for x in limits if x.get("type") == "Personal"), limits[0])
    assert LIMITS[bucket].interval_s == pytest.approx(_seconds(row["interval"]))
    assert LIMITS[bucket].burst == int(row["burst"].split()[0])


def test_sandbox_imports_nothing_from_the_rest_of_svodka():
    offenders = []
    for path in SANDBOX.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom) and node.level:
                offenders.append(f"{path.name}: relative import")
            for name in names:
                if (name == "svodka" or name.startswith("svodka.")) and not name.startswith("svodka.sandbox"):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_modules_stay_small():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in SANDBOX.glob("*.py")}
    assert max(sizes.values()) <= 330, sizes
