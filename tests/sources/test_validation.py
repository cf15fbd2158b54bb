"""Record contracts: exact types, decimal strings, nesting, and messages that name the culprit."""

from __future__ import annotations

import itertools
import re

import pytest

from svodka.errors import RecordError
from svodka.sources.validation import BOOL, DECIMAL, INT, LIST, NUM, STR, RecordContract

ORDER = RecordContract(
    {"srid": STR, "nmId": INT, "priceWithDisc": NUM, "isCancel": BOOL}, id_fields=("srid",)
)
GOOD = {"srid": "s1", "nmId": 1, "priceWithDisc": 9.5, "isCancel": False, "extra": {"kept": True}}


def error(contract: RecordContract, records: list, **kw) -> RecordError:
    with pytest.raises(RecordError) as e:
        contract.validate(records, source="wb:main", stream="wb_orders", **kw)
    return e.value


def test_valid_records_and_unknown_fields_pass():
    ORDER.validate([GOOD, {**GOOD, "priceWithDisc": 10}], source="wb:main", stream="wb_orders")
    ORDER.validate([], source="wb:main", stream="wb_orders")


def test_a_boolean_is_not_an_integer_and_a_string_is_not_a_number():
    e = error(ORDER, [GOOD, {**GOOD, "srid": "s2", "nmId": True}])
    assert (e.field, e.record) == (
        "nmId",
        "srid=s2 (#1)",
    ) and "wrong type: bool True, expected integer" in str(e)
    e = error(ORDER, [{**GOOD, "priceWithDisc": "9.5"}], offset=100)
    assert e.field == "priceWithDisc" and e.record == "srid=s1 (#100)"


def test_a_missing_field_points_at_its_likely_new_name():
    row = dict(GOOD)
    row["sr_id"] = row.pop("srid")
    e = error(ORDER, [row])
    assert e.record == "#0" and e.field == "srid"
    assert "required field is missing (the record has 'sr_id')" in str(e)
    assert str(e).startswith("[wb:main] ") and "(stream wb_orders, record #0, field 'srid')" in str(e)
    assert "renamed" in e.hint


def test_nullable_fields_may_be_null_but_not_absent():
    c = RecordContract({"a": STR, "m": DECIMAL}, nullable=frozenset({"a", "m"}))
    c.validate([{"a": None, "m": None}, {"a": "x", "m": "1.5"}], source="s", stream="t")
    assert error(c, [{"m": None}]).field == "a"


def test_records_must_be_objects():
    assert "record is list, expected object" in str(error(ORDER, [GOOD, [1, 2]]))


def test_nested_arrays_are_checked_item_by_item():
    stock = RecordContract(
        {"barcode": STR, "warehouses": LIST},
        id_fields=("barcode",),
        nested={"warehouses": RecordContract({"warehouseName": STR, "quantity": INT})},
    )
    ok = {"barcode": "1", "warehouses": [{"warehouseName": "Коледино", "quantity": 3}]}
    stock.validate([ok, {"barcode": "2", "warehouses": []}], source="s", stream="wb_stocks")
    e = error(stock, [ok, {"barcode": "3", "warehouses": [{"warehouseName": "A", "quantity": 1.5}]}])
    assert (e.record, e.field) == ("barcode=3 (#1)", "warehouses[0].quantity")


MONEY = RecordContract({"rrdId": INT, "forPay": DECIMAL, "penalty": DECIMAL}, id_fields=("rrdId",))


@pytest.mark.parametrize(
    "bad", ["", "-", "1.2.3", "1..2", ".5", "5.", "-.5", "--1", "1-2", "1\n2", "1,5", " 1", "1e5", "NaN", "٣"]
)
def test_money_must_be_a_plain_decimal_string(bad):
    rows = [{"rrdId": i, "forPay": "0", "penalty": "12.50"} for i in range(5)]
    rows[3]["penalty"] = bad
    e = error(MONEY, rows)
    assert (e.record, e.field) == ("rrdId=3 (#3)", "penalty") and "expected a decimal string" in str(e)


@pytest.mark.parametrize("bad", [12.5, None, 3])
def test_money_must_be_a_string(bad):
    e = error(MONEY, [{"rrdId": 1, "forPay": bad, "penalty": "0"}])
    assert e.field == "forPay" and "wrong type" in str(e)


def test_bulk_decimal_check_agrees_with_the_regex_on_every_short_string():
    regex = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
    one = RecordContract({"m": DECIMAL})
    for n in range(1, 6):
        for chars in itertools.product("0.-\n7", repeat=n):
            value = "".join(chars)
            rows = [{"m": "1"}, {"m": value}, {"m": "-2.5"}]
            assert (one.violation(rows) is None) == bool(regex.fullmatch(value)), repr(value)
