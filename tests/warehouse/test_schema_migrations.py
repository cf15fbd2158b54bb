import pytest

from svodka.errors import WarehouseError
from svodka.warehouse import migrations
from svodka.warehouse.client import Warehouse


def test_migrations_apply_once(wh: Warehouse) -> None:
    # the fixture migrated already: a second run applies nothing and changes nothing
    assert migrations.migrate(wh) == []
    assert wh.scalar("SELECT count() FROM meta.schema_migrations") == len(migrations.available())


def test_an_edited_applied_migration_is_refused(wh: Warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    edited = [migrations.Migration(m.version, m.name, m.sql + "\n-- edited") for m in migrations.available()]
    monkeypatch.setattr(migrations, "available", lambda: edited)
    with pytest.raises(WarehouseError, match="changed after it was applied"):
        migrations.migrate(wh)


def test_split_statements_ignores_comment_only_chunks() -> None:
    sql = "-- a comment;\nCREATE TABLE a (x Int8) ENGINE = Memory;\n-- trailing\nSELECT 1;\n"
    assert migrations.split_statements(sql) == [
        "CREATE TABLE a (x Int8) ENGINE = Memory",
        "-- trailing\nSELECT 1",
    ]
