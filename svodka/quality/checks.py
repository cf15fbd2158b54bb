"""Declarative data checks and the engine that runs them.

A check is a SQL query over one table that counts offending rows (or returns a
mismatch); it passes when the count is 0. Severity `error` blocks publishing every
mart built on the checked table; `warn` is reported only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svodka.warehouse.client import Warehouse


@dataclass(frozen=True)
class CheckResult:
    name: str
    table: str
    severity: str
    passed: bool
    offending: int | None
    """Rows (or mismatches) that break the check; None when the table is missing."""
    details: str = ""

    @property
    def observed(self) -> str:
        return "table missing" if self.offending is None else f"{self.offending} offending rows"

    def as_dict(self) -> dict:
        return {
            "check": self.name,
            "table": self.table,
            "severity": self.severity,
            "status": "pass" if self.passed else "fail",
            "observed": self.offending,
            "details": {"example": self.details} if self.details else {},
        }


@dataclass(frozen=True)
class Check:
    """Base: a name, the table it guards, a severity and a SQL query."""

    table: str
    severity: str = "error"
    name: str = ""
    description: str = ""

    def sql(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def check_name(self) -> str:
        return self.name or f"{self.table}:{type(self).__name__.lower()}"

    def run(self, wh: Warehouse) -> CheckResult:
        """Run the query: first value = offending rows, second (optional) = an example of one."""
        if not wh.table_exists(self.table):
            return CheckResult(
                self.check_name,
                self.table,
                self.severity,
                False,
                None,
                "build the models first: `svodka build`",
            )
        row = wh.rows(self.sql())[0]
        bad = int(row[0] or 0)
        example = str(row[1]) if len(row) > 1 and bad else ""
        return CheckResult(self.check_name, self.table, self.severity, bad == 0, bad, example[:500])


@dataclass(frozen=True)
class NotNull(Check):
    """Required fields: not NULL, and not empty for strings."""

    columns: tuple[str, ...] = ()

    @property
    def check_name(self) -> str:
        return self.name or f"{self.table}:not_null({','.join(self.columns)})"

    def sql(self) -> str:
        conds = " OR ".join(f"isNull({c}) OR toString({c}) = ''" for c in self.columns)
        first = self.columns[0]
        return (
            f"SELECT countIf({conds}), anyIf(toString(tuple(*)), {conds}) FROM {self.table}" if first else ""
        )


@dataclass(frozen=True)
class Unique(Check):
    """A key identifies one row."""

    key: tuple[str, ...] = ()

    @property
    def check_name(self) -> str:
        return self.name or f"{self.table}:unique({','.join(self.key)})"

    def sql(self) -> str:
        k = ", ".join(self.key)
        return (
            f"SELECT count(), any(toString(tuple({k}))) FROM "
            f"(SELECT {k} FROM {self.table} GROUP BY {k} HAVING count() > 1)"
        )


@dataclass(frozen=True)
class Condition(Check):
    """Every row satisfies a condition (ranges, accepted values)."""

    condition: str = "1"

    def sql(self) -> str:
        return (
            f"SELECT countIf(NOT ({self.condition})), anyIf(toString(tuple(*)), NOT ({self.condition})) "
            f"FROM {self.table}"
        )


@dataclass(frozen=True)
class Query(Check):
    """Any query returning (offending count, example)."""

    query: str = "SELECT 0"

    def sql(self) -> str:
        return self.query


@dataclass(frozen=True)
class Freshness(Check):
    """The newest record of a raw stream is younger than `max_age_hours`."""

    stream: str = ""
    max_age_hours: float = 26.0
    severity: str = "warn"
    table: str = "raw.records"

    @property
    def check_name(self) -> str:
        return self.name or f"freshness({self.stream})"

    def sql(self) -> str:
        return (
            "SELECT if(count() = 0 OR dateDiff('second', max(fetched_at), now64(3)) > "
            f"{int(self.max_age_hours * 3600)}, 1, 0), toString(max(fetched_at)) "
            f"FROM raw.records WHERE stream = '{self.stream}'"
        )


@dataclass
class CheckRun:
    results: list[CheckResult] = field(default_factory=list)

    @property
    def failed_errors(self) -> list[CheckResult]:
        return [r for r in self.results if not r.passed and r.severity == "error"]

    @property
    def blocked_tables(self) -> set[str]:
        return {r.table for r in self.failed_errors}


def run_checks(wh: Warehouse, checks: list[Check], tables: set[str] | None = None) -> CheckRun:
    """Run the checks on `tables` (all when None)."""
    out = CheckRun()
    for c in checks:
        if tables is None or c.table in tables:
            out.results.append(c.run(wh))
    return out
