"""The fields of a finance-api realization line and how each kind of line fills them.

Each field maps to a renderer taking the lines of one kind on a page (`Ctx`) and returning a
constant JSON fragment (baked into the template), a list of fragments (one per line) or None
(the field is absent, as WB omits `bonusTypeName` and `rebillLogisticOrg` when empty).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np
import orjson

from svodka.sandbox import finance as F
from svodka.sandbox.clock import DAY_S, iso_dates, iso_utc_z
from svodka.sandbox.data import ACQUIRING, CARRIERS, PENALTY_REASONS, PICKUP_POINTS, REGIONS
from svodka.sandbox.money import kop_json_strings
from svodka.sandbox.world import World

if TYPE_CHECKING:
    from svodka.sandbox.render_finance import FinanceRenderer

ORDER_KINDS = (F.SALE, F.RETURN, F.LOGISTICS, F.LOGISTICS_BACK, F.REBILL)
GOODS_KINDS = (F.SALE, F.RETURN)

OPER_NAME = {
    F.SALE: "Продажа",
    F.RETURN: "Возврат",
    F.LOGISTICS: "Логистика",
    F.LOGISTICS_BACK: "Логистика",
    F.REBILL: "Возмещение издержек по перевозке/по складским операциям с товаром",
    F.STORAGE: "Хранение",
    F.ACCEPTANCE: "Обработка товара",
    F.PENALTY: "Штраф",
    F.ADS: "Удержание",
    F.OTHER: "Удержание",
    F.COMPENSATION: "Компенсация ущерба",
    F.ADDITIONAL: "Доплаты",
}
LOGISTICS_BONUS = {
    (F.LOGISTICS, 0): "К клиенту при продаже",
    (F.LOGISTICS, 1): "К клиенту при отмене",
    (F.LOGISTICS_BACK, 0): "От клиента при отмене",
    (F.LOGISTICS_BACK, 1): "От клиента при возврате",
}
ADS_BONUS = "Оказание услуг «WB Продвижение», документ №{}"
JAM_BONUS = "Предоставление услуг по подписке «Джем», документ №{}"
ADDITIONAL_BONUS = "Доплата по претензии продавца"
CATALOG_FIELDS = {
    "subjectName": "subject",
    "nmId": "nm",
    "brandName": "brand",
    "vendorCode": "vendor",
    "title": "title",
    "techSize": "tech",
    "sku": "sku",
}


@lru_cache(maxsize=65536)
def json_text(value: object) -> str:
    """JSON text of a value (cached: a page repeats the same names many times)."""
    return orjson.dumps(value).decode()


@lru_cache(maxsize=65536)
def _num(x: float) -> str:
    """A JSON number without a needless ".0"."""
    return str(int(x)) if float(x).is_integer() else repr(round(float(x), 2))


class Ctx:
    """The lines of one kind on a page, with lazily gathered order data."""

    def __init__(self, w: World, pos: np.ndarray, kind: int) -> None:
        self.w, self.pos, self.kind = w, pos, kind
        self.n = len(pos)
        self.is_order = kind in ORDER_KINDS
        self.goods = kind in GOODS_KINDS
        self.oi = w.lines.order[pos] if self.is_order else None

    def o(self, col: str) -> np.ndarray:
        """An orders column for these lines."""
        return self.w.sim.orders[col][self.oi]

    @cached_property
    def nums(self) -> dict[str, np.ndarray]:
        """Derived order ids (sticker, assembly id, shkId) of these lines."""
        return self.w.order_numbers(self.oi)

    @cached_property
    def card(self) -> np.ndarray:
        """Card index of each line."""
        return self.w.catalog.bar_card[self.o("bar")]

    def money(self, values: np.ndarray) -> list[str]:
        """Kopecks as finance-api money strings."""
        return kop_json_strings(values)

    def amount(self) -> list[str]:
        """The service amount of each line as money strings."""
        return kop_json_strings(self.w.lines.amount[self.pos])


Renderer = Callable[[Ctx], "str | list[str] | None"]


def _goods(fn: Callable[[Ctx], list[str]], other: str) -> Renderer:
    return lambda c: fn(c) if c.goods else other


def _order(fn: Callable[[Ctx], list[str]], other: str) -> Renderer:
    return lambda c: fn(c) if c.is_order else other


def _kind_amount(kinds: tuple[int, ...]) -> Renderer:
    return lambda c: c.amount() if c.kind in kinds else '"0"'


def build_fields(r: FinanceRenderer) -> dict[str, Renderer]:
    """Field name → how to render it for the lines of one kind (constant fragment, column, or None)."""
    w = r.w
    whs = w.warehouses
    cats = w.catalog.categories
    comm = np.array([cats[k].commission_pct10 for k in w.catalog.card_cat]) / 10.0
    wh_name = [json_text(x.name) for x in whs]
    banks = [json_text(b[0]) for b in ACQUIRING]
    bank_pct = [_num(b[1] / 10) for b in ACQUIRING]
    countries = [json_text(r[0]) for r in REGIONS]

    def fee_vw(c: Ctx) -> tuple[np.ndarray, np.ndarray]:
        fee = c.o("fee").astype(np.int64)
        vw = (fee * 10 + 6) // 12  # fee without 20% VAT
        return vw, fee - vw

    def bonus(c: Ctx) -> list[str] | str | None:
        sub = w.lines.sub[c.pos].tolist()
        ref = w.lines.ref[c.pos].tolist()
        if c.kind in (F.LOGISTICS, F.LOGISTICS_BACK):
            return [json_text(LOGISTICS_BONUS[(c.kind, s)]) for s in sub]
        if c.kind == F.PENALTY:
            return [json_text(PENALTY_REASONS[s][0]) for s in sub]
        if c.kind == F.ADS:
            return [json_text(ADS_BONUS.format(r)) for r in ref]
        if c.kind == F.OTHER:
            return [json_text(JAM_BONUS.format(r)) for r in ref]
        if c.kind == F.ADDITIONAL:
            return json_text(ADDITIONAL_BONUS)
        return None

    f: dict[str, Renderer] = {
        "reportId": lambda c: r.report(c, "id"),
        "dateFrom": lambda c: r.report(c, "from"),
        "dateTo": lambda c: r.report(c, "to"),
        "createDate": lambda c: r.report(c, "create"),
        "currency": lambda c: '"RUB"',
        "reportType": lambda c: "1",
        "rrdId": lambda c: [str(x) for x in w.lines.rrd_id(c.pos).tolist()],
        "giId": lambda c: (
            c.o("income").tolist()
            if c.is_order
            else w.lines.ref[c.pos].tolist()
            if c.kind == F.ACCEPTANCE
            else "0"
        ),
        "dlvPrc": lambda c: "0",
        "fixTariffDateFrom": lambda c: '""',
        "fixTariffDateTo": lambda c: '""',
    }
    for name, key in CATALOG_FIELDS.items():
        f[name] = r.catalog(key)
    f.update(
        {
            "docTypeName": lambda c: {F.SALE: '"Продажа"', F.RETURN: '"Возврат"'}.get(c.kind, '""'),
            "quantity": lambda c: "1" if c.kind in (F.SALE, F.RETURN, F.COMPENSATION) else "0",
            "retailPrice": _goods(lambda c: c.money(c.o("list_kop")), '"0"'),
            "retailAmount": _goods(lambda c: c.money(c.o("pwd")), '"0"'),
            "salePercent": _goods(lambda c: c.o("disc").tolist(), "0"),
            "commissionPercent": _goods(lambda c: [_num(x) for x in comm[c.card]], "0"),
            "officeName": _order(lambda c: [wh_name[i] for i in c.o("wh").tolist()], '""'),
            "sellerOperName": lambda c: json_text(OPER_NAME[c.kind]),
            "orderDt": lambda c: [f'"{s}"' for s in iso_utc_z(c.o("t0") if c.is_order else w.lines.t[c.pos])],
            "saleDt": lambda c: [f'"{s}"' for s in iso_utc_z(w.lines.t[c.pos])],
            "rrDate": lambda c: [f'"{s}"' for s in iso_dates(w.lines.t[c.pos] // DAY_S)],
            "shkId": _order(lambda c: c.nums["shk_id"].tolist(), "0"),
            "retailPriceWithDisc": _goods(lambda c: c.money(c.o("pwd")), '"0"'),
            "deliveryAmount": lambda c: "1" if c.kind == F.LOGISTICS else "0",
            "returnAmount": lambda c: "1" if c.kind == F.LOGISTICS_BACK else "0",
            "deliveryService": _kind_amount((F.LOGISTICS, F.LOGISTICS_BACK)),
            "giBoxTypeName": lambda c: '"Короб"' if c.is_order or c.kind == F.ACCEPTANCE else '""',
            "productDiscountForReport": _goods(lambda c: c.o("disc").tolist(), "0"),
            "sellerPromo": lambda c: '"0"',
            "spp": _goods(lambda c: c.o("spp").tolist(), "0"),
            "kvwBase": _goods(lambda c: [_num(x / 1.2) for x in comm[c.card]], "0"),
            "kvw": _goods(lambda c: [_num(x / 1.2) for x in comm[c.card]], "0"),
            "supRatingUp": lambda c: "0",
            "isKgvpV2": lambda c: "0",
            "ppvzSalesCommission": _goods(lambda c: c.money(fee_vw(c)[0]), '"0"'),
            "forPay": lambda c: (
                c.money(c.o("forpay")) if c.goods else c.amount() if c.kind == F.COMPENSATION else '"0"'
            ),
            "ppvzReward": lambda c: '"0"',
            "acquiringFee": _goods(lambda c: c.money(c.o("acq")), '"0"'),
            "acquiringPercent": _goods(lambda c: [bank_pct[i] for i in c.o("bank").tolist()], "0"),
            "paymentProcessing": _goods(lambda c: '"Комиссия за организацию платежа с НДС"', '""'),
            "acquiringBank": _goods(lambda c: [banks[i] for i in c.o("bank").tolist()], '""'),
            "vw": _goods(lambda c: c.money(fee_vw(c)[0]), '"0"'),
            "vwNds": _goods(lambda c: c.money(fee_vw(c)[1]), '"0"'),
            "ppvzOfficeName": _order(
                lambda c: [json_text(PICKUP_POINTS[i][1]) for i in c.o("pickup").tolist()], '""'
            ),
            "ppvzOfficeId": _order(lambda c: [str(PICKUP_POINTS[i][0]) for i in c.o("pickup").tolist()], "0"),
            "ppvzSupplierName": _order(
                lambda c: [json_text(PICKUP_POINTS[i][2]) for i in c.o("pickup").tolist()], '""'
            ),
            "ppvzSupplierInn": _order(
                lambda c: [f'"77{PICKUP_POINTS[i][0]:010d}"' for i in c.o("pickup").tolist()], '""'
            ),
            "declarationNumber": lambda c: '""',
            "bonusTypeName": bonus,
            "stickerId": _order(lambda c: [f'"{s}"' for s in c.nums["sticker"].tolist()], '""'),
            "country": _order(lambda c: [countries[i] for i in c.o("region").tolist()], '""'),
            "srvDbs": lambda c: "false",
            "penalty": _kind_amount((F.PENALTY,)),
            "additionalPayment": _kind_amount((F.ADDITIONAL,)),
            "rebillLogisticCost": _kind_amount((F.REBILL,)),
            "rebillLogisticOrg": lambda c: (
                [json_text(CARRIERS[i % len(CARRIERS)]) for i in c.oi.tolist()]
                if c.kind == F.REBILL
                else None
            ),
            "paidStorage": _kind_amount((F.STORAGE,)),
            "deduction": _kind_amount((F.ADS, F.OTHER)),
            "paidAcceptance": _kind_amount((F.ACCEPTANCE,)),
            "orderId": _order(lambda c: c.nums["order_id"].tolist(), "0"),
            "isB2b": lambda c: "false",
            "trbxId": lambda c: (
                [f'"WB-TRBX-{g}"' for g in w.lines.ref[c.pos].tolist()] if c.kind == F.ACCEPTANCE else '""'
            ),
            "installmentCofinancingAmount": lambda c: '"0"',
            "wibesDiscountPercent": lambda c: "0",
            "cashbackAmount": lambda c: '"0"',
            "cashbackDiscount": lambda c: '"0"',
            "cashbackCommissionChange": lambda c: '"0"',
            "paymentSchedule": lambda c: '"0"',
            "deliveryMethod": _order(lambda c: '"FBW, (МГТ)"', '""'),
        }
    )
    for name in (
        "sellerPromoId",
        "sellerPromoDiscount",
        "loyaltyId",
        "loyaltyDiscount",
        "salePricePromocodeDiscountPrc",
        "salePriceAffiliatedDiscountPrc",
        "salePriceWholesaleDiscountPrc",
    ):
        f[name] = lambda c: "0"
    for name in ("uuidPromocode", "articleSubstitution", "b2bCustomerTin"):
        f[name] = lambda c: '""'
    f["paidWithSocialCertificate"] = lambda c: "false"
    f["warehouseLogisticsCoeff"] = lambda c: (
        [_num(whs[i].delivery_coef) for i in c.o("wh").tolist()]
        if c.kind in (F.LOGISTICS, F.LOGISTICS_BACK)
        else "0"
    )
    f["orderUid"] = _order(lambda c: [f'"{s}"' for s in w.order_uid(c.oi)], '""')
    f["srid"] = _order(lambda c: [f'"{s}"' for s in w.srid(c.oi)], '""')
    return f
