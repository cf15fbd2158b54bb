"""The 1C connector's side of the protocol, over real HTTP to a scripted server.

What only a scripted server can provoke cheaply: the exact request (Basic auth, encoded
Cyrillic path, query options), both forms of the ``odata.error`` envelope, 5xx retries, a
``$metadata`` that leaves objects out or carries a DTD, and records that break the contract.
The world-backed behaviour (every stream against the sandbox's 1C) is in test_onec_sandbox.py.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import pytest
from conftest import Reply, ScriptedServer

from svodka.errors import AuthError, ConfigError, FatalSourceError, RecordError, RetriableError
from svodka.sources.onec import OneCConnector, OneCOptions

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)  # 15:00 in Moscow
USER, PASSWORD = "Администратор", "s3cret-pass"
ROOT = "/trade/odata/standard.odata"
ITEM = "8d1c1b3e-0000-11ef-8000-000000000001"
ACCOUNT = "fb2bde43-6250-11e7-812d-001e67112509"


def metadata(*sets: str, functions: str = "") -> bytes:
    """A CSDL document in the shape 1C serves, publishing `sets`."""
    entity_sets = "".join(f'<EntitySet Name="{s}" EntityType="StandardODATA.{s}"/>' for s in sets)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<edmx:Edmx xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" Version="1.0">
<edmx:DataServices xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
  m:DataServiceVersion="3.0">
<Schema xmlns="http://schemas.microsoft.com/ado/2009/11/edm" Namespace="StandardODATA">
<EntityContainer Name="EnterpriseV8" m:IsDefaultEntityContainer="true">
{entity_sets}{functions}</EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>""".encode()


def path(resource: str) -> str:
    """The raw request path of a resource, as the server receives it."""
    return quote(f"{ROOT}/{resource}", safe="/()=,'$:")


def item(**over: Any) -> dict[str, Any]:
    row = {
        "Ref_Key": ITEM,
        "DataVersion": "AAAAAQAAAAE=",
        "DeletionMark": False,
        "Code": "00-00000001",
        "Description": "Крем для лица «Роса» 50 мл",
        "IsFolder": False,
        "Артикул": "CRM-50",
    }
    return {**row, **over}


def odata(rows: list[dict[str, Any]], entity: str = "Catalog_Номенклатура") -> dict[str, Any]:
    return {"odata.metadata": f"http://srv{ROOT}/$metadata#{entity}", "value": rows}


@pytest.fixture
def onec(server: ScriptedServer) -> Iterator[Callable[..., OneCConnector]]:
    made: list[OneCConnector] = []

    def make(password: str = PASSWORD, **options: Any) -> OneCConnector:
        opts = {"retry_backoff": 0.0, "max_retries": 2, "page_size": 2, **options}
        c = OneCConnector("main", USER, password, f"{server.url}/trade", OneCOptions(**opts))
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


def serve_metadata(server: ScriptedServer, *sets: str, functions: str = "") -> None:
    server.route(
        "GET",
        path("$metadata"),
        Reply(body=metadata(*sets, functions=functions), headers={"Content-Type": "application/xml"}),
    )


def test_request_carries_basic_auth_json_format_and_encoded_cyrillic_path(server, onec):
    serve_metadata(server, "Catalog_Номенклатура")
    pages = {0: [item()], 2: []}
    server.route(
        "GET",
        path("Catalog_Номенклатура"),
        lambda s: Reply(body=odata(pages.get(int(s.query["$skip"]), []))),
    )
    out = list(onec().stream("onec_nomenclature").read(None, NOW))
    (seen, *_) = server.seen("GET", path("Catalog_Номенклатура"))
    expected = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    assert seen.headers["authorization"] == f"Basic {expected}"
    assert seen.query == {"$format": "json", "$orderby": "Ref_Key", "$top": "2", "$skip": "0"}
    (meta_seen,) = server.seen("GET", path("$metadata"))  # XML only: the client must accept it
    assert "application/xml" in meta_seen.headers["accept"]
    assert [p.records for p in out] == [1]
    # The stored request is readable (decoded path, query options as params) and has no secret.
    request = out[0].request
    assert request["url"] == f"{server.url}{ROOT}/Catalog_Номенклатура"
    assert request["params"] == {"$format": "json", "$orderby": "Ref_Key", "$top": "2", "$skip": "0"}
    assert PASSWORD not in repr(out[0]) and expected not in repr(out[0])
    assert out[0].meta == {"snapshot_date": "2026-03-16"} and out[0].record_path == ("value",)


