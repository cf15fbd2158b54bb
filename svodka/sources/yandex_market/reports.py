"""Yandex Market finance reports, built asynchronously: generate → poll → download → decode.

``POST /v2/reports/<type>/generate?format=CSV`` answers ``result.reportId``; ``GET
/v2/reports/info/{reportId}`` is polled every `report_poll_interval` seconds while the status is
PENDING or PROCESSING. FAILED is a clear error; DONE with ``subStatus`` NO_DATA (or no file) is
an empty page; DONE gives ``file``, a link valid for about an hour, downloaded at once. The
file (a ZIP with one CSV per sheet) is stored verbatim; `decode_report` turns it into rows.

Each sync re-reads the last `report_months` calendar months (Market corrects finance after the
fact), one report per month — per business for united netting and marketplace services, per
campaign for goods realization. State stays None; every page carries ``meta.period``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx

from svodka.errors import FatalSourceError, RecordError, RetriableError
from svodka.sources.base import Page
from svodka.sources.http import Action
from svodka.sources.paginators import PageRequest
from svodka.sources.times import msk_date
from svodka.sources.validation import RecordContract
from svodka.sources.yandex_market import limits
from svodka.sources.yandex_market.common import YMStream

WAITING = frozenset({"PENDING", "PROCESSING"})


class ReportStream(YMStream):
    report: ClassVar[str]
    per_campaign: ClassVar[bool] = False
    contract = RecordContract({})

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        acc = self.account()
        targets = [c["id"] for c in acc.campaigns] if self.per_campaign else [acc.business_id]
        for first, last in months(msk_date(now), self.options.report_months):
            for target in targets:
                meta = {
                    "snapshot_date": msk_date(now).isoformat(),
                    "period": first.strftime("%Y-%m"),
                    "report": self.report,
                    ("campaign_id" if self.per_campaign else "business_id"): target,
                }
                yield self.build(self.body(target, first, last), meta)

    def body(self, target: int, first: date, last: date) -> dict[str, Any]:
        return {"businessId": target, "dateFrom": first.isoformat(), "dateTo": last.isoformat()}

    def build(self, body: dict[str, Any], meta: dict[str, Any]) -> Page:
        """One report: generate, poll until ready, download (an empty page when there is no data)."""
        path = f"/v2/reports/{self.report}/generate"
        gen = self.fetch(PageRequest("POST", path, params={"format": "CSV"}, json=body))
        report_id = ((gen.data or {}).get("result") or {}).get("reportId")
        if not report_id:
            raise FatalSourceError(f"{path} answered without result.reportId", source=self.ctx.source)
        expired = 0
        for _ in range(self.options.report_poll_max):
            info = self.fetch(PageRequest("GET", f"/v2/reports/info/{report_id}"))
            result = (info.data or {}).get("result") or {}
            status = result.get("status")
            if status in WAITING:
                self.ctx.sleep(self.options.report_poll_interval)
                continue
            if status == "FAILED":
                raise FatalSourceError(
                    f"Yandex Market failed to build report {self.report} {report_id} "
                    f"({result.get('subStatus') or 'no reason given'})",
                    source=self.ctx.source,
                    hint="Market builds reports on its side; the next sync asks for it again.",
                )
            if status != "DONE":
                raise FatalSourceError(
                    f"report {report_id}: unknown status {status!r}", source=self.ctx.source
                )
            if result.get("subStatus") == "NO_DATA" or not result.get("file"):
                return Page(self.name, info.request, info.status, b"", info.fetched_at, 0, (), None, meta)
            page = self.download(str(result["file"]), {**meta, "report_id": report_id})
            if page is not None:
                return page
            expired += 1  # the link expired before we came: the next poll gives a fresh one
            if expired > 1:
                raise FatalSourceError(
                    f"the file of report {self.report} {report_id} could not be downloaded "
                    "(its link was refused twice)",
                    source=self.ctx.source,
                    hint="The link lives about an hour; the next sync builds the report again.",
                )
        raise FatalSourceError(
            f"report {self.report} {report_id} was not ready after {self.options.report_poll_max} polls",
            source=self.ctx.source,
            hint="Raise report_poll_max or report_poll_interval; the next sync asks again.",
        )

    def download(self, url: str, meta: dict[str, Any]) -> Page | None:
        """The report file, or None when the link is refused (expired). Through the API client when
        the link lies on the API host, else a plain GET (the link is pre-signed: the Api-Key is never
        sent to another host)."""
        base = self.ctx.http.hosts[self.host]
        if url.startswith(base + "/"):
            refused = dict.fromkeys((403, 404, 410), Action.NO_DATA)
            resp = self.ctx.http.request(
                "GET", self.host, url[len(base) :], expect_json=False, status_actions=refused
            )
            request, status, body, at = resp.request, resp.status, resp.body, resp.fetched_at
        else:
            try:
                with httpx.Client(timeout=self.options.timeout, follow_redirects=True) as client:
                    r = client.get(url)
            except httpx.HTTPError as e:
                raise RetriableError(
                    f"downloading report {meta.get('report_id')} failed: {type(e).__name__}",
                    source=self.ctx.source,
                ) from None
            if r.status_code >= 500:
                raise RetriableError(
                    f"downloading report {meta.get('report_id')} → HTTP {r.status_code}",
                    source=self.ctx.source,
                )
            parts = urlsplit(url)
            request = {"method": "GET", "url": f"{parts.scheme}://{parts.netloc}{parts.path}", "params": {}}
            status, body, at = r.status_code, r.content, datetime.now(UTC)
        if status != 200:
            return None
        rows = decode_report(body, meta)
        return Page(self.name, request, status, body, at, len(rows), (), None, meta)


class UnitedNettingReport(ReportStream):
    """``ym_report_united_netting``: payouts (платёжные поручения and what they settle)."""

    name = "ym_report_united_netting"
    report = "united-netting"
    policies = (limits.report_generate("united-netting"), limits.REPORT_INFO)


class MarketplaceServicesReport(ReportStream):
    """``ym_report_marketplace_services``: every Market service charged (the fees)."""

    name = "ym_report_marketplace_services"
    report = "united-marketplace-services"
    policies = (limits.report_generate("united-marketplace-services"), limits.REPORT_INFO)


class GoodsRealizationReport(ReportStream):
    """``ym_report_goods_realization``: the monthly realization report of one campaign."""

    name = "ym_report_goods_realization"
    report = "goods-realization"
    policies = (limits.report_generate("goods-realization"), limits.REPORT_INFO)
    per_campaign = True

    def body(self, target: int, first: date, last: date) -> dict[str, Any]:
        return {"campaignId": target, "year": first.year, "month": first.month}


def months(today: date, n: int) -> list[tuple[date, date]]:
    """The first and last day of the last `n` calendar months up to `today`, oldest first."""
    out: list[tuple[date, date]] = []
    first = today.replace(day=1)
    for _ in range(n):
        nxt = (first + timedelta(days=32)).replace(day=1)
        out.append((first, min(nxt - timedelta(days=1), today)))
        first = (first - timedelta(days=1)).replace(day=1)
    return out[::-1]


def decode_report(body: bytes, meta: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of a report body: a ZIP of CSV sheets or one CSV; each row gets ``sheet`` and the meta
    ids (``period``, ``campaign_id``/``business_id``). An empty body (NO_DATA) holds none."""
    if not body:
        return []
    extra = {k: meta[k] for k in ("period", "campaign_id", "business_id", "report") if k in meta}
    if body[:2] == b"PK":
        rows: list[dict[str, Any]] = []
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            for member in archive.infolist():
                if not member.is_dir():
                    sheet = member.filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
                    rows += _csv(archive.read(member), {**extra, "sheet": sheet})
        return rows
    return _csv(body, {**extra, "sheet": ""})


def _csv(data: bytes, extra: Mapping[str, Any]) -> list[dict[str, Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RecordError("a report sheet is not UTF-8 CSV", stream=str(extra.get("report", ""))) from None
    lines = text.splitlines()
    if not lines:
        return []
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return [{**row, **extra} for row in reader if any((v or "").strip() for v in row.values())]
