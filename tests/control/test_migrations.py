"""Migrations: up from empty, idempotent, concurrent, and in agreement with the models."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, MetaData, String, inspect, text

from svodka.control import ControlDBSchemaError, ControlStore, SecretBox
from svodka.control import migrations as m
from svodka.control.db import create_control_engine
from svodka.control.models import Base

TABLES = {
    "connections",
    "stream_states",
    "runs",
    "task_runs",
    "check_results",
    "settings",
    "product_links",
    "match_reviews",
}


def test_upgrade_from_empty_creates_every_table(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no alembic.ini or relative path may be needed
    engine = create_control_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) == set()
        assert m.upgrade(engine) == m.head_revision()
        assert set(inspect(engine).get_table_names()) == TABLES | {m.VERSION_TABLE}
        with engine.connect() as conn:
            assert m.current_revision(conn) == m.head_revision()
        assert m.upgrade(engine) == m.head_revision()  # a second run is a no-op
    finally:
        engine.dispose()


def test_upgrade_accepts_a_url(db_url: str) -> None:
    assert m.upgrade(db_url) == m.head_revision()
    assert m.upgrade(db_url) == m.head_revision()


def test_models_and_migrated_schema_agree(db_url: str) -> None:
    engine = create_control_engine(db_url)
    try:
        m.upgrade(engine)
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn,
                opts={"compare_type": True, "compare_server_default": True, "version_table": m.VERSION_TABLE},
            )
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
    finally:
        engine.dispose()


def test_the_comparison_does_see_a_difference(db_url: str) -> None:
    # Guards the agreement test against comparing nothing: a changed model must show up.
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["runs"].append_column(Column("host", String(100)))
    changed.tables["connections"].c.name.type = String(200)
    engine = create_control_engine(db_url)
    try:
        m.upgrade(engine)
        with engine.connect() as conn:
            opts = {"compare_type": True, "version_table": m.VERSION_TABLE}
            ctx = MigrationContext.configure(conn, opts=opts)
            diff = compare_metadata(ctx, changed)
    finally:
        engine.dispose()
    kinds = {d[0] if isinstance(d, tuple) else d[0][0] for d in diff}
    assert kinds == {"add_column", "modify_type"}


def test_downgrade_to_base_and_up_again(db_url: str) -> None:
    engine = create_control_engine(db_url)
    try:
        m.upgrade(engine)
        assert m.downgrade(engine, "base") is None
        assert set(inspect(engine).get_table_names()) <= {m.VERSION_TABLE}
        assert m.upgrade(engine) == m.head_revision()
        assert set(inspect(engine).get_table_names()) >= TABLES
    finally:
        engine.dispose()


def test_concurrent_upgrades_of_an_empty_db_both_succeed(db_url: str) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            m.upgrade(db_url)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_a_database_from_a_newer_svodka_is_refused(db_url: str) -> None:
    engine = create_control_engine(db_url)
    try:
        m.upgrade(engine)
        with engine.begin() as conn:
            conn.execute(text(f"UPDATE {m.VERSION_TABLE} SET version_num = '9999'"))
        with pytest.raises(ControlDBSchemaError, match="does not know") as info:
            m.upgrade(engine)
        assert "upgrade Svodka" in str(info.value)
    finally:
        engine.dispose()


def test_open_without_migrating_requires_a_current_schema(db_url: str, box: SecretBox) -> None:
    with pytest.raises(ControlDBSchemaError, match="svodka init"):
        ControlStore(db_url, box).open(migrate=False)
    ControlStore(db_url, box).open().close()
    ControlStore(db_url, box).open(migrate=False).close()


def test_scripts_ship_inside_the_package() -> None:
    # The version scripts are a package and the template matches package-data ("*.mako"),
    # so a wheel carries everything upgrade() needs.
    assert Path(m.__file__).parent == m.SCRIPT_LOCATION
    assert (m.SCRIPT_LOCATION / "env.py").is_file()
    assert (m.SCRIPT_LOCATION / "script.py.mako").is_file()
    assert (m.SCRIPT_LOCATION / "versions" / "__init__.py").is_file()


@pytest.mark.parametrize("url", ["sqlite:///x.db", "postgresql+psycopg://u:secret@db.example/ctl"])
def test_render_sql_for_a_dba(url: str) -> None:
    sql = m.render_sql(url)
    assert "CREATE TABLE connections" in sql
    assert m.VERSION_TABLE in sql
    assert "secret" not in sql
