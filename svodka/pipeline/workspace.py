"""A workspace: its settings, and its control DB, lake and warehouse opened on demand."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from svodka.config import CONFIG_FILE, DEFAULT_CONFIG, Settings, load_settings
from svodka.control.crypto import SecretBox, ensure_key_file
from svodka.control.store import ControlStore
from svodka.errors import WorkspaceError
from svodka.lake.store import Lake
from svodka.warehouse.client import Warehouse, connect
from svodka.warehouse.migrations import migrate


def init_workspace(directory: str | Path, config_text: str = DEFAULT_CONFIG) -> Path:
    """Create a workspace in `directory` (svodka.toml, data/, the key file); keep what exists."""
    ws = Path(directory).expanduser().resolve()
    ws.mkdir(parents=True, exist_ok=True)
    cfg = ws / CONFIG_FILE
    if not cfg.exists():
        cfg.write_text(config_text, encoding="utf-8")
    (ws / "data").mkdir(exist_ok=True)
    if not os.environ.get("SVODKA_SECRET_KEY"):
        ensure_key_file(ws / "data" / "secret.key")
    w = Workspace(load_settings(ws))
    try:
        w.control  # noqa: B018 - opening migrates the control DB
        w.warehouse  # noqa: B018 - opening migrates the warehouse
    finally:
        w.close()
    return ws


class Workspace:
    """Everything one workspace owns; close() releases the chDB path for other processes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @classmethod
    def open(cls, path: str | Path | None = None) -> Workspace:
        """The workspace at `path`, SVODKA_WORKSPACE or the current folder."""
        return cls(load_settings(path))

    @property
    def root(self) -> Path:
        return self.settings.workspace

    @cached_property
    def secrets(self) -> SecretBox:
        key = self.settings.secret_key or os.environ.get("SVODKA_SECRET_KEY")
        if key:
            return SecretBox(key, origin="SVODKA_SECRET_KEY")
        if not self.settings.key_file.exists():
            raise WorkspaceError(
                f"no secret key: {self.settings.key_file} is missing and SVODKA_SECRET_KEY is not set",
                hint="Restore the key file the tokens were encrypted with, or set SVODKA_SECRET_KEY.",
            )
        return SecretBox.from_key_file(self.settings.key_file, create=False)

    @cached_property
    def control(self) -> ControlStore:
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        return ControlStore(self.settings.control_url, self.secrets).open()

    @cached_property
    def lake(self) -> Lake:
        return Lake(self.settings.lake_path, self.settings.lake.gzip_level)

    @cached_property
    def warehouse(self) -> Warehouse:
        wh = connect(self.settings.warehouse_dsn)
        migrate(wh)
        return wh

    def close(self) -> None:
        """Close whatever was opened."""
        if "warehouse" in self.__dict__:
            self.__dict__.pop("warehouse").close()
        if "control" in self.__dict__:
            self.__dict__.pop("control").close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
