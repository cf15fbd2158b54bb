"""The two lake → raw paths (embedded file() reads, server-style landing inserts) agree."""

from __future__ import annotations

from svodka.pipeline.build import build
from svodka.pipeline.load import load_entries

from .conftest import ALL_TABLES, Env


def test_file_and_landing_paths_build_the_same_warehouse(env: Env) -> None:
    now = env.now()
    env.sync(now)
    build(env.wh, "files")
    via_files = {t: env.data_checksum(t) for t in ALL_TABLES}
    records = env.checksum("raw.records")

    env.wh.command("TRUNCATE TABLE raw.records")
    for run in env.ws.lake.runs():
        load_entries(env.wh, env.ws.lake, env.ws.lake.entries(run), via_files=False)
    assert env.checksum("raw.records")[0] == records[0]
    build(env.wh, "landing")
    assert {t: env.data_checksum(t) for t in ALL_TABLES} == via_files
