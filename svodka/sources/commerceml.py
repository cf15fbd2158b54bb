"""CommerceML 2 files from 1C (``import.xml``, ``offers.xml``): read as pages, decoded into records.

The site ↔ 1C exchange format (marketplace_apis.md §5.2): root ``КоммерческаяИнформация``;
``import.xml`` holds ``Классификатор`` (groups, properties) and ``Каталог`` with ``Товары/
Товар``; ``offers.xml`` holds ``ПакетПредложений`` with ``ТипыЦен``, ``Склады`` and
``Предложения/Предложение`` (newer modules split prices and stock into ``prices.xml`` and
``rests.xml``: the same package, read the same way).

A file becomes one `Page` (stream ``cml_import`` or ``cml_offers``) whose body is the file
verbatim, like any answer in the lake; `decode_commerceml` turns it into records when the
loader (or a rebuild from the lake) asks `svodka.sources.decoders` for the stream's decoder.

The files are untrusted uploads: read with defusedxml with no DTD at all (so no entity
expansion and no external entities), and refused above `MAX_BYTES`. The encoding comes
from the XML declaration (UTF-8, or windows-1251 as many 1C exchanges write). Values stay
text as written (``"1299.00"``); element names are matched without their namespace
(``urn:1C.ru:commerceml_2`` or none).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from svodka.errors import FatalSourceError
from svodka.sources.base import Page

IMPORT = "cml_import"
OFFERS = "cml_offers"
MAX_BYTES = 512 << 20
"""Refuse files over 512 MiB: a catalogue of a million goods is ~300 MB of CommerceML."""
ROOT = "КоммерческаяИнформация"
HINT = (
    "Export the file again from 1C (Обмен с сайтом / выгрузка CommerceML) and load that file; "
    "a file edited or produced by something else is refused on purpose."
)


class CommerceMLError(FatalSourceError):
    """A file that is not a readable CommerceML 2 document, or one refused as unsafe."""


def read_commerceml(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Page:
    """A `Page` holding one CommerceML file verbatim: ``cml_import`` or ``cml_offers``.

    ``records`` is the number of ``Товар`` (import) or ``Предложение`` (offers) elements;
    ``meta`` has ``kind``, ``file``, ``schema_version``, ``generated_at`` and ``only_changes``
    (a partial export: goods not in the file are unchanged, not gone). Raises
    `CommerceMLError` for a file that is too large, unsafe, malformed or neither kind.
    """
    p = Path(path)
    size = p.stat().st_size
    if size > max_bytes:
        raise _error(p.name, f"the file is {size:,} bytes, over the limit of {max_bytes:,}")
    body = p.read_bytes()
    kind, header = _sniff(body, p.name, max_bytes)
    meta = {"kind": kind, "file": p.name, **header}
    records = decode_commerceml(body, meta, max_bytes=max_bytes)
    return Page(
        stream=IMPORT if kind == "import" else OFFERS,
        request={"method": "FILE", "url": p.resolve().as_uri(), "params": {}, "json": None},
        status=200,
        body=body,
        fetched_at=datetime.now(UTC),
        records=len(records),
        meta=meta,
    )


def decode_commerceml(
    body: bytes, meta: Mapping[str, Any], *, max_bytes: int = MAX_BYTES
) -> list[dict[str, Any]]:
    """The records of a CommerceML body: one per ``Товар`` for an import, one per
    ``Предложение`` for offers (``meta["kind"]`` says which; without it the file decides).

    Import record: ``Ид, Штрихкод, Артикул, Наименование, Описание, Группы`` (group ids),
    ``ГруппыНаименования`` (their names from the classifier), ``БазоваяЕдиница`` (``Код``,
    ``НаименованиеПолное``, ``МеждународноеСокращение``, ``Наименование``),
    ``ЗначенияРеквизитов`` / ``ЗначенияСвойств`` (lists of ``{Наименование|Ид, Значение}``),
    ``ПометкаУдаления``, ``Статус``.
    Offer record: ``Ид, Штрихкод, Артикул, Наименование, Количество``, ``Цены`` (``ИдТипаЦены,
    ТипЦены`` (its name), ``ЦенаЗаЕдиницу, Валюта, Единица, Коэффициент, Представление``),
    ``Склады`` (``ИдСклада, Количество``).
    """
    name = str(meta.get("file") or "CommerceML")
    if len(body) > max_bytes:
        raise _error(name, f"the file is {len(body):,} bytes, over the limit of {max_bytes:,}")
    kind = meta.get("kind") or _sniff(body, name, max_bytes)[0]
    if kind not in ("import", "offers"):
        raise _error(name, f"unknown kind {kind!r}; expected 'import' or 'offers'")
    return _Reader(name, kind).read(body)


# --- reading -----------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _error(name: str, message: str) -> CommerceMLError:
    return CommerceMLError(f"CommerceML file {name}: {message}", source="commerceml", hint=HINT)


def _events(body: bytes, name: str, events: tuple[str, ...]) -> Iterator[tuple[str, Element]]:
    """Parse events; DTDs are forbidden outright (entity bombs and external entities need one)."""
    try:
        yield from iterparse(BytesIO(body), events=events, forbid_dtd=True)
    except DefusedXmlException as e:
        raise _error(name, f"refused as unsafe XML ({type(e).__name__}: {e})") from None
    except SyntaxError as e:  # xml.etree.ElementTree.ParseError; includes unknown encodings
        raise _error(name, f"not well-formed XML: {e}") from None
    except LookupError as e:  # an encoding Python does not know
        raise _error(name, f"unreadable encoding: {e}") from None


def _sniff(body: bytes, name: str, max_bytes: int) -> tuple[str, dict[str, Any]]:
    """``(kind, header facts)`` from the first elements of the document."""
    if len(body) > max_bytes:
        raise _error(name, f"the file is {len(body):,} bytes, over the limit of {max_bytes:,}")
    header: dict[str, Any] = {}
    depth = 0
    for event, elem in _events(body, name, ("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        tag = _local(elem.tag)
        if depth == 1:
            if tag != ROOT:
                raise _error(name, f"the root element is <{tag}>, expected <{ROOT}>")
            header["schema_version"] = elem.get("ВерсияСхемы")
            header["generated_at"] = elem.get("ДатаФормирования")
        elif depth == 2 and tag in ("Каталог", "ПакетПредложений"):
            header["only_changes"] = (elem.get("СодержитТолькоИзменения") or "").strip().lower() == "true"
            return ("import" if tag == "Каталог" else "offers"), header
    raise _error(name, "it holds neither <Каталог> (import.xml) nor <ПакетПредложений> (offers.xml)")


def _text(elem: Element | None) -> str | None:
    if elem is None:
        return None
    return "".join(elem.itertext()).strip()


def _child(elem: Element, tag: str) -> Element | None:
    return next((c for c in elem if _local(c.tag) == tag), None)


def _children(elem: Element | None, tag: str) -> list[Element]:
    return [] if elem is None else [c for c in elem if _local(c.tag) == tag]


def _value(elem: Element, tag: str) -> str | None:
    return _text(_child(elem, tag))


class _Reader:
    """One pass over a document, keeping only the element being read in memory."""

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        self.groups: dict[str, str] = {}
        self.price_types: dict[str, str] = {}

    def read(self, body: bytes) -> list[dict[str, Any]]:
        item = "Товар" if self.kind == "import" else "Предложение"
        records: list[dict[str, Any]] = []
        stack: list[str] = []
        for event, elem in _events(body, self.name, ("start", "end")):
            tag = _local(elem.tag)
            if event == "start":
                stack.append(tag)
                continue
            stack.pop()
            parent = stack[-1] if stack else ""
            if tag == "Группа":
                ident, title = _value(elem, "Ид"), _value(elem, "Наименование")
                if ident and title is not None and parent == "Группы":  # the classifier's tree
                    self.groups.setdefault(ident, title)
            elif tag == "ТипЦены" and parent == "ТипыЦен":
                ident = _value(elem, "Ид")
                if ident:
                    self.price_types[ident] = _value(elem, "Наименование") or ""
            elif tag == item and parent == ("Товары" if item == "Товар" else "Предложения"):
                records.append(self._product(elem) if item == "Товар" else self._offer(elem))
                elem.clear()  # a million goods must not stay in the tree
        if self.kind == "import":
            for r in records:  # groups may be described after the goods: resolve at the end
                r["ГруппыНаименования"] = [self.groups.get(g) for g in r["Группы"]]
        else:
            for r in records:
                for price in r["Цены"]:
                    price["ТипЦены"] = self.price_types.get(price["ИдТипаЦены"] or "")
        return records

    def _product(self, elem: Element) -> dict[str, Any]:
        unit = _child(elem, "БазоваяЕдиница")
        return {
            "Ид": _value(elem, "Ид"),
            "Штрихкод": _value(elem, "Штрихкод"),
            "Артикул": _value(elem, "Артикул"),
            "Наименование": _value(elem, "Наименование"),
            "Описание": _value(elem, "Описание"),
            "Группы": [t for t in (_text(g) for g in _children(_child(elem, "Группы"), "Ид")) if t],
            "БазоваяЕдиница": None
            if unit is None
            else {
                "Код": unit.get("Код"),
                "НаименованиеПолное": unit.get("НаименованиеПолное"),
                "МеждународноеСокращение": unit.get("МеждународноеСокращение"),
                "Наименование": _text(unit),
            },
            "ЗначенияРеквизитов": [
                {"Наименование": _value(v, "Наименование"), "Значение": _value(v, "Значение")}
                for v in _children(_child(elem, "ЗначенияРеквизитов"), "ЗначениеРеквизита")
            ],
            "ЗначенияСвойств": [
                {"Ид": _value(v, "Ид"), "Значение": _value(v, "Значение")}
                for v in _children(_child(elem, "ЗначенияСвойств"), "ЗначенияСвойства")
            ],
            "ПометкаУдаления": _value(elem, "ПометкаУдаления"),
            "Статус": elem.get("Статус") or _value(elem, "Статус"),
        }

    def _offer(self, elem: Element) -> dict[str, Any]:
        prices = [
            {
                "ИдТипаЦены": _value(p, "ИдТипаЦены"),
                "ЦенаЗаЕдиницу": _value(p, "ЦенаЗаЕдиницу"),
                "Валюта": _value(p, "Валюта"),
                "Единица": _value(p, "Единица"),
                "Коэффициент": _value(p, "Коэффициент"),
                "Представление": _value(p, "Представление"),
            }
            for p in _children(_child(elem, "Цены"), "Цена")
        ]
        stores = [
            {"ИдСклада": s.get("ИдСклада"), "Количество": s.get("КоличествоНаСкладе")}
            for s in _children(elem, "Склад")
        ]
        # rests.xml: Остатки/Остаток/Склад{Ид, Количество} (or a bare Остаток/Количество).
        for rest in _children(_child(elem, "Остатки"), "Остаток"):
            for s in _children(rest, "Склад"):
                stores.append({"ИдСклада": _value(s, "Ид"), "Количество": _value(s, "Количество")})
        quantity = _value(elem, "Количество")
        if quantity is None:
            bare = [_value(r, "Количество") for r in _children(_child(elem, "Остатки"), "Остаток")]
            quantity = next((q for q in bare if q is not None), None)
        return {
            "Ид": _value(elem, "Ид"),
            "Штрихкод": _value(elem, "Штрихкод"),
            "Артикул": _value(elem, "Артикул"),
            "Наименование": _value(elem, "Наименование"),
            "Цены": prices,
            "Количество": quantity,
            "Склады": stores,
        }
