from pathlib import Path

import pytest

from svodka.config import find_workspace, load_settings, validate_base_url
from svodka.errors import ConfigError, WorkspaceError
from svodka.pipeline.connectors import check_hosts


@pytest.mark.parametrize(
    "bad", ["127.0.0.1:9000", "statistics-api.wildberries.ru", "ftp://x", "http://", "http://h/?q=1"]
)
def test_malformed_base_urls_are_refused(bad: str) -> None:
    with pytest.raises(ConfigError, match=r"not a valid base URL|query string"):
        validate_base_url(bad)


def test_base_url_keeps_path_prefix_and_drops_trailing_slash() -> None:
    assert (
        validate_base_url("http://127.0.0.1:9000/wb/statistics-api/")
        == "http://127.0.0.1:9000/wb/statistics-api"
    )


def test_unknown_host_family_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown host family 'statistic-api'"):
        check_hosts("wb", {"statistic-api": "http://127.0.0.1:1"})


def _ws(tmp_path: Path, text: str) -> Path:
    (tmp_path / "svodka.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_settings_from_file_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = _ws(
        tmp_path,
        '[sources.wb]\nrate_limit_scale = 0.5\n[sources.wb.hosts]\n"statistics-api" = "http://127.0.0.1:9/x"\n',
    )
    s = load_settings(ws)
    assert s.source("wb").rate_limit_scale == 0.5
    assert s.source("wb").hosts == {"statistics-api": "http://127.0.0.1:9/x"}
    assert s.warehouse_dsn == f"chdb://{ws / 'data' / 'warehouse'}"
    assert s.control_url == f"sqlite:///{ws / 'data' / 'control.db'}"
    monkeypatch.setenv("SVODKA_WAREHOUSE__DSN", "http://default:@clickhouse:8123/svodka")
    assert load_settings(ws).warehouse_dsn == "http://default:@clickhouse:8123/svodka"


def test_malformed_host_in_file_names_the_setting(tmp_path: Path) -> None:
    ws = _ws(tmp_path, '[sources.wb.hosts]\n"statistics-api" = "127.0.0.1:9000"\n')
    with pytest.raises(ConfigError, match="statistics-api"):
        load_settings(ws)


def test_workspace_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(WorkspaceError, match="svodka init"):
        find_workspace(tmp_path)
    ws = _ws(tmp_path, "")
    monkeypatch.setenv("SVODKA_WORKSPACE", str(ws))
    assert find_workspace() == ws.resolve()


def test_bad_toml_points_at_the_file(tmp_path: Path) -> None:
    ws = _ws(tmp_path, "[warehouse\n")
    with pytest.raises(ConfigError, match=r"svodka\.toml"):
        load_settings(ws)
