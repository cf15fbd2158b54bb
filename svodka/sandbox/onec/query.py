"""OData v3 query options as the 1C standard interface reads them: $filter, $orderby, $select,
$top/$skip, and the parameter lists of virtual-table functions.

$filter grammar served: `or`, `and`, `not`, parentheses, `eq ne gt ge lt le`, the functions
`substringof(s, Prop)`, `startswith(Prop, s)`, `endswith(Prop, s)`, and the literals `'text'`
(`''` escapes a quote), `guid'…'`, `datetime'YYYY-MM-DDTHH:MM[:SS]'`, `true`, `false`, `null`
and numbers. Property types are checked as the platform does: a Guid property compared with a
plain string, or a date with a number, is a 400 error, not an empty answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

Row = dict[str, Any]
Predicate = Callable[[Row], bool]

_TOKEN = re.compile(
    r"\s*(?:(?P<prefixed>(?:guid|datetime|datetimeoffset)'[^']*')"
    r"|(?P<string>'(?:[^']|'')*')"
    r"|(?P<number>-?\d+(?:\.\d+)?[mMdDfFlL]?)"
    r"|(?P<name>[^\W\d]\w*)"
    r"|(?P<punct>[(),]))",
    re.UNICODE,
)
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
_COMPARE = {"eq", "ne", "gt", "ge", "lt", "le"}
_LITERAL_OF_EDM = {
    "Edm.Guid": {"guid"},
    "Edm.DateTime": {"datetime"},
    "Edm.String": {"string"},
    "Edm.Boolean": {"bool"},
    "Edm.Double": {"number"},
    "Edm.Int64": {"number"},
    "Edm.Int32": {"number"},
    "Edm.Decimal": {"number"},
}


class QueryError(ValueError):
    """A query option 1C would refuse with 400; the message says which part and why."""


def datetime_text(text: str) -> str:
    """Normalise a 1C datetime literal body to "YYYY-MM-DDTHH:MM:SS" (raises QueryError)."""
    m = _DATETIME.match(text.strip())
    if not m:
        raise QueryError(f"Неверный формат даты «{text}»: ожидается datetime'ГГГГ-ММ-ДДTЧЧ:ММ:СС'")
    day, hh, mm, ss = m.groups()
    return f"{day}T{hh}:{mm}:{ss or '00'}"


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError(f"Ошибка разбора $filter в позиции {pos}: «{text[pos : pos + 20]}»")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


def _literal(kind: str, text: str) -> tuple[str, Any]:
    """(literal type, python value) of a literal token."""
    if kind == "string":
        return "string", text[1:-1].replace("''", "'")
    if kind == "number":
        body = text.rstrip("mMdDfFlL")
        return "number", float(body) if "." in body else int(body)
    prefix, body = text.split("'", 1)
    body = body[:-1]
    if prefix == "guid":
        if not re.fullmatch(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", body):
            raise QueryError(f"Неверный формат уникального идентификатора guid'{body}'")
        return "guid", body.lower()
    return "datetime", datetime_text(body)


class _Parser:
    def __init__(self, text: str, types: dict[str, str]) -> None:
        self.toks = _tokens(text)
        self.i = 0
        self.types = types

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise QueryError("Неожиданный конец выражения $filter")
        self.i += 1
        return tok

    def expect(self, value: str) -> None:
        _kind, text = self.take()
        if text != value:
            raise QueryError(f"Ошибка разбора $filter: ожидается «{value}», получено «{text}»")

    def keyword(self, *words: str) -> str | None:
        tok = self.peek()
        if tok and tok[0] == "name" and tok[1].lower() in words:
            self.i += 1
            return tok[1].lower()
        return None

    def parse(self) -> Predicate:
        pred = self.or_expr()
        if self.peek() is not None:
            raise QueryError(f"Ошибка разбора $filter: лишний текст «{self.peek()[1]}»")  # type: ignore[index]
        return pred

    def or_expr(self) -> Predicate:
        left = self.and_expr()
        while self.keyword("or"):
            a, b = left, self.and_expr()
            left = lambda r, a=a, b=b: a(r) or b(r)  # noqa: E731
        return left

    def and_expr(self) -> Predicate:
        left = self.not_expr()
        while self.keyword("and"):
            a, b = left, self.not_expr()
            left = lambda r, a=a, b=b: a(r) and b(r)  # noqa: E731
        return left

    def not_expr(self) -> Predicate:
        if self.keyword("not"):
            inner = self.not_expr()
            return lambda r: not inner(r)
        return self.comparison()

    def comparison(self) -> Predicate:
        tok = self.peek()
        if tok and tok[1] == "(":
            self.take()
            inner = self.or_expr()
            self.expect(")")
            return inner
        left = self.operand()
        op = self.keyword(*_COMPARE)
        if op is None:  # a bare Boolean: a function, a Boolean property or true/false
            boolean = left[0] == "call" or (left[0] == "prop" and self.types[left[1]] == "Edm.Boolean")
            if not (boolean or (left[0] == "lit" and left[1] == "bool")):
                raise QueryError(
                    "Ошибка разбора $filter: ожидается операция сравнения (eq, ne, gt, ge, lt, le)"
                )
            get = self.getter(left)
            return lambda r: bool(get(r))
        right = self.operand()
        self.check(left, right)
        self.check(right, left)
        get_l, get_r = self.getter(left), self.getter(right)
        return lambda r: _compare(op, get_l(r), get_r(r))

    def operand(self) -> tuple:
        kind, text = self.take()
        if kind in ("string", "number", "prefixed"):
            return ("lit", *_literal(kind, text))
        if kind == "name":
            low = text.lower()
            if low in ("true", "false"):
                return ("lit", "bool", low == "true")
            if low == "null":
                return ("lit", "null", None)
            if self.peek() and self.peek()[1] == "(":  # type: ignore[index]
                return ("call", self.call(low))
            if text not in self.types:
                raise QueryError(f"Неверное имя свойства «{text}» в $filter")
            return ("prop", text)
        raise QueryError(f"Ошибка разбора $filter: неожиданный символ «{text}»")

    def call(self, name: str) -> Callable[[Row], Any]:
        self.expect("(")
        args = [self.operand()]
        while self.peek() and self.peek()[1] == ",":  # type: ignore[index]
            self.take()
            args.append(self.operand())
        self.expect(")")
        getters = [self.getter(a) for a in args]
        if name == "substringof" and len(args) == 2:
            return lambda r: _text(getters[0](r)) in _text(getters[1](r))
        if name == "startswith" and len(args) == 2:
            return lambda r: _text(getters[0](r)).startswith(_text(getters[1](r)))
        if name == "endswith" and len(args) == 2:
            return lambda r: _text(getters[0](r)).endswith(_text(getters[1](r)))
        raise QueryError(f"Функция «{name}» с {len(args)} аргументами не поддерживается в $filter")

    def check(self, node: tuple, other: tuple) -> None:
        if node[0] != "prop" or other[0] != "lit" or other[1] == "null":
            return
        edm = self.types[node[1]]
        allowed = _LITERAL_OF_EDM.get(edm, {"string", "guid"})  # composite values are strings
        if other[1] not in allowed:
            raise QueryError(
                f"Несоответствие типов: свойство «{node[1]}» ({edm}) сравнивается с литералом типа {other[1]}"
            )

    @staticmethod
    def getter(node: tuple) -> Callable[[Row], Any]:
        if node[0] == "prop":
            name = node[1]
            return lambda r: _norm(r.get(name))
        if node[0] == "call":
            return node[1]
        value = node[2]
        return lambda r: value


def _norm(value: Any) -> Any:
    return value.lower() if isinstance(value, str) and len(value) == 36 and value.count("-") == 4 else value


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "eq":
        return a == b
    if op == "ne":
        return a != b
    if a is None or b is None:
        return False
    try:
        return {"gt": a > b, "ge": a >= b, "lt": a < b, "le": a <= b}[op]
    except TypeError as exc:
        raise QueryError(f"Несравнимые значения в $filter: {a!r} и {b!r}") from exc


def parse_filter(text: str, types: dict[str, str]) -> Predicate:
    """A row predicate for `$filter` over properties `types` (name → Edm type)."""
    return _Parser(text, types).parse()


def parse_orderby(text: str, types: dict[str, str]) -> list[tuple[str, bool]]:
    """[(property, descending)] of `$orderby`."""
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        bits = part.split()
        if (
            bits[0] not in types
            or len(bits) > 2
            or (len(bits) == 2 and bits[1].lower() not in ("asc", "desc"))
        ):
            raise QueryError(f"Неверное выражение упорядочивания $orderby: «{part}»")
        out.append((bits[0], len(bits) == 2 and bits[1].lower() == "desc"))
    return out


def apply_orderby(rows: list[Row], keys: Sequence[tuple[str, bool]]) -> list[Row]:
    """Stable sort by several keys (nulls first, as 1C orders empty values)."""
    for name, desc in reversed(keys):
        rows = sorted(rows, key=lambda r, n=name: (r.get(n) is not None, r.get(n) or 0), reverse=desc)
    return rows


def parse_select(text: str, types: dict[str, str]) -> list[str] | None:
    """Selected property names (None = all)."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names or "*" in names:
        return None
    unknown = [n for n in names if n not in types]
    if unknown:
        raise QueryError(f"Неверное имя свойства «{unknown[0]}» в $select")
    return names


def parse_count(text: str | None, option: str) -> int | None:
    """A non-negative integer of $top / $skip (None when absent)."""
    if text is None:
        return None
    if not text.strip().isdigit():
        raise QueryError(f"Неверное значение {option}: «{text}» (ожидается неотрицательное целое число)")
    return int(text)
