"""WB API tokens of the sandbox: JWT-shaped, signed by the sandbox, with categories and expiry.

The payload follows WB's documented token fields ("About the token"): `id`, `s` (category
bitmask, bit N = 1 << N, bit 30 = read only), `sid` (seller id), `exp`, `acc` (3 = personal),
`for` ("self"), `t` (false = not a test token).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import orjson

CATEGORY_BITS = {
    "content": 1,
    "analytics": 2,
    "prices": 3,
    "marketplace": 4,
    "statistics": 5,
    "promotion": 6,
    "feedbacks": 7,
    "chat": 9,
    "supplies": 10,
    "returns": 11,
    "documents": 12,
    "finance": 13,
    "users": 16,
}
READ_ONLY_BIT = 30

# Host family → token category it needs (None: any valid token).
FAMILY_CATEGORY: dict[str, str | None] = {
    "statistics-api": "statistics",
    "content-api": "content",
    "discounts-prices-api": "prices",
    "finance-api": "finance",
    "advert-api": "promotion",
    "feedbacks-api": "feedbacks",
    "seller-analytics-api": "analytics",
    "marketplace-api": "marketplace",
    "common-api": None,
}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class TokenInfo:
    """A verified token's payload."""

    token_id: str
    seller_id: str
    categories: frozenset[str]
    expires: int  # unix seconds
    read_only: bool


class TokenError(Exception):
    """Why a token is refused; the message becomes the 401 `detail`."""


class TokenAuthority:
    """Issues and verifies the sandbox seller's tokens (HMAC-signed, deterministic per seed)."""

    def __init__(self, seed: int) -> None:
        self._key = hashlib.sha256(f"svodka-sandbox-{seed}".encode()).digest()
        self.seller_id = str(uuid.UUID(bytes=hashlib.md5(f"seller-{seed}".encode()).digest()))
        self._revoked: set[str] = set()
        self._issued = 0

    def issue(self, categories: Iterable[str] | None, expires: int, read_only: bool = True) -> str:
        """A new token for the seller; categories None → every category."""
        cats = set(CATEGORY_BITS) if categories is None else set(categories)
        unknown = cats - set(CATEGORY_BITS)
        if unknown:
            raise ValueError(f"unknown token categories {sorted(unknown)}; known: {sorted(CATEGORY_BITS)}")
        mask = sum(1 << CATEGORY_BITS[c] for c in cats) | ((1 << READ_ONLY_BIT) if read_only else 0)
        self._issued += 1
        tid = str(uuid.UUID(bytes=hashlib.md5(self._key + self._issued.to_bytes(4, "big")).digest()))
        header = {"alg": "HS256", "kid": "sandbox", "typ": "JWT"}
        payload = {
            "acc": 3,
            "ent": 1,
            "exp": int(expires),
            "for": "self",
            "id": tid,
            "s": mask,
            "sid": self.seller_id,
            "t": False,
        }
        signing = _b64(orjson.dumps(header)) + "." + _b64(orjson.dumps(payload))
        sig = hmac.new(self._key, signing.encode(), hashlib.sha256).digest()
        return signing + "." + _b64(sig)

    def revoke(self, token: str) -> None:
        """From now on the token is refused."""
        with contextlib.suppress(TokenError):
            self._revoked.add(self.verify(token, now=0).token_id)

    def verify(self, token: str, now: int) -> TokenInfo:
        """Check signature, expiry (unix `now`) and revocation; raises TokenError."""
        if token.lower().startswith("bearer "):
            token = token[7:].strip()
        parts = token.split(".")
        if len(parts) != 3:
            raise TokenError(
                "token problem; token is malformed: token contains an invalid number of segments"
            )
        signing = parts[0] + "." + parts[1]
        try:
            sig = _unb64(parts[2])
            payload = orjson.loads(_unb64(parts[1]))
        except (ValueError, orjson.JSONDecodeError) as exc:
            raise TokenError(f"token problem; token is malformed: {exc}") from None
        good = hmac.new(self._key, signing.encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(sig, good):
            raise TokenError("token problem; token signature is invalid")
        if payload.get("id") in self._revoked:
            raise TokenError("token problem; token is withdrawn")
        if int(payload.get("exp", 0)) <= now:
            raise TokenError("token problem; token is expired")
        mask = int(payload.get("s", 0))
        cats = frozenset(c for c, bit in CATEGORY_BITS.items() if mask & (1 << bit))
        return TokenInfo(
            payload["id"],
            payload.get("sid", ""),
            cats,
            int(payload["exp"]),
            bool(mask & (1 << READ_ONLY_BIT)),
        )
