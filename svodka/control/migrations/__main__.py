"""Developer commands: `python -m svodka.control.migrations {revision MESSAGE | upgrade URL | heads}`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from svodka.control.db import create_control_engine
from svodka.control.migrations import SCRIPT_LOCATION, alembic_config, head_revision, upgrade


def _revision(message: str) -> None:
    """Autogenerate a revision against a scratch SQLite database at the current head."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_control_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        try:
            upgrade(engine)
            with engine.begin() as conn:
                number = len(list((SCRIPT_LOCATION / "versions").glob("[0-9]*.py")))
                command.revision(
                    alembic_config(conn), message=message, autogenerate=True, rev_id=f"{number + 1:04d}"
                )
        finally:
            engine.dispose()


def main(argv: list[str]) -> int:
    """Dispatch one developer command; returns the exit code."""
    if len(argv) == 2 and argv[0] == "revision":
        _revision(argv[1])
    elif len(argv) == 2 and argv[0] == "upgrade":
        print(upgrade(argv[1]))
    elif argv == ["heads"]:
        print(head_revision())
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
