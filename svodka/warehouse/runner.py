"""A small model runner: SQL models by layer, built in dependency order.

A model is `models/<layer>/<name>.sql` and builds `<layer>.<name>`. Its header holds
`-- key: value` lines:

- ``materialized``: ``view`` (default for raw), ``table`` (rebuilt in a side table and
  swapped in with EXCHANGE TABLES, so readers never see it half-built) or
  ``incremental`` (partitioned table; only partitions whose content changed are
  replaced with REPLACE PARTITION, the others are left untouched).
- ``engine``: the table engine clause, e.g. ``MergeTree ORDER BY (date) PARTITION BY toYYYYMM(date)``.
- ``partition_by``: the partition expression (required for incremental).
- ``depends_on``: extra dependencies, comma separated (references in the SQL are found
  automatically).

dbt cannot target chDB (see DESIGN.md), which is why this runner exists; it stays
small on purpose.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from importlib import resources

from svodka.errors import ModelError
from svodka.warehouse.client import Warehouse

LAYERS = ("raw", "ods", "dwh", "marts")
_REF = re.compile(r"\b(raw|ods|dwh|marts)\.([A-Za-z_][A-Za-z0-9_]*)\b")
_HEADER = re.compile(r"^--\s*([a-z_]+)\s*:\s*(.+?)\s*$")


@dataclass
class Model:
    name: str  # layer.table
    sql: str
    materialized: str = "table"
    engine: str = "MergeTree ORDER BY tuple()"
    partition_by: str | None = None
    depends_on: set[str] = field(default_factory=set)

    @property
    def layer(self) -> str:
        return self.name.split(".")[0]


def parse_model(name: str, text: str) -> Model:
    """Read a model's header and body."""
    header: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m:
            header[m.group(1)] = m.group(2)
        elif line.strip() and not line.strip().startswith("--"):
            break
    layer = name.split(".")[0]
    mat = header.get("materialized", "view" if layer == "raw" else "table")
    if mat not in ("view", "table", "incremental"):
        raise ModelError(f"model {name}: unknown materialization {mat!r}")
    model = Model(name=name, sql=text.strip().rstrip(";"), materialized=mat)
    if "engine" in header:
        model.engine = header["engine"]
    model.partition_by = header.get("partition_by")
    if mat == "incremental" and not model.partition_by:
        raise ModelError(f"model {name}: incremental models need a `-- partition_by:` line")
    refs = {f"{a}.{b}" for a, b in _REF.findall(_strip_comments(text))}
    extra = {d.strip() for d in header.get("depends_on", "").split(",") if d.strip()}
    model.depends_on = (refs | extra) - {name}
    return model


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def load_models(package: str = "svodka.warehouse.models") -> dict[str, Model]:
    """Every model shipped in the package, by name; dependencies restricted to known models."""
    models: dict[str, Model] = {}
    root = resources.files(package)
    for layer in LAYERS:
        d = root / layer
        if not d.is_dir():
            continue
        for f in sorted(d.iterdir(), key=lambda p: p.name):
            if f.name.endswith(".sql"):
                name = f"{layer}.{f.name.removesuffix('.sql')}"
                models[name] = parse_model(name, f.read_text(encoding="utf-8"))
    for m in models.values():
        m.depends_on &= set(models)
    return models


def order(models: dict[str, Model]) -> list[str]:
    """Model names in dependency order (layers first, then names, for a stable order)."""
    ts = TopologicalSorter({n: m.depends_on for n, m in models.items()})
    try:
        ts.prepare()
    except CycleError as e:
        raise ModelError(f"models depend on each other in a cycle: {e.args[1]}") from e
    out: list[str] = []
    while ts.is_active():
        ready = sorted(ts.get_ready(), key=lambda n: (LAYERS.index(n.split(".")[0]), n))
        out.extend(ready)
        ts.done(*ready)
    return out


