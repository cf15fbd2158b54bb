"""Static Ozon facts of the world: fulfilment warehouses and clusters, commissions, tariffs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OzonWarehouse:
    """An Ozon fulfilment warehouse (FBO) or the seller's own warehouse (FBS)."""

    name: str
    warehouse_id: int
    cluster_id: int
    cluster_name: str
    city: str
    weight: float  # share of the seller's FBO stock it usually holds
    logistics_coef: float  # multiplier of the direct-flow logistics tariff


FBO_WAREHOUSES: tuple[OzonWarehouse, ...] = (
    OzonWarehouse("ХОРУГВИНО_РФЦ", 15431806189000, 4039, "Москва, МО и Дальние регионы", "Москва", 0.30, 1.0),
    OzonWarehouse(
        "ПУШКИНО_1_РФЦ", 1020000089903000, 4039, "Москва, МО и Дальние регионы", "Москва", 0.15, 1.0
    ),
    OzonWarehouse(
        "САНКТ-ПЕТЕРБУРГ_РФЦ", 1020000115166000, 4040, "Санкт-Петербург и СЗО", "Санкт-Петербург", 0.12, 1.1
    ),
    OzonWarehouse("КАЗАНЬ_РФЦ_НОВЫЙ", 1020001536519000, 4043, "Казань", "Казань", 0.12, 1.15),
    OzonWarehouse(
        "ЕКАТЕРИНБУРГ_РФЦ_НОВЫЙ", 1020000385012000, 4046, "Екатеринбург", "Екатеринбург", 0.10, 1.2
    ),
    OzonWarehouse("РОСТОВ_НА_ДОНУ_РФЦ", 1020000901600000, 4050, "Ростов", "Ростов-на-Дону", 0.08, 1.2),
    OzonWarehouse("НОВОСИБИРСК_РФЦ_НОВЫЙ", 1020000531279000, 4049, "Новосибирск", "Новосибирск", 0.06, 1.3),
    OzonWarehouse("КРАСНОДАР_РФЦ", 1020001027339000, 4052, "Краснодар", "Краснодар", 0.07, 1.2),
)
FBS_WAREHOUSE = OzonWarehouse(
    "Склад продавца Москва (FBS)", 1020005000201873, 4039, "Москва, МО и Дальние регионы", "Москва", 0.0, 1.0
)

# FBO sales commission by category, tenths of a percent (Ozon tariffs 2025–2026: 8–30 %).
# FBS is one percentage point more, as on Ozon.
COMMISSION_PCT10 = {
    "cosmetics": 200,
    "household": 150,
    "accessories": 230,
    "electronics": 100,
    "clothing": 250,
    "shoes": 220,
}
FBS_EXTRA_PCT10 = 10
ACQUIRING_PCT10 = (10, 15, 19)  # by payment method; Ozon: up to 1.9 %
LOGISTICS_KOP_FIRST_L = 6_300  # direct-flow logistics, first litre (before the warehouse coefficient)
LOGISTICS_KOP_EXTRA_L = 1_200  # each further litre
LAST_MILE_PCT10 = 55  # 5.5 % of the price, between 20 and 500 ₽
LAST_MILE_MIN_KOP, LAST_MILE_MAX_KOP = 2_000, 50_000
DROPOFF_KOP = 2_000  # FBS: processing of a posting dropped off at a pickup point
RETURN_PROCESSING_KOP = 1_500  # processing of a return, a cancellation or a non-buyout
STORAGE_KOP_PER_L_DAY = 6  # FBO placement, per litre a day
ACCEPTANCE_KOP_PER_L = 120  # FBO supply processing, per litre

CITIES = ("Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск", "Ростов-на-Дону", "Краснодар")
DELIVERY_TYPES = ("PVZ", "Courier", "Postamat")
PAYMENT_TYPES = (
    "картой онлайн",
    "Система Быстрых Платежей",
    "карта Ozon Банка",
    "сохранённой картой при получении",
)
CANCEL_REASONS = (
    (352, "Покупатель отменил заказ", "Клиент", "client"),
    (400, "Товар закончился у продавца", "Продавец", "seller"),
    (500, "Не удалось доставить заказ", "Ozon", "ozon"),
)
RETURN_REASONS = (
    "Не подошёл размер",
    "Товар не соответствует описанию",
    "Брак или повреждение",
    "Передумал покупать",
)
SELLER_NAME = "ИП Соколова Анна Викторовна"
SELLER_INN = "772812345678"
