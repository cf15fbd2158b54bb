"""Ingest benchmark: a large Wildberries world through the whole pipeline.

    .venv/bin/python bench/ingest.py [--skus 5000 --days 365 --orders-per-day 10000]

The sandbox runs in a child process (generating the world and serving HTTP), so the
figures below are the pipeline's own: HTTP + parse + lake → raw, then the SQL build
raw → marts, and the peak resident memory of the pipeline process (chDB included).
Rate limits are off on both sides. Prints one table; copy it into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing as mp
import resource
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path


def _serve(spec_kwargs: dict, conn, stop) -> None:
    from svodka.sandbox import SandboxServer, World, WorldSpec

    t = time.perf_counter()
    world = World.generate(WorldSpec(**spec_kwargs))
    gen = time.perf_counter() - t
    with SandboxServer(world, limits="off") as srv:
        conn.send({"hosts": srv.wb_hosts, "token": srv.token, "generate_s": gen})
        stop.wait()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skus", type=int, default=5000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--orders-per-day", type=float, default=10000.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("bench/out"))
    args = ap.parse_args(argv)

    from rich.console import Console

    from svodka.config import DEFAULT_CONFIG
    from svodka.lake.store import new_run_id
    from svodka.pipeline import build as build_mod
    from svodka.pipeline.connectors import make_connector
    from svodka.pipeline.load import load_run
    from svodka.pipeline.sync import extract
    from svodka.pipeline.workspace import Workspace, init_workspace

    spec = {"seed": args.seed, "skus": args.skus, "days": args.days, "orders_per_day": args.orders_per_day}
    ctx = mp.get_context("spawn")  # a clean child: no chDB or threads inherited
    parent, child = ctx.Pipe()
    stop = ctx.Event()
    proc = ctx.Process(target=_serve, args=(spec, child, stop), daemon=True)
    t0 = time.perf_counter()
    proc.start()
    info = parent.recv()
    print(f"world {spec} generated in {info['generate_s']:.1f} s (sandbox process)", file=sys.stderr)

    ws_dir = args.out / f"ws-{args.days}d"
    shutil.rmtree(ws_dir, ignore_errors=True)
    root = init_workspace(ws_dir, DEFAULT_CONFIG.replace("rate_limit_scale = 1.0", "rate_limit_scale = 0"))
    try:
        with Workspace.open(root) as ws:
            ws.control.add_connection(
                "wb",
                "main",
                info["token"],
                hosts=info["hosts"],
                # backfill the whole world: statistics stop at their 90 days, finance does not
                options={
                    "report_poll_interval": 0.05,
                    "finance_window_weeks": 4,
                    "timeout": 600,
                    "history_days": args.days,
                },
            )
            conn = ws.control.get_connection("wb", "main")
            connector = make_connector(conn, ws.settings)
            now = datetime.now(UTC)
            run_id = new_run_id()

            t = time.perf_counter()
            result = extract(connector, ws.lake, run_id, {}, now)
            t_extract = time.perf_counter() - t
            connector.close()
            t = time.perf_counter()
            pages, records = load_run(ws.warehouse, ws.lake, run_id)
            t_load = time.perf_counter() - t
            ws.lake.commit(run_id)
            ws.control.commit_states(conn.id, result.states)

            raw_rows = ws.warehouse.scalar("SELECT count() FROM raw.records")
            t = time.perf_counter()
            report = build_mod.build(ws.warehouse, "bench")
            t_build = time.perf_counter() - t
            built = {r.name: r.rows for r in report.models}
            lake_mb = sum(f.stat().st_size for f in ws.lake.root.rglob("*") if f.is_file()) / 2**20
    finally:
        stop.set()
        proc.join(timeout=30)

    total = time.perf_counter() - t0
    by_stream = ", ".join(f"{k} {v.records:,}" for k, v in result.streams.items())
    out = io.StringIO()
    con = Console(file=out, width=120)
    con.print(
        f"| world | {args.skus:,} SKUs × {args.days} days, {args.orders_per_day:,.0f} orders/day,"
        f" seed {args.seed} |"
    )
    con.print("| --- | --- |")
    con.print(f"| records fetched | {records:,} in {pages:,} pages ({by_stream}) |")
    con.print(f"| HTTP + parse + lake | {t_extract:.1f} s → {records / t_extract:,.0f} rows/s |")
    con.print(f"| lake → raw (load) | {t_load:.1f} s → {records / t_load:,.0f} rows/s |")
    con.print(f"| **into raw, end to end** | **{records / (t_extract + t_load):,.0f} rows/s** |")
    con.print(
        f"| SQL build raw → marts ({len(built)} models, {raw_rows:,} raw rows) | {t_build:.1f} s → "
        f"**{raw_rows / t_build:,.0f} rows/s** |"
    )
    con.print(
        f"| dwh.fct_finance / fct_orders / fct_sales rows | {built.get('dwh.fct_finance', 0):,} / "
        f"{built.get('dwh.fct_orders', 0):,} / {built.get('dwh.fct_sales', 0):,} |"
    )
    con.print(f"| checks | {'all passed' if report.ok else 'FAILED: ' + str(report.checks.failed_errors)} |")
    con.print(f"| lake size | {lake_mb:,.0f} MB gzip |")
    con.print(f"| peak RSS of the pipeline process | {_peak_mb():,.0f} MB |")
    con.print(f"| total wall time (incl. world generation) | {total:.0f} s |")
    print(out.getvalue())


if __name__ == "__main__":
    main()
