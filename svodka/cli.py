"""The `svodka` command line: one entry point for every task.

Commands work on the workspace of the current folder, or of `--workspace DIR` /
`SVODKA_WORKSPACE`. Errors print what went wrong and what to do next, never a secret.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from svodka.errors import ConfigError, SvodkaError

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Svodka — a data warehouse for sellers on Russian marketplaces.",
)
connect_app = typer.Typer(no_args_is_help=True, help="Connect a source account (stores its token encrypted).")
app.add_typer(connect_app, name="connect")
pricelist_app = typer.Typer(
    no_args_is_help=True, help="Supplier price lists (.xlsx, .xls, .csv): load, scan a drop folder, list."
)
app.add_typer(pricelist_app, name="pricelist")
onec_app = typer.Typer(no_args_is_help=True, help="1C:Enterprise files (CommerceML 2 exports).")
app.add_typer(onec_app, name="onec")
match_app = typer.Typer(
    invoke_without_command=True,
    help="Link items to products: barcode, article, name. Without a sub-command: match the warehouse.",
)
app.add_typer(match_app, name="match")

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)

WorkspaceOpt = Annotated[
    Path | None,
    typer.Option("--workspace", "-w", envvar="SVODKA_WORKSPACE", help="Workspace folder (default: current)."),
]


def _open(workspace: Path | None):
    from svodka.pipeline.workspace import Workspace

    return Workspace.open(workspace)


@app.command()
def init(directory: Annotated[Path, typer.Argument(help="Folder for the workspace.")] = Path(".")) -> None:
    """Create a workspace: svodka.toml, data/ (warehouse, lake, control DB) and a secret key file."""
    from svodka.pipeline.workspace import init_workspace

    ws = init_workspace(directory)
    console.print(f"Workspace ready: {ws}")
    console.print("Next: svodka connect wb --name main --token <token>, then svodka sync && svodka build")


HostOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--host",
        help="Override a host family: FAMILY=URL, e.g. statistics-api=http://127.0.0.1:9000/… (repeatable).",
    ),
]
ReplaceOpt = Annotated[
    bool, typer.Option("--replace", help="Replace an existing connection's credentials/hosts.")
]


def _hosts(source: str, host: list[str] | None) -> dict[str, str]:
    from svodka.pipeline.connectors import check_hosts

    hosts = {}
    for h in host or []:
        family, sep, url = h.partition("=")
        if not sep:
            raise ConfigError(
                f"--host {h!r} must look like FAMILY=URL", hint="e.g. --host statistics-api=http://…"
            )
        hosts[family.strip()] = url.strip()
    return check_hosts(source, hosts)


def _connect(
    workspace: Path | None,
    source: str,
    name: str,
    secret: str,
    host: list[str] | None,
    replace: bool,
    account_id: str | None = None,
) -> None:
    hosts = _hosts(source, host)
    options = None
    if account_id is not None:
        account_id = account_id.strip()
        if not account_id:
            raise ConfigError(
                f"{source}: the client id is empty", hint="Copy it from the seller account's API page."
            )
        options = {"client_id": account_id}
    with _open(workspace) as ws:
        conn = ws.control.add_connection(
            source, name, secret, hosts=hosts or None, options=options, replace=replace
        )
        ident = f"client id {account_id}, " if account_id else ""
        console.print(f"Connected {conn.key} ({ident}secret {conn.token_masked})")


@connect_app.command("wb")
def connect_wb(
    name: Annotated[str, typer.Option("--name", help="A name for this account, e.g. main.")],
    token: Annotated[
        str,
        typer.Option(
            "--token",
            envvar="SVODKA_WB_TOKEN",
            prompt=True,
            hide_input=True,
            help="Wildberries API token (Statistics, Content, Prices, Analytics, Finance, Promotion).",
        ),
    ],
    host: HostOpt = None,
    replace: ReplaceOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Connect a Wildberries seller account."""
    _connect(workspace, "wb", name, token, host, replace)


