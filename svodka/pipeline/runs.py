"""The user-facing tasks — sync, build, check, export, rebuild — with run records and progress.

Each task is recorded as a run in the control DB (state, rows, error) and shows rich
progress on the given console. The work itself lives in sync.py, build.py, load.py
and the reports package; this module only wires and reports.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from svodka.errors import ResumableStop, SvodkaError
from svodka.pipeline import build as build_mod
from svodka.pipeline.connectors import make_connector
from svodka.pipeline.identity import sync_manual_links, sync_suppliers
from svodka.pipeline.load import load_run
from svodka.pipeline.sync import SyncResult, sync_connection
from svodka.pipeline.workspace import Workspace
from svodka.quality.checks import CheckRun, run_checks
from svodka.quality.registry import CHECKS
from svodka.reports.excel import write_report
from svodka.timeutil import msk_today
from svodka.warehouse.runner import LAYERS, ModelResult


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def sync_all(
    ws: Workspace,
    console: Console,
    *,
    source: str | None = None,
    name: str | None = None,
    streams: set[str] | None = None,
    now: datetime | None = None,
) -> list[SyncResult]:
    """Sync every unpaused connection (optionally one source / name); stop at the first failure."""
    results = []
    for conn in ws.control.list_connections(source):
        if (name and conn.name != name) or conn.paused:
            continue
        run = ws.control.start_run("sync", connection_id=conn.id, details={"connection": conn.key})
        connector = make_connector(conn, ws.settings)
        tasks: dict[str, int] = {}
        try:
            with _progress(console) as prog:
                task = prog.add_task(f"sync {conn.key}", total=None, detail="")
                counts = {"records": 0, "pages": 0}

                def on_page(page, task=task, counts=counts) -> None:
                    counts["records"] += page.records
                    counts["pages"] += 1
                    prog.update(
                        task, detail=f"{page.stream}: {counts['records']:,} records, {counts['pages']} pages"
                    )

                def on_stream(stream: str, stats, run=run, tasks=tasks) -> None:
                    # One task run per stream: the run history shows which stream failed.
                    if stats is None:
                        tasks[stream] = ws.control.start_task(run, "extract", stream)
                    else:
                        ws.control.finish_task(tasks.pop(stream), "succeeded", rows=stats.records)

                def on_load(run_id: str, task=task, key=conn.key) -> None:
                    prog.update(task, description=f"load {key} → raw")

                result = sync_connection(
                    connector,
                    conn.id,
                    ws.control,
                    ws.lake,
                    ws.warehouse,
                    streams=streams,
                    now=now,
                    on_page=on_page,
                    on_load=on_load,
                    on_stream=on_stream,
                )
                prog.update(task, description=f"sync {conn.key} done", total=1, completed=1)
        except BaseException as e:
            for task in tasks.values():
                ws.control.finish_task(task, "failed", error=str(e))
            ws.control.finish_run(run, "failed", error=str(e))
            if isinstance(e, ResumableStop):
                # the pages read before the stop are loaded and their cursors committed
                raise ResumableStop(
                    f"sync of {conn.key} stopped early; what was read so far is kept:\n{e}",
                    hint=e.hint,
                ) from e
            if isinstance(e, SvodkaError):
                raise SvodkaError(
                    f"sync of {conn.key} failed; nothing was committed, the warehouse is as before:\n{e}"
                ) from e
            raise
        finally:
            connector.close()
        ws.control.finish_run(run, "succeeded", rows=result.records)
        t = Table("stream", "pages", "records", title=f"{conn.key}: run {result.run_id}")
        for s, st in result.streams.items():
            t.add_row(s, str(st.pages), f"{st.records:,}")
        console.print(t)
        results.append(result)
    return results


def _print_checks(console: Console, checks: CheckRun) -> None:
    t = Table("check", "severity", "result", "observed", title="Data checks")
    for r in checks.results:
        mark = (
            "[green]pass[/]" if r.passed else ("[red]FAIL[/]" if r.severity == "error" else "[yellow]warn[/]")
        )
        t.add_row(
            r.name, r.severity, mark, r.observed + (f" — {r.details}" if not r.passed and r.details else "")
        )
    console.print(t)


def build_all(ws: Workspace, console: Console, selector: str | None = None) -> build_mod.BuildReport:
    """Build with progress; record the run and the check results."""
    run = ws.control.start_run("build", details={"select": selector})
    build_id = str(run)
    try:
        sync_manual_links(ws)
        sync_suppliers(ws)
        with _progress(console) as prog:
            task = prog.add_task("build", total=None, detail="")

            def on_stage(stage: str, n: int) -> None:
                prog.update(task, description=f"build {stage}", total=n, completed=0)

            def on_model(r: ModelResult) -> None:
                prog.update(task, advance=1, detail=f"{r.name} ({r.rows:,} rows)")

            report = build_mod.build(ws.warehouse, build_id, selector, on_model=on_model, on_stage=on_stage)
        ws.control.record_checks(run, [r.as_dict() for r in report.checks.results])
    except BaseException as e:
        ws.control.finish_run(run, "failed", error=str(e))
        raise
    _print_checks(console, report.checks)
    for mart, tables in report.blocked.items():
        console.print(
            f"[red]not published:[/] {mart} — failed checks on {', '.join(sorted(tables))}; "
            "the previous version stays. Fix the data or the mapping, then build again."
        )
    rows = sum(r.rows for r in report.models)
    ws.control.finish_run(
        run,
        "succeeded" if report.ok else "failed",
        rows=rows,
        error=None
        if report.ok
        else "error checks failed: " + ", ".join(r.name for r in report.checks.failed_errors),
    )
    return report


def check_all(ws: Workspace, console: Console) -> CheckRun:
    """Run the checks on what is built; record and print them."""
    run = ws.control.start_run("check")
    try:
        checks = run_checks(ws.warehouse, CHECKS)
        ws.control.record_checks(run, [r.as_dict() for r in checks.results])
    except BaseException as e:
        ws.control.finish_run(run, "failed", error=str(e))
        raise
    _print_checks(console, checks)
    ws.control.finish_run(run, "failed" if checks.failed_errors else "succeeded")
    return checks


def export_report(ws: Workspace, date_from: date | None, date_to: date | None, out: Path | None) -> Path:
    """Write the Excel report; the default period is the 30 days up to the last day with sales."""
    run = ws.control.start_run("export")
    try:
        wh = ws.warehouse
        if date_to is None:
            last = (
                wh.scalar("SELECT max(date) FROM marts.mart_sales_daily")
                if wh.table_exists("marts.mart_sales_daily")
                else None
            )
            date_to = last if last and last.year > 1970 else msk_today() - timedelta(days=1)
        date_from = date_from or date_to - timedelta(days=29)
        if date_from > date_to:
            raise SvodkaError(f"--from {date_from} is after --to {date_to}")
        if not wh.table_exists("marts.mart_sales_daily"):
            raise SvodkaError("the marts are not built yet", hint="Run `svodka build` first.")
        out = out or ws.root / "reports" / f"svodka_{date_from:%Y%m%d}_{date_to:%Y%m%d}.xlsx"
        path = write_report(wh, out, date_from, date_to)
    except BaseException as e:
        ws.control.finish_run(run, "failed", error=str(e))
        raise
    ws.control.finish_run(run, "succeeded", details={"path": str(path)})
    return path


def rebuild_from_lake(ws: Workspace, console: Console) -> build_mod.BuildReport:
    """Drop raw and everything built on it, replay every committed lake run, build again."""
    wh = ws.warehouse
    run = ws.control.start_run("rebuild")
    try:
        for layer in reversed(LAYERS[1:]):
            for (t,) in wh.rows(f"SHOW TABLES FROM {layer}"):
                wh.command(f"DROP TABLE IF EXISTS {layer}.`{t}`")
        for (t,) in wh.rows("SHOW TABLES FROM raw"):
            if t.startswith("stg_"):
                wh.command(f"DROP VIEW IF EXISTS raw.`{t}`")
        wh.command("TRUNCATE TABLE raw.records")
        wh.command("TRUNCATE TABLE meta.loaded_runs")
        runs = ws.lake.runs()
        with _progress(console) as prog:
            task = prog.add_task("replay lake → raw", total=len(runs), detail="")
            for r in runs:
                _, records = load_run(wh, ws.lake, r, verify=True)
                prog.update(task, advance=1, detail=f"{r}: {records:,} records")
        wh.command("OPTIMIZE TABLE raw.records FINAL")
    except BaseException as e:
        ws.control.finish_run(run, "failed", error=str(e))
        raise
    ws.control.finish_run(run, "succeeded")
    return build_all(ws, console)
