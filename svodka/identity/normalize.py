"""Product names and articles brought to one comparable form.

What differs between two spellings of the same product, and how it is removed:

- case, «ё», punctuation and separators (quotes, brackets, commas, slashes);
- decimal commas: «1,5 л» is «1.5 л»;
- look-alike letters: suppliers type «SАMSUNG» with a Cyrillic «А». A token that mixes the
  alphabets is folded to the one its unambiguous letters belong to (Latin when it also holds
  digits: models are Latin); a real Russian word keeps its Cyrillic letters;
- units and their spellings: a number and its unit become one quantity token (units.py);
- filler words suppliers add («шт», «уп.», «р-р», «цвет»);
- word order: `bag` is the sorted token list.

Codes — tokens that hold digits (models «980», «a2000», «m2») and letter sizes («xl») —
and quantities are kept as tokens and told apart by `codes()` and `quantities()`: they
must agree for two names to be the same product.
"""

from __future__ import annotations

import re
from functools import lru_cache

from svodka.identity import units

# Look-alike pairs (upper case shapes that are the same glyph, taken in lower case).
_CYR = "авекмнорстухі"
_LAT = "abekmhopctyxi"
_TO_LAT = str.maketrans(_CYR, _LAT)
_TO_CYR = str.maketrans(_LAT, _CYR)
_CYR_ONLY = frozenset("бгджзийлпфцчшщъыьэюя")
_LAT_ONLY = frozenset("dfgjlnqrsuvwz")
_CYR_ALL = frozenset("абвгдежзийклмнопрстуфхцчшщъыьэюяі")

