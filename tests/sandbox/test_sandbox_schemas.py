"""The sandbox's answers fit the official WB OpenAPI schemas (strict: no undocumented fields)."""

from __future__ import annotations

import httpx
import pytest
from sandbox_client import warehouse_remains
from sandbox_schemas import response_schema, schema, validate, validate_records

from svodka.sandbox import SandboxServer

REPORTS_25 = "wildberries-2025-12/12-reports.yaml"
PRODUCTS_25 = "wildberries-2025-12/02-products.yaml"
FIN_26 = "wildberries-2026-08/financial-reports-and-accounting.json"
ANALYTICS_26 = "wildberries-2026-08/analytics.json"


@pytest.mark.parametrize("method", ["orders", "sales"])
def test_statistics_rows_fit_schema_with_every_field(
    client: httpx.Client, server: SandboxServer, method: str
):
    rows = client.get(
        f"{server.wb_hosts['statistics-api']}/api/v1/supplier/{method}", params={"dateFrom": "2026-01-01"}
    ).json()
    assert len(rows) > 100
    sch = response_schema(REPORTS_25, f"/api/v1/supplier/{method}", "get", require_all=True)
    assert sch["type"] == "array"
    validate_records(rows, sch["items"])


def test_statistics_400_fits_schema(client: httpx.Client, server: SandboxServer):
    sch = response_schema(REPORTS_25, "/api/v1/supplier/orders", "get", "400")
    url = f"{server.wb_hosts['statistics-api']}/api/v1/supplier/orders"
    missing = client.get(url)
    assert missing.status_code == 400 and missing.json() == {"errors": ["dateFrom: field required"]}
    bad = client.get(url, params={"dateFrom": "20-06-2019"})
    assert bad.status_code == 400 and bad.json() == {"errors": "dateFrom: Value not validated"}
    for r in (missing, bad):
        validate(r.json(), sch)


def test_finance_detailed_rows_fit_2026_schema(client: httpx.Client, server: SandboxServer):
    r = client.post(
        f"{server.wb_hosts['finance-api']}/api/finance/v1/sales-reports/detailed",
        json={"dateFrom": "2026-01-01", "dateTo": "2026-03-15"},
    )
    assert r.status_code == 200
    rows = r.json()
    sch = schema(FIN_26, ["components", "schemas", "SalesReportsDetailedRes"])
    validate_records(rows, sch)
    kinds = {row["sellerOperName"] for row in rows}
    assert {"Продажа", "Возврат", "Логистика", "Хранение", "Удержание"} <= kinds


def test_finance_fields_filter_and_list_fit_schema(client: httpx.Client, server: SandboxServer):
    host = server.wb_hosts["finance-api"]
    fields = ["rrdId", "nmId", "docTypeName", "retailAmount", "acquiringFee", "srid"]
    r = client.post(
        f"{host}/api/finance/v1/sales-reports/detailed",
        json={"dateFrom": "2026-03-09", "dateTo": "2026-03-15", "fields": fields, "limit": 50},
    )
    assert r.status_code == 200
    assert all(set(row) == set(fields) for row in r.json())
    lst = client.post(
        f"{host}/api/finance/v1/sales-reports/list", json={"dateFrom": "2026-01-01", "dateTo": "2026-03-15"}
    )
    assert lst.status_code == 200
    sch = schema(FIN_26, ["components", "schemas", "SalesReportListRes"])
    sch["required"] = sorted(sch["properties"])
    for head in lst.json():
        validate(head, sch)
    bad = client.post(f"{host}/api/finance/v1/sales-reports/detailed", json={"dateFrom": "2026-01-01"})
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("application/problem+json")
    validate(
        bad.json(),
        schema(
            FIN_26,
            [
                "components",
                "responses",
                "response400FinancialReports",
                "content",
                "application/problem+json",
                "schema",
            ],
        ),
    )


