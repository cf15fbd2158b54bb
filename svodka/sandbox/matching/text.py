"""String noise of the kind real price lists carry: look-alike letters, typos, abbreviations.

Each function takes a `random.Random` so that callers stay deterministic. The corpus uses them
once per vocabulary entry (to precompute spellings); the price-list files use them per row.
"""

from __future__ import annotations

import random
import re

# Cyrillic letter → the Latin letter that looks the same (and back). Typists and OCR mix them.
CYR_TO_LAT = {
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "У": "Y",
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
}
LAT_TO_CYR = {v: k for k, v in CYR_TO_LAT.items()}
LOOKALIKE = {**CYR_TO_LAT, **LAT_TO_CYR}

# Whole-word abbreviations seen in Russian wholesale price lists (full form → short form).
ABBREVIATIONS = {
    "для": "д/",
    "женская": "жен.",
    "женское": "жен.",
    "женские": "жен.",
    "женский": "жен.",
    "мужская": "муж.",
    "мужское": "муж.",
    "мужские": "муж.",
    "мужской": "муж.",
    "средство": "ср-во",
    "устройство": "устр-во",
    "беспроводные": "беспров.",
    "беспроводная": "беспров.",
    "универсальный": "универс.",
    "универсальное": "универс.",
    "концентрат": "конц.",
    "увлажняющий": "увлажн.",
    "питательный": "питат.",
    "водонепроницаемые": "водонепрониц.",
    "демисезонные": "демисез.",
    "накопитель": "нак-ль",
    "портативная": "портат.",
    "зарядное": "зар.",
    "черный": "черн.",
    "черная": "черн.",
    "черное": "черн.",
    "черные": "черн.",
    "белый": "бел.",
    "белая": "бел.",
    "белое": "бел.",
    "белые": "бел.",
    "размер": "р-р",
}

# Words suppliers add to a name: stock marks, packaging, promotions. None has a number or a unit
# («шт.» after «X724» would read as 724 pieces), so none can pass for a volume or a count.
EXTRA_WORDS = (
    "уп.",
    "шт.",
    "в упаковке",
    "НОВИНКА",
    "Хит",
    "опт",
    "(акция)",
    "[в наличии]",
    "оригинал",
    "арт.",
)

_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]{5,}")


def lookalike(s: str, rng: random.Random, all_letters: bool = False) -> str:
    """Swap one look-alike letter (or all of them) between Cyrillic and Latin; unchanged if none."""
    idx = [i for i, ch in enumerate(s) if ch in LOOKALIKE]
    if not idx:
        return s
    chars = list(s)
    for i in idx if all_letters else [rng.choice(idx)]:
        chars[i] = LOOKALIKE[chars[i]]
    return "".join(chars)


def typo(word: str, rng: random.Random) -> str:
    """One typing error inside a word of 5+ letters: swap, drop or double a letter (never the first)."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(3)
    if op == 0 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def typo_in(s: str, rng: random.Random) -> str:
    """A typo in one long word of `s` (letters only, 5+); `s` unchanged when it has none."""
    words = list(_WORD.finditer(s))
    if not words:
        return s
    m = rng.choice(words)
    return s[: m.start()] + typo(m.group(), rng) + s[m.end() :]


def abbreviate(s: str) -> str:
    """Shorten every word that has a price-list abbreviation («для лица» → «д/лица»)."""
    out: list[str] = []
    for w in s.split(" "):
        out.append(ABBREVIATIONS.get(w.lower(), w))
    return " ".join(out).replace("/ ", "/")  # «д/» glues to the next word


def yo(s: str) -> str:
    """Write «е» as «ё» where Russian spelling allows it (черный → чёрный); unchanged otherwise."""
    for plain, dotted in (("черн", "чёрн"), ("зелен", "зелён"), ("утепленн", "утеплённ")):
        s = s.replace(plain, dotted)
    return s
