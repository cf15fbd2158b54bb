"""`svodka demo`: the whole product on the sandbox, in one command.

Creates (or reuses) a demo workspace, starts the marketplace sandbox in-process with a
90-day seller world, connects to it as a real seller would — Wildberries (with its
advertising), Ozon Seller, Ozon Performance and 1C —, syncs, loads the suppliers' price
lists, builds, checks, matches products by name and writes the Excel report. The sandbox's
rate limits run 600× faster than the marketplaces' and the connectors are told the same, so
the demo takes seconds, not hours.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rich.console import Console
from rich.panel import Panel

from svodka.config import DEFAULT_CONFIG
from svodka.pipeline.runs import build_all, export_report, sync_all
from svodka.pipeline.workspace import Workspace, init_workspace

# Sandbox "fast" limits divide Wildberries' intervals by 600; the connector matches them.
DEMO_RATE_SCALE = 1 / 500

NAMES = {"wb": "Wildberries", "ozon": "Ozon"}

PRICELIST_PROFILES = """
# The demo suppliers' price lists: which built-in layout each uses, and how to tell them apart.
[pricelists.layouts.kosmetik_opt]
extends = "ru_standard"
supplier = "ООО «Косметик Опт»"
match = ["косметик опт"]

[pricelists.layouts.elektromir]
extends = "ru_standard"
supplier = "ЭлектроМир"
match = ["re:^elektromir_"]

[pricelists.layouts.chistyy_dom]
extends = "ru_standard"
supplier = "ТД «Чистый Дом»"
match = ["chistyy_dom"]

[pricelists.layouts.tekstil_trade]
extends = "ru_standard"
supplier = "Текстиль Трейд"
match = ["tekstil_trade"]
"""
"""The sandbox suppliers' layout profiles, as a seller would write them in svodka.toml."""

DEMO_CONFIG = (
    DEFAULT_CONFIG.replace("rate_limit_scale = 1.0", f"rate_limit_scale = {DEMO_RATE_SCALE}")
    + "\n# The sandbox builds its reports at once: poll it often.\n"
    + "[sources.wb.options]\nreport_poll_interval = 0.05\n"
    + "[sources.ozon_perf.options]\nreport_poll_interval = 0.05\n"
    + PRICELIST_PROFILES
)


def run_demo(
    directory: Path, console: Console, *, seed: int = 42, skus: int = 120, days: int = 90, serve: bool = True
) -> Path:
    """Run the demo end to end; return the Excel report's path."""
    from svodka.pipeline.matching import match_all
    from svodka.pipeline.pricelists import scan_folder
    from svodka.sandbox import SandboxServer, World, WorldSpec
    from svodka.sandbox.matching.pricelists import write_pricelists

    t0 = time.perf_counter()
    cli = Path(sys.executable).with_name("svodka")
    root = init_workspace(directory, DEMO_CONFIG)
    console.print(Panel.fit(f"Svodka demo — workspace {root}", style="bold"))
    console.print(f"Generating the seller world (seed {seed}, {skus} SKUs, {days} days)…")
    world = World.generate(WorldSpec(seed=seed, skus=skus, days=days))
    with SandboxServer(world, limits="fast") as srv, Workspace.open(root) as ws:
        console.print(f"Marketplace sandbox (Wildberries, Ozon) on {srv.base_url}")
        ws.control.add_connection("wb", "main", srv.token, hosts=srv.wb_hosts, replace=True)
        ws.control.add_connection(
            "ozon",
            "main",
            srv.ozon_api_key,
            hosts={"api-seller": srv.ozon_hosts["api-seller"]},
            options={"client_id": srv.ozon_client_id},
            replace=True,
        )
        ws.control.add_connection(
            "ozon_perf",
            "main",
            srv.ozon_perf_client_secret,
            hosts={"api-performance": srv.ozon_hosts["api-performance"]},
            options={"client_id": srv.ozon_perf_client_id},
            replace=True,
        )
        ws.control.add_connection(
            "onec",
            "main",
            srv.onec_password,
            options={"base_url": srv.onec_base_url, "username": srv.onec_user},
            replace=True,
        )
        sync_all(ws, console)
        # the suppliers' price lists of the day, one of them in a layout nobody taught Svodka
        write_pricelists(world, root / "pricelists", day=1)
        scan_folder(ws, root / "pricelists")
        report = build_all(ws, console)
        match_all(ws, console)
        path = export_report(ws, None, None, None)
        by_mp = ws.warehouse.rows(
            "SELECT marketplace, sum(orders_units), sum(sales_units), sum(returns_units), sum(revenue)"
            " FROM marts.mart_sales_daily GROUP BY marketplace ORDER BY marketplace DESC"
        )
        ads = ws.warehouse.scalar("SELECT sum(spend) FROM marts.mart_ads") or 0
        margin = ws.warehouse.scalar("SELECT sum(margin) FROM marts.mart_unit_economics") or 0
        offers = ws.warehouse.scalar("SELECT count() FROM marts.mart_supplier_prices") or 0
    console.print(
        Panel.fit(
            "".join(
                f"{NAMES.get(mp, mp)}: ordered {o:,} units, sold {s:,}, returned {r:,}; revenue {v:,.2f} ₽\n"
                for mp, o, s, r, v in by_mp
            )
            + f"Advertising spend: {ads:,.2f} ₽; margin after 1C cost of goods: {margin:,.2f} ₽\n"
            + f"Supplier offers linked to products: {offers:,}\n"
            f"Checks: {'all passed' if report.ok else 'FAILED — see above'}\n"
            f"Excel report: {path}\n"
            f'Explore: cd {root} && {cli} sql "SELECT * FROM marts.mart_sales_daily LIMIT 10"\n'
            f"Done in {time.perf_counter() - t0:.0f} s.",
            title="Svodka demo",
            style="green" if report.ok else "red",
        )
    )
    if serve:
        console.print(
            "The web app arrives with the dashboards issue; nothing to serve yet, so the demo ends here."
        )
    return path
