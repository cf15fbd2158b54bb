"""What the matching corpus sells: kinds of goods, their variant axes, brands and line names.

A *family* is one product line of one kind («Крем для лица Natura Lab Aqua Vita Q10»); its
*products* differ only in the values of at most two variant axes (volume, capacity, interface,
colour, size …). Siblings of one family are the near-duplicates a matcher must keep apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from svodka.sandbox.data import CATEGORY_BY_CODE

COLOURS = {  # masculine, feminine, neuter, plural: colours agree with the head noun
    "черный": ("черный", "черная", "черное", "черные"),
    "белый": ("белый", "белая", "белое", "белые"),
    "бежевый": ("бежевый", "бежевая", "бежевое", "бежевые"),
    "синий": ("синий", "синяя", "синее", "синие"),
    "серый": ("серый", "серая", "серое", "серые"),
    "зеленый": ("зеленый", "зеленая", "зеленое", "зеленые"),
    "розовый": ("розовый", "розовая", "розовое", "розовые"),
    "красный": ("красный", "красная", "красное", "красные"),
}
_GENDER = {"m": 0, "f": 1, "n": 2, "p": 3}


@dataclass(frozen=True)
class Axis:
    """A variant axis: the values a family's products differ by, in canonical spelling."""

    name: str  # volume, weight, count, capacity, interface, colour, size, length, power, model, shade
    values: tuple[str, ...]
    pick: tuple[int, int]  # how many values one family carries (min, max)
    price_step: float = 1.0  # price multiplier per step along `values`


@dataclass(frozen=True)
class Kind:
    """A kind of goods: its head phrase, category, descriptors and variant axes."""

    code: str
    category: str  # Russian category name, as the catalogue shows it
    head: str
    order: str  # canonical slot order: Head Brand Series Code Desc, axis X, axis Y
    price: float  # median price, roubles
    weight: float  # share in the assortment (relative)
    descs: tuple[str, ...]
    axes: tuple[Axis, ...]  # one or two