def test_cards_and_prices_fit_schema(client: httpx.Client, server: SandboxServer):
    r = client.post(
        f"{server.wb_hosts['content-api']}/content/v2/get/cards/list",
        json={"settings": {"cursor": {"limit": 100}, "filter": {"withPhoto": -1}}},
    )
    validate(r.json(), response_schema(PRODUCTS_25, "/content/v2/get/cards/list", "post"))
    assert r.json()["cards"]
    g = client.get(
        f"{server.wb_hosts['discounts-prices-api']}/api/v2/list/goods/filter", params={"limit": 1000}
    )
    validate(g.json(), response_schema(PRODUCTS_25, "/api/v2/list/goods/filter", "get"))
    bad = client.get(
        f"{server.wb_hosts['discounts-prices-api']}/api/v2/list/goods/filter", params={"limit": 5000}
    )
    assert bad.status_code == 400
    validate(bad.json(), response_schema(PRODUCTS_25, "/api/v2/list/goods/filter", "get", "400"))
    too_many = client.post(
        f"{server.wb_hosts['content-api']}/content/v2/get/cards/list",
        json={"settings": {"cursor": {"limit": 101}}},
    )
    assert too_many.status_code == 400
    validate(too_many.json(), schema(PRODUCTS_25, ["components", "schemas", "responseBodyContentError400"]))


def test_warehouse_remains_flow_fits_schema(client: httpx.Client, server: SandboxServer):
    host = server.wb_hosts["seller-analytics-api"]
    created = client.get(f"{host}/api/v1/warehouse_remains", params={"groupByBarcode": "true"})
    validate(created.json(), response_schema(REPORTS_25, "/api/v1/warehouse_remains", "get"))
    task = created.json()["data"]["taskId"]
    status = client.get(f"{host}/api/v1/warehouse_remains/tasks/{task}/status")
    validate(
        status.json(), response_schema(REPORTS_25, "/api/v1/warehouse_remains/tasks/{task_id}/status", "get")
    )
    assert status.json()["data"]["status"] in ("new", "processing")
    down = warehouse_remains(client, host, groupByBarcode="true", groupByNm="true")
    assert down.status_code == 200
    sch = response_schema(
        REPORTS_25, "/api/v1/warehouse_remains/tasks/{task_id}/download", "get", require_all=True
    )
    validate(down.json(), sch)
    names = {w["warehouseName"] for row in down.json() for w in row["warehouses"]}
    assert {"В пути до получателей", "Всего находится на складах"} <= names
    unknown = client.get(f"{host}/api/v1/warehouse_remains/tasks/06e06887-9d9f-491f-b16a-bb1766fcb8d2/status")
    assert unknown.status_code == 404


def test_stocks_report_fits_2026_schema(client: httpx.Client, server: SandboxServer):
    r = client.post(
        f"{server.wb_hosts['seller-analytics-api']}/api/analytics/v1/stocks-report/wb-warehouses",
        json={"limit": 1000, "offset": 0},
    )
    sch = {
        "type": "object",
        "required": ["data"],
        "additionalProperties": False,
        "properties": {"data": schema(ANALYTICS_26, ["components", "schemas", "InventoryWbResponse"])},
    }
    validate(r.json(), sch)
    items = r.json()["data"]["items"]
    assert items and {i["warehouseId"] for i in items} == {-999999}


def test_auth_and_limit_errors_fit_schema(server: SandboxServer, make_server):
    url = f"{server.wb_hosts['statistics-api']}/api/v1/supplier/orders"
    r = httpx.get(url, params={"dateFrom": "2026-01-01"}, headers={"Authorization": "not-a-token"})
    assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
    validate(r.json(), response_schema(REPORTS_25, "/api/v1/supplier/orders", "get", "401"))
    fast = make_server(limits="fast")
    sales = f"{fast.wb_hosts['statistics-api']}/api/v1/supplier/sales"
    with httpx.Client(headers={"Authorization": fast.token}) as c:
        statuses = [c.get(sales, params={"dateFrom": "2026-03-15"}) for _ in range(3)]
    limited = [s for s in statuses if s.status_code == 429]
    assert limited, [s.status_code for s in statuses]
    validate(limited[0].json(), response_schema(REPORTS_25, "/api/v1/supplier/orders", "get", "429"))
