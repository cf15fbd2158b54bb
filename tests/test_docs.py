"""The README stays true: every command and every setting it should mention is there."""

from __future__ import annotations

from pathlib import Path

import typer.main

from svodka.cli import app
from svodka.config import ControlSettings, LakeSettings, SourceSettings, WarehouseSettings
from svodka.sources.ozon import HOST_FAMILIES as OZON_HOSTS
from svodka.sources.ozon_perf import HOST_FAMILIES as OZON_PERF_HOSTS
from svodka.sources.wb import HOST_FAMILIES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    click_group = typer.main.get_group(group)
    out = []
    for name, cmd in click_group.commands.items():
        if hasattr(cmd, "commands"):
            out += [f"{prefix}{name} {sub}" for sub in cmd.commands]
        else:
            out.append(f"{prefix}{name}")
    return out


def test_every_command_is_in_the_readme() -> None:
    missing = [c for c in _commands(app) if f"svodka {c}" not in README]
    assert not missing, f"README.md does not mention: {missing}"


def test_every_setting_is_in_the_readme() -> None:
    settings = [f"[warehouse] {k}" for k in WarehouseSettings.model_fields]
    settings += [f"[control] {k}" for k in ControlSettings.model_fields]
    settings += [f"[lake] {k}" for k in LakeSettings.model_fields]
    settings += [f"[sources.wb] {k}" for k in SourceSettings.model_fields if k != "hosts"]
    missing = [s for s in settings if s not in README]
    missing += [f for f in (*HOST_FAMILIES, *OZON_HOSTS, *OZON_PERF_HOSTS) if f"`{f}`" not in README]
    missing += [f"[sources.{s}]" for s in ("ozon", "ozon_perf") if f"`[sources.{s}]`" not in README]
    assert not missing, f"README.md does not document: {missing}"


def test_the_two_commands_are_in_the_readme() -> None:
    assert "make demo" in README and "make test" in README
