"""Settings: `svodka.toml` in the workspace, overridden by `SVODKA_*` environment variables.

A workspace is a folder holding `svodka.toml` and `data/` (the chDB warehouse, the
lake, the SQLite control DB and the key file). Commands find it from `--workspace`,
then `SVODKA_WORKSPACE`, then the current folder.

Environment variables use `__` for nesting, e.g.
``SVODKA_WAREHOUSE__DSN=http://user:pass@clickhouse:8123/svodka`` or
``SVODKA_SOURCES__WB__RATE_LIMIT_SCALE=0``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Collection
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from svodka.errors import ConfigError, WorkspaceError

CONFIG_FILE = "svodka.toml"


def validate_base_url(url: str, *, what: str = "host") -> str:
    """Return `url` without a trailing slash, or raise ConfigError if it is not an http(s) URL."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"{what}: {url!r} is not a valid base URL",
            hint="Give a full URL with scheme and host, e.g. http://127.0.0.1:9000 or https://statistics-api.wildberries.ru",
        )
    if parts.query or parts.fragment:
        raise ConfigError(f"{what}: {url!r} must not carry a query string or fragment")
    return url.strip().rstrip("/")


def validate_hosts(source: str, hosts: dict[str, str], families: Collection[str] = ()) -> dict[str, str]:
    """Check every URL's shape and, when `families` is given, the host-family names."""
    out: dict[str, str] = {}
    for family, url in hosts.items():
        if families and family not in families:
            raise ConfigError(
                f"unknown host family {family!r} for source {source!r}",
                hint=f"Known families: {', '.join(sorted(families))}",
            )
        out[family] = validate_base_url(url, what=f"sources.{source}.hosts.{family}")
    return out


class WarehouseSettings(BaseModel):
    """Where the warehouse lives: ``chdb:///abs/path`` (embedded) or ``http(s)://…`` (ClickHouse server)."""

    dsn: str = "chdb://data/warehouse"


class ControlSettings(BaseModel):
    """SQLAlchemy URL of the control DB (SQLite by default, PostgreSQL in production)."""

    url: str = "sqlite:///data/control.db"


class LakeSettings(BaseModel):
    """Folder (relative to the workspace or absolute) where raw answers are archived."""

    path: str = "data/lake"
    # Level 1: a sync gzips gigabytes of JSON; level 3 costs twice the CPU for ~10% less disk.
    gzip_level: int = Field(default=1, ge=1, le=9)


class SourceSettings(BaseModel):
    """Per-source defaults; a connection may override hosts and options."""

    hosts: dict[str, str] = Field(default_factory=dict)
    rate_limit_scale: float = Field(default=1.0, ge=0)
    history_days: int = Field(default=90, ge=1)
    options: dict[str, Any] = Field(default_factory=dict)

    @field_validator("hosts")
    @classmethod
    def _urls(cls, v: dict[str, str]) -> dict[str, str]:
        return {k: validate_base_url(u, what=f"hosts.{k}") for k, u in v.items()}


class SupplierSettings(BaseModel):
    """Per-supplier price-list settings (``[pricelists.suppliers."<name>"]``)."""

    stale_after_days: float | None = Field(default=None, gt=0)


class PriceListSettings(BaseModel):
    """Supplier price lists: file limits, staleness, the drop folder and workspace layout profiles.

    `layouts` holds ``[pricelists.layouts.<name>]`` tables as written; the price-list package
    validates them (svodka/sources/pricelists/profiles.py), so a bad profile names its key.
    """

    max_file_mb: float = Field(default=50, gt=0)
    max_rows: int = Field(default=1_000_000, ge=1)
    stale_after_days: float = Field(default=7, gt=0)
    drop_folder: str = "pricelists"
    suppliers: dict[str, SupplierSettings] = Field(default_factory=dict)
    layouts: dict[str, dict[str, Any]] = Field(default_factory=dict)


