"""Virtual tables, computed from the register rows the service holds at the clock value.

- Accumulation register `Balance(Period, Condition, Dimensions)`: movements dated strictly before
  Period (1C leaves out the movements of the boundary moment itself; no Period = all).
  `Turnovers(StartPeriod, EndPeriod, …)` counts movements with StartPeriod ≤ Period ≤ EndPeriod;
  `BalanceAndTurnovers` adds the balance before StartPeriod and after EndPeriod.
- Information register `SliceLast(Period, Condition)`: per dimension set, the last record with
  Period ≤ the parameter; `SliceFirst`: the first record with Period ≥ it.
- Accounting register `Balance(Period, AccountCondition, Condition, ExtraDimensions, Dimensions)`:
  each posting counts on its debit side (+) and credit side (−); `ExtraDimensions` (GUIDs of
  субконто kinds, comma-separated) picks which субконто land in ExtDimension1…3, and keeps only
  accounts that have all of them. Rows whose resources are all zero are left out.
`Condition`/`AccountCondition` are $filter expressions over the register's dimensions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from svodka.sandbox.onec.query import QueryError, parse_filter

Row = dict[str, Any]


def _dims(requested: str | None, dims: list[str], aliases: dict[str, str]) -> list[str]:
    """Dimension properties to group by: all of `dims`, or those named in the `Dimensions` text."""
    if not requested:
        return dims
    out = []
    for name in filter(None, (n.strip() for n in requested.split(","))):
        prop = aliases.get(name, name if name in dims else f"{name}_Key")
        if prop not in dims:
            raise QueryError(f"Неверное имя измерения «{name}» в параметре Dimensions")
        out.append(prop)
    return [d for d in dims if d in out]


def _condition(params: dict[str, str], key: str, types: dict[str, str]) -> Callable[[Row], bool]:
    text = params.get(key)
    return parse_filter(text, types) if text else (lambda r: True)


def _group(rows: list[Row], dims: list[str], extra: tuple[str, ...] = ()) -> dict[tuple, list[Row]]:
    out: dict[tuple, list[Row]] = {}
    for r in rows:
        out.setdefault(tuple(r.get(d) for d in (*dims, *extra)), []).append(r)
    return out


def accumulation(
    rows: list[Row], function: str, params: dict[str, str], dims: list[str], resource: str
) -> list[Row]:
    """Balance / Turnovers / BalanceAndTurnovers of an accumulation register's movement rows."""
    types = {d: "Edm.Guid" for d in dims}
    cond = _condition(params, "Condition", types)
    group = _dims(params.get("Dimensions"), dims, {})
    rows = [r for r in rows if cond(r)]
    start, end = params.get("StartPeriod"), params.get("EndPeriod")
    period = params.get("Period")
    out = []
    for key, members in _group(rows, group).items():
        before = after = receipt = expense = 0
        for r in members:
            signed = r[resource] if r["RecordType"] == "Receipt" else -r[resource]
            if function == "Balance":
                before += signed if period is None or r["Period"] < period else 0
            elif start and r["Period"] < start:
                before += signed
            elif end is None or r["Period"] <= end:
                receipt += max(signed, 0)
                expense += max(-signed, 0)
        row: Row = dict(zip(group, key, strict=True))
        if function == "Balance":
            row[f"{resource}Balance"] = before
        else:
            if function == "BalanceAndTurnovers":
                row[f"{resource}OpeningBalance"] = before
            row.update({f"{resource}Receipt": receipt, f"{resource}Expense": expense})
            row[f"{resource}Turnover"] = receipt - expense
            if function == "BalanceAndTurnovers":
                after = before + receipt - expense
                row[f"{resource}ClosingBalance"] = after
        if any(v != 0 for k, v in row.items() if k not in group):
            out.append(row)
    return out


