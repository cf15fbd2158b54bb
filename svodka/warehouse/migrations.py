"""Versioned warehouse migrations: numbered SQL files applied once, in order.

Each file in `schema/` is `NNNN_name.sql`; statements are separated by a line
that ends with `;`. Applied versions are recorded in `meta.schema_migrations` with
the file's checksum, so an edited, already-applied migration is refused instead of
silently diverging between installations.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources

from svodka.errors import WarehouseError
from svodka.warehouse.client import Warehouse


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def split_statements(sql: str) -> list[str]:
    """Split a SQL script on `;` at line ends, dropping comment-only chunks."""
    out, buf = [], []
    for line in sql.splitlines():
        buf.append(line)
        if line.rstrip().endswith(";"):
            stmt = "\n".join(buf).strip().rstrip(";").strip()
            buf = []
            if any(ln.strip() and not ln.strip().startswith("--") for ln in stmt.splitlines()):
                out.append(stmt)
    tail = "\n".join(buf).strip()
    if any(ln.strip() and not ln.strip().startswith("--") for ln in tail.splitlines()):
        out.append(tail)
    return out


def available() -> list[Migration]:
    """All migrations shipped with the package, by version."""
    found = []
    for f in resources.files("svodka.warehouse.schema").iterdir():
        if f.name.endswith(".sql"):
            num, _, rest = f.name.partition("_")
            found.append(Migration(int(num), rest.removesuffix(".sql"), f.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise WarehouseError(f"duplicate warehouse migration versions: {versions}")
    return found


def migrate(wh: Warehouse) -> list[Migration]:
    """Apply every migration not applied yet; return those applied now."""
    wh.command("CREATE DATABASE IF NOT EXISTS meta")
    wh.command(
        "CREATE TABLE IF NOT EXISTS meta.schema_migrations (version UInt32, name String, checksum String,"
        " applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY version"
    )
    applied = {v: c for v, c in wh.rows("SELECT version, checksum FROM meta.schema_migrations")}
    done = []
    for m in available():
        if m.version in applied:
            if applied[m.version] != m.checksum:
                raise WarehouseError(
                    f"warehouse migration {m.version:04d}_{m.name} changed after it was applied",
                    hint="Never edit an applied migration: add a new numbered one instead.",
                )
            continue
        for stmt in split_statements(m.sql):
            wh.command(stmt)
        wh.insert(
            "meta.schema_migrations", [(m.version, m.name, m.checksum)], ["version", "name", "checksum"]
        )
        done.append(m)
    return done
