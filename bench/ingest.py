"""Ingest benchmark: a large Ozon + Wildberries world through the whole pipeline.

    .venv/bin/python bench/ingest.py [--skus 5000 --days 365 --orders-per-day 10000]
                                     [--sources wb,ozon,ozon_perf]

One sandbox world serves the three sources the product syncs: Wildberries (statistics,
content, prices, stocks, finance and advertising), Ozon Seller and Ozon Performance.
The sandbox runs in a child process (generating the world and serving HTTP), so the
figures are the pipeline's own: per source HTTP + parse + lake, then lake → raw; then
one SQL build raw → marts with the checks, and the peak resident memory of the pipeline
process (chDB included), per stage and for the build's heaviest models. Rate limits are
off on both sides; every source backfills the whole world (`history_days` = days).
Prints markdown tables; copy them into BENCHMARKS.md.

`--sources wb` gives runs comparable with the earlier Wildberries-only figures.

To measure the build alone on the workspace an earlier run left (for example with other
ClickHouse session settings), `--build-only` drops ods, dwh and marts and builds them
again from raw; `--setting name=value` (repeatable) overrides
svodka.warehouse.client.SESSION_SETTINGS in this process only.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

SOURCES = ("wb", "ozon", "ozon_perf")
FACTS = ("dwh.fct_orders", "dwh.fct_sales", "dwh.fct_finance", "dwh.fct_ad_daily")
MARKETPLACES = ("wb", "ozon")


def _serve(spec_kwargs: dict, conn, stop) -> None:
    from svodka.sandbox import SandboxServer, World, WorldSpec

    t = time.perf_counter()
    world = World.generate(WorldSpec(**spec_kwargs))
    gen = time.perf_counter() - t
    with SandboxServer(world, limits="off") as srv:
        conn.send(
            {
                "generate_s": gen,
                "wb_hosts": srv.wb_hosts,
                "wb_token": srv.token,
                "ozon_hosts": srv.ozon_hosts,
                "ozon_client_id": srv.ozon_client_id,
                "ozon_api_key": srv.ozon_api_key,
                "ozon_perf_client_id": srv.ozon_perf_client_id,
                "ozon_perf_client_secret": srv.ozon_perf_client_secret,
            }
        )
        stop.wait()


def _cpu_s() -> float:
    """CPU seconds of this process so far (user + system, every thread: chDB's too)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _machine_busy_s() -> float:
    """CPU seconds every process on the machine has used since boot (from /proc/stat)."""
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _rss_mb() -> float:
    with open("/proc/self/status", "rb") as f:
        for line in f:
            if line.startswith(b"VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler:
    """Samples the process's resident memory in a thread and keeps the peak of each stage."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peaks: dict[str, float] = {}
        self.current = "start"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._note()

    def _note(self) -> None:
        rss, stage = _rss_mb(), self.current
        if rss > self.peaks.get(stage, 0.0):
            self.peaks[stage] = rss

    def stage(self, name: str) -> None:
        """Attribute samples from now on to `name`."""
        self._note()
        self.current = name
        self._note()

    def relabel(self, name: str) -> None:
        """Give the current stage's peak so far another name (the stage goes on)."""
        self._note()
        if self.current in self.peaks:
            self.peaks[name] = self.peaks.pop(self.current)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class SourceRun:
    source: str
    records: int = 0
    pages: int = 0
    streams: dict[str, int] = field(default_factory=dict)
    extract_s: float = 0.0
    load_s: float = 0.0
    extract_cpu: float = 0.0
    load_cpu: float = 0.0


@dataclass
class Bench:
    sources: list[str]
    spec: dict
    generate_s: float = 0.0
    runs: list[SourceRun] = field(default_factory=list)
    raw_rows: int = 0
    raw_by_source: dict[str, int] = field(default_factory=dict)
    build_s: float = 0.0
    build_cpu: float = 0.0
    models: list = field(default_factory=list)
    model_peaks: dict[str, float] = field(default_factory=dict)
    checks_ok: bool = False
    checks_failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    facts: dict[str, dict[str, int]] = field(default_factory=dict)
    lake_mb: float = 0.0
    warehouse_mb: float = 0.0
    peaks: dict[str, float] = field(default_factory=dict)
    peak_mb: float = 0.0
    total_s: float = 0.0
    self_cpu: float = 0.0
    children_cpu: float = 0.0
    machine_cpu: float = 0.0


def _connect(ws, source: str, info: dict, days: int) -> None:
    """Add the sandbox connection of `source`, backfilling the whole world."""
    common = {"timeout": 600, "history_days": days}
    if source == "wb":
        ws.control.add_connection(
            "wb",
            "main",
            info["wb_token"],
            hosts=info["wb_hosts"],
            options={**common, "report_poll_interval": 0.05, "finance_window_weeks": 4},
        )
    elif source == "ozon":
        ws.control.add_connection(
            "ozon",
            "main",
            info["ozon_api_key"],
            hosts={"api-seller": info["ozon_hosts"]["api-seller"]},
            options={**common, "client_id": info["ozon_client_id"]},
        )
    else:
        ws.control.add_connection(
            "ozon_perf",
            "main",
            info["ozon_perf_client_secret"],
            hosts={"api-performance": info["ozon_hosts"]["api-performance"]},
            options={**common, "client_id": info["ozon_perf_client_id"], "report_poll_interval": 0.05},
        )


def _sync(ws, source: str, mem: RssSampler) -> SourceRun:
    """Extract one source to the lake, load its run into raw, commit: the two stages timed apart."""
    from svodka.lake.store import new_run_id
    from svodka.pipeline.connectors import make_connector
    from svodka.pipeline.load import load_run
    from svodka.pipeline.sync import extract

    conn = ws.control.get_connection(source, "main")
    connector = make_connector(conn, ws.settings)
    run_id = new_run_id()
    out = SourceRun(source)
    mem.stage(f"{source} extract")
    t, cpu = time.perf_counter(), _cpu_s()
    try:
        result = extract(connector, ws.lake, run_id, {}, datetime.now(UTC))
    finally:
        connector.close()
    out.extract_s, out.extract_cpu = time.perf_counter() - t, _cpu_s() - cpu
    out.streams = {k: v.records for k, v in result.streams.items()}
    out.records = result.records
    out.pages = sum(v.pages for v in result.streams.values())
    mem.stage(f"{source} load")
    t, cpu = time.perf_counter(), _cpu_s()
    load_run(ws.warehouse, ws.lake, run_id)
    out.load_s, out.load_cpu = time.perf_counter() - t, _cpu_s() - cpu
    ws.lake.commit(run_id)
    ws.control.commit_states(conn.id, result.states)
    _log(
        f"{source}: {out.records:,} records in {out.pages:,} pages;"
        f" extract {out.extract_s:.1f} s, load {out.load_s:.1f} s"
    )
    return out


def _build(ws, mem: RssSampler, b: Bench) -> None:
    """One full build with the checks; the sampler's stage follows the model being built."""
    from svodka.pipeline import build as build_mod

    done: list[str] = []

    def on_stage(stage: str, n: int) -> None:
        if stage == "marts":  # the checks ran since the last ods/dwh model
            mem.relabel("build: checks")
        mem.stage(f"build#{len(done)}")

    def on_model(r) -> None:
        done.append(r.name)
        mem.stage(f"build#{len(done)}")

    t, cpu = time.perf_counter(), _cpu_s()
    report = build_mod.build(ws.warehouse, "bench", on_model=on_model, on_stage=on_stage)
    b.build_s, b.build_cpu = time.perf_counter() - t, _cpu_s() - cpu
    mem.stage("after build")
    b.models = report.models
    b.model_peaks = {name: mem.peaks.pop(f"build#{i}", 0.0) for i, name in enumerate(done)}
    b.checks_ok = report.ok
    b.checks_failed = [r.name for r in report.checks.failed_errors]
    b.blocked = sorted(report.blocked)


def _drop_built(wh) -> None:
    """Drop ods, dwh and marts so the next build starts from raw as the first one did."""
    for layer in ("marts", "dwh", "ods"):
        for (t,) in wh.rows(f"SHOW TABLES FROM {layer}"):
            wh.command(f"DROP TABLE IF EXISTS {layer}.`{t}`")


def _size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _parse_setting(text: str) -> tuple[str, object]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r}: expected name=value")
    return name.strip(), int(value) if value.lstrip("-").isdigit() else value


def run(args: argparse.Namespace, sources: list[str]) -> Bench:
    from svodka.config import DEFAULT_CONFIG
    from svodka.pipeline.workspace import Workspace, init_workspace

    spec = {"seed": args.seed, "skus": args.skus, "days": args.days, "orders_per_day": args.orders_per_day}
    b = Bench(sources, spec)
    ws_dir = args.out / f"ws-{'-'.join(sources)}-{args.days}d"
    t0, busy0 = time.perf_counter(), _machine_busy_s()
    proc = stop = None
    with RssSampler() as mem:
        try:
            if args.build_only:
                root = ws_dir.resolve()
            else:
                ctx = mp.get_context("spawn")  # a clean child: no chDB or threads inherited
                parent, child = ctx.Pipe()
                stop = ctx.Event()
                proc = ctx.Process(target=_serve, args=(spec, child, stop), daemon=True)
                proc.start()
                info = parent.recv()
                b.generate_s = info["generate_s"]
                _log(f"world {spec} generated in {b.generate_s:.1f} s (sandbox process)")
                shutil.rmtree(ws_dir, ignore_errors=True)
                # rate_limit_scale = 0 in every [sources.*] section: no client-side throttling
                root = init_workspace(
                    ws_dir, DEFAULT_CONFIG.replace("rate_limit_scale = 1.0", "rate_limit_scale = 0")
                )
            with Workspace.open(root) as ws:
                if args.build_only:
                    _drop_built(ws.warehouse)
                else:
                    for s in sources:
                        _connect(ws, s, info, args.days)
                    for s in sources:
                        b.runs.append(_sync(ws, s, mem))
                wh = ws.warehouse
                b.raw_rows = int(wh.scalar("SELECT count() FROM raw.records") or 0)
                b.raw_by_source = dict(wh.rows("SELECT source, count() FROM raw.records GROUP BY source"))
                _build(ws, mem, b)
                _log(f"build: {b.build_s:.1f} s, checks {'passed' if b.checks_ok else 'FAILED'}")
                for f in FACTS:
                    if wh.table_exists(f):
                        b.facts[f] = dict(
                            wh.rows(f"SELECT marketplace, count() FROM {f} GROUP BY marketplace")
                        )
                b.lake_mb = _size_mb(ws.lake.root)
                if wh.embedded:
                    b.warehouse_mb = _size_mb(Path(wh.dsn.removeprefix("chdb://")))
        finally:
            if stop is not None:
                stop.set()
                proc.join(timeout=30)
        mem.stage("end")
    b.peaks = mem.peaks
    b.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    b.total_s = time.perf_counter() - t0
    b.machine_cpu = _machine_busy_s() - busy0
    b.self_cpu = _cpu_s()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the sandbox, joined above
    b.children_cpu = children.ru_utime + children.ru_stime
    return b


def _rate(rows: int, seconds: float) -> str:
    return f"{seconds:,.1f} s → {rows / seconds:,.0f} rows/s" if seconds > 0 else "—"


def report(b: Bench, settings: dict) -> str:
    """The figures as markdown tables."""
    s = b.spec
    lines = [
        f"World: {s['skus']:,} SKUs × {s['days']} days, {s['orders_per_day']:,.0f} WB orders/day"
        f" (Ozon half of it), seed {s['seed']}; sources {', '.join(b.sources)}."
        f" World generated in {b.generate_s:.1f} s in the sandbox process.",
        f"ClickHouse session settings: {settings}",
        "",
    ]
    if b.runs:
        cols = [r.source for r in b.runs] + (["all"] if len(b.runs) > 1 else [])
        records = sum(r.records for r in b.runs)
        ext = sum(r.extract_s for r in b.runs)
        load = sum(r.load_s for r in b.runs)

        def peak(source: str, stage: str) -> str:
            return f"{b.peaks.get(f'{source} {stage}', 0):,.0f}"

        def row(label: str, cells: list[str], total: str | None = None) -> str:
            if len(b.runs) > 1:
                cells = [*cells, total or ""]
            return f"| {label} | " + " | ".join(cells) + " |"

        lines += [
            "| into raw | " + " | ".join(cols) + " |",
            "| --- |" + " --- |" * len(cols),
            row("records fetched", [f"{r.records:,} in {r.pages:,} pages" for r in b.runs], f"{records:,}"),
            row(
                "HTTP + parse + lake",
                [_rate(r.records, r.extract_s) for r in b.runs],
                _rate(records, ext),
            ),
            row("lake → raw (load)", [_rate(r.records, r.load_s) for r in b.runs], _rate(records, load)),
            row(
                "pipeline CPU extract / load",
                [f"{r.extract_cpu:,.0f} / {r.load_cpu:,.0f} s" for r in b.runs],
                f"{sum(r.extract_cpu for r in b.runs):,.0f} / {sum(r.load_cpu for r in b.runs):,.0f} s",
            ),
            row(
                "**into raw, end to end**",
                [f"**{r.records / (r.extract_s + r.load_s):,.0f} rows/s**" for r in b.runs],
                f"**{records / (ext + load):,.0f} rows/s** ({ext + load:,.0f} s)",
            ),
            row(
                "peak RSS extract / load",
                [f"{peak(r.source, 'extract')} / {peak(r.source, 'load')} MB" for r in b.runs],
                "",
            ),
            "",
            "Records by stream: "
            + "; ".join(
                f"{r.source}: " + ", ".join(f"{k} {v:,}" for k, v in r.streams.items()) for r in b.runs
            ),
            "",
        ]
    model_rows = sum(m.rows for m in b.models)
    in_models = sum(m.seconds for m in b.models)

    def by_mp(table: str) -> str:
        counts = b.facts.get(table)
        if counts is None:
            return "not built"
        return " / ".join(f"{counts.get(mp, 0):,}" for mp in MARKETPLACES)

    checks = "all passed" if b.checks_ok else f"FAILED: {', '.join(b.checks_failed)}; blocked: {b.blocked}"
    lines += [
        "| build and totals | |",
        "| --- | --- |",
        f"| raw rows (by source) | {b.raw_rows:,} ("
        + ", ".join(f"{k} {v:,}" for k, v in sorted(b.raw_by_source.items()))
        + ") |",
        f"| SQL build raw → marts ({len(b.models)} models + checks) | {b.build_s:,.1f} s →"
        f" **{b.raw_rows / b.build_s:,.0f} rows/s** of raw (models {in_models:,.1f} s, checks"
        f" {b.build_s - in_models:,.1f} s; {model_rows:,} rows written; CPU {b.build_cpu:,.0f} s) |",
        *(f"| {t} rows, WB / Ozon | {by_mp(t)} |" for t in FACTS),
        f"| checks | {checks} |",
        f"| lake size | {b.lake_mb:,.0f} MB gzip |",
        f"| warehouse size on disk | {b.warehouse_mb:,.0f} MB |",
        f"| peak RSS of the build (sampled) | {max(b.model_peaks.values(), default=0):,.0f} MB |",
        f"| **peak RSS of the pipeline process** | **{b.peak_mb:,.0f} MB** |",
        f"| total wall time (incl. world generation) | {b.total_s:,.0f} s |",
        f"| CPU: pipeline / sandbox / other processes | {b.self_cpu:,.0f} / {b.children_cpu:,.0f} /"
        f" {max(b.machine_cpu - b.self_cpu - b.children_cpu, 0):,.0f} s of {b.total_s * os.cpu_count():,.0f}"
        f" CPU-s ({os.cpu_count()} cores) |",
        "",
        "Build, the slowest models and the highest resident memory while each was built:",
        "",
        "| model | rows | seconds | peak RSS MB |",
        "| --- | --- | --- | --- |",
    ]
    top = sorted(b.models, key=lambda m: m.seconds, reverse=True)[:8]
    top_mem = sorted(b.models, key=lambda m: b.model_peaks.get(m.name, 0), reverse=True)[:4]
    for m in top + [m for m in top_mem if m not in top]:
        lines.append(f"| {m.name} | {m.rows:,} | {m.seconds:,.1f} | {b.model_peaks.get(m.name, 0):,.0f} |")
    if "build: checks" in b.peaks:
        lines.append(f"| (checks) | | {b.build_s - in_models:,.1f} | {b.peaks['build: checks']:,.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skus", type=int, default=5000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--orders-per-day", type=float, default=10000.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sources", default=",".join(SOURCES), help="comma-separated (default: all three)")
    ap.add_argument("--out", type=Path, default=Path("bench/out"))
    ap.add_argument(
        "--build-only",
        action="store_true",
        help="no world, no sync: rebuild ods/dwh/marts in the workspace a run with the same options left",
    )
    ap.add_argument(
        "--setting",
        type=_parse_setting,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a ClickHouse session setting for this run (repeatable)",
    )
    args = ap.parse_args(argv)
    chosen = {s.strip() for s in args.sources.split(",") if s.strip()}
    if not chosen or chosen - set(SOURCES):
        ap.error(f"--sources: unknown {sorted(chosen - set(SOURCES))}; known: {', '.join(SOURCES)}")
    sources = [s for s in SOURCES if s in chosen]

    from svodka.warehouse import client as wh_client

    wh_client.SESSION_SETTINGS.update(dict(args.setting))
    b = run(args, sources)
    print(report(b, wh_client.SESSION_SETTINGS))


if __name__ == "__main__":
    main()