def select(models: dict[str, Model], selector: str | None) -> list[str]:
    """Names chosen by a selector, in build order.

    ``None`` → all; ``dwh`` → a whole layer; ``ods.wb_orders`` (or ``wb_orders``) → one model;
    a trailing ``+`` adds everything downstream, a leading ``+`` everything upstream.
    """
    ordered = order(models)
    if not selector:
        return ordered
    chosen: set[str] = set()
    for part in selector.split(","):
        part = part.strip()
        up, down = part.startswith("+"), part.endswith("+")
        core = part.strip("+")
        if core in LAYERS:
            base = {n for n in models if n.startswith(core + ".")}
        else:
            base = {n for n in models if n == core or n.split(".", 1)[1] == core}
        if not base:
            raise ModelError(f"no model matches {part!r}", hint="`svodka build --list` shows the models.")
        chosen |= base
        if down:
            chosen |= _closure(base, {n: {d for d in models if n in models[d].depends_on} for n in models})
        if up:
            chosen |= _closure(base, {n: models[n].depends_on for n in models})
    return [n for n in ordered if n in chosen]


def _closure(start: set[str], edges: dict[str, set[str]]) -> set[str]:
    seen, todo = set(start), list(start)
    while todo:
        for nxt in edges[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def materialize(wh: Warehouse, model: Model) -> int:
    """Build one model; return its row count (0 for views)."""
    db, table = model.name.split(".")
    if model.materialized == "view":
        wh.command(f"CREATE OR REPLACE VIEW {model.name} AS\n{model.sql}")
        return 0
    side = f"{db}.{table}__new"
    wh.command(f"DROP TABLE IF EXISTS {side}")
    engine = model.engine
    if model.partition_by and "PARTITION BY" not in engine.upper():
        engine = f"{engine} PARTITION BY {model.partition_by}"
    wh.command(f"CREATE TABLE {side} ENGINE = {engine} AS\n{model.sql}")
    if not wh.table_exists(model.name):
        wh.command(f"RENAME TABLE {side} TO {model.name}")
    elif model.materialized == "incremental" and _same_columns(wh, side, model.name):
        _replace_changed_partitions(wh, side, model.name)
        wh.command(f"DROP TABLE {side}")
    else:
        wh.command(f"EXCHANGE TABLES {side} AND {model.name}")
        wh.command(f"DROP TABLE {side}")
    return int(wh.scalar(f"SELECT count() FROM {model.name}") or 0)


def _same_columns(wh: Warehouse, a: str, b: str) -> bool:
    def cols(t: str) -> list[tuple]:
        db, name = t.split(".")
        return wh.rows(
            "SELECT name, type FROM system.columns"
            " WHERE database = {d:String} AND table = {t:String} ORDER BY position",
            {"d": db, "t": name},
        )

    return cols(a) == cols(b)


def _partition_digests(wh: Warehouse, table: str) -> dict[str, tuple[int, int]]:
    rows = wh.rows(
        f"SELECT _partition_id, count(), groupBitXor(cityHash64(*)) FROM {table} GROUP BY _partition_id"
    )
    return {p: (c, h) for p, c, h in rows}


def _replace_changed_partitions(wh: Warehouse, side: str, target: str) -> None:
    new, old = _partition_digests(wh, side), _partition_digests(wh, target)
    for pid, digest in new.items():
        if old.get(pid) != digest:
            wh.command(f"ALTER TABLE {target} REPLACE PARTITION ID '{pid}' FROM {side}")
    for pid in old.keys() - new.keys():
        wh.command(f"ALTER TABLE {target} DROP PARTITION ID '{pid}'")


@dataclass
class ModelResult:
    name: str
    materialized: str
    rows: int
    seconds: float
    error: str = ""


def build(
    wh: Warehouse,
    names: Iterable[str],
    models: dict[str, Model],
    build_id: str,
    on_done: Callable[[ModelResult], None] | None = None,
) -> list[ModelResult]:
    """Build `names` in the given order; stop at the first failure (re-raised as ModelError)."""
    results = []
    for name in names:
        m = models[name]
        t0 = time.perf_counter()
        try:
            rows = materialize(wh, m)
        except Exception as e:
            res = ModelResult(name, m.materialized, 0, time.perf_counter() - t0, str(e))
            _record(wh, build_id, res)
            raise ModelError(f"model {name} failed: {e}") from e
        res = ModelResult(name, m.materialized, rows, time.perf_counter() - t0)
        _record(wh, build_id, res)
        results.append(res)
        if on_done:
            on_done(res)
    return results


def _record(wh: Warehouse, build_id: str, r: ModelResult) -> None:
    wh.insert(
        "meta.model_runs",
        [(build_id, r.name, r.materialized, "failed" if r.error else "ok", r.rows, r.seconds, r.error)],
        ["build_id", "model", "materialized", "status", "row_count", "seconds", "error"],
    )