class Settings(BaseSettings):
    """All settings of one workspace."""

    model_config = SettingsConfigDict(env_prefix="SVODKA_", env_nested_delimiter="__", extra="ignore")

    workspace: Path = Path(".")
    warehouse: WarehouseSettings = Field(default_factory=WarehouseSettings)
    control: ControlSettings = Field(default_factory=ControlSettings)
    lake: LakeSettings = Field(default_factory=LakeSettings)
    sources: dict[str, SourceSettings] = Field(default_factory=dict)
    pricelists: PriceListSettings = Field(default_factory=PriceListSettings)
    secret_key: str | None = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Environment wins over the file, the file (passed as init kwargs) over defaults.
        return (env_settings, init_settings)

    def source(self, name: str) -> SourceSettings:
        """Settings of one source, defaults when the file has none."""
        return self.sources.get(name) or SourceSettings()

    # Paths -------------------------------------------------------------------

    def resolve(self, path: str | Path) -> Path:
        """A path from the settings, relative to the workspace unless absolute."""
        p = Path(path)
        return p if p.is_absolute() else (self.workspace / p).resolve()

    @property
    def data_dir(self) -> Path:
        return self.workspace / "data"

    @property
    def lake_path(self) -> Path:
        return self.resolve(self.lake.path)

    @property
    def key_file(self) -> Path:
        return self.data_dir / "secret.key"

    @property
    def warehouse_dsn(self) -> str:
        """The DSN with a chDB path made absolute against the workspace."""
        dsn = self.warehouse.dsn
        if dsn.startswith("chdb://"):
            return "chdb://" + str(self.resolve(dsn.removeprefix("chdb://")))
        return dsn

    @property
    def control_url(self) -> str:
        """The control DB URL with a relative SQLite path made absolute against the workspace."""
        url = self.control.url
        if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
            return "sqlite:///" + str(self.resolve(url.removeprefix("sqlite:///")))
        return url


def find_workspace(explicit: str | Path | None = None) -> Path:
    """The workspace folder: `explicit`, else SVODKA_WORKSPACE, else the current folder."""
    raw = explicit or os.environ.get("SVODKA_WORKSPACE") or "."
    ws = Path(raw).expanduser().resolve()
    if not (ws / CONFIG_FILE).is_file():
        raise WorkspaceError(
            f"no Svodka workspace at {ws} (no {CONFIG_FILE})",
            hint="Run `svodka init` there, or pass --workspace DIR / set SVODKA_WORKSPACE.",
        )
    return ws


def load_settings(workspace: str | Path | None = None) -> Settings:
    """Read `svodka.toml` of the workspace and apply `SVODKA_*` overrides."""
    ws = find_workspace(workspace)
    try:
        data = tomllib.loads((ws / CONFIG_FILE).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{ws / CONFIG_FILE}: {e}", hint="Fix the TOML syntax at that line.") from e
    data.pop("workspace", None)
    try:
        settings = Settings(**data)
    except ValueError as e:
        raise ConfigError(f"{ws / CONFIG_FILE}: {e}") from e
    settings.workspace = ws
    return settings


DEFAULT_CONFIG = """\
# Svodka workspace settings. Every key can be overridden with an environment variable:
# SVODKA_<SECTION>__<KEY>, e.g. SVODKA_WAREHOUSE__DSN=http://default:@clickhouse:8123/default

[warehouse]
# chdb://PATH (embedded ClickHouse, relative to this folder) or http(s)://user:password@host:8123/database
dsn = "chdb://data/warehouse"

[control]
# sqlite:///PATH (relative to this folder) or postgresql+psycopg://user:password@host:5432/db
url = "sqlite:///data/control.db"

[lake]
path = "data/lake"

[sources.wb]
# 1.0 keeps Wildberries' documented per-method limits; 0 turns client-side throttling off.
rate_limit_scale = 1.0
history_days = 90

# Override API hosts (a proxy, a test server), one entry per host family:
# [sources.wb.hosts]
# "statistics-api" = "http://127.0.0.1:9000/wb/statistics-api"

[sources.ozon]
# Ozon Seller API: 1.0 keeps Ozon's limits (50 requests a second per Client-Id).
rate_limit_scale = 1.0
history_days = 90

[sources.ozon_perf]
# Ozon Performance (advertising) API.
rate_limit_scale = 1.0
history_days = 90
"""
