"""Fault injection for data methods (never /ping): seeded, so a run can be replayed."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

import orjson


@dataclass
class Faults:
    """What can go wrong, per data request.

    Rates are probabilities in [0, 1], drawn from a generator seeded with `seed` in request order.
    `timeout_rate` answers only after `timeout_s` seconds (set it above the client's timeout);
    `truncate_rate` sends a 200 whose JSON body is cut in half; `add_field` adds each name → value
    to every record; `rename_field` = (old, new) renames a field in every record; `revoke_after`
    revokes the token after that many successful data requests.
    """

    seed: int = 0
    rate_429: float = 0.0
    rate_5xx: float = 0.0
    latency_ms: float = 0.0
    timeout_rate: float = 0.0
    timeout_s: float = 30.0
    truncate_rate: float = 0.0
    add_field: dict[str, object] = field(default_factory=dict)
    rename_field: tuple[str, str] | None = None
    revoke_after: int | None = None

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()
        self.successes = 0

    def draw(self) -> dict[str, bool]:
        """Decide this request's faults (one draw per knob, in a fixed order); "503" picks the
        flavour of a 5xx: the gateway's 503 page or the service's 500 problem+json."""
        with self._lock:
            u = [self._rng.random() for _ in range(4)]
        return {
            "429": u[0] < self.rate_429,
            "5xx": u[1] < self.rate_5xx,
            "timeout": u[2] < self.timeout_rate,
            "truncate": u[3] < self.truncate_rate,
        }

    @property
    def reshapes(self) -> bool:
        """True when records must be rewritten (schema drift knobs)."""
        return bool(self.add_field) or self.rename_field is not None

    def reshape_record(self, rec: dict) -> dict:
        """Apply add_field / rename_field to one record."""
        if self.rename_field and self.rename_field[0] in rec:
            old, new = self.rename_field
            rec = {(new if k == old else k): v for k, v in rec.items()}
        for k, v in self.add_field.items():
            rec[k] = v
        return rec

    def reshape_body(self, body: bytes, record_path: str) -> bytes:
        """Rewrite every record of a JSON body; `record_path` says where the records are:
        "" (top-level array), "data.listGoods", "cards", "data.items", "data" (a list) …"""
        doc = orjson.loads(body)
        holder, key = None, None
        node = doc
        for part in filter(None, record_path.split(".")):
            holder, key = node, part
            node = node[part]
        if isinstance(node, list):
            node = [self.reshape_record(r) if isinstance(r, dict) else r for r in node]
        elif isinstance(node, dict):
            node = self.reshape_record(node)
        if holder is None:
            doc = node
        else:
            holder[key] = node
        return orjson.dumps(doc)

    def count_success(self) -> bool:
        """Count a successful data request; True when the token must be revoked now."""
        with self._lock:
            self.successes += 1
            return self.revoke_after is not None and self.successes == self.revoke_after
