"""The БП 3.0 variant: no stock register; stock lives on account 41.01 of the accounting register
and is read through AccountingRegister_Хозрасчетный/Balance(…) with ExtraDimensions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import defusedxml.ElementTree as DET
import httpx
import pytest
from onec_client import barcode_map, get_json, odata, onec_client, pull, refs_by_name
from sandbox_world import NOW, SPEC

from svodka.sandbox import SandboxServer, World

EDM = "{http://schemas.microsoft.com/ado/2009/11/edm}"
LEDGER = "AccountingRegister_Хозрасчетный"


@pytest.fixture(scope="module")
def bp_server() -> Iterator[SandboxServer]:
    world = World.generate(replace(SPEC, onec_config="bp30"))
    with SandboxServer(world, limits="off", now=NOW) as srv:
        yield srv


@pytest.fixture()
def c(bp_server: SandboxServer) -> Iterator[httpx.Client]:
    with onec_client(bp_server) as client:
        yield client


def _chart(c: httpx.Client, srv: SandboxServer) -> tuple[dict[str, str], dict[str, str]]:
    """(account code → Ref_Key, субконто kind name → Ref_Key)."""
    accounts = {a["Code"]: a["Ref_Key"] for a in pull(c, srv, "ChartOfAccounts_Хозрасчетный")}
    return accounts, refs_by_name(c, srv, "ChartOfCharacteristicTypes_ВидыСубконтоХозрасчетные")


def test_metadata_has_the_ledger_and_no_stock_register(c: httpx.Client, bp_server: SandboxServer):
    root = DET.fromstring(c.get(f"{odata(bp_server)}/$metadata").content)
    sets = {e.get("Name") for e in root.iter(f"{EDM}EntitySet")}
    assert LEDGER in sets and "ChartOfAccounts_Хозрасчетный" in sets
    assert not any(s.startswith("AccumulationRegister_") for s in sets)
    bal = next(
        f for f in root.iter(f"{EDM}FunctionImport") if f.find(f"{EDM}Parameter").get("Type").endswith(LEDGER)
    )
    assert {"Period", "AccountCondition", "Condition", "ExtraDimensions"} <= {p.get("Name") for p in bal}
    r = c.get(
        f"{odata(bp_server)}/AccumulationRegister_ТоварыНаСкладах/Balance()", params={"$format": "json"}
    )
    assert r.status_code == 404 and "odata.error" in r.json()


@pytest.mark.parametrize("as_account_condition", [False, True])
def test_account_41_01_balance_equals_stock_truth(
    c: httpx.Client, bp_server: SandboxServer, as_account_condition: bool
):
    accounts, kinds = _chart(c, bp_server)
    _, barcodes = barcode_map(c, bp_server)
    names = {v: k for k, v in refs_by_name(c, bp_server, "Catalog_Склады").items()}
    moment = "2026-03-01T00:00:00"
    cond = f"Account_Key eq guid'{accounts['41.01']}'"
    where = f"AccountCondition='{cond}'" if as_account_condition else f"Condition='{cond}'"
    extra = f"ExtraDimensions='{kinds['Номенклатура']},{kinds['Склады']}'"
    call = f"Balance(Period=datetime'{moment}',{where},{extra})"
    rows = get_json(c, f"{odata(bp_server)}/{LEDGER}/{call}")["value"]
    assert rows and all(r["ExtDimension1_Type"] == "StandardODATA.Catalog_Номенклатура" for r in rows)
    served = {
        (names[r["ExtDimension2"]], barcodes[r["ExtDimension1"]][0]): r["КоличествоBalanceDr"] for r in rows
    }
    assert served == bp_server.ground_truth().onec.stock_at(datetime.fromisoformat(moment))
    assert all(r["КоличествоBalanceCr"] == 0 and r["СуммаBalanceDr"] > 0 for r in rows)
    swapped = call.replace(
        f"{kinds['Номенклатура']},{kinds['Склады']}", f"{kinds['Склады']},{kinds['Номенклатура']}"
    )
    rows2 = get_json(c, f"{odata(bp_server)}/{LEDGER}/{swapped}")["value"]
    assert {(r["ExtDimension2"], r["ExtDimension1"]) for r in rows2} == {
        (r["ExtDimension1"], r["ExtDimension2"]) for r in rows
    }


def test_ledger_value_balances_with_the_postings(c: httpx.Client, bp_server: SandboxServer):
    accounts, _ = _chart(c, bp_server)
    records = pull(c, bp_server, f"{LEDGER}_RecordType", page=200)
    debit = sum(Decimal(str(r["Сумма"])) for r in records if r["AccountDr_Key"] == accounts["41.01"])
    credit = sum(Decimal(str(r["Сумма"])) for r in records if r["AccountCr_Key"] == accounts["41.01"])
    rows = get_json(c, f"{odata(bp_server)}/{LEDGER}/Balance(Dimensions='Account')")["value"]
    by_account = {r["Account_Key"]: r for r in rows}
    assert Decimal(str(by_account[accounts["41.01"]]["СуммаBalance"])) == debit - credit > 0
    receipts = sum(Decimal(str(r["Сумма"])) for r in records if r["AccountCr_Key"] == accounts["60.01"])
    assert Decimal(str(by_account[accounts["60.01"]]["СуммаBalanceCr"])) == receipts
    sets = pull(c, bp_server, LEDGER, page=50)
    assert sum(len(s["RecordSet"]) for s in sets) == len(records)
