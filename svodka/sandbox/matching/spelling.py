"""The ways one name part can be written, in two tiers.

Tier 1 spellings are equal to the canonical one after a sound normalisation: case, Cyrillic/Latin
look-alike letters, «ё», punctuation and spaces (a name splits into runs of letters and runs of
digits, so «D-1313» = «D1313» = «D 1313»), unit spellings and conversions between units of one
dimension («50 мл» = «50ml», «1,5 л» = «1500 мл», «1TB» = «1 ТБ», «65W» = «65 Вт»).
Tier 2 spellings need more than normalisation: typos, abbreviations («д/лица», «р-р»), a head
with missing words, a value written another way («SATA3», «8GB/256GB»).
"""

from __future__ import annotations

import random
import re

from svodka.sandbox.matching.text import abbreviate, lookalike, typo_in, yo

# Unit → spellings that mean the same unit (tier 1).
UNIT_SPELLINGS = {
    "мл": ("мл", "ml", "ML", "мл."),
    "л": ("л", "L", "л.", "l"),
    "г": ("г", "гр", "гр.", "g"),
    "кг": ("кг", "kg", "КГ"),
    "шт": ("шт", "шт.", "pcs", "штук"),
    "м": ("м", "m", "м."),
    "мм": ("мм", "mm"),
    "W": ("W", "Вт", "w"),
    "mAh": ("mAh", "мАч", "MAH"),
    "GB": ("GB", "Гб", "ГБ", "gb"),
    "TB": ("TB", "Тб", "ТБ", "tb"),
}
# Unit → (smaller unit, factor): «1,5 л» may be written «1500 мл».
CONVERSIONS = {"л": ("мл", 1000), "кг": ("г", 1000), "м": ("см", 100)}
_QTY = re.compile(r"^(\d+(?:,\d+)?) ?(мл|л|г|кг|шт|м|мм|W|mAh|GB|TB)$")


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _quantity(value: str, rng: random.Random) -> tuple[list[str], list[str]]:
    m = _QTY.match(value)
    if m is None:
        return [], []
    num, unit = m.group(1), m.group(2)
    t1 = []
    for u in UNIT_SPELLINGS[unit]:
        t1 += [f"{num} {u}", f"{num}{u}"]
    if "," in num:
        t1.append(f"{num.replace(',', '.')} {unit}")
    x = float(num.replace(",", "."))
    if unit in CONVERSIONS:  # to the smaller unit: 1,5 л → 1500 мл
        small, f = CONVERSIONS[unit]
        t1 += [f"{_num(x * f)} {small}", f"{_num(x * f)}{small}"]
    for big, (small, f) in CONVERSIONS.items():  # to the bigger unit: 500 мл → 0,5 л
        if unit == small and x >= f / 4:
            t1 += [f"{_num(x / f)} {big}", f"{_num(x / f).replace(',', '.')}{big}"]
    return t1, []


_SPECIAL: dict[str, tuple[list[str], list[str]]] = {
    "NVMe M.2": (["NVME M.2", "NVMe M2", "NVMe, M.2"], ["NVMe", "NVMe M.2 2280"]),
    "SATA III": (["SATA-III", "SATA, III"], ["SATA3", "SATA 3"]),
    "USB 3.2": (["USB3.2", "USB-3.2"], ["USB 3.2 Gen1", "USB3"]),
    "USB 2.0": (["USB2.0", "USB-2.0"], ["USB 2", "USB2"]),
}


def _value(axis: str, value: str, rng: random.Random) -> tuple[list[str], list[str]]:
    """Spellings of a variant value («50 мл», «р. 44», «8/256GB», «iPhone 15 Pro», colours …)."""
    if value in _SPECIAL:
        return _SPECIAL[value]
    t1, t2 = _quantity(value, rng)
    if axis == "size" and value.startswith("р. "):  # clothing sizes; watch sizes are «45 мм»
        s = value.removeprefix("р. ")
        t1 += [f"р.{s}", f"р {s}", f"(р. {s})"]
        t2 += [f"размер {s}", f"р-р {s}", f"{s} размер", f"({s})"]
    elif axis == "shade":
        n = value.removeprefix("тон ")
        t1 += [f"тон{n}", f"тон-{n}"]
        t2 += [f"т. {n}", f"#{n}", f"тон {int(n)}"]
    elif axis == "memory":
        ram, rom = value.removesuffix("GB").split("/")
        t1 += [f"{ram}/{rom} GB", f"{ram}/{rom} ГБ", f"{ram}/{rom}Gb", f"{ram} / {rom}GB", f"{ram}+{rom}GB"]
        t2 += [f"{ram}GB/{rom}GB", f"{ram}/{rom}"]
    elif axis == "model":  # «iPhone15 Pro»: letters and digits split apart again on normalisation
        t1 += [re.sub(r" (?=\d)", "", value, count=1)]
        t2 += [f"Samsung {value}"] if value.startswith("Galaxy") else [f"Apple {value}"]
    elif axis == "colour":
        t2 += [abbreviate(value), f"цвет {value}", typo_in(value, rng)]
    t1 += [f"({value})"]
    return t1, t2


def spellings(role: str, text: str, rng: random.Random, axis: str = "") -> tuple[list[str], list[str]]:
    """Tier 1 and tier 2 spellings of one name part, without duplicates or the canonical text.

    `role` is H (head), B (brand), S (line word), C (model code), D (descriptor) or X (a variant
    value of axis `axis`).
    """
    t1 = [lookalike(text, rng), yo(text)]
    t2: list[str] = []
    if text.isascii() and any(c.isalpha() for c in text):
        t1.append(lookalike(text, rng, all_letters=True))
    if role == "H":
        t2 += [text.split(" ")[0], abbreviate(text), typo_in(text, rng), typo_in(text, rng)]
    elif role == "B":
        t1.append(text.replace(" ", "-"))
        t2 += [text.replace(" ", ""), typo_in(text, rng)]
    elif role == "S":
        t2.append(typo_in(text, rng))
    elif role == "C":
        # Q10 → Q-10, C-200 → C200: the hyphen between letters and digits comes and goes.
        t1.append(text.replace("-", "") if "-" in text else re.sub(r"^([A-Z]+)(\d)", r"\1-\2", text))
    elif role == "D":
        t2 += [abbreviate(text), typo_in(text, rng)]
    elif role == "X":
        v1, v2 = _value(axis, text, rng)
        t1 += v1
        t2 += v2
    tier1 = list(dict.fromkeys(s for s in t1 if s != text))
    tier2 = list(dict.fromkeys(s for s in t2 if s != text and s not in tier1))
    return tier1, tier2