@connect_app.command("ozon")
def connect_ozon(
    name: Annotated[str, typer.Option("--name", help="A name for this account, e.g. main.")],
    client_id: Annotated[
        str, typer.Option("--client-id", envvar="SVODKA_OZON_CLIENT_ID", help="Ozon Client-Id.")
    ],
    api_key: Annotated[
        str,
        typer.Option(
            "--api-key",
            envvar="SVODKA_OZON_API_KEY",
            prompt=True,
            hide_input=True,
            help="Ozon Seller API key (Settings → Seller API; role Admin read only or Analytics + Finance).",
        ),
    ],
    host: HostOpt = None,
    replace: ReplaceOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Connect an Ozon seller account (Seller API)."""
    _connect(workspace, "ozon", name, api_key, host, replace, account_id=client_id)


@connect_app.command("ozon-perf")
def connect_ozon_perf(
    name: Annotated[str, typer.Option("--name", help="A name for this account, e.g. main.")],
    client_id: Annotated[
        str,
        typer.Option(
            "--client-id",
            envvar="SVODKA_OZON_PERF_CLIENT_ID",
            help="Performance API client_id (…@advertising.performance.ozon.ru).",
        ),
    ],
    client_secret: Annotated[
        str,
        typer.Option(
            "--client-secret",
            envvar="SVODKA_OZON_PERF_CLIENT_SECRET",
            prompt=True,
            hide_input=True,
            help="Performance API client_secret.",
        ),
    ],
    host: HostOpt = None,
    replace: ReplaceOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Connect an Ozon advertising account (Performance API)."""
    _connect(workspace, "ozon_perf", name, client_secret, host, replace, account_id=client_id)


@connect_app.command("onec")
def connect_onec(
    name: Annotated[str, typer.Option("--name", help="A name for this infobase, e.g. main.")],
    url: Annotated[
        str, typer.Option("--url", help="The infobase's web publication, e.g. https://1c.example.ru/trade.")
    ],
    user: Annotated[str, typer.Option("--user", help="1C user with read rights on the OData interface.")],
    password: Annotated[
        str,
        typer.Option(
            "--password", envvar="SVODKA_ONEC_PASSWORD", prompt=True, hide_input=True, help="1C password."
        ),
    ],
    replace: ReplaceOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Connect a 1C:Enterprise infobase (standard OData interface): catalog, barcodes, costs, stock."""
    from svodka.config import validate_base_url

    base_url = validate_base_url(url.strip(), what="--url")
    if not user.strip():
        raise ConfigError(
            "onec: the user name is empty", hint="Use the 1C user the OData interface is published for."
        )
    with _open(workspace) as ws:
        conn = ws.control.add_connection(
            "onec", name, password, options={"base_url": base_url, "username": user.strip()}, replace=replace
        )
        console.print(f"Connected {conn.key} ({base_url} as {user.strip()}, password {conn.token_masked})")


@connect_app.command("yandex-market")
def connect_yandex_market(
    name: Annotated[str, typer.Option("--name", help="A name for this business account, e.g. main.")],
    api_key: Annotated[
        str,
        typer.Option(
            "--api-key",
            envvar="SVODKA_YM_API_KEY",
            prompt=True,
            hide_input=True,
            help="Yandex Market Api-Key (scope all-methods:read-only, or finance, offers and orders).",
        ),
    ],
    host: HostOpt = None,
    replace: ReplaceOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Connect a Yandex Market business (its campaigns are found through the API)."""
    _connect(workspace, "yandex_market", name, api_key, host, replace)


@connect_app.command("mpstats")
def connect_mpstats(
    name: Annotated[str, typer.Option("--name", help="A name for this subscription, e.g. main.")],
    token: Annotated[
        str,
        typer.Option(
            "--token", envvar="SVODKA_MPSTATS_TOKEN", prompt=True, hide_input=True, help="MPStats token."
        ),
    ],
    wb_category: Annotated[
        list[str] | None, typer.Option("--wb-category", help="A WB category path to watch (repeatable).")
    ] = None,
    oz_category: Annotated[
        list[str] | None, typer.Option("--oz-category", help="An Ozon category path to watch (repeatable).")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Another API base (a proxy, the sandbox).")] = None,
    replace: ReplaceOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Connect MPStats (competitor analytics) for the categories the seller trades in."""
    from svodka.config import validate_base_url

    options: dict = {"wb_categories": list(wb_category or []), "oz_categories": list(oz_category or [])}
    if url:
        options["base_url"] = validate_base_url(url, what="--url")
    with _open(workspace) as ws:
        conn = ws.control.add_connection("mpstats", name, token, options=options, replace=replace)
        console.print(f"Connected {conn.key} (token {conn.token_masked})")


@app.command()
def connections(workspace: WorkspaceOpt = None) -> None:
    """List connections (tokens masked)."""
    with _open(workspace) as ws:
        t = Table("source", "name", "credentials", "hosts", "paused")
        for c in ws.control.list_connections():
            t.add_row(
                c.source,
                c.name,
                " ".join(filter(None, [str(c.options.get("client_id", "")), c.token_masked])),
                ", ".join(f"{k}={v}" for k, v in c.hosts.items()) or "default",
                "yes" if c.paused else "",
            )
        console.print(t)


@app.command()
def sync(
    source: Annotated[str | None, typer.Option("--source", help="Only this source, e.g. wb.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Only this connection name.")] = None,
    stream: Annotated[
        list[str] | None, typer.Option("--stream", help="Only these streams (repeatable).")
    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Pull new data from every connected account into the lake and raw."""
    from svodka.pipeline.runs import sync_all

    with _open(workspace) as ws:
        results = sync_all(ws, console, source=source, name=name, streams=set(stream or []) or None)
        if not results:
            raise ConfigError(
                "nothing to sync: no (unpaused) connection matches",
                hint="Add one with `svodka connect wb --name main --token …`.",
            )


@app.command()
def build(
    select: Annotated[
        str | None, typer.Option("--select", help="Models: NAME, NAME+ (and downstream), +NAME, or a layer.")
    ] = None,
    list_models: Annotated[
        bool, typer.Option("--list", help="List the models in build order and exit.")
    ] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Build raw → ods → dwh, run the checks, then publish the marts whose inputs passed."""
    from svodka.pipeline.runs import build_all
    from svodka.warehouse import runner

    if list_models:
        models = runner.load_models()
        for n in runner.order(models):
            console.print(f"{n:40} {models[n].materialized}")
        return
    with _open(workspace) as ws:
        report = build_all(ws, console, select)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def check(workspace: WorkspaceOpt = None) -> None:
    """Run the data checks on what is built; exit 1 when an `error` check fails."""
    from svodka.pipeline.runs import check_all

    with _open(workspace) as ws:
        run = check_all(ws, console)
    if run.failed_errors:
        raise typer.Exit(1)


@app.command()
def export(
    date_from: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD (default: 30 days back).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (default: last day with data).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Output .xlsx (default: reports/ in the workspace).")
    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Write the Excel report (summary, sales, stock cover, unit economics)."""
    from svodka.pipeline.runs import export_report

    with _open(workspace) as ws:
        path = export_report(ws, _date(date_from, "--from"), _date(date_to, "--to"), out)
    console.print(f"Excel report: {path}")


def _date(value: str | None, opt: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{opt} {value!r} is not a date", hint="Use YYYY-MM-DD, e.g. 2026-11-01.") from None


@app.command()
def sql(
    query: Annotated[
        str, typer.Argument(help='A ClickHouse SQL query, e.g. "SELECT * FROM marts.mart_sales_daily".')
    ],
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    workspace: WorkspaceOpt = None,
) -> None:
    """Run a SQL query on the warehouse and print the result."""
    if fmt not in ("table", "csv", "json"):
        raise ConfigError(f"unknown --format {fmt!r}", hint="Use table, csv or json.")
    with _open(workspace) as ws:
        res = ws.warehouse.query(query)
    cols, rows = list(res.column_names), res.result_rows
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(cols)
        w.writerows(rows)
        sys.stdout.write(buf.getvalue())
    elif fmt == "json":
        sys.stdout.write(
            json.dumps(
                [dict(zip(cols, r, strict=True)) for r in rows], ensure_ascii=False, default=str, indent=1
            )
            + "\n"
        )
    else:
        t = Table(*cols)
        for r in rows:
            t.add_row(*("" if v is None else str(v) for v in r))
        console.print(t)


@app.command()
def rebuild(
    from_lake: Annotated[
        bool, typer.Option("--from-lake", help="Drop raw and above, replay the lake, rebuild.")
    ] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Rebuild the warehouse from the lake: the marts come back identical."""
    from svodka.pipeline.runs import rebuild_from_lake

    if not from_lake:
        raise ConfigError("say where to rebuild from", hint="svodka rebuild --from-lake")
    with _open(workspace) as ws:
        report = rebuild_from_lake(ws, console)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def runs(limit: Annotated[int, typer.Option(help="How many.")] = 20, workspace: WorkspaceOpt = None) -> None:
    """List recent runs (sync, build, export) with their state."""
    with _open(workspace) as ws:
        t = Table("id", "kind", "status", "started", "finished", "rows", "error")
        for r in ws.control.list_runs(limit=limit):
            t.add_row(
                str(r.id),
                r.kind,
                r.status,
                f"{r.started_at:%Y-%m-%d %H:%M:%S}",
                f"{r.finished_at:%H:%M:%S}" if r.finished_at else "",
                str(r.rows or ""),
                (r.error or "")[:80],
            )
        console.print(t)


@app.command()
def sandbox(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 9000,
    seed: Annotated[int, typer.Option(help="World seed.")] = 42,
    skus: Annotated[int, typer.Option(help="Number of sellable sizes (barcodes).")] = 120,
    days: Annotated[int, typer.Option(help="Days of history.")] = 90,
    orders_per_day: Annotated[float, typer.Option(help="Mean orders per day.")] = 300.0,
    limits: Annotated[str, typer.Option(help="real, fast or off.")] = "fast",
) -> None:
    """Serve the local marketplace sandbox (Wildberries API) until Ctrl+C."""
    from svodka.sandbox import WorldSpec, run

    run(WorldSpec(seed=seed, skus=skus, days=days, orders_per_day=orders_per_day), host, port, limits)


@app.command()
def demo(
    directory: Annotated[Path, typer.Option("--dir", help="Demo workspace folder.")] = Path("demo"),
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Exit after the report instead of serving.")
    ] = False,
    seed: Annotated[int, typer.Option(help="World seed.")] = 42,
    skus: Annotated[int, typer.Option(help="Sellable sizes in the demo world.")] = 120,
    days: Annotated[int, typer.Option(help="Days of history.")] = 90,
) -> None:
    """The whole product on the sandbox: sync 90 days, build, check, write the Excel report."""
    from svodka.pipeline.demo import run_demo

    run_demo(directory, console, seed=seed, skus=skus, days=days, serve=not no_serve)


SupplierOpt = Annotated[
    str | None, typer.Option("--supplier", help="Whose price list it is (default: from the layout profile).")
]


@pricelist_app.command("load")
def pricelist_load(
    file: Annotated[Path, typer.Argument(help="The price list: .xlsx, .xls, .ods or .csv.")],
    supplier: SupplierOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Load one supplier price list; a file of an unknown layout is refused with nothing loaded."""
    from svodka.pipeline.pricelists import REFUSALS, load_pricelist, print_load

    with _open(workspace) as ws:
        try:
            load = load_pricelist(ws, file, supplier)
        except REFUSALS as e:
            err.print(f"Warning: {file} was not loaded:", style="bold yellow", end=" ")
            err.print(str(e), markup=False)
            raise typer.Exit(1) from None
    print_load(console, load)


@pricelist_app.command("scan")
def pricelist_scan(
    directory: Annotated[
        Path | None, typer.Argument(help="Drop folder (default: [pricelists] drop_folder).")
    ] = None,
    supplier: SupplierOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Load every new file of a drop folder (sub-folders name suppliers); exit 1 if one was refused."""
    from svodka.pipeline.pricelists import print_load, scan_folder

    with _open(workspace) as ws:
        folder = directory or ws.settings.resolve(ws.settings.pricelists.drop_folder)
        result = scan_folder(ws, folder, supplier)
    for load in result.loaded + result.skipped:
        print_load(console, load)
    for path, e in result.refused:
        err.print(f"Warning: {path} was not loaded:", style="bold yellow", end=" ")
        err.print(str(e), markup=False)
    console.print(
        f"{folder}: {len(result.loaded)} loaded, {len(result.skipped)} already loaded, "
        f"{len(result.refused)} refused"
    )
    if result.refused:
        raise typer.Exit(1)


@pricelist_app.command("list")
def pricelist_list(
    limit: Annotated[int, typer.Option(help="How many loads.")] = 50, workspace: WorkspaceOpt = None
) -> None:
    """List price-list loads: rows in file, loaded, rejected, linked; stale suppliers are marked."""
    from svodka.pipeline.pricelists import list_loads, print_loads

    with _open(workspace) as ws:
        print_loads(console, list_loads(ws, limit))


@onec_app.command("import")
def onec_import(
    files: Annotated[list[Path], typer.Argument(help="import.xml and/or offers.xml (CommerceML 2).")],
    account: Annotated[
        str, typer.Option("--name", help="The 1C account (connection name) they belong to.")
    ] = "main",
    workspace: WorkspaceOpt = None,
) -> None:
    """Load a CommerceML export of 1C (catalog with barcodes and articles, prices, stock)."""
    from svodka.pipeline.commerceml import import_commerceml

    with _open(workspace) as ws:
        lake_run, records = import_commerceml(ws, files, account)
    console.print(
        f"Loaded {records:,} records from {len(files)} file(s) (run {lake_run}); `svodka build` publishes."
    )


@match_app.callback()
def match_run(ctx: typer.Context, workspace: WorkspaceOpt = None) -> None:
    """Match what the warehouse could not link by barcode or article, by name (incremental)."""
    if ctx.invoked_subcommand is not None:
        return
    from svodka.pipeline.matching import match_all

    with _open(workspace) as ws:
        match_all(ws, console)


ItemArg = Annotated[
    str, typer.Argument(help="The item: marketplace:item:size, pricelist:<supplier>:<article>.")
]


@match_app.command("link")
def match_link(
    item: ItemArg,
    product: Annotated[str, typer.Argument(help="The product id (its barcode).")],
    note: Annotated[str, typer.Option(help="Why, for the next person.")] = "",
    workspace: WorkspaceOpt = None,
) -> None:
    """Link an item to a product by hand; it always wins and is never re-matched."""
    with _open(workspace) as ws:
        ws.control.set_link(item, product, note=note)
    console.print(f"{item} → {product} (manual). `svodka build` publishes it.")


@match_app.command("unlink")
def match_unlink(item: ItemArg, workspace: WorkspaceOpt = None) -> None:
    """Say an item is no product we know: it is never linked automatically again."""
    with _open(workspace) as ws:
        ws.control.set_link(item, None, note="unlinked by hand")
    console.print(f"{item} unlinked (manual). `svodka build` publishes it.")


@match_app.command("forget")
def match_forget(item: ItemArg, workspace: WorkspaceOpt = None) -> None:
    """Drop a manual link or unlink: the item is matched automatically again."""
    with _open(workspace) as ws:
        found = ws.control.remove_link(item)
    console.print(f"{item}: " + ("manual decision removed." if found else "had no manual decision."))


@match_app.command("review")
def match_review(
    accept: Annotated[
        list[int] | None, typer.Option("--accept", help="Accept review ID (repeatable).")
    ] = None,
    reject: Annotated[
        list[int] | None, typer.Option("--reject", help="Reject review ID (repeatable).")
    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """List the links the engine was unsure of; accept or reject them by id."""
    with _open(workspace) as ws:
        for rid in accept or []:
            r = ws.control.resolve_review(rid, accept=True)
            console.print(f"accepted {rid}: {r.item} → {r.product_id}")
        for rid in reject or []:
            r = ws.control.resolve_review(rid, accept=False)
            console.print(f"rejected {rid}: {r.item} ↛ {r.product_id}")
        t = Table("id", "item", "candidate", "method", "confidence", "name", title="Open reviews")
        for r in ws.control.reviews():
            t.add_row(
                str(r.id),
                r.item,
                r.product_id,
                r.method,
                f"{r.confidence:.2f}",
                str(r.details.get("name", "")),
            )
        console.print(t)


@match_app.command("explain")
def match_explain(item: ItemArg, workspace: WorkspaceOpt = None) -> None:
    """Why an item links where it does: each stage's verdict, what agreed, the score."""
    from svodka.pipeline.matching import explain

    with _open(workspace) as ws:
        console.print(explain(ws, item), markup=False)


@match_app.command("files")
def match_files_cmd(
    catalog: Annotated[
        Path, typer.Option("--catalog", help="Reference products: CSV or .xlsx with a header.")
    ],
    offers: Annotated[Path, typer.Option("--offers", help="Items to link: CSV or .xlsx with a header.")],
    out: Annotated[
        Path, typer.Option("--out", help="Output CSV: offer_id,product_id,method,confidence,status.")
    ],
    catalog_columns: Annotated[
        str | None,
        typer.Option(
            "--catalog-columns", help="FIELD=COLUMN,… e.g. id=sku,name=title,barcode=ean,article=art."
        ),
    ] = None,
    offers_columns: Annotated[
        str | None,
        typer.Option("--offers-columns", help="FIELD=COLUMN,… for the offers file (id, name required)."),
    ] = None,
) -> None:
    """Match the offers of one file against the catalogue of another; the warehouse is not touched."""
    from svodka.identity.files import match_files, parse_columns

    res = match_files(
        catalog,
        offers,
        out,
        parse_columns(catalog_columns, "--catalog-columns"),
        parse_columns(offers_columns, "--offers-columns"),
    )
    t = Table("method", "links")
    for method, n in sorted(res.by_method.items(), key=lambda kv: -kv[1]):
        t.add_row(method, str(n))
    console.print(t)
    s = res.by_status
    console.print(
        f"{res.offers_rows} offers against {res.catalog_rows} products in {res.seconds:.1f} s: "
        f"auto {s.get('auto', 0)}, review {s.get('review', 0)}, none {s.get('none', 0)} → {out}"
    )


def main() -> None:
    """Entry point: run the app, turning Svodka errors into a clear message and exit code 1."""
    try:
        app()
    except SvodkaError as e:
        err.print("[bold red]Error:[/]", markup=True, end=" ")
        err.print(str(e), markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)


if __name__ == "__main__":
    main()
