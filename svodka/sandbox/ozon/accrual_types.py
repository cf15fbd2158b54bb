"""The accrual types the world knows (`/v1/finance/accrual/types`) and their fee types.

`FEE_OF_TYPE` is the test oracle the warehouse's own mapping is checked against (docs/sandbox.md
prints the same table). `UNKNOWN_TYPE_ID` is emitted only with `WorldSpec.ozon_unknown_accrual`
and is deliberately missing from the directory: it must land as "other" and fail a check.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AccrualType:
    """One row of the accrual directory, plus where it renders and what it means for us."""

    key: str
    type_id: int
    name: str
    description: str
    fee: str  # svodka.sandbox.truth.FEE_TYPES


TYPES: tuple[AccrualType, ...] = (
    AccrualType("sale", 1001, "Выручка", "Выручка за товар, доставленный покупателю", "sale"),
    AccrualType("return", 1002, "Возврат выручки", "Выручка за товар, который покупатель вернул", "return"),
    AccrualType(
        "commission", 1010, "Вознаграждение за продажу", "Комиссия Ozon за продажу товара", "commission"
    ),
    AccrualType(
        "commission_back",
        1011,
        "Возврат вознаграждения",
        "Комиссия за продажу при возврате товара",
        "commission",
    ),
    AccrualType("acquiring", 1020, "Оплата эквайринга", "Эквайринг: приём платежа покупателя", "acquiring"),
    AccrualType("logistics", 1030, "Логистика", "Доставка товара со склада до места выдачи", "logistics"),
    AccrualType("last_mile", 1031, "Последняя миля", "Доставка от места выдачи до покупателя", "logistics"),
    AccrualType(
        "dropoff", 1032, "Обработка отправления", "Приём отправления FBS в пункте приёма", "logistics"
    ),
    AccrualType(
        "return_logistics",
        1040,
        "Обратная логистика",
        "Доставка возврата или невыкупа на склад",
        "return_logistics",
    ),
    AccrualType(
        "return_processing",
        1041,
        "Обработка возврата",
        "Обработка товара, возвращённого покупателем",
        "return_logistics",
    ),
    AccrualType(
        "cancel_processing",
        1042,
        "Обработка отмены",
        "Обработка отправления, которое отменили до вручения или не забрали",
        "return_logistics",
    ),
    AccrualType(
        "non_buyout",
        1043,
        "Обработка невыкупа",
        "Покупатель отказался от товара при вручении",
        "return_logistics",
    ),
    AccrualType("storage", 1050, "Размещение товаров", "Размещение товаров на складах Ozon (FBO)", "storage"),
    AccrualType(
        "acceptance", 1060, "Обработка поставки", "Приёмка и обработка поставки на склад Ozon", "acceptance"
    ),
    AccrualType(
        "penalty_shipment", 1070, "Штраф за нарушение сроков отгрузки", "Отгрузка FBS позже срока", "penalty"
    ),
    AccrualType(
        "penalty_shortage",
        1071,
        "Удержание за недовложение товара",
        "В поставке не хватило товара",
        "penalty",
    ),
    AccrualType(
        "comp_lost", 1080, "Компенсация за утерянный товар", "Товар утерян на складе Ozon", "compensation"
    ),
    AccrualType(
        "comp_damaged",
        1081,
        "Компенсация за повреждённый товар",
        "Товар повреждён на складе Ozon",
        "compensation",
    ),
    AccrualType(
        "comp_other", 1082, "Прочие компенсации", "Компенсация по обращению продавца", "compensation"
    ),
    AccrualType("premium", 1090, "Подписка Premium Plus", "Ежемесячная подписка продавца", "other"),
    AccrualType("stars", 1091, "Звёздные товары", "Вознаграждение за услугу «Звёздные товары»", "other"),
    AccrualType("search_promo", 1100, "Продвижение в поиске", "Оплата продвижения за заказ", "advertising"),
)
BY_KEY = {t.key: t for t in TYPES}
KEY_INDEX = {t.key: i for i, t in enumerate(TYPES)}
UNKNOWN_TYPE_ID = 1999  # not in the directory (fault knob `ozon_unknown_accrual`)
UNKNOWN_INDEX = len(TYPES)  # type index used for it inside the world
TYPE_IDS = (*(t.type_id for t in TYPES), UNKNOWN_TYPE_ID)  # by type index
FEE_OF_TYPE: dict[int, str] = {t.type_id: t.fee for t in TYPES} | {UNKNOWN_TYPE_ID: "other"}

# Lines that render inside `posting.products[].commission` of a POSTING accrual in by-day;
# every other posting line is a `delivery.services[]` entry.
SALE_KEYS = ("sale", "return")
COMMISSION_KEYS = ("commission", "commission_back")
