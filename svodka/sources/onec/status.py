"""1C's error envelope → what to do, in words that name the resource and the next step.

1C answers errors as ``{"odata.error": {"code": "…", "message": {"lang": "ru", "value":
"…"}}}`` in JSON, or as XML ``<m:error><m:code>6</m:code><m:message>…</m:message></m:error>``
(the XML form also comes back when the request asked for JSON but failed before the format
was read). 401 = no or wrong Basic credentials; 403 = the infobase user lacks the right to
read the object; 404/400 = an entity set not in the OData composition, an unknown segment or
a query the server cannot read; 5xx = a server-side failure (retried).

The rules raise their own `AuthError` / `FatalSourceError` (`HttpClient` lets a rule's
exception through untouched), so the message says which entity set failed and what 1C said.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from io import BytesIO
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse

from svodka.errors import AuthError, FatalSourceError
from svodka.sources.http import Action, Response, StatusRule
from svodka.sources.onec.odata import resource_of

_MAX_XML_ERROR = 1 << 20  # an error document is a few hundred bytes; never parse a huge one


def odata_error(data: Any, body: bytes) -> tuple[str, str] | None:
    """``(code, message)`` of an ``odata.error`` envelope (JSON or XML), else None."""
    if isinstance(data, Mapping):
        err = data.get("odata.error")
        if isinstance(err, Mapping):
            message = err.get("message")
            if isinstance(message, Mapping):
                message = message.get("value")
            return str(err.get("code", "") or ""), str(message or "")
        return None
    text = body.lstrip()
    if not text.startswith(b"<") or len(text) > _MAX_XML_ERROR:
        return None
    try:
        root = parse(BytesIO(text), forbid_dtd=True).getroot()
    except (DefusedXmlException, SyntaxError):
        return None
    if root is None or root.tag.rsplit("}", 1)[-1] != "error":
        return None
    fields = {child.tag.rsplit("}", 1)[-1]: "".join(child.itertext()).strip() for child in root}
    return fields.get("code", ""), fields.get("message", "")


def describe(resp: Response) -> str:
    """What 1C said: ``[code 6] message``, or the start of the body."""
    found = odata_error(resp.data, resp.body)
    if found:
        code, message = found
        return f"[code {code}] {message}" if code else message
    text = resp.body.decode("utf-8", "replace").strip()
    return (text[:300] + "…") if len(text) > 300 else (text or "(empty body)")


def status_actions(source: str, connect_hint: Callable[[], str]) -> dict[int, StatusRule]:
    """The status table of one 1C connection (`source` names it in errors)."""

    def refused(resp: Response) -> Action:
        resource = resource_of(str(resp.request.get("url", "")))
        if resp.status == 401:
            raise AuthError(
                f"1C refused the user name or password (HTTP 401) reading {resource}: {describe(resp)}",
                source=source,
                hint=connect_hint(),
            )
        raise AuthError(
            f"the 1C user may not read {resource} (HTTP 403): {describe(resp)}",
            source=source,
            hint="Give the infobase user the right to read this object (a read-only role covering "
            "catalogs, registers and documents), or connect as a user who has it: " + connect_hint(),
        )

    def fatal(resp: Response) -> Action:
        resource = resource_of(str(resp.request.get("url", "")))
        if resp.status == 404:
            hint = (
                f"The infobase does not publish {resource}: an administrator adds the object to the "
                "OData composition (УстановитьСоставСтандартногоИнтерфейсаOData, or «Настройка "
                "автоматического REST-сервиса»), or the configuration names it differently."
            )
        else:
            hint = "1C could not read the request; retrying will not help. Report it with the message."
        raise FatalSourceError(
            f"1C answered HTTP {resp.status} for {resource}: {describe(resp)}", source=source, hint=hint
        )

    table: dict[int, StatusRule] = {401: refused, 403: refused}
    table.update(dict.fromkeys((400, 404, 405, 406, 409, 410, 415, 422, 501), fatal))
    return table
