"""Asynchronous reports: generate → poll `GET /v2/reports/info/{reportId}` → download the file.

Format: CSV (UTF-8, comma-separated, header row) inside a ZIP, one file per sheet; whatever
`format` is asked, this sandbox serves CSV (docs/sandbox.md, "Yandex Market", lists the columns).
A report answers PENDING, then PROCESSING, for `srv.ym_report_polls` polls, then DONE with a
`file` link valid 60 minutes on the sandbox clock (each poll makes a new link), or DONE with
subStatus NO_DATA and no file when the period has no rows.
"""

from __future__ import annotations

import csv
import io
import threading
import zipfile
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from svodka.sandbox.clock import DAY_S, day_date, day_number, from_msk_seconds
from svodka.sandbox.http import Call, Reply
from svodka.sandbox.yandex.gateway import error, ok
from svodka.sandbox.yandex.world import PLACEMENTS, finance_lines

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

LINK_TTL_S = 3600
COLUMNS = [
    "date",
    "order_id",
    "campaign_id",
    "placement",
    "shop_sku",
    "market_sku",
    "count",
    "type",
    "amount",
]
SHEETS = {
    "united-netting": "netting.csv",
    "united-marketplace-services": "services.csv",
    "goods-realization": "realization.csv",
}


def _iso(sec: int) -> str:
    return from_msk_seconds(int(sec)).isoformat(timespec="seconds")


class Reports:
    """Report jobs of one server."""

    def __init__(self, srv: SandboxServer) -> None:
        self.srv = srv
        self.polls_needed = 2
        self._lock = threading.Lock()
        self._jobs: dict[str, dict] = {}
        self._lines = finance_lines(srv.world.ym)

    def table(self) -> list[tuple]:
        gen = [(f"/v2/reports/{k}/generate", self._generator(k), "POST") for k in SHEETS]
        return [*gen, ("/v2/reports/info/{reportId}", self.info, "GET")]

    def _rows(self, kind: str, body: dict, now_s: int) -> list[list] | Reply:
        ym = self.srv.world.ym
        ln, o = self._lines, ym.orders
        try:
            if kind == "goods-realization":
                camp = ym.campaign_ids.index(int(body["campaignId"]))
                first = date(int(body["year"]), int(body["month"]), 1)
                d0 = day_number(first)
                d1 = day_number(date(first.year + first.month // 12, first.month % 12 + 1, 1)) - 1
            else:
                if str(body.get("businessId")) != str(ym.business_id):
                    return error(403, "FORBIDDEN", "Access to the business is denied")
                camp = None
                d0 = day_number(date.fromisoformat(body["dateFrom"]))
                d1 = day_number(date.fromisoformat(body["dateTo"]))
        except (KeyError, ValueError, TypeError):
            return error(400, "BAD_REQUEST", "Invalid report parameters")
        day = ln["t"] // DAY_S
        sel = (day >= d0) & (day <= d1) & (ln["t"] <= now_s)
        if camp is not None:
            sel &= o["camp"][ln["order"]] == camp
        is_goods = np.isin(ln["kind"], ["SALE", "RETURN"])
        if kind == "goods-realization":
            sel &= is_goods
        elif kind == "united-marketplace-services":
            sel &= ~is_goods
        rows = []
        for i in np.nonzero(sel)[0].tolist():
            k = int(ln["order"][i])
            off, c = int(o["offer"][k]), int(o["camp"][k])
            rows.append(
                [
                    day_date(int(day[i])).isoformat(),
                    int(ym.order_ids([k])[0]),
                    ym.campaign_ids[c],
                    PLACEMENTS[c],
                    ym.offer_id[off],
                    int(ym.market_sku[off]),
                    int(o["count"][k]),
                    ln["kind"][i],
                    f"{int(ln['amount'][i]) / 100:.2f}",
                ]
            )
        return rows

    def _generator(self, kind: str):
        def generate(call: Call) -> Reply:
            try:
                body = call.json() or {}
            except ValueError:
                return error(400, "BAD_REQUEST", "Malformed JSON body")
            rows = self._rows(kind, body, call.now_s)
            if isinstance(rows, Reply):
                return rows
            with self._lock:
                rid = f"ym-{kind}-{len(self._jobs) + 1:06d}"
                self._jobs[rid] = {"kind": kind, "rows": rows, "at": call.now_s, "polls": 0}
            return ok({"reportId": rid, "estimatedGenerationTime": 2000})

        return generate

    def info(self, call: Call) -> Reply:
        rid = call.path_params["reportId"]
        with self._lock:
            job = self._jobs.get(rid)
            if job is None:
                return error(404, "NOT_FOUND", f"Report {rid} not found")
            job["polls"] += 1
            n = job["polls"]
        out = {"generationRequestedAt": _iso(job["at"])}
        if n <= self.polls_needed:
            return ok(
                out | {"status": "PENDING" if n == 1 else "PROCESSING", "estimatedGenerationTime": 2000}
            )
        out |= {"status": "DONE", "generationFinishedAt": _iso(job["at"] + 2)}
        if not job["rows"]:
            return ok(out | {"subStatus": "NO_DATA"})
        url = f"{self.srv.ym_hosts['api']}/files/{rid}.zip?expires={call.now_s + LINK_TTL_S}"
        return ok(out | {"file": url})

    def download(self, call: Call) -> Reply:
        rid = call.path_params["name"].removesuffix(".zip")
        job = self._jobs.get(rid)
        try:
            expires = int(call.query.get("expires", ""))
        except ValueError:
            expires = -1
        if job is None or call.now_s > expires:
            return Reply(
                403,
                b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                "application/xml",
            )
        text = io.StringIO()
        wr = csv.writer(text, lineterminator="\n")
        wr.writerow(COLUMNS)
        wr.writerows(job["rows"])
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(SHEETS[job["kind"]], text.getvalue().encode("utf-8"))
        return Reply(200, buf.getvalue(), "application/zip")
