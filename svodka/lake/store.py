"""The lake: every response body verbatim (gzip), with a manifest row per body.

Layout under the lake root::

    <source>/<account>/<stream>/<YYYY-MM-DD>/<run_id>-<seq>.json.gz   bodies
    _manifests/<run_id>.jsonl                                         one row per body
    _manifests/<run_id>.committed                                     written once raw holds the run

A run's answers are replayed (by `svodka rebuild --from-lake`) only when the run is
committed: answers of a failed sync stay in the lake for inspection but never reach
raw. Run ids sort by time, so replay order is creation order.
"""

from __future__ import annotations

import gzip
import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from svodka.sources.base import Page
from svodka.timeutil import utcnow

MANIFESTS = "_manifests"


@dataclass(frozen=True)
class ManifestEntry:
    """One stored body: where it came from and where it lies."""

    run_id: str
    seq: int
    source: str
    account: str
    stream: str
    request: dict[str, Any]
    status: int
    fetched_at: str
    sha256: str
    size: int
    records: int
    record_path: list[str]
    key: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def page_id(self) -> str:
        """Identity of the answer: same stream, account, request and body → same id."""
        h = hashlib.sha256()
        h.update(f"{self.stream}\x00{self.account}\x00".encode())
        h.update(orjson.dumps(self.request, option=orjson.OPT_SORT_KEYS))
        h.update(self.sha256.encode())
        return h.hexdigest()


def new_run_id(now: datetime | None = None) -> str:
    """A sortable, unique run id: UTC timestamp plus randomness."""
    now = now or utcnow()
    return now.strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


class RunWriter:
    """Appends the bodies of one run to the lake; the manifest is flushed per body."""

    def __init__(self, lake: Lake, run_id: str, source: str, account: str) -> None:
        self.lake, self.run_id, self.source, self.account = lake, run_id, source, account
        self.seq = 0
        self.records = 0
        lake.root.joinpath(MANIFESTS).mkdir(parents=True, exist_ok=True)
        self._manifest = lake.root.joinpath(MANIFESTS, f"{run_id}.jsonl").open("ab")

    def put(self, page: Page) -> ManifestEntry:
        """Store one page's body and its manifest row; return the row."""
        self.seq += 1
        day = page.fetched_at.strftime("%Y-%m-%d")
        key = f"{self.source}/{self.account}/{page.stream}/{day}/{self.run_id}-{self.seq:06d}.json.gz"
        path = self.lake.root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        # mtime=0 keeps the gzip bytes a pure function of the body.
        path.write_bytes(gzip.compress(page.body, compresslevel=self.lake.gzip_level, mtime=0))
        entry = ManifestEntry(
            run_id=self.run_id,
            seq=self.seq,
            source=self.source,
            account=self.account,
            stream=page.stream,
            request=dict(page.request),
            status=page.status,
            fetched_at=page.fetched_at.isoformat(),
            sha256=hashlib.sha256(page.body).hexdigest(),
            size=len(page.body),
            records=page.records,
            record_path=list(page.record_path),
            key=key,
            meta=dict(page.meta),
        )
        self._manifest.write(orjson.dumps(asdict(entry)) + b"\n")
        self._manifest.flush()
        self.records += page.records
        return entry

    def close(self) -> None:
        self._manifest.close()

    def __enter__(self) -> RunWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Lake:
    """A lake rooted at a local folder."""

    def __init__(self, root: Path, gzip_level: int = 1) -> None:
        self.root = Path(root)
        self.gzip_level = gzip_level

    def writer(self, run_id: str, source: str, account: str) -> RunWriter:
        """Open a writer for the bodies of one run of one connection."""
        return RunWriter(self, run_id, source, account)

    def commit(self, run_id: str) -> None:
        """Mark a run as loaded into raw: from now on it is part of every replay."""
        self.root.joinpath(MANIFESTS, f"{run_id}.committed").write_text(utcnow().isoformat())

    def is_committed(self, run_id: str) -> bool:
        return self.root.joinpath(MANIFESTS, f"{run_id}.committed").exists()

    def runs(self, committed_only: bool = True) -> list[str]:
        """Run ids in creation order."""
        d = self.root / MANIFESTS
        if not d.exists():
            return []
        ids = sorted(p.stem for p in d.glob("*.jsonl"))
        return [r for r in ids if self.is_committed(r)] if committed_only else ids

    def entries(self, run_id: str) -> Iterator[ManifestEntry]:
        """Manifest rows of a run, in the order they were written."""
        path = self.root / MANIFESTS / f"{run_id}.jsonl"
        with path.open("rb") as f:
            for line in f:
                if line.strip():
                    yield ManifestEntry(**orjson.loads(line))

    def read(self, entry: ManifestEntry) -> bytes:
        """The verbatim body of a manifest row, checked against its sha256."""
        body = gzip.decompress((self.root / entry.key).read_bytes())
        if hashlib.sha256(body).hexdigest() != entry.sha256:
            raise ValueError(f"lake object {entry.key} does not match its manifest checksum")
        return body
