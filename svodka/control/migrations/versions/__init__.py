"""Control DB migration scripts, one per revision (a package so that it ships in the wheel)."""