# code | category | head | order | price | weight | descriptors, then one indented line per axis:
# name=values=min-max=price step; "@f" stands for the colours in feminine gender (m, f, n, p).
_KIND_TABLE = """
face_cream|Косметика|Крем для лица|HBSCDXY|700|1|увлажняющий;питательный;ночной;матирующий
    volume=30 мл;50 мл;75 мл;100 мл=1-3=1.5
serum|Косметика|Сыворотка для лица|HDBSCXY|900|1|с витамином С;осветляющая;с ниацинамидом
    volume=15 мл;30 мл;50 мл=1-3=1.6
shampoo|Косметика|Шампунь для волос|HBSCDXY|450|1|восстанавливающий;для объема;укрепляющий
    volume=250 мл;400 мл;500 мл;750 мл;1 л=1-3=1.4
perfume|Косметика|Парфюмерная вода|HBSCDXY|2500|1|женская;мужская;унисекс
    volume=30 мл;50 мл;100 мл=1-3=1.6
lipstick|Косметика|Помада для губ|HBSCDXY|500|1|матовая;стойкая;увлажняющая
    shade=тон 01;тон 02;тон 03;тон 04;тон 05;тон 06;тон 07;тон 08;тон 09;тон 10=2-5=1
laundry_gel|Бытовая химия|Гель для стирки|HBSCDXY|500|1|для цветного белья;универсальный;концентрат
    volume=1 л;1,5 л;2 л;3 л;5 л=1-3=1.5
dish|Бытовая химия|Средство для мытья посуды|HBSCDXY|250|1|с ароматом лимона;алоэ вера;бальзам
    volume=450 мл;500 мл;900 мл;1 л=1-2=1.5
powder|Бытовая химия|Стиральный порошок|HBSCDXY|450|1|автомат;для цветного;универсальный
    weight=400 г;1,5 кг;2,4 кг;3 кг;6 кг=1-3=1.7
capsules|Бытовая химия|Капсулы для стирки|HBSCDXY|900|1|color;3 в 1;для белого
    count=15 шт;30 шт;52 шт=1-2=1.8
ssd|Электроника|SSD накопитель|HBSCXYD|6000|1|внутренний;высокоскоростной
    capacity=256GB;512GB;1TB;2TB;4TB=1-3=1.8
    interface=NVMe M.2;SATA III=1-2=0.85
flash|Электроника|Флешка USB|HBSCXYD|700|1|металлическая;компактная
    capacity=32GB;64GB;128GB;256GB;512GB=1-3=1.6
    interface=USB 3.2;USB 2.0=1-2=0.8
microsd|Электроника|Карта памяти microSDXC|HBSCXYD|1200|1|с адаптером;для видеорегистратора
    capacity=64GB;128GB;256GB;512GB;1TB=1-3=1.7
headphones|Электроника|Наушники беспроводные|HBSCDXY|3500|1|с шумоподавлением;Bluetooth 5.3;спортивные
    colour=@p=1-3=1
watch|Электроника|Умные часы|HBSCDXY|9000|1|с NFC;водонепроницаемые;с GPS
    size=41 мм;45 мм;47 мм=1-2=1.15
    colour=@p=1-3=1
phone|Электроника|Смартфон|HBSCXYD|20000|1|
    memory=4/64GB;4/128GB;6/128GB;8/128GB;8/256GB;12/256GB;12/512GB=1-3=1.25
    colour=@m=1-3=1
case|Аксессуары|Чехол для смартфона|HBSCXYD|600|1|противоударный;силиконовый;прозрачный
    model=iPhone 13;iPhone 14;iPhone 15;iPhone 15 Pro;iPhone 15 Pro Max;Galaxy A54;Galaxy S24=1-4=1
    colour=@m=1-2=1
cable|Аксессуары|Кабель USB Type-C|HBSCXYD|500|1|быстрая зарядка;в оплетке;магнитный
    length=0,5 м;1 м;2 м;3 м=1-3=1.2
    power=60W;100W=1-2=1.3
charger|Аксессуары|Зарядное устройство|HBSCDXY|1200|1|сетевое;автомобильное;быстрое
    power=20W;33W;65W;100W=1-3=1.4
powerbank|Аксессуары|Внешний аккумулятор|HBSCDXY|2000|1|с быстрой зарядкой;компактный;с дисплеем
    capacity=5000 mAh;10000 mAh;20000 mAh;30000 mAh=1-3=1.4
    colour=@m=1-2=1
tshirt|Одежда|Футболка женская|HBSCDXY|900|1.5|оверсайз;хлопок;базовая
    colour=@f=1-3=1
    size=р. XS;р. S;р. M;р. L;р. XL=2-5=1
dress|Одежда|Платье женское|HBSCDXY|2500|1.5|летнее;вечернее;трикотажное
    colour=@n=1-3=1
    size=р. 42;р. 44;р. 46;р. 48;р. 50;р. 52=2-5=1
jeans|Одежда|Джинсы женские|HBSCDXY|2800|1|прямые;скинни;мом
    colour=@p=1-2=1
    size=р. 40;р. 42;р. 44;р. 46;р. 48;р. 50=2-5=1
hoodie|Одежда|Худи мужское|HBSCDXY|3000|1|оверсайз;с капюшоном;утепленное
    colour=@n=1-3=1
    size=р. S;р. M;р. L;р. XL;р. XXL=2-5=1
sneakers|Обувь|Кроссовки женские|HBSCDXY|4000|1.2|на платформе;кожаные;дышащие
    colour=@p=1-2=1
    size=р. 36;р. 37;р. 38;р. 39;р. 40;р. 41=2-5=1
boots|Обувь|Ботинки мужские|HBSCDXY|5500|1|демисезонные;утепленные;кожаные
    colour=@p=1-2=1
    size=р. 40;р. 41;р. 42;р. 43;р. 44;р. 45=2-5=1
"""


def _axis(text: str) -> Axis:
    name, values, pick, step = text.strip().split("=")
    if values.startswith("@"):
        g = _GENDER[values[1:]]
        vals = tuple(forms[g] for forms in COLOURS.values())
    else:
        vals = tuple(values.split(";"))
    lo, hi = pick.split("-")
    return Axis(name, vals, (int(lo), int(hi)), float(step))


def _kinds() -> tuple[Kind, ...]:
    out: list[Kind] = []
    for line in _KIND_TABLE.strip("\n").splitlines():
        if line.startswith(" "):  # an axis of the kind above
            k = out[-1]
            out[-1] = Kind(
                k.code, k.category, k.head, k.order, k.price, k.weight, k.descs, (*k.axes, _axis(line))
            )
            continue
        code, cat, head, order, price, weight, descs = line.split("|")
        descriptors = tuple(d for d in descs.split(";") if d)
        out.append(Kind(code, cat, head, order, float(price), float(weight), descriptors, ()))
    return tuple(out)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


