"""Parameter lists of virtual-table calls: `Balance(Period=datetime'…',Condition='…',Dimensions='…')`."""

from __future__ import annotations

import re

from svodka.sandbox.onec.query import QueryError, datetime_text

_PARAM = re.compile(r"\s*([^\W\d]\w*)\s*=\s*", re.UNICODE)
_NEXT_PARAM = re.compile(r"'\s*(?:,\s*[^\W\d]\w*\s*=|$)", re.UNICODE)


def parse_params(text: str) -> dict[str, str]:
    """Parameters of a virtual-table call: `Period=datetime'…',Condition='…',Dimensions='…'`.

    String values follow OData (`''` inside quotes is a quote); a Condition written with bare
    nested quotes (`Condition='Склад_Key eq guid'…''`, as many examples show) is read up to the
    quote that precedes the next parameter. Datetime values come back as "YYYY-MM-DDTHH:MM:SS".
    """
    out: dict[str, str] = {}
    pos, text = 0, text.strip()
    while pos < len(text):
        m = _PARAM.match(text, pos)
        if not m:
            raise QueryError(f"Неверный параметр виртуальной таблицы: «{text[pos:]}»")
        name, pos = m.group(1), m.end()
        if text.startswith("datetime'", pos):
            end = text.find("'", pos + 9)
            if end < 0:
                raise QueryError(f"Незакрытый литерал даты в параметре {name}")
            out[name] = datetime_text(text[pos + 9 : end])
            pos = end + 1
        elif text.startswith("'", pos):
            value, end = _quoted(text, pos)
            out[name] = value
            pos = end
        else:
            end = text.find(",", pos)
            end = len(text) if end < 0 else end
            out[name] = text[pos:end].strip()
            pos = end
        while pos < len(text) and text[pos] in " ,":
            pos += 1
    return out


def _quoted(text: str, start: int) -> tuple[str, int]:
    """(value, position after the closing quote) of the quoted string at `start`."""
    i, buf = start + 1, []
    while i < len(text):
        if text[i] == "'":
            if text.startswith("''", i):
                buf.append("'")
                i += 2
                continue
            rest = text[i + 1 :].lstrip()
            if not rest or rest.startswith(","):
                return "".join(buf), i + 1
            break  # a bare nested quote: fall back to the raw reading
        buf.append(text[i])
        i += 1
    m = _NEXT_PARAM.search(text, start + 1)
    if not m:
        raise QueryError("Незакрытая строка в параметрах виртуальной таблицы")
    return text[start + 1 : m.start()], m.start() + 1