_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_WORD = re.compile(r"[0-9a-zа-я]+(?:[./\-][0-9a-zа-я]+)*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NUM_UNIT = re.compile(r"(\d+(?:\.\d+)?)([a-zа-я]+)")
_SEPS = re.compile(r"[./\-]")
_FLOAT_TEXT = re.compile(r"\d+\.0")
_PAIR = re.compile(r"(\d+)([a-zа-я]*)/(\d+)([a-zа-я]*)")
_SLASH_PAIR = re.compile(r"(?<![^\s(])(\d+)\s*[/+]\s*(?=\d)")  # a number on its own, then / or +
# «р.44», «р44», «р. XL», and «p. 44» with a Latin «p» (the dot tells it from a model «P44»)
_SIZE_PREFIX = re.compile(
    r"(?<![0-9a-zа-я])(?:р\.?|p\.)\s?(?=(?:\d+|[xхsmмlс]{1,4}|[2-5][xх][lл])(?![0-9a-zа-я]|[.,]\d))"
)
_WORD_NUM = re.compile(r"([a-zа-я]{3,})(\d+(?:\.\d+)?)")
_NUM_WORD = re.compile(r"(\d+(?:\.\d+)?)([a-zа-я]{3,})")
_WORD_SEP_NUM = re.compile(r"([a-zа-я]{3,})[-.](\d+(?:\.\d+)?)")
_ROMAN = {"ii": "2", "iii": "3"}

LETTER_SIZES = frozenset({"xxs", "xs", "s", "m", "l", "xl", "xxl", "xxxl", "2xl", "3xl", "4xl", "5xl"})
# words that say nothing about which product it is: packaging, stock and promotion marks that
# wholesale price lists add, one-letter prepositions
FILLERS = frozenset(
    {
        *("шт", "уп", "упак", "упаковка", "упаковке", "упаковки", "цвет", "арт", "артикул"),
        *("р", "рр", "р-р", "размер"),
        *("новинка", "new", "хит", "опт", "оптом", "акция", "распродажа", "скидка", "наличии"),
        *("оригинал", "original", "в", "с", "к", "и", "у", "о"),
    }
)
# words after which a single letter is a clothing size: «р-р М» with a Cyrillic «М»
_SIZE_CONTEXT = frozenset({"р", "рр", "р-р", "размер", "size"})
# short forms suppliers write, spelled out as the catalogue has them
ABBREVIATIONS = {
    "д": "для",
    "ср-во": "средство",
    "устр-во": "устройство",
    "нак-ль": "накопитель",
    "уп-ка": "упаковка",
}


def fold(token: str) -> str:
    """One alphabet for a token that mixes Cyrillic and Latin look-alikes («sаmsung» → «samsung»)."""
    has_cyr = has_lat = False
    for ch in token:
        if ch in _CYR_ALL:
            has_cyr = True
        elif "a" <= ch <= "z":
            has_lat = True
    digits = any(ch.isdigit() for ch in token)
    if not has_cyr or (not has_lat and not digits):
        return token  # one alphabet already (a digit-free Russian word stays Russian)
    if digits and not _CYR_ONLY.intersection(token):
        return token.translate(_TO_LAT)  # a model code: «а2000» → «a2000»
    cyr_only = bool(_CYR_ONLY.intersection(token))
    lat_only = bool(_LAT_ONLY.intersection(token))
    if cyr_only and not lat_only:
        return token.translate(_TO_CYR)
    if lat_only and not cyr_only:
        return token.translate(_TO_LAT)
    if cyr_only and lat_only:
        return token  # genuinely mixed: leave it to the fuzzy stage
    # only look-alikes on both sides: the majority alphabet wins
    n_cyr = sum(ch in _CYR_ALL for ch in token)
    return token.translate(_TO_CYR) if n_cyr * 2 > len(token) else token.translate(_TO_LAT)


def lookalike_forms(token: str) -> tuple[str, str]:
    """The token with every look-alike letter in Cyrillic, and in Latin («kpem» → «крем», «kpem»)."""
    return token.translate(_TO_CYR), token.translate(_TO_LAT)


def _unit(word: str) -> tuple[str, float] | None:
    u = units.unit_of(word)
    if u is None:
        u = units.unit_of(word.translate(_TO_LAT)) or units.unit_of(word.translate(_TO_CYR))
    return u


def _prepare(text: str) -> str:
    s = text.lower().replace("ё", "е")
    if "," in s:
        s = _DECIMAL_COMMA.sub(".", s)
    if "/" in s or "+" in s:
        s = _SLASH_PAIR.sub(r"\1/", s)  # «8 / 256», «8+256» → «8/256»
    return _SIZE_PREFIX.sub("р ", s)  # «р.44», «р44» → «р 44»


def _split_mixed(w: str) -> list[str]:
    # a word glued to a number is two tokens: «sata3», «usb3.2», «iphone15», «980pro», «тон01»;
    # one or two letters with digits stay a model code: «q10», «a54», «gt123»
    m = _WORD_NUM.fullmatch(w)
    if m is not None:
        return [m.group(1), m.group(2)]
    m = _NUM_WORD.fullmatch(w)
    if m is not None and _unit(m.group(2)) is None:
        return [m.group(1), m.group(2)]
    return [w]


@lru_cache(maxsize=1 << 18)
def _parts(w: str) -> tuple[str, ...]:
    # a word with digits is split before its letters are folded, so «тон01» keeps its Russian
    # «тон»; a word without is folded whole, so «type-с» (Cyrillic «с») is Latin. Cached: the
    # same words come back in row after row.
    if _SEPS.search(w) is None:
        return tuple(fold(p) for p in _split_mixed(w))
    if _NUMBER.fullmatch(w) or _PAIR.fullmatch(w) or _NUM_UNIT.fullmatch(w):
        return (w,)  # «1.5», «8/256gb», «0.45л»
    if not w.replace("-", "").replace(".", "").replace("/", "").isalpha():
        m = _WORD_SEP_NUM.fullmatch(w) or _WORD_NUM.fullmatch(w)
        if m is not None:  # «usb-3.2», «usb3.2», «sata-3»
            return (fold(m.group(1)), m.group(2))
        return tuple(fold(p) for p in _split_mixed(_SEPS.sub("", w)))  # «m.2» → «m2»
    w = fold(w)
    if w in ABBREVIATIONS or w in FILLERS:
        return (w,)
    return tuple(p for p in _SEPS.split(w) if p)  # «type-c» → type, c; «д/лица» → д, лица


def _words(text: str) -> list[str]:
    out: list[str] = []
    for w in _WORD.findall(_prepare(text)):
        out.extend(_parts(w))
    return out


def _number(w: str) -> str:
    # «01» and «1» are one shade or size, «2.0» and «2» one version; long digit runs (barcodes,
    # articles) stay as written
    if w.isdigit():
        return str(int(w)) if len(w) < 7 else w
    return w.rstrip("0").rstrip(".") if "." in w else w


def tokens(text: str) -> tuple[str, ...]:
    """The normalised tokens of a name, in their order."""
    out: list[str] = []
    words = _words(text)
    n = len(words)
    i = 0
    prev = ""
    while i < n:
        w = words[i]
        i += 1
        nxt = words[i] if i < n else ""
        if w.isalpha():
            if len(w) == 1 and prev in _SIZE_CONTEXT:
                w = w.translate(_TO_LAT)  # «р-р М» with a Cyrillic «М»
            if (
                len(w) <= 2
                and w.isascii()
                and nxt.isdigit()
                and w not in LETTER_SIZES
                and prev != "type"
                and not (i + 1 < n and _unit(words[i + 1]))  # «Type-C 2 м»: the 2 is a length
            ):
                w += _number(nxt)  # a model code written apart: «A 54» is «a54», «C 123» is «c123»
                i += 1
            elif w in FILLERS or (len(w) == 1 and prev != "type" and w.translate(_TO_CYR) in FILLERS):
                prev = w  # «c GPS» typed with a Latin «c» is the preposition «с» (not «Type C»)
                continue
            prev = w
            out.append(_ROMAN.get(w) or ABBREVIATIONS.get(w, w))
            continue
        if _NUMBER.fullmatch(w):
            # after «р.» a number is a size, whatever follows: «р.42 шт.» is size 42
            u = _unit(nxt) if nxt and prev not in _SIZE_CONTEXT else None
            if u is not None:  # «50 мл»
                i += 1
                q = units.quantity(w, u)
                if q != "1pcs":  # «1 шт» is what every row is
                    out.append(q)
                prev = nxt
                continue
            out.append(_number(w))
            prev = w
            continue
        m = _NUM_UNIT.fullmatch(w)
        if m is not None and (u := _unit(m.group(2))) is not None:  # «50мл»
            q = units.quantity(m.group(1), u)
            if q != "1pcs":
                out.append(q)
            prev = w
            continue
        m = _PAIR.fullmatch(w)
        if m is not None:  # memory «8/256GB», «8GB/256GB», «8/256 GB»: one code, one unit spelling
            a, ua, b, ub = m.groups()
            tail = ub or ua
            if not tail and nxt and _unit(nxt) is not None:
                tail = nxt
                i += 1
            u = _unit(tail) if tail else None
            out.append(f"{a}/{b}{u[0] if u else tail}")
            prev = w
            continue
        if len(w) == 1 and prev in _SIZE_CONTEXT:
            w = w.translate(_TO_LAT)  # «р-р М» with a Cyrillic «М»
        if w in FILLERS:
            prev = w
            continue
        if len(w) <= 2 and w.isascii() and w.isalpha() and nxt.isdigit() and w not in LETTER_SIZES:
            w += _number(nxt)  # a model code written apart: «A 54» is «a54», «C 123» is «c123»
            i += 1
        prev = w
        out.append(_ROMAN.get(w) or ABBREVIATIONS.get(w, w))
    return tuple(out)


@lru_cache(maxsize=1 << 20)
def classify(token: str) -> tuple[str, str] | None:
    """("code", "") for a model, size or capacity code, (unit, value) for a quantity, else None."""
    if token in LETTER_SIZES:
        return _CODE
    if token.isalpha():
        return None
    q = units.split_quantity(token)
    if q is not None:
        return q
    return _CODE if any("0" <= ch <= "9" for ch in token) else None


_CODE = ("code", "")


@lru_cache(maxsize=1 << 14)
def brand_tokens(brand: str) -> tuple[str, ...]:
    """Tokens of a brand name (few distinct brands: cached)."""
    return tokens(brand) if brand else ()


def is_code(token: str) -> bool:
    """A token that names a model, size or capacity: holds a digit, or is a letter size."""
    return classify(token) is _CODE


def codes(toks: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The code tokens of a token list (quantities excluded)."""
    return frozenset(t for t in toks if classify(t) is _CODE)


def quantities(toks: tuple[str, ...] | list[str]) -> dict[str, frozenset[str]]:
    """Quantities by unit: {"ml": {"50"}} for «… 50 мл»."""
    out: dict[str, set[str]] = {}
    for t in toks:
        c = classify(t)
        if c is not None and c is not _CODE:
            out.setdefault(c[0], set()).add(c[1])
    return {k: frozenset(v) for k, v in out.items()}


def split_kinds(toks: tuple[str, ...]) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Codes and quantities of a token list in one pass (what the fuzzy stage reads per candidate)."""
    found_codes: list[str] = []
    qty: dict[str, set[str]] | None = None
    for t in toks:
        c = classify(t)
        if c is None:
            continue
        if c is _CODE:
            found_codes.append(t)
        else:
            if qty is None:
                qty = {}
            qty.setdefault(c[0], set()).add(c[1])
    return frozenset(found_codes), ({k: frozenset(v) for k, v in qty.items()} if qty else {})


def name_key(toks: tuple[str, ...]) -> str:
    """The exact normalised name: tokens in their order."""
    return " ".join(toks)


def bag_key(toks: tuple[str, ...]) -> str:
    """The token bag: the same tokens in any order give the same key."""
    return " ".join(sorted(toks))


def normalize_article(raw: object) -> str:
    """A vendor code compared as letters and digits only, case and look-alikes folded.

    «АВ-123/45», «ab 123.45» and «AB12345» are one article; the same rule as the warehouse's
    listing links (lower case, letters and digits only), plus the look-alike fold.
    """
    if raw is None:
        return ""
    s = str(raw).strip().lower().replace("ё", "е")
    if _FLOAT_TEXT.fullmatch(s):
        s = s[:-2]  # a number cell read back as text: 12345.0
    return "".join(ch for ch in s if ch.isalnum()).translate(_TO_LAT)
