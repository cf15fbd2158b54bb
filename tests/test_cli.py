"""The `svodka` command as a user runs it (a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from svodka.pipeline.workspace import Workspace

SVODKA = str(Path(sys.executable).with_name("svodka"))
TOKEN = "eyJhbGciOiJIUzI1NiJ9.secret-part-of-the-token.signature"


def run(*args: str, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run(
        [SVODKA, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"},
    )
    assert (p.returncode == 0) == ok, p.stdout + p.stderr
    return p


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    run("init", str(tmp_path / "ws"), cwd=tmp_path)
    return tmp_path / "ws"


def test_init_connect_and_list_with_the_token_masked(ws: Path) -> None:
    assert (ws / "svodka.toml").is_file()
    assert (ws / "data" / "secret.key").stat().st_mode & 0o777 == 0o600
    run(
        "connect",
        "wb",
        "--name",
        "main",
        "--token",
        TOKEN,
        "--host",
        "statistics-api=http://127.0.0.1:9/wb/statistics-api",
        cwd=ws,
    )
    out = run("connections", cwd=ws).stdout
    assert "wb" in out and "main" in out and "statistics-api=http://127.0.0.1:9/wb/statistics-api" in out
    assert TOKEN not in out and "secret-part" not in out
    assert TOKEN.encode() not in (ws / "data" / "control.db").read_bytes()


def test_ozon_connections_keep_the_client_id_visible_and_the_secrets_encrypted(ws: Path) -> None:
    api_key = "3f2a9c1e-8b7d-4e6f-a5c4-0d1e2f3a4b5c"
    secret = "perf-secret-abcdefghijklmnopqrstuvwxyz"
    run("connect", "ozon", "--name", "main", "--client-id", "123456", "--api-key", api_key, cwd=ws)
    run(
        "connect",
        "ozon-perf",
        "--name",
        "main",
        "--client-id",
        "7-1@advertising.performance.ozon.ru",
        "--client-secret",
        secret,
        "--host",
        "api-performance=http://127.0.0.1:9/ozon/api-performance",
        cwd=ws,
    )
    out = run("connections", cwd=ws).stdout
    assert "ozon" in out and "ozon_perf" in out and "123456" in out
    assert "7-1@advertising.performance.ozon.ru" in out
    db = (ws / "data" / "control.db").read_bytes()
    for s in (api_key, secret):
        assert s not in out and s.encode() not in db
    # a family the source does not have is refused, naming the ones it has
    p = run(
        "connect", "ozon", "--name", "x", "--client-id", "1", "--api-key", api_key,
        "--host", "statistics-api=http://127.0.0.1:9", cwd=ws, ok=False,
    )  # fmt: skip
    assert "api-seller" in p.stderr and "Traceback" not in p.stderr


def test_a_scheme_less_host_is_refused_with_a_clear_message(ws: Path) -> None:
    p = run(
        "connect",
        "wb",
        "--name",
        "main",
        "--token",
        TOKEN,
        "--host",
        "statistics-api=127.0.0.1:9000",
        cwd=ws,
        ok=False,
    )
    assert "not a valid base URL" in p.stderr and "http://" in p.stderr
    assert "Traceback" not in p.stderr


def test_commands_outside_a_workspace_say_what_to_do(tmp_path: Path) -> None:
    p = run("connections", cwd=tmp_path, ok=False)
    assert "svodka init" in p.stderr and "Traceback" not in p.stderr


def test_sql_formats(ws: Path) -> None:
    q = "SELECT number AS n, toString(number * 2) AS s FROM numbers(3)"
    rows = json.loads(run("sql", q, "--format", "json", cwd=ws).stdout)
    assert rows == [{"n": 0, "s": "0"}, {"n": 1, "s": "2"}, {"n": 2, "s": "4"}]
    assert run("sql", q, "--format", "csv", cwd=ws).stdout.splitlines() == ["n,s", "0,0", "1,2", "2,4"]
    assert "│" in run("sql", q, cwd=ws).stdout


def test_a_held_warehouse_gives_a_clear_error(ws: Path) -> None:
    with Workspace.open(ws) as held:
        held.warehouse  # noqa: B018 - this process now owns the embedded warehouse
        p = run("sql", "SELECT 1", cwd=ws, ok=False)
    assert "held by another process" in p.stderr and "Traceback" not in p.stderr


def test_demo_runs_end_to_end_and_writes_the_report(tmp_path: Path) -> None:
    p = run(
        "demo", "--dir", str(tmp_path / "demo"), "--no-serve", "--skus", "30", "--days", "30", cwd=tmp_path
    )
    assert "Checks: all passed" in p.stdout, p.stdout[-3000:]
    [report] = (tmp_path / "demo" / "reports").glob("*.xlsx")
    wb = openpyxl.load_workbook(report)
    assert "Юнит-экономика" in wb.sheetnames and wb["Продажи по дням"].max_row > 1
    assert wb["Реклама"].max_row > 1 and wb["ОПиУ"].max_row > 1 and wb["ABC-XYZ"].max_row > 1
    assert "Wildberries:" in p.stdout and "Ozon:" in p.stdout
    # a second demo in the same folder reuses the workspace and still passes
    p = run(
        "demo", "--dir", str(tmp_path / "demo"), "--no-serve", "--skus", "30", "--days", "30", cwd=tmp_path
    )
    assert "Checks: all passed" in p.stdout