def test_json_odata_error_names_the_entity_set_and_what_1c_said(server, onec):
    serve_metadata(server, "Catalog_Номенклатура")
    error = {"odata.error": {"code": "15", "message": {"lang": "ru", "value": "Не найден объект"}}}
    server.route("GET", path("Catalog_Номенклатура"), Reply(404, error))
    with pytest.raises(FatalSourceError) as info:
        list(onec().stream("onec_nomenclature").read(None, NOW))
    text = str(info.value)
    assert "onec:main" in text and "Catalog_Номенклатура" in text and "[code 15] Не найден объект" in text
    assert "OData composition" in text


def test_xml_error_envelope_is_read_too(server, onec):
    serve_metadata(server, "InformationRegister_ЦеныНоменклатуры")
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><m:error xmlns:m="http://schemas.microsoft.com/ado/2007/'
        b'08/dataservices/metadata"><m:code>6</m:code><m:message>Extra segments are found in a request '
        b"to an entity container!</m:message></m:error>"
    )
    slice_path = path("InformationRegister_ЦеныНоменклатуры/SliceLast(Period=datetime'2026-03-16T15:00:00')")
    server.route("GET", slice_path, Reply(400, xml, headers={"Content-Type": "application/xml"}))
    with pytest.raises(
        FatalSourceError, match=r"HTTP 400 for InformationRegister_ЦеныНоменклатуры/SliceLast"
    ):
        try:
            list(onec().stream("onec_prices_current").read(None, NOW))
        except FatalSourceError as e:
            assert "[code 6] Extra segments are found" in str(e)
            raise


def test_wrong_password_is_an_auth_error_with_the_connect_hint(server, onec):
    server.route(
        "GET",
        path("$metadata"),
        Reply(401, b"", headers={"WWW-Authenticate": 'Basic realm="1C"', "Content-Type": "text/plain"}),
    )
    with pytest.raises(AuthError) as info:
        list(onec(password="wrong-password").stream("onec_price_types").read(None, NOW))
    text = str(info.value)
    assert "HTTP 401" in text and "svodka connect onec --name main --url" in text and "--user" in text
    assert "wrong-password" not in text


def test_forbidden_object_says_which_rights_are_missing(server, onec):
    serve_metadata(server, "Catalog_Склады")
    error = {"odata.error": {"code": "9", "message": {"lang": "ru", "value": "Недостаточно прав"}}}
    server.route("GET", path("Catalog_Склады"), Reply(403, error))
    with pytest.raises(AuthError, match=r"may not read Catalog_Склады \(HTTP 403\).*Недостаточно прав"):
        list(onec().stream("onec_warehouses").read(None, NOW))


def test_server_errors_and_truncated_bodies_are_retried(server, onec):
    serve_metadata(server, "Catalog_ВидыЦен")
    rows = [{"Ref_Key": ITEM, "Code": "000000001", "Description": "Закупочная"}]
    full = odata(rows, "Catalog_ВидыЦен")
    answers = iter([Reply(503, b"busy"), Reply(body=full, truncate=20), Reply(body=full)])
    server.route(
        "GET",
        path("Catalog_ВидыЦен"),
        lambda s: next(answers) if s.query["$skip"] == "0" else Reply(body=odata([], "Catalog_ВидыЦен")),
    )
    (page,) = onec().stream("onec_price_types").read(None, NOW)
    assert page.records == 1
    assert len(server.seen("GET", path("Catalog_ВидыЦен"))) == 4  # 3 tries of page 1, then the empty page 2


def test_server_errors_surface_after_the_retries(server, onec):
    serve_metadata(server, "Catalog_ВидыЦен")
    server.route(
        "GET", path("Catalog_ВидыЦен"), Reply(500, {"odata.error": {"code": "1", "message": "сбой"}})
    )
    with pytest.raises(RetriableError, match="gave up after 3 tries"):
        list(onec().stream("onec_price_types").read(None, NOW))


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({k: v for k, v in item().items() if k != "Ref_Key"}, "Ref_Key"),
        (item(IsFolder="false"), "IsFolder"),
    ],
)
def test_a_record_that_breaks_the_contract_names_the_field(server, onec, row, field):
    serve_metadata(server, "Catalog_Номенклатура")
    server.route("GET", path("Catalog_Номенклатура"), Reply(body=odata([item(Ref_Key="k-0"), row])))
    with pytest.raises(RecordError) as info:
        list(onec().stream("onec_nomenclature").read(None, NOW))
    assert info.value.field == field and info.value.stream == "onec_nomenclature"
    assert "#1" in info.value.record


