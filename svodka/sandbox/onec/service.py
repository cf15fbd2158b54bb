"""Resolution of one OData GET: the resource path and query options → status, body, content type.

Paths (after `/odata/standard.odata/`): `` (service document), `$metadata`, `<Set>`,
`<Set>(guid'…')`, `<Register>/<VirtualTable>(<params>)`. Error codes in the envelope (the HTTP
status is what clients should act on): 6 unknown entity or segment, 9 object not found,
14 bad query option, 13 not supported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from svodka.sandbox.onec import render
from svodka.sandbox.onec.metadata import render_metadata
from svodka.sandbox.onec.params import parse_params
from svodka.sandbox.onec.query import (
    QueryError,
    apply_orderby,
    parse_count,
    parse_filter,
    parse_orderby,
    parse_select,
)
from svodka.sandbox.onec.schema import EntitySet, Prop
from svodka.sandbox.onec.tables import Tables
from svodka.sandbox.onec.virtual import accounting_balance, accumulation, slices

Row = dict[str, Any]
_KEY = re.compile(r"^guid'([0-9a-fA-F-]{36})'$")
_VIRTUAL = ("Balance", "Turnovers", "BalanceAndTurnovers", "SliceLast", "SliceFirst")


@dataclass
class Answer:
    """What the route sends back."""

    status: int
    body: bytes
    content_type: str


class ODataError(Exception):
    """An error answered in the odata.error envelope."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def not_found(name: str) -> ODataError:
    """Unknown entity set (also `…_Balance` asked as an entity set: virtual tables are functions)."""
    return ODataError(404, "6", f"Сущность не найдена (Entity not found): «{name}»")


@dataclass
class Request:
    """What the service needs from an HTTP request."""

    path: str  # decoded, relative to /odata/standard.odata/
    query: dict[str, str]
    json: bool
    nometadata: bool
    base: str  # http://host/onec/<infobase>/odata/standard.odata
    now_s: int
    updated: str  # the clock as an Atom <updated> value


def answer(tables: Tables, req: Request) -> Answer:
    """Serve one GET; raises ODataError for the error envelope."""
    path = req.path.strip("/")
    if path == "$metadata":
        return Answer(200, render_metadata(tables.sets), render.XML)
    if path == "":
        if not req.json:
            return Answer(200, render.service_document(req.base, list(tables.sets)), render.XML)
        names = [{"name": n, "url": n} for n in tables.sets]
        return Answer(200, render.json_collection(names, f"{req.base}/$metadata"), render.JSON)
    head, _, tail = path.partition("/")
    key = None
    if head.endswith(")") and "(" in head:
        head, key = head[: head.index("(")], head[head.index("(") + 1 : -1]
    es = tables.sets.get(head)
    if es is None:
        raise not_found(head)
    try:
        if tail:
            return _virtual(tables, es, tail, req)
        rows = tables.rows(es.name, req.now_s)
        if key is not None:
            return _by_key(tables, es, rows, key, req)
        return _collection(tables, es, es.props, rows, req, es.name)
    except QueryError as exc:
        raise ODataError(400, "14", str(exc)) from exc


def _by_key(tables: Tables, es: EntitySet, rows: list[Row], key: str, req: Request) -> Answer:
    m = _KEY.match(key.strip())
    if es.key != ("Ref_Key",) or not m:
        raise ODataError(400, "14", f"Неверный ключ «{key}» для «{es.name}»: ожидается guid'…'")
    ref = m.group(1).lower()
    row = next((r for r in rows if r["Ref_Key"] == ref), None)
    if row is None:
        raise ODataError(404, "9", f"Объект не найден: {es.name}(guid'{ref}')")
    row = _shape(tables, es.props, [row], req)[0]
    if req.json:
        context = None if req.nometadata else f"{req.base}/$metadata#{es.name}/@Element"
        return Answer(200, render.json_entity(row, context), render.JSON)
    return Answer(200, render.atom_entry(req.base, es.name, row, req.updated), render.ATOM_ENTRY)


def _virtual(tables: Tables, es: EntitySet, tail: str, req: Request) -> Answer:
    m = re.fullmatch(r"(\w+)\((.*)\)", tail, re.DOTALL)
    fn = m.group(1) if m else tail
    if fn not in es.functions:
        if m and fn in _VIRTUAL:
            raise ODataError(400, "14", f"Виртуальная таблица «{fn}» не поддерживается для «{es.name}»")
        raise ODataError(404, "6", f"Неверный сегмент URL «{tail}» для «{es.name}»")
    params = parse_params(m.group(2) if m else "")
    props = es.functions[fn]
    name = es.name
    if name.startswith("AccountingRegister_"):
        rows = accounting_balance(tables.rows(f"{name}_RecordType", req.now_s), params, tables.ext_type_of())
    elif name.startswith("AccumulationRegister_"):
        dims = [p.name for p in es.parts["RecordSet"] if p.name.endswith("_Key")]
        rows = accumulation(tables.rows(f"{name}_RecordType", req.now_s), fn, params, dims, "Количество")
    else:
        dims = [k for k in es.key if k != "Period"]
        rows = slices(tables.rows(name, req.now_s), fn, params, dims, es.types)
    entity = f"{name}_{fn}"
    return _collection(tables, es, props, rows, req, entity, virtual=True)


def _collection(
    tables: Tables,
    es: EntitySet,
    props: tuple[Prop, ...],
    rows: list[Row],
    req: Request,
    context: str,
    virtual: bool = False,
) -> Answer:
    q = req.query
    types = {p.name: p.filter_type for p in props if p.code != "T"}
    if q.get("$filter"):
        pred = parse_filter(q["$filter"], types)
        rows = [r for r in rows if pred(r)]
    count = len(rows) if q.get("$inlinecount") == "allpages" else None
    if q.get("$inlinecount") not in (None, "allpages", "none"):
        raise QueryError(f"Неверное значение $inlinecount: «{q['$inlinecount']}»")
    if q.get("$orderby"):
        rows = apply_orderby(rows, parse_orderby(q["$orderby"], types))
    skip = parse_count(q.get("$skip"), "$skip") or 0
    top = parse_count(q.get("$top"), "$top")
    rows = rows[skip:] if top is None else rows[skip : skip + top]
    rows = _shape(tables, props, rows, req)
    if req.json:
        meta = None if req.nometadata else f"{req.base}/$metadata#{context}"
        return Answer(200, render.json_collection(rows, meta, count), render.JSON)
    if virtual:
        return Answer(200, render.xml_result(context, rows), render.XML)
    return Answer(200, render.atom_feed(req.base, es.name, rows, req.updated, count), render.ATOM_FEED)


def _shape(tables: Tables, props: tuple[Prop, ...], rows: list[Row], req: Request) -> list[Row]:
    """Apply $select and $expand (references expanded to the referenced entity, or null)."""
    q = req.query
    names = parse_select(q["$select"], {p.name: p.edm for p in props}) if q.get("$select") else None
    expand = [n.strip() for n in q.get("$expand", "").split(",") if n.strip()]
    refs = {p.name.removesuffix("_Key"): p for p in props if p.ref}
    for nav in expand:
        if nav not in refs or refs[nav].ref not in tables.sets:
            raise QueryError(f"Неверное навигационное свойство «{nav}» в $expand")
    lookups = {nav: {r["Ref_Key"]: r for r in tables.rows(refs[nav].ref, req.now_s)} for nav in expand}
    out = []
    for r in rows:
        row = {n: r[n] for n in names if n in r} if names is not None else dict(r)
        for nav in expand:
            row[nav] = lookups[nav].get(r.get(refs[nav].name))
        out.append(row)
    return out