def slices(
    rows: list[Row], function: str, params: dict[str, str], dims: list[str], types: dict[str, str]
) -> list[Row]:
    """SliceLast / SliceFirst of a periodic information register's records."""
    cond = _condition(params, "Condition", types)
    period = params.get("Period")
    if function == "SliceLast":
        pick = [r for r in rows if cond(r) and (period is None or r["Period"] <= period)]
    else:
        pick = [r for r in rows if cond(r) and (period is None or r["Period"] >= period)]
    out: dict[tuple, Row] = {}
    for r in sorted(pick, key=lambda r: r["Period"], reverse=function == "SliceFirst"):
        out[tuple(r[d] for d in dims)] = r  # the last written wins
    return list(out.values())


def _sides(r: Row) -> list[Row]:
    """The debit and credit entries of one accounting posting."""
    out = []
    for side, sign in (("Dr", 1), ("Cr", -1)):
        entry: Row = {
            "Period": r["Period"],
            "Account_Key": r[f"Account{side}_Key"],
            "Организация_Key": r["Организация_Key"],
        }
        entry["ext"] = [
            (r[f"ExtDimension{side}{n}"], r[f"ExtDimension{side}{n}_Type"])
            for n in (1, 2, 3)
            if r[f"ExtDimension{side}{n}"]
        ]
        entry["sum"] = sign * round(r["Сумма"] * 100)
        entry["qty"] = sign * r[f"Количество{side}"]
        out.append(entry)
    return out


def accounting_balance(rows: list[Row], params: dict[str, str], ext_type_of: dict[str, str]) -> list[Row]:
    """Balance of an accounting register (see the module docstring); `ext_type_of` maps a
    субконто kind GUID to the value type it holds ("StandardODATA.Catalog_Номенклатура")."""
    period = params.get("Period")
    wanted = [
        g.strip().lower().removeprefix("guid'").removesuffix("'")
        for g in params.get("ExtraDimensions", "").split(",")
        if g.strip()
    ]
    if any(g not in ext_type_of for g in wanted):
        raise QueryError("Неверный вид субконто в параметре ExtraDimensions")
    types = {"Account_Key": "Edm.Guid", "Организация_Key": "Edm.Guid"}
    types.update({f"ExtDimension{n}": "composite" for n in (1, 2, 3)})
    conds = [_condition(params, k, types) for k in ("AccountCondition", "Condition")]
    entries = []
    for r in rows:
        if period is not None and r["Period"] >= period:
            continue
        for e in _sides(r):
            if wanted:
                by_type = {t: v for v, t in e["ext"]}
                if any(ext_type_of[g] not in by_type for g in wanted):
                    continue
                ext = [(by_type[ext_type_of[g]], ext_type_of[g]) for g in wanted]
            else:
                ext = e["ext"]
            for n in (1, 2, 3):
                e[f"ExtDimension{n}"], e[f"ExtDimension{n}_Type"] = ext[n - 1] if n <= len(ext) else ("", "")
            if all(c(e) for c in conds):
                entries.append(e)
    dims = ["Account_Key", "ExtDimension1", "ExtDimension2", "ExtDimension3", "Организация_Key"]
    aliases = {"Account": "Account_Key", "Организация": "Организация_Key"}
    group = _dims(params.get("Dimensions"), dims, aliases)
    out = []
    for key, members in _group(entries, group).items():
        total, qty = sum(e["sum"] for e in members), sum(e["qty"] for e in members)
        if total == 0 and qty == 0:
            continue
        row: Row = {}
        for d, v in zip(group, key, strict=True):
            row[d] = v
            if d.startswith("ExtDimension"):
                row[f"{d}_Type"] = members[0][f"{d}_Type"]
        row.update(
            СуммаBalance=_money(total),
            СуммаBalanceDr=_money(max(total, 0)),
            СуммаBalanceCr=_money(max(-total, 0)),
            КоличествоBalance=qty,
            КоличествоBalanceDr=max(qty, 0),
            КоличествоBalanceCr=max(-qty, 0),
        )
        out.append(row)
    return out


def _money(kop: int) -> float | int:
    return kop // 100 if kop % 100 == 0 else kop / 100
