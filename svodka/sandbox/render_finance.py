"""JSON rows of finance-api sales-reports/detailed, rendered lazily per page.

Lines of one kind share most values, so each kind gets a %-template in which constant fields are
baked in and only varying fields are placeholders (see finance_fields). The optional `fields`
filter of the request simply drops fields from the templates.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from svodka.sandbox.clock import iso_dates
from svodka.sandbox.finance_fields import CATALOG_FIELDS, Ctx, Renderer, build_fields, json_text
from svodka.sandbox.world import World


class FinanceRenderer:
    """Renders realization lines of one world."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.fields: dict[str, Renderer] = build_fields(self)

    @cached_property
    def catalog_frags(self) -> dict[str, list[str]]:
        """Per barcode index + 1 (0 = no SKU): JSON fragments of the catalog fields."""
        cat = self.w.catalog
        out: dict[str, list[str]] = {
            k: ['""'] for k in ("subject", "brand", "vendor", "title", "tech", "sku")
        }
        out["nm"] = ["0"]
        for b in range(cat.n_bars):
            c = int(cat.bar_card[b])
            out["subject"].append(json_text(cat.card_subject[c].name))
            out["nm"].append(str(int(cat.card_nm[c])))
            out["brand"].append(json_text(cat.card_brand[c]))
            out["vendor"].append(json_text(cat.card_vendor[c]))
            out["title"].append(json_text(cat.card_title[c]))
            out["tech"].append(json_text(cat.bar_tech[b]))
            out["sku"].append(json_text(cat.bar_code[b]))
        return out

    def report(self, c: Ctx, what: str) -> list[str]:
        """Report header values (id or a date) of each line."""
        rep = self.w.lines.report[c.pos]
        r = self.w.reports
        if what == "id":
            vals = [str(x) for x in r.report_id.tolist()]
        else:
            shift = {"from": 0, "to": 6, "create": 7}[what]
            vals = [f'"{d}"' for d in iso_dates(r.monday + shift)]
        return [vals[i] for i in rep.tolist()]

    def catalog(self, key: str) -> Renderer:
        """Renderer of one catalog field (by barcode of each line)."""

        def render(c: Ctx) -> list[str] | str:
            frags = self.catalog_frags[key]
            return [frags[b + 1] for b in self.w.lines.bar[c.pos].tolist()]

        return render

    @cached_property
    def groups(self) -> dict[str, tuple[tuple[str, ...], list[str]]]:
        """Runs of catalog fields rendered as one fragment per barcode (fewer template slots)."""
        names = tuple(CATALOG_FIELDS)
        frags = self.catalog_frags
        combined = [
            ",".join(f'"{n}":{frags[CATALOG_FIELDS[n]][i]}' for n in names) for i in range(len(frags["sku"]))
        ]
        return {names[0]: (names, combined)}

    def render(self, pos: np.ndarray, fields: set[str] | None = None) -> list[bytes]:
        """JSON objects (UTF-8) for line positions `pos`, in that order."""
        kinds = self.w.lines.kind[pos]
        out: list[bytes] = [b""] * len(pos)
        for k in np.unique(kinds).tolist():
            where = np.nonzero(kinds == k)[0]
            ctx = Ctx(self.w, pos[where], int(k))
            parts, cols = [], []
            skip: set[str] = set()
            for name, fn in self.fields.items():
                if name in skip or (fields is not None and name not in fields):
                    continue
                group = self.groups.get(name)
                if group and (fields is None or set(group[0]) <= fields):
                    skip.update(group[0])
                    parts.append("%s")
                    cols.append([group[1][b + 1] for b in self.w.lines.bar[ctx.pos].tolist()])
                    continue
                v = fn(ctx)
                if v is None:
                    continue
                if isinstance(v, str):
                    parts.append(f'"{name}":{v}'.replace("%", "%%"))
                else:
                    parts.append(f'"{name}":%s')
                    cols.append(v)
            tmpl = "{" + ",".join(parts) + "}"
            rows = (
                [(tmpl % t).encode() for t in zip(*cols, strict=True)]
                if cols
                else [tmpl.encode()] * len(where)
            )
            for i, r in zip(where.tolist(), rows, strict=True):
                out[i] = r
        return out
