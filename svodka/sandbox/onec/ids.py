"""Identifiers of the seller's 1C infobase: reference GUIDs, DataVersion, codes, INN, barcodes.

Everything is derived from the world's seed by hashing, so the same world always has the same
Ref_Key of every object and no random stream is consumed for identifiers.
"""

from __future__ import annotations

import base64
import hashlib
import uuid

EMPTY_REF = "00000000-0000-0000-0000-000000000000"  # 1C's empty reference, as OData renders it
EMPTY_DATE = "0001-01-01T00:00:00"  # 1C's empty date


def guid(seed: int, kind: str, key: object) -> str:
    """A stable lowercase GUID for object `key` of `kind` (e.g. "item", 17) in the seed's infobase.

    1C GUIDs are version-1 UUIDs; the variant/version bits are set so the text looks like one.
    """
    digest = bytearray(hashlib.sha256(f"1c:{seed}:{kind}:{key}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x10  # version 1, as the platform generates them
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


def data_version(seed: int, kind: str, key: object, edits: int = 0) -> str:
    """An opaque DataVersion (base64 of 8 bytes, as the platform sends); changes with `edits`."""
    raw = hashlib.sha256(f"dv:{seed}:{kind}:{key}:{edits}".encode()).digest()[:8]
    return base64.b64encode(raw).decode()


def catalog_code(prefix: str, n: int, width: int = 8) -> str:
    """A catalog Code as УТ 11 numbers them with an infobase prefix: "00-00000123"."""
    return f"{prefix}-{n:0{width}d}"


def inn10(seed: int, key: object) -> str:
    """A 10-digit INN of a legal entity with a valid check digit."""
    h = int.from_bytes(hashlib.sha256(f"inn:{seed}:{key}".encode()).digest()[:8], "big")
    body = f"77{h % 10**7:07d}"
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    check = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11 % 10
    return body + str(check)


def ean13_internal(seed: int, key: object) -> str:
    """An in-store EAN-13 ("2…" prefix, the range shops use for their own codes), check digit included."""
    h = int.from_bytes(hashlib.sha256(f"ean:{seed}:{key}".encode()).digest()[:8], "big")
    body = f"20{h % 10**10:010d}"
    odd = sum(int(c) for c in body[0::2])
    even = sum(int(c) for c in body[1::2])
    return body + str((10 - (odd + 3 * even) % 10) % 10)
