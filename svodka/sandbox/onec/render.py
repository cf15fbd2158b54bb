"""Answer bodies of the 1C OData service: JSON (`$format=json` or `Accept: application/json`),
Atom XML (the platform's default), and the `odata.error` / `<m:error>` envelopes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import orjson

from svodka.sandbox.onec.metadata import NAMESPACE, NS_META, row_type

NS_ATOM = "http://www.w3.org/2005/Atom"
NS_DATA = "http://schemas.microsoft.com/ado/2007/08/dataservices"
SCHEME = "http://schemas.microsoft.com/ado/2007/08/dataservices/scheme"
JSON = "application/json;charset=utf-8"
ATOM_FEED = "application/atom+xml;type=feed;charset=utf-8"
ATOM_ENTRY = "application/atom+xml;type=entry;charset=utf-8"
XML = "application/xml;charset=utf-8"

Row = dict[str, Any]


def json_collection(rows: list[Row], context: str | None, count: int | None = None) -> bytes:
    """`{"odata.metadata": …#<context>, ["odata.count": "N",] "value": [...]}`; no context =
    `odata=nometadata`."""
    doc: dict[str, Any] = {}
    if context is not None:
        doc["odata.metadata"] = context
    if count is not None:
        doc["odata.count"] = str(count)  # OData v3 JSON writes the count as a string
    doc["value"] = rows
    return orjson.dumps(doc)


def json_entity(row: Row, context: str | None) -> bytes:
    """A single entity: its properties after `"odata.metadata": …#<set>/@Element`."""
    return orjson.dumps({"odata.metadata": context, **row} if context is not None else row)


def json_error(code: str, message: str) -> bytes:
    """The JSON error envelope."""
    return orjson.dumps({"odata.error": {"code": code, "message": {"lang": "ru", "value": message}}})


def xml_error(code: str, message: str) -> bytes:
    """The XML error envelope `<m:error><m:code/><m:message xml:lang="ru"/></m:error>`."""
    ET.register_namespace("m", NS_META)
    root = ET.Element(f"{{{NS_META}}}error")
    ET.SubElement(root, f"{{{NS_META}}}code").text = code
    msg = ET.SubElement(root, f"{{{NS_META}}}message", {"{http://www.w3.org/XML/1998/namespace}lang": "ru"})
    msg.text = message
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _edm(value: Any) -> str | None:
    if isinstance(value, bool):
        return "Edm.Boolean"
    if isinstance(value, int):
        return "Edm.Int64"
    if isinstance(value, float):
        return "Edm.Double"
    return None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _props(parent: ET.Element, tag: str, row: Row, entity: str) -> None:
    props = ET.SubElement(parent, tag)
    for name, value in row.items():
        el = ET.SubElement(props, f"{{{NS_DATA}}}{name}")
        if isinstance(value, list):
            el.set(f"{{{NS_META}}}type", f"Collection({NAMESPACE}.{row_type(entity, name)})")
            for item in value:
                _props(el, f"{{{NS_DATA}}}element", item, entity)
            continue
        kind = _edm(value)
        if kind:
            el.set(f"{{{NS_META}}}type", kind)
        el.text = _text(value)


def _entry(parent: ET.Element, base: str, entity: str, row: Row, updated: str) -> None:
    entry = ET.SubElement(parent, f"{{{NS_ATOM}}}entry")
    key = row.get("Ref_Key")
    ET.SubElement(entry, f"{{{NS_ATOM}}}id").text = (
        f"{base}/{entity}(guid'{key}')" if key else f"{base}/{entity}"
    )
    ET.SubElement(entry, f"{{{NS_ATOM}}}category", term=f"{NAMESPACE}.{entity}", scheme=SCHEME)
    ET.SubElement(entry, f"{{{NS_ATOM}}}title", type="text")
    ET.SubElement(entry, f"{{{NS_ATOM}}}updated").text = updated
    ET.SubElement(entry, f"{{{NS_ATOM}}}author")
    content = ET.SubElement(entry, f"{{{NS_ATOM}}}content", type="application/xml")
    _props(content, f"{{{NS_META}}}properties", row, entity)


def _register() -> None:
    ET.register_namespace("", NS_ATOM)
    ET.register_namespace("d", NS_DATA)
    ET.register_namespace("m", NS_META)


def atom_feed(base: str, entity: str, rows: list[Row], updated: str, count: int | None = None) -> bytes:
    """An Atom feed of entities (the default answer without $format=json)."""
    _register()
    feed = ET.Element(f"{{{NS_ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}base": f"{base}/"})
    ET.SubElement(feed, f"{{{NS_ATOM}}}id").text = f"{base}/{entity}"
    ET.SubElement(feed, f"{{{NS_ATOM}}}title", type="text").text = entity
    ET.SubElement(feed, f"{{{NS_ATOM}}}updated").text = updated
    ET.SubElement(feed, f"{{{NS_ATOM}}}author")
    if count is not None:
        ET.SubElement(feed, f"{{{NS_META}}}count").text = str(count)
    for row in rows:
        _entry(feed, base, entity, row, updated)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def atom_entry(base: str, entity: str, row: Row, updated: str) -> bytes:
    """One Atom entry (key access without $format=json)."""
    _register()
    holder = ET.Element("holder")
    _entry(holder, base, entity, row, updated)
    return ET.tostring(holder[0], encoding="utf-8", xml_declaration=True)


def service_document(base: str, names: list[str]) -> bytes:
    """The AtomPub service document listing the entity sets (the root without $format=json)."""
    app = "http://www.w3.org/2007/app"
    ET.register_namespace("atom", NS_ATOM)
    root = ET.Element(f"{{{app}}}service", {"{http://www.w3.org/XML/1998/namespace}base": base})
    space = ET.SubElement(root, f"{{{app}}}workspace")
    ET.SubElement(space, f"{{{NS_ATOM}}}title").text = "Default"
    for name in names:
        ET.SubElement(
            ET.SubElement(space, f"{{{app}}}collection", href=name), f"{{{NS_ATOM}}}title"
        ).text = name
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    _register()  # service_document renamed the Atom prefix; feeds use it as the default namespace
    return body


def xml_result(entity: str, rows: list[Row]) -> bytes:
    """A virtual table's rows in XML: `<d:result m:type="Collection(…)"><d:element>…`."""
    _register()
    root = ET.Element(f"{{{NS_DATA}}}result", {f"{{{NS_META}}}type": f"Collection({NAMESPACE}.{entity})"})
    for row in rows:
        _props(root, f"{{{NS_DATA}}}element", row, entity)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