def test_receipt_line_missing_its_item_is_named(server, onec):
    serve_metadata(server, "Document_ПоступлениеТоваровУслуг")
    doc = {
        "Ref_Key": ITEM,
        "Number": "00-000001",
        "Date": "2026-03-01T10:00:00",
        "Posted": True,
        "DeletionMark": False,
        "Товары": [{"LineNumber": "1", "Количество": 2, "Сумма": 100}],
    }
    server.route("GET", path("Document_ПоступлениеТоваровУслуг"), Reply(body=odata([doc])))
    with pytest.raises(RecordError) as info:
        list(onec().stream("onec_receipts").read(None, NOW))
    assert info.value.field == "Товары[0].Номенклатура_Key" and "Number=00-000001" in info.value.record


def test_an_object_left_out_of_the_odata_composition_is_named(server, onec):
    serve_metadata(server, "Catalog_Номенклатура")
    with pytest.raises(FatalSourceError, match="does not publish InformationRegister_ШтрихкодыНоменклатуры"):
        list(onec().stream("onec_barcodes").read(None, NOW))
    assert len(server.requests) == 1  # $metadata only, read once


def test_metadata_with_a_dtd_is_refused(server, onec):
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><edmx:Edmx xmlns:edmx="e">&a;</edmx:Edmx>'
    server.route("GET", path("$metadata"), Reply(body=bomb, headers={"Content-Type": "application/xml"}))
    with pytest.raises(
        FatalSourceError, match=r"\$metadata document .* cannot be read: refused: DTDForbidden"
    ):
        list(onec().stream("onec_warehouses").read(None, NOW))


def test_stock_without_a_register_or_ledger_stores_nothing_and_says_why(server, onec, caplog):
    serve_metadata(server, "Catalog_Номенклатура")
    with caplog.at_level(logging.WARNING):
        assert list(onec().stream("onec_stock").read(None, NOW)) == []
    assert "publishes neither AccumulationRegister_ТоварыНаСкладах" in caplog.text


def test_ledger_stock_uses_the_condition_parameter_the_metadata_declares(server, onec):
    declared = (
        '<FunctionImport Name="Balance" IsBindable="true" '
        'ReturnType="Collection(StandardODATA.AccountingRegister_Хозрасчетный_Balance)">'
        '<Parameter Name="bindingParameter" Type="StandardODATA.AccountingRegister_Хозрасчетный"/>'
        '<Parameter Name="Period" Type="Edm.DateTime"/><Parameter Name="Condition" Type="Edm.String"/>'
        "</FunctionImport>"
    )
    serve_metadata(
        server, "AccountingRegister_Хозрасчетный", "ChartOfAccounts_Хозрасчетный", functions=declared
    )
    chart = [{"Ref_Key": ACCOUNT, "Code": "41.01"}]
    server.route(
        "GET", path("ChartOfAccounts_Хозрасчетный"), Reply(body=odata(chart, "ChartOfAccounts_Хозрасчетный"))
    )
    condition = f"Account_Key eq guid''{ACCOUNT}''"
    balance = path(
        f"AccountingRegister_Хозрасчетный/Balance(Period=datetime'2026-03-16T15:00:00',Condition='{condition}')"
    )
    rows = [{"Account_Key": ACCOUNT, "ExtDimension1": ITEM, "КоличествоBalance": 5, "СуммаBalance": 1000}]
    server.route("GET", balance, Reply(body=odata(rows, "AccountingRegister_Хозрасчетный_Balance")))
    (page,) = onec().stream("onec_stock").read(None, NOW)
    assert page.records == 1
    assert page.meta == {
        "snapshot_date": "2026-03-16",
        "period": "2026-03-16T15:00:00",
        "register": "AccountingRegister_Хозрасчетный",
        "account": "41.01",
        "account_key": ACCOUNT,
    }
    (chart_seen,) = server.seen("GET", path("ChartOfAccounts_Хозрасчетный"))
    assert chart_seen.query["$filter"] == "Code eq '41.01'"


def test_base_url_and_credentials_are_checked_up_front():
    with pytest.raises(ConfigError, match="must start with http"):
        OneCConnector("main", USER, PASSWORD, "srv/trade")
    with pytest.raises(AuthError, match="no user name is configured for connection onec:main"):
        OneCConnector("main", " ", PASSWORD, "https://srv/trade")
    c = OneCConnector("main", USER, "", "https://srv/trade/odata/standard.odata/")  # empty password: allowed
    assert c.base_url == "https://srv/trade/odata/standard.odata"
    c.close()