KINDS = _kinds()

_WORLD = {c: CATEGORY_BY_CODE[c].brands for c in CATEGORY_BY_CODE}
BRANDS: dict[str, tuple[str, ...]] = {
    "Косметика": (*_WORLD["cosmetics"], "Levanta", "Organica Home", "Бархатные Ручки", "DermaLine", "Mirra"),
    "Бытовая химия": (*_WORLD["household"], "Свежесть", "Clean Hit", "Аистёнок", "Sunny Wash"),
    "Электроника": (
        "Samsung",
        "Kingston",
        "Crucial",
        "ADATA",
        "Netac",
        "Xiaomi",
        "realme",
        *_WORLD["electronics"],
    ),
    "Аксессуары": (*_WORLD["accessories"], "Baseus", "Ugreen", "Borofone", "Hoco"),
    "Одежда": (*_WORLD["clothing"], "Модный Дом", "BasicLab", "Твой Стиль"),
    "Обувь": (*_WORLD["shoes"], "Tervolina", "Stepway", "Юничел"),
}
CATEGORIES = tuple(BRANDS)

# Line names: a family is (word1, optional word2, code); (word1, code) is unique inside a category,
# so word2 may go missing without making a name ambiguous. Words that also occur in axis values
# (Pro, Max, Note …) are left out so that no line name fakes a variant.
SERIES1 = _words(
    """Aqua Hydra Vita Pure Glow Derma Nova Fresh Silk Velvet Active Smart Eco Bio Prime Neo Fusion
    Spark Storm Wave Flex Air Core Edge Sky Terra Luna Sol Zen Arctic Coral Amber Onyx Jade Ruby Titan
    Vector Orbit Pulse Nimbus Aurora Delta Sigma Vega Polar Rapid Bloom Crystal Lotus Meteor Comet
    Atlas Falcon Phoenix Raven Tiger Cobalt Quartz Granite Velour Лотос Север Сияние Нежность Байкал
    Алтай Ладога Янтарь Малахит Заря Витязь Метелица Иней Родник Прибой"""
)
SERIES2 = _words(
    """Boost Care Balance Touch Line Form Wing Drive Force Light Soft Shield Style Motion Charge Fit
    Comfort Clean Power Energy Vision Sense Nature Harmony Classic Urban Travel Sport Home Daily Уют
    Люкс Стандарт Эксперт Мастер Профи Гармония Баланс Комфорт"""
)
# Model codes per category: (letters, lowest number, highest number, template); they mix letters
# and digits, as real model codes do. The letters differ between categories, so no two categories
# share a code even once hyphens are ignored, and no code letter is a unit symbol (L, M, W, G, V),
# so «iPhone 15 L-109» cannot read as «15 л».
CODE_STYLES: dict[str, tuple[tuple[str, ...], int, int, str]] = {
    "Косметика": (("Q", "B", "E", "K", "PP", "AH", "LX"), 1, 600, "{l}{n}"),
    "Бытовая химия": (("X", "MS", "S", "Z", "T", "HX"), 1, 800, "{l}{n}"),
    "Электроника": (("A", "R", "GT", "VX", "N", "RX"), 10, 999, "{l}{n}"),
    "Аксессуары": (("C", "H", "BX", "U", "LK"), 100, 999, "{l}-{n}"),
    "Одежда": (("D", "F", "DM", "FK"), 1000, 2999, "{l}{n}"),
    "Обувь": (("RS", "ST", "SW"), 100, 899, "{l}-{n}"),
}

SUPPLIERS = (
    "ООО «ОптТорг»",
    "ИП Смирнов К. В.",
    "ТД «Восток»",
    "Мегаопт",
    "ООО «Поставщик-Юг»",
    "ООО «Сириус»",
    "ИП Каримова Л. Р.",
    "ГК «Северный путь»",
)


def codes(category: str) -> list[str]:
    """Every model code of a category's style, in a fixed order."""
    letters, lo, hi, tpl = CODE_STYLES[category]
    return [tpl.format(l=le, n=n) for le in letters for n in range(lo, hi + 1)]
