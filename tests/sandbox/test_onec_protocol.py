"""The 1C OData sandbox answers as the standard interface does: $metadata, JSON and Atom shapes,
query options, key access, virtual tables, errors and Basic auth — over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import defusedxml.ElementTree as DET
import httpx
import pytest
from onec_client import get_json, odata, onec_client, pull

from svodka.sandbox import Faults, SandboxServer

EDM = "{http://schemas.microsoft.com/ado/2009/11/edm}"
ATOM = "{http://www.w3.org/2005/Atom}"
ITEMS = "Catalog_Номенклатура"
RECEIPTS = "Document_ПоступлениеТоваровУслуг"
STOCK = "AccumulationRegister_ТоварыНаСкладах"


@pytest.fixture()
def c(server: SandboxServer) -> Iterator[httpx.Client]:
    with onec_client(server) as client:
        yield client


def test_metadata_lists_sets_types_and_virtual_tables_as_functions(c: httpx.Client, server: SandboxServer):
    r = c.get(f"{odata(server)}/$metadata")
    assert r.status_code == 200 and "xml" in r.headers["content-type"]
    root = DET.fromstring(r.content)
    schema = root.find(f".//{EDM}Schema")
    assert schema is not None and schema.get("Namespace") == "StandardODATA"
    sets = {e.get("Name") for e in root.iter(f"{EDM}EntitySet")}
    for name in (ITEMS, RECEIPTS, f"{RECEIPTS}_Товары", "InformationRegister_ЦеныНоменклатуры", STOCK):
        assert name in sets
    assert not any(s.endswith(("_Balance", "_SliceLast")) for s in sets)  # virtual tables are functions
    item_type = next(e for e in root.iter(f"{EDM}EntityType") if e.get("Name") == ITEMS)
    props = {p.get("Name"): p.get("Type") for p in item_type.iter(f"{EDM}Property")}
    assert (
        props["Ref_Key"] == "Edm.Guid"
        and props["Артикул"] == "Edm.String"
        and props["IsFolder"] == "Edm.Boolean"
    )
    functions = {
        (f.get("Name"), f.find(f"{EDM}Parameter").get("Type")) for f in root.iter(f"{EDM}FunctionImport")
    }
    assert ("Balance", f"StandardODATA.{STOCK}") in functions
    assert ("SliceLast", "StandardODATA.InformationRegister_ЦеныНоменклатуры") in functions
    balance = next(e for e in root.iter(f"{EDM}ComplexType") if e.get("Name") == f"{STOCK}_Balance")
    assert "КоличествоBalance" in {p.get("Name") for p in balance.iter(f"{EDM}Property")}


def test_json_shape_by_format_and_accept_header_and_atom_by_default(c: httpx.Client, server: SandboxServer):
    url = f"{odata(server)}/{ITEMS}"
    doc = get_json(c, url)
    assert doc["odata.metadata"].endswith(f"/$metadata#{ITEMS}") and isinstance(doc["value"], list)
    row = next(r for r in doc["value"] if not r["IsFolder"])
    assert set(row) >= {
        "Ref_Key",
        "DataVersion",
        "DeletionMark",
        "Code",
        "Description",
        "Артикул",
        "Parent_Key",
    }
    by_accept = c.get(url, headers={"Accept": "application/json"}).json()
    assert by_accept == doc
    bare = c.get(url, params={"$format": "application/json;odata=nometadata"}).json()
    assert "odata.metadata" not in bare and bare["value"] == doc["value"]
    atom = c.get(url, params={"$top": 2})
    assert atom.headers["content-type"].startswith("application/atom+xml")
    assert len(DET.fromstring(atom.content).findall(f"{ATOM}entry")) == 2


def test_filter_literals_and_operators(c: httpx.Client, server: SandboxServer):
    url = f"{odata(server)}/{ITEMS}"
    items = [r for r in get_json(c, url)["value"] if not r["IsFolder"]]
    some = items[3]
    same = get_json(c, url, **{"$filter": f"Ref_Key eq guid'{some['Ref_Key']}'"})["value"]
    assert same == [some]
    name = some["Description"].replace("'", "''")
    assert get_json(c, url, **{"$filter": f"Description eq '{name}' and IsFolder eq false"})["value"] == [
        some
    ]
    word = some["Description"].split()[0]
    found = get_json(c, url, **{"$filter": f"substringof('{word}', Description)"})["value"]
    assert found and all(word in r["Description"] for r in found)
    either = get_json(c, url, **{"$filter": f"Code eq '{items[0]['Code']}' or Code eq '{items[1]['Code']}'"})[
        "value"
    ]
    assert [r["Code"] for r in either] == [items[0]["Code"], items[1]["Code"]]
    docs = get_json(c, f"{odata(server)}/{RECEIPTS}")["value"]
    cut = sorted(d["Date"] for d in docs)[len(docs) // 2]
    late = get_json(
        c, f"{odata(server)}/{RECEIPTS}", **{"$filter": f"Date ge datetime'{cut}' and Posted eq true"}
    )
    assert {d["Ref_Key"] for d in late["value"]} == {
        d["Ref_Key"] for d in docs if d["Date"] >= cut and d["Posted"]
    }
    assert 0 < len(late["value"]) < len(docs)


@pytest.mark.parametrize(
    "bad",
    [
        "Ref_Key eq 'not-a-guid-literal'",
        "Date gt 5",
        "NoSuchField eq 1",
        "Description eq",
        "Code eq '1' garbage",
    ],
)
def test_bad_filter_is_a_400_with_the_odata_error_envelope(c: httpx.Client, server: SandboxServer, bad: str):
    r = c.get(f"{odata(server)}/{ITEMS}", params={"$format": "json", "$filter": bad})
    assert r.status_code == 400
    err = r.json()["odata.error"]
    assert err["message"]["lang"] == "ru" and err["message"]["value"] and err["code"]


def test_paging_orderby_select_and_inlinecount(c: httpx.Client, server: SandboxServer):
    url = f"{odata(server)}/{ITEMS}"
    everything = get_json(c, url, **{"$orderby": "Code desc"})["value"]
    assert [r["Code"] for r in everything] == sorted((r["Code"] for r in everything), reverse=True)
    paged = pull(c, server, ITEMS, page=7, **{"$orderby": "Code desc"})
    assert paged == everything
    counted = get_json(c, url, **{"$inlinecount": "allpages", "$top": 1, "$select": "Ref_Key,Code"})
    assert counted["odata.count"] == str(len(everything))
    assert [set(r) for r in counted["value"]] == [{"Ref_Key", "Code"}]
    assert c.get(url, params={"$format": "json", "$top": "-1"}).status_code == 400


def test_key_access_returns_one_element(c: httpx.Client, server: SandboxServer):
    doc = get_json(c, f"{odata(server)}/{RECEIPTS}", **{"$top": 1})["value"][0]
    one = get_json(c, f"{odata(server)}/{RECEIPTS}(guid'{doc['Ref_Key']}')")
    assert one.pop("odata.metadata").endswith(f"#{RECEIPTS}/@Element")
    assert one == doc and one["Товары"][0]["LineNumber"] == 1
    missing = c.get(
        f"{odata(server)}/{RECEIPTS}(guid'00000000-0000-1000-8000-000000000001')", params={"$format": "json"}
    )
    assert missing.status_code == 404 and "odata.error" in missing.json()
    assert c.get(f"{odata(server)}/{RECEIPTS}('abc')", params={"$format": "json"}).status_code == 400


def test_service_root_and_expand(c: httpx.Client, server: SandboxServer):
    root = get_json(c, f"{odata(server)}/")
    assert {s["name"] for s in root["value"]} >= {ITEMS, RECEIPTS, STOCK}
    xml = DET.fromstring(c.get(f"{odata(server)}/").content)
    assert ITEMS in {e.get("href") for e in xml.iter("{http://www.w3.org/2007/app}collection")}
    doc = get_json(c, f"{odata(server)}/{RECEIPTS}", **{"$top": 1, "$expand": "Контрагент,Склад"})["value"][0]
    assert (
        doc["Контрагент"]["Ref_Key"] == doc["Контрагент_Key"] and doc["Склад"]["Ref_Key"] == doc["Склад_Key"]
    )
    assert (
        c.get(f"{odata(server)}/{RECEIPTS}", params={"$format": "json", "$expand": "Нет"}).status_code == 400
    )


def test_percent_encoded_cyrillic_path(c: httpx.Client, server: SandboxServer):
    raw = f"{odata(server)}/{quote(ITEMS)}?$format=json&$top=1"
    assert "%D0" in raw
    r = c.get(httpx.URL(raw))
    assert r.status_code == 200 and r.json()["odata.metadata"].endswith(ITEMS)


def test_virtual_tables_agree_with_each_other(c: httpx.Client, server: SandboxServer):
    base = f"{odata(server)}/{STOCK}"
    start, end = "2026-02-01T00:00:00", "2026-02-28T23:59:59"
    bt = get_json(c, f"{base}/BalanceAndTurnovers(StartPeriod=datetime'{start}',EndPeriod=datetime'{end}')")[
        "value"
    ]
    closing = get_json(c, f"{base}/Balance(Period=datetime'2026-03-01T00:00:00')")["value"]
    key = ("Номенклатура_Key", "Склад_Key")
    assert bt
    for r in bt:
        assert (
            r["КоличествоOpeningBalance"] + r["КоличествоReceipt"] - r["КоличествоExpense"]
            == r["КоличествоClosingBalance"]
        )
    assert {
        tuple(r[k] for k in key): r["КоличествоClosingBalance"] for r in bt if r["КоличествоClosingBalance"]
    } == {tuple(r[k] for k in key): r["КоличествоBalance"] for r in closing}
    turnovers = get_json(c, f"{base}/Turnovers(StartPeriod=datetime'{start}',EndPeriod=datetime'{end}')")[
        "value"
    ]
    assert {
        tuple(r[k] for k in key): r["КоличествоReceipt"] for r in turnovers if r["КоличествоReceipt"]
    } == {tuple(r[k] for k in key): r["КоличествоReceipt"] for r in bt if r["КоличествоReceipt"]}
    by_item = get_json(c, f"{base}/Balance(Period=datetime'2026-03-01T00:00:00',Dimensions='Номенклатура')")[
        "value"
    ]
    assert all(set(r) == {"Номенклатура_Key", "КоличествоBalance"} for r in by_item)
    wh = closing[0]["Склад_Key"]
    for condition in (
        f"Склад_Key eq guid'{wh}'",
        f"Склад_Key eq guid''{wh}''",
    ):  # bare and OData-escaped quotes
        only = get_json(c, f"{base}/Balance(Period=datetime'2026-03-01T00:00:00',Condition='{condition}')")[
            "value"
        ]
        assert only == [r for r in closing if r["Склад_Key"] == wh]


def test_balance_leaves_out_movements_at_the_boundary_moment(c: httpx.Client, server: SandboxServer):
    records = get_json(c, f"{odata(server)}/{STOCK}_RecordType")["value"]
    record = next(r for r in records[40:] if not r["Period"].endswith("59"))
    at = record["Period"]
    after = f"{at[:-2]}{int(at[-2:]) + 1:02d}"
    cond = f"Condition='Номенклатура_Key eq guid''{record['Номенклатура_Key']}'''"
    url = f"{odata(server)}/{STOCK}"
    before = get_json(c, f"{url}/Balance(Period=datetime'{at}',{cond})")["value"]
    later = get_json(c, f"{url}/Balance(Period=datetime'{after}',{cond})")["value"]

    def qty(rows: list[dict]) -> int:
        return sum(r["КоличествоBalance"] for r in rows if r["Склад_Key"] == record["Склад_Key"])

    sign = 1 if record["RecordType"] == "Receipt" else -1
    assert qty(later) - qty(before) == sign * record["Количество"]


@pytest.mark.parametrize(
    "path", ["Catalog_НетТакого", f"{STOCK}_Balance", "InformationRegister_ЦеныНоменклатуры_SliceLast"]
)
def test_unknown_entity_and_virtual_table_as_set_are_404(c: httpx.Client, server: SandboxServer, path: str):
    r = c.get(f"{odata(server)}/{path}", params={"$format": "json"})
    assert r.status_code == 404
    assert "not found" in r.json()["odata.error"]["message"]["value"].lower()
    xml = c.get(f"{odata(server)}/{path}")
    assert xml.status_code == 404 and DET.fromstring(xml.content).tag.endswith("}error")


def test_basic_auth_and_read_only(server: SandboxServer):
    url = f"{odata(server)}/{ITEMS}"
    for auth in (None, (server.onec_user, "wrong")):
        r = httpx.get(url, auth=auth, params={"$format": "json"})
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Basic")
    with onec_client(server) as c:
        assert c.post(url, json={"Description": "x"}, params={"$format": "json"}).status_code == 405
        assert c.get(f"{server.base_url}/onec/other/odata/standard.odata/{ITEMS}").status_code == 404


def test_faults_answer_in_the_1c_envelope(make_server):
    srv = make_server(faults=Faults(rate_5xx=1.0))
    with onec_client(srv) as c:
        r = c.get(f"{odata(srv)}/{ITEMS}", params={"$format": "json"})
    assert r.status_code == 500 and r.json()["odata.error"]["code"] == "-1"
    srv = make_server(faults=Faults(rate_429=1.0))
    with onec_client(srv) as c:
        assert c.get(f"{odata(srv)}/{ITEMS}", params={"$format": "json"}).status_code == 429
