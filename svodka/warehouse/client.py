"""The one factory for warehouse connections.

DSN forms (the `[warehouse] dsn` setting):

- ``chdb:///abs/path/to/warehouse`` — embedded ClickHouse (chDB) in this process. chDB
  allows one owner process per path; a second process gets a clear WorkspaceError.
- ``http://user:password@host:8123/database`` or ``https://…`` — a ClickHouse server
  (or a cluster's load balancer) through clickhouse-connect's HTTP interface.

Every migration and model runs unchanged on both; errors from the driver are wrapped
once into WarehouseError, keeping ClickHouse's numeric error code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import clickhouse_connect
from clickhouse_connect.driver.client import Client
from clickhouse_connect.driver.exceptions import ClickHouseError

from svodka.errors import WarehouseError, WorkspaceError

_CODE = re.compile(r"Code: (\d+)")


def _wrap(e: Exception, sql: str = "") -> WarehouseError:
    msg = str(e)
    m = _CODE.search(msg)
    head = sql.strip().splitlines()[0][:120] if sql.strip() else ""
    return WarehouseError(f"{msg}\n  in: {head}" if head else msg, code=int(m.group(1)) if m else None)


class Warehouse:
    """A thin wrapper over a clickhouse-connect client with Svodka's error handling."""

    def __init__(self, client: Client, dsn: str) -> None:
        self._client = client
        self.dsn = dsn
        self.embedded = dsn.startswith("chdb://")

    def command(self, sql: str, parameters: dict[str, Any] | None = None) -> Any:
        """Run a statement that returns no rows (DDL, INSERT … SELECT)."""
        try:
            return self._client.command(sql, parameters=parameters)
        except ClickHouseError as e:
            raise _wrap(e, sql) from e

    def rows(self, sql: str, parameters: dict[str, Any] | None = None) -> list[tuple]:
        """Run a query and return its rows as tuples."""
        return self.query(sql, parameters).result_rows

    def query(self, sql: str, parameters: dict[str, Any] | None = None):
        """Run a query and return clickhouse-connect's QueryResult (column_names, result_rows…)."""
        try:
            return self._client.query(sql, parameters=parameters)
        except ClickHouseError as e:
            raise _wrap(e, sql) from e

    def scalar(self, sql: str, parameters: dict[str, Any] | None = None) -> Any:
        """The first column of the first row, or None."""
        r = self.rows(sql, parameters)
        return r[0][0] if r else None

    def insert(self, table: str, rows: Sequence[Sequence[Any]], column_names: Sequence[str]) -> None:
        """Insert rows (a list of row tuples) into `table`."""
        if not rows:
            return
        try:
            self._client.insert(table, rows, column_names=list(column_names))
        except ClickHouseError as e:
            raise _wrap(e, f"INSERT INTO {table}") from e

    def table_exists(self, qualified: str) -> bool:
        """True if `db.table` exists (table, view or materialized view)."""
        db, _, name = qualified.partition(".")
        return bool(
            self.scalar(
                "SELECT count() FROM system.tables WHERE database = {db:String} AND name = {name:String}",
                {"db": db, "name": name},
            )
        )

    def close(self) -> None:
        """Release the connection; for chDB this frees the path for another process or workspace."""
        self._client.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Large sorts and aggregations (ods deduplication over millions of wide rows) spill to disk
# instead of growing the process: in embedded mode ClickHouse's memory is the CLI's memory.
# Measured with bench/ingest.py (BENCHMARKS.md, 2026-11-22): the build's peak fell from
# 12.4 GB to about 3 GB at 365 days and stays near it at 90, for ~10 % more build CPU.
# - The ratio settings must be 0: by default (ratio 0.5) ClickHouse spills a sort or
#   GROUP BY only once the whole query uses half of the server's memory (~11 GB on a 24 GB
#   machine), so the byte limits alone did nothing.
# - optimize_read_in_order = 0: the ods models ORDER BY account, … … LIMIT 1 BY, and account
#   is a prefix of raw.records' key; read-in-order then sorts in FinishSortingTransform,
#   which keeps a whole account's rows in memory and never spills. A full sort spills.
# - prefer_external_sort_block_bytes, min_insert_block_size_bytes: smaller blocks when the
#   spilled runs are merged back and when wide rows are squashed for INSERT … SELECT.
# A server without a setting rejects it: these need a ClickHouse recent enough to have the
# ratio settings (chDB 4.4 embeds 26.9).
SESSION_SETTINGS = {
    "max_bytes_before_external_sort": 500_000_000,
    "max_bytes_ratio_before_external_sort": 0,
    "max_bytes_before_external_group_by": 1_000_000_000,
    "max_bytes_ratio_before_external_group_by": 0,
    "optimize_read_in_order": 0,
    "prefer_external_sort_block_bytes": 4 * 1024 * 1024,
    "min_insert_block_size_bytes": 64 * 1024 * 1024,
}


def connect(dsn: str) -> Warehouse:
    """Open the warehouse at `dsn` (see the module docstring for the forms)."""
    if not (dsn.startswith("chdb://") or dsn.startswith("http://") or dsn.startswith("https://")):
        raise WarehouseError(
            f"unsupported warehouse DSN {dsn!r}",
            hint="Use chdb:///absolute/path for the embedded engine or http(s)://host:8123/db for a server.",
        )
    try:
        client = clickhouse_connect.get_client(dsn=dsn, settings=SESSION_SETTINGS)
    except Exception as e:  # the chDB engine raises several types while initialising
        msg = str(e)
        if "EmbeddedServer" in msg or "Unable to open the chdb engine" in msg:
            raise WorkspaceError(
                f"the embedded warehouse {dsn} is held by another process or workspace",
                hint="Stop the other Svodka process (for example `svodka serve`) or use its API, then retry.",
            ) from e
        raise _wrap(e) from e
    return Warehouse(client, dsn)
