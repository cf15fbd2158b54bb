"""seller-analytics-api: the warehouse_remains report flow and stocks-report/wb-warehouses.

warehouse_remains: create a task (GET /api/v1/warehouse_remains) → poll
/tasks/{id}/status ("new", "processing", then "done") → /tasks/{id}/download. The report is a
snapshot of the stock at 00:00 Moscow time of the day the task was created.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from svodka.sandbox.http import Call, Reply, bad_request_problem, request_id
from svodka.sandbox.world import StockSnapshot

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

ORIGIN = "api-statistics"
GROUPS = ("groupByBrand", "groupBySubject", "groupBySa", "groupByNm", "groupByBarcode", "groupBySize")
IN_WAY_TO = "В пути до получателей"
IN_WAY_FROM = "В пути возвраты на склад WB"
TOTAL = "Всего находится на складах"
AGGREGATED_WAREHOUSE = (-999999, "Склад WB")


@dataclass
class Task:
    """A warehouse_remains generation task."""

    task_id: str
    created_s: int
    groups: dict[str, bool]
    polls: int = 0


def _not_found(call: Call) -> Reply:
    body = {"title": "Not Found", "detail": "not found", "origin": ORIGIN, "requestId": request_id(call.path)}
    return Reply.json(body, 404, "application/problem+json")


def make_handlers(srv: SandboxServer) -> dict[str, object]:
    """Handlers keyed by method name."""
    world = srv.world
    cat = world.catalog
    tasks: dict[str, Task] = {}
    lock = threading.Lock()

    def create(call: Call) -> Reply:
        groups = {}
        for name in GROUPS:
            raw = call.query.get(name)
            if raw is None:
                groups[name] = False
            elif raw == "":
                return bad_request_problem(
                    call.now,
                    "Bad Request",
                    f'parameter "{name}" in query has an error: empty value is not allowed',
                    ORIGIN,
                )
            elif raw.lower() in ("true", "false", "1", "0"):
                groups[name] = raw.lower() in ("true", "1")
            else:
                return bad_request_problem(
                    call.now,
                    "Bad Request",
                    f'parameter "{name}" in query has an error: value {raw}: '
                    "an invalid boolean: invalid syntax",
                    ORIGIN,
                )
        with lock:
            tid = str(uuid.UUID(request_id("task", world.spec.seed, len(tasks))))
            tasks[tid] = Task(tid, call.now_s, groups)
        return Reply.json({"data": {"taskId": tid}})

    def find(call: Call) -> Task | Reply:
        raw = call.path_params["task_id"]
        try:
            uuid.UUID(raw)
        except ValueError:
            return bad_request_problem(
                call.now,
                "Bad Request",
                f"Invalid format for parameter task_id: error unmarshaling '{raw}' "
                "text as *uuid.UUID: invalid UUID format",
                ORIGIN,
            )
        task = tasks.get(raw)
        return task if task is not None else _not_found(call)

    def status(call: Call) -> Reply:
        task = find(call)
        if isinstance(task, Reply):
            return task
        with lock:
            task.polls += 1
            polls = task.polls
        state = "done" if polls > srv.task_polls else ("new" if polls == 1 else "processing")
        return Reply.json({"data": {"id": task.task_id, "status": state}})

    def download(call: Call) -> Reply:
        task = find(call)
        if isinstance(task, Reply):
            return task
        if task.polls <= srv.task_polls:
            return bad_request_problem(call.now, "Bad Request", "report is not ready yet", ORIGIN)
        snap = world.stock_snapshot(task.created_s)
        rows = _remains_rows(world, snap, task.groups) if snap is not None else []
        return Reply.json(rows) if rows else Reply.no_content()

    def wb_warehouses(call: Call) -> Reply:
        try:
            body = call.json() or {}
        except orjson.JSONDecodeError:
            body = None
        problem = _check_inventory_body(body)
        if problem:
            return Reply.json(
                {
                    "title": "Invalid request body",
                    "detail": problem,
                    "requestId": request_id(problem),
                    "origin": "analytic-open-api",
                },
                400,
            )
        snap = world.stock_snapshot(call.now_s)
        if snap is None:
            return Reply.json({"data": {"items": []}})
        qty = snap.quantity.sum(axis=1)
        keep = (qty > 0) | (snap.to_client > 0) | (snap.from_client > 0)
        nm = cat.card_nm[cat.bar_card]
        if body.get("nmIds"):
            keep &= np.isin(nm, body["nmIds"])
            if body.get("chrtIds"):
                keep &= np.isin(cat.bar_chrt, body["chrtIds"])
        idx = np.nonzero(keep)[0]
        idx = idx[np.lexsort((cat.bar_chrt[idx], nm[idx]))]
        offset, limit = body.get("offset", 0), body.get("limit", 250_000)
        idx = idx[offset : offset + limit]
        wid, wname = AGGREGATED_WAREHOUSE
        items = [
            {
                "nmId": int(nm[b]),
                "chrtId": int(cat.bar_chrt[b]),
                "warehouseId": wid,
                "warehouseName": wname,
                "regionName": wname,
                "quantity": int(qty[b]),
                "inWayToClient": int(snap.to_client[b]),
                "inWayFromClient": int(snap.from_client[b]),
            }
            for b in idx.tolist()
        ]
        return Reply.json({"data": {"items": items}})

    return {"create": create, "status": status, "download": download, "wb_warehouses": wb_warehouses}


def _check_inventory_body(body: Any) -> str:
    """Validation message for a stocks-report/wb-warehouses body, or ""."""
    if not isinstance(body, dict):
        return "code=400, message=invalid request body"
    for name, hi in (("limit", 250_000), ("offset", 2**32 - 1)):
        v = body.get(name, 0 if name == "offset" else 1)
        if isinstance(v, bool) or not isinstance(v, int) or v < 0 or v > hi or (name == "limit" and v < 1):
            return f"code=400, message=invalid: {name}"
    for name in ("nmIds", "chrtIds"):
        v = body.get(name, [])
        if not isinstance(v, list) or not all(isinstance(x, int) for x in v) or len(v) > 1000:
            return f"code=400, message=invalid: {name}"
    return ""


def _remains_rows(world, snap: StockSnapshot, groups: dict[str, bool]) -> list[dict[str, Any]]:
    """Report rows grouped as requested; a field is filled when it is the same for the whole group."""
    cat = world.catalog
    wh_names = [w.name for w in world.warehouses]
    card = cat.bar_card
    attrs = {
        "brand": [cat.card_brand[c] for c in card.tolist()],
        "subjectName": [cat.card_subject[c].name for c in card.tolist()],
        "vendorCode": [cat.card_vendor[c] for c in card.tolist()],
        "nmId": cat.card_nm[card].tolist(),
        "barcode": list(cat.bar_code),
        "techSize": list(cat.bar_tech),
    }
    by = {
        "groupByBrand": "brand",
        "groupBySubject": "subjectName",
        "groupBySa": "vendorCode",
        "groupByNm": "nmId",
        "groupByBarcode": "barcode",
        "groupBySize": "techSize",
    }
    keys = [by[g] for g in GROUPS if groups[g]]
    members: dict[tuple, list[int]] = {}
    for b in range(cat.n_bars):
        members.setdefault(tuple(attrs[k][b] for k in keys), []).append(b)
    rows = []
    for key in sorted(members, key=str):
        bs = members[key]
        qty = snap.quantity[bs].sum(axis=0)
        to_c, from_c = int(snap.to_client[bs].sum()), int(snap.from_client[bs].sum())
        if not (qty.sum() or to_c or from_c):
            continue
        row: dict[str, Any] = {}
        for name, vals in attrs.items():
            same = {vals[b] for b in bs}
            row[name] = same.pop() if len(same) == 1 else (0 if name == "nmId" else "")
        if groups["groupByNm"]:
            row["volume"] = round(float(cat.card_volume[card[bs[0]]]), 2)
        whs = [
            {"warehouseName": IN_WAY_TO, "quantity": to_c},
            {"warehouseName": IN_WAY_FROM, "quantity": from_c},
            {"warehouseName": TOTAL, "quantity": int(qty.sum())},
        ]
        order = sorted(range(len(wh_names)), key=lambda w: (-int(qty[w]), w))
        whs += [{"warehouseName": wh_names[w], "quantity": int(qty[w])} for w in order]
        row["warehouses"] = [x for x in whs if x["quantity"]]
        rows.append(row)
    return rows
