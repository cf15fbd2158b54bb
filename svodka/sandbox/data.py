"""Static reference data of the synthetic seller world: categories, warehouses, regions.

Figures follow ../shared/reference/marketplace_economics.md (§1 and §6, 2025–2026); where the
reference gives a range the world draws inside it. Names are real WB names so that the demo
looks like a real cabinet.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Subject:
    """A WB subject (предмет): its id, name and how a title for it starts."""

    subject_id: int
    name: str
    title_head: str


@dataclass(frozen=True)
class Category:
    """One category of goods and the economics the world draws from for it."""

    code: str
    parent: str  # WB parent category, served as `category` in statistics rows
    subjects: tuple[Subject, ...]
    brands: tuple[str, ...]
    vendor_prefix: str
    price_median: float  # roubles, log-normal median (economics §6)
    price_p90: float  # roubles, 90th percentile
    commission_pct10: int  # FBW commission, tenths of a percent (economics §1.1)
    buyout: tuple[float, float]  # share of delivered units bought out (economics §1.3)
    return_rate: float  # share of bought units returned later
    spp: tuple[int, int]  # WB-funded discount range, %
    volume_l: tuple[float, float]  # litres of the packed unit
    size_sets: tuple[tuple[str, ...], ...] = ()  # size grids; empty → one size "0"
    multi_size_share: float = 0.0  # share of cards that have a size grid
    weight: float = 1.0  # share of cards in the default assortment


CATEGORIES: tuple[Category, ...] = (
    Category(
        "cosmetics",
        "Красота",
        (
            Subject(1187, "Кремы", "Крем для лица"),
            Subject(1412, "Сыворотки", "Сыворотка для лица"),
            Subject(2493, "Шампуни", "Шампунь для волос"),
            Subject(3157, "Маски косметические", "Маска для лица"),
        ),
        ("Natura Lab", "Чистая Линия", "SkinMuse", "Белая Роза"),
        "KR",
        600.0,
        1800.0,
        250,
        (0.94, 0.98),
        0.01,
        (5, 30),
        (0.15, 0.9),
        weight=0.3,
    ),
    Category(
        "household",
        "Бытовая химия",
        (
            Subject(2201, "Средства для стирки", "Гель для стирки"),
            Subject(2203, "Средства для мытья посуды", "Средство для мытья посуды"),
            Subject(2208, "Чистящие средства", "Чистящее средство"),
        ),
        ("Чистодом", "EcoWash", "Мойка Pro"),
        "HH",
        350.0,
        900.0,
        220,
        (0.96, 0.99),
        0.005,
        (5, 25),
        (0.6, 4.5),
        weight=0.15,
    ),
    Category(
        "accessories",
        "Электроника",
        (
            Subject(517, "Чехлы для телефонов", "Чехол для смартфона"),
            Subject(520, "Кабели и переходники", "Кабель USB Type-C"),
            Subject(4521, "Зарядные устройства", "Зарядное устройство"),
        ),
        ("VoltX", "Гаджетория", "ProLink"),
        "AC",
        900.0,
        3000.0,
        240,
        (0.92, 0.97),
        0.02,
        (5, 30),
        (0.1, 0.8),
        weight=0.2,
    ),
    Category(
        "electronics",
        "Электроника",
        (
            Subject(593, "Наушники", "Наушники беспроводные"),
            Subject(595, "Колонки", "Портативная колонка"),
            Subject(5067, "Умные часы", "Умные часы"),
        ),
        ("SoundFox", "Гаджетория", "NovaTech"),
        "EL",
        6000.0,
        40000.0,
        120,
        (0.92, 0.97),
        0.03,
        (3, 20),
        (0.5, 3.0),
        weight=0.05,
    ),
    Category(
        "clothing",
        "Женщинам",
        (
            Subject(192, "Футболки", "Футболка женская"),
            Subject(69, "Платья", "Платье женское"),
            Subject(11, "Джинсы", "Джинсы женские"),
        ),
        ("Ласка", "UrbanLine", "Северный Лён"),
        "CL",
        1800.0,
        5000.0,
        275,
        (0.45, 0.65),
        0.06,
        (10, 35),
        (0.4, 1.6),
        size_sets=(("XS", "S", "M", "L", "XL"), ("42", "44", "46", "48", "50")),
        multi_size_share=0.7,
        weight=0.2,
    ),
    Category(
        "shoes",
        "Обувь",
        (Subject(105, "Кроссовки", "Кроссовки женские"), Subject(104, "Ботинки", "Ботинки демисезонные")),
        ("Шаг", "RunLab", "Северный Лён"),
        "SH",
        3000.0,
        7000.0,
        250,
        (0.55, 0.7),
        0.05,
        (10, 30),
        (3.0, 8.0),
        size_sets=(("36", "37", "38", "39", "40", "41"), ("38", "39", "40", "41", "42", "43")),
        multi_size_share=0.8,
        weight=0.1,
    ),
)

CATEGORY_BY_CODE = {c.code: c for c in CATEGORIES}

# Russian size → WB size shown in cards (`wbSize`).
WB_SIZE = {"XS": "42", "S": "44", "M": "46", "L": "48", "XL": "50"}

TITLE_TAILS: dict[str, tuple[str, ...]] = {
    "cosmetics": ("увлажняющий 50 мл", "питательный 30 мл", "с гиалуроновой кислотой", "для сухой кожи"),
    "household": ("концентрат 1 л", "для цветного белья 2 л", "эко 500 мл", "универсальное 750 мл"),
    "accessories": ("1 м", "2 м быстрая зарядка", "противоударный", "магнитный"),
    "electronics": ("с шумоподавлением", "Bluetooth 5.3", "водонепроницаемые", "с NFC"),
    "clothing": ("оверсайз хлопок", "базовая", "летнее", "прямые"),
    "shoes": ("на платформе", "кожаные", "дышащие", "утеплённые"),
}

COLORS = ("черный", "белый", "бежевый", "синий", "серый", "зеленый", "розовый")


@dataclass(frozen=True)
class Warehouse:
    """A real WB warehouse with the multipliers the world uses for it."""

    name: str
    office_id: int
    delivery_coef: float  # box logistics multiplier (economics §1.2: 100–250%)
    storage_coef: float  # box storage multiplier (economics §1.2)
    weight: float  # how much of the seller's stock it usually holds


WAREHOUSES: tuple[Warehouse, ...] = (
    Warehouse("Коледино", 507, 1.6, 1.6, 0.30),
    Warehouse("Подольск", 117501, 1.55, 1.5, 0.15),
    Warehouse("Электросталь", 120762, 1.5, 1.5, 0.12),
    Warehouse("Казань", 117986, 1.2, 1.8, 0.12),
    Warehouse("Краснодар", 130744, 1.3, 1.4, 0.10),
    Warehouse("Екатеринбург - Испытателей 14г", 1733, 1.35, 1.3, 0.08),
    Warehouse("Новосибирск", 686, 1.8, 4.15, 0.05),
    Warehouse("Тула", 206348, 1.35, 1.4, 0.08),
    Warehouse("Санкт-Петербург Уткина Заводь", 2737, 1.5, 1.7, 0.08),
    Warehouse("Невинномысск", 208941, 1.25, 1.2, 0.04),
    Warehouse("Рязань (Тюшевское)", 301760, 1.3, 1.3, 0.04),
    Warehouse("Котовск", 301809, 1.2, 1.1, 0.03),
)

# (country, federal district, region, weight) of the buyers.
REGIONS: tuple[tuple[str, str, str, float], ...] = (
    ("Россия", "Центральный федеральный округ", "Москва", 0.20),
    ("Россия", "Центральный федеральный округ", "Московская", 0.12),
    ("Россия", "Центральный федеральный округ", "Тульская", 0.02),
    ("Россия", "Центральный федеральный округ", "Воронежская", 0.03),
    ("Россия", "Северо-Западный федеральный округ", "Санкт-Петербург", 0.08),
    ("Россия", "Северо-Западный федеральный округ", "Ленинградская", 0.02),
    ("Россия", "Приволжский федеральный округ", "Татарстан", 0.05),
    ("Россия", "Приволжский федеральный округ", "Нижегородская", 0.04),
    ("Россия", "Приволжский федеральный округ", "Самарская", 0.04),
    ("Россия", "Южный федеральный округ", "Краснодарский край", 0.06),
    ("Россия", "Южный федеральный округ", "Ростовская", 0.04),
    ("Россия", "Уральский федеральный округ", "Свердловская", 0.05),
    ("Россия", "Уральский федеральный округ", "Челябинская", 0.03),
    ("Россия", "Сибирский федеральный округ", "Новосибирская", 0.04),
    ("Россия", "Сибирский федеральный округ", "Красноярский край", 0.03),
    ("Россия", "Дальневосточный федеральный округ", "Приморский край", 0.02),
    ("Россия", "Северо-Кавказский федеральный округ", "Ставропольский край", 0.03),
    ("Казахстан", "", "Алматы", 0.01),
    ("Беларусь", "", "Минская", 0.01),
)

# (bank, acquiring percent in tenths, weight); economics §1.5: ≈1–2.5 %.
ACQUIRING = (
    ("Сбербанк", 18, 0.40),
    ("Тинькофф", 20, 0.25),
    ("Альфа-Банк", 15, 0.15),
    ("ВТБ", 22, 0.12),
    ("Газпромбанк", 25, 0.08),
)

PICKUP_POINTS = (
    (105383, "Москва Москва Очаковское шоссе 6к2", "ИП Жасминов А. А."),
    (212771, "Москва Москва улица Профсоюзная 56", "ООО «Пункт»"),
    (118004, "Санкт-Петербург Санкт-Петербург Невский проспект 112", "ИП Корнеева М. С."),
    (140918, "Казань Казань улица Баумана 20", "ИП Галиев Р. Р."),
    (159332, "Екатеринбург Екатеринбург улица Малышева 51", "ИП Петрова Е. В."),
    (177250, "Новосибирск Новосибирск Красный проспект 86", "ООО «Сибпункт»"),
    (120455, "Краснодар Краснодар улица Красная 176", "ИП Ким Д. Л."),
)

SELLER_NAME = "ИП Соколова А. В."

PENALTY_REASONS = (
    ("Занижение фактических габаритов упаковки товара", True),
    ("Штраф за отсутствие обязательной маркировки товара", True),
    ("Нарушение правил оформления поставки", False),
)

CARRIERS = ("ИП Иванов Иван Иванович(123456789012)", "ООО «Логистик Плюс»(7701234567)")

MONTH_SEASON = (0.85, 0.9, 1.0, 0.95, 0.95, 0.95, 0.95, 1.05, 1.05, 1.0, 1.3, 1.35)
WEEKDAY = (1.02, 1.0, 0.98, 0.97, 0.98, 1.02, 1.05)
HOUR_WEIGHTS = (
    1.0,
    0.6,
    0.4,
    0.3,
    0.3,
    0.4,
    0.8,
    1.5,
    2.5,
    3.5,
    4.0,
    4.2,
    4.5,
    4.5,
    4.5,
    4.6,
    4.8,
    5.0,
    5.5,
    6.2,
    6.8,
    6.5,
    5.0,
    2.5,
)
