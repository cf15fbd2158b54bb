"""What every WB stream shares: the `HttpStream` base, the error-flag rule, Moscow time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from svodka.sources.http import Action, Response
from svodka.sources.stream import HttpStream
from svodka.sources.times import parse_iso, utc
from svodka.timeutil import MSK


def error_flag_rule(resp: Response) -> Action:
    """Some WB methods answer ``200 {"error": true, "errorText": …}``: that is a failure."""
    data = resp.data
    if isinstance(data, Mapping) and data.get("error") is True:
        return Action.FATAL
    return Action.OK


class WBStream(HttpStream):
    """Base of the WB streams: each declares its host family, record path, contract and limits."""


def msk(now: datetime) -> datetime:
    """`now` as a naive Moscow wall-clock time (WB statistics speaks naive MSK); naive = UTC."""
    return utc(now).astimezone(MSK).replace(tzinfo=None)


def parse_wb_datetime(value: str) -> datetime:
    """WB's date-time as naive MSK: ``2026-11-20``, ``…T13:45:12``, ``….123456789``, ``…Z``, ``…+03:00``."""
    dt = parse_iso(value)
    return dt.astimezone(MSK).replace(tzinfo=None) if dt.tzinfo else dt


def format_wb_datetime(dt: datetime) -> str:
    """A naive MSK date-time as WB's ``dateFrom`` (RFC3339 without zone, seconds)."""
    return dt.replace(microsecond=0).isoformat()
