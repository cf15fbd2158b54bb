"""raw → ods → dwh, then the checks, then only the marts whose inputs passed.

A mart is published (rebuilt and swapped in) only when no `error` check failed on any
table it is built from; otherwise the previous version stays, so a dashboard never
shows numbers from data that failed its checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from svodka.quality.checks import Check, CheckRun, run_checks
from svodka.quality.registry import CHECKS
from svodka.warehouse import runner
from svodka.warehouse.client import Warehouse


@dataclass
class BuildReport:
    build_id: str
    models: list[runner.ModelResult] = field(default_factory=list)
    checks: CheckRun = field(default_factory=CheckRun)
    blocked: dict[str, set[str]] = field(default_factory=dict)
    """mart → the failing tables that kept it from being published."""

    @property
    def ok(self) -> bool:
        return not self.blocked and not self.checks.failed_errors


def upstream(models: dict[str, runner.Model], name: str) -> set[str]:
    """Every model `name` is built from, transitively."""
    seen: set[str] = set()
    todo = list(models[name].depends_on)
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(models[n].depends_on)
    return seen


def build(
    wh: Warehouse,
    build_id: str,
    selector: str | None = None,
    checks: list[Check] | None = None,
    on_model: Callable[[runner.ModelResult], None] | None = None,
    on_stage: Callable[[str, int], None] | None = None,
) -> BuildReport:
    """Build the selected models with checks gating the marts; return what happened."""
    models = runner.load_models()
    names = runner.select(models, selector)
    base = [n for n in names if not n.startswith("marts.")]
    marts = [n for n in names if n.startswith("marts.")]
    report = BuildReport(build_id)
    if on_stage:
        on_stage("models", len(base))
    report.models += runner.build(wh, base, models, build_id, on_model)
    checked = {n for n in models if not n.startswith("marts.")} | {"raw.records"}
    report.checks = run_checks(wh, CHECKS if checks is None else checks, checked)
    failing = report.checks.blocked_tables
    publish = []
    for m in marts:
        bad = upstream(models, m) & failing
        if bad:
            report.blocked[m] = bad
        else:
            publish.append(m)
    if on_stage:
        on_stage("marts", len(publish))
    report.models += runner.build(wh, publish, models, build_id, on_model)
    return report
