"""Secrets at rest: Fernet encryption with a key from the environment or a 0600 key file.

The key comes from `SVODKA_SECRET_KEY` (a Fernet key) when set, else from a key file
in the workspace (`data/secret.key`) that `ensure_key_file` creates on first use. No
function here logs or echoes a key or a plaintext; error messages name where the key
came from, never what it is.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from svodka.errors import ConfigError

ENV_VAR = "SVODKA_SECRET_KEY"
_GENERATE = 'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'


def mask(secret: str | None) -> str:
    """Show enough of a secret to recognise it, never the whole: ``eyJh…x9Q``.

    At most a third of the characters show (none of a secret under 12), so a masked
    value never leaves a guessable remainder.
    """
    if not secret:
        return ""
    n = len(secret)
    if n < 12:
        return "…"
    if n < 24:
        return f"{secret[:2]}…{secret[-2:]}"
    return f"{secret[:4]}…{secret[-3:]}"


def _check_private(path: Path) -> None:
    """Refuse a key file that group or others may read or write."""
    if os.name == "nt":  # POSIX modes mean nothing there; NTFS ACLs are out of scope
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigError(
            f"the secret key file {path} is accessible to other users (mode {mode:04o})",
            hint=f"Run `chmod 600 {path}` and try again.",
        )


def ensure_key_file(path: str | os.PathLike[str]) -> Path:
    """Create a new key file with mode 0600 if `path` is missing; check its mode either way.

    Creation is atomic (a temporary file linked into place), so two processes
    starting at once end up sharing one key, and a crash never leaves a half-written
    key behind.
    """
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".secret-", dir=path.parent)  # mkstemp creates it 0600
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(Fernet.generate_key() + b"\n")
                f.flush()
                os.fsync(f.fileno())
            # Fails if another process won the race: then we use its key.
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    _check_private(path)
    return path


class SecretBox:
    """Encrypts and decrypts short secrets (API tokens, passwords) with one Fernet key."""

    def __init__(self, key: str | bytes, *, origin: str = "the given key") -> None:
        """Wrap a Fernet key; `origin` says where it came from, for error messages."""
        self._origin = origin
        try:
            self._fernet = Fernet(key.strip())
        except (ValueError, TypeError):
            raise ConfigError(
                f"{origin} is not a valid secret key (expected a 44-character url-safe base64 Fernet key)",
                hint=f"Generate one with: {_GENERATE}",
            ) from None  # the original error may quote the key

    @classmethod
    def generate(cls) -> SecretBox:
        """A box with a fresh random key (tests, throwaway workspaces)."""
        return cls(Fernet.generate_key(), origin="a generated key")

    @classmethod
    def from_key_file(cls, path: str | os.PathLike[str], *, create: bool = True) -> SecretBox:
        """Load the key from `path`, creating the file (mode 0600) first if `create` and missing."""
        path = Path(path)
        if create:
            ensure_key_file(path)
        elif not path.exists():
            raise ConfigError(
                f"the secret key file {path} does not exist",
                hint=f"Set {ENV_VAR} or restore the key file the secrets were written with.",
            )
        else:
            _check_private(path)
        return cls(path.read_bytes(), origin=f"the key in {path}")

    @classmethod
    def from_env_or_file(
        cls, key_file: str | os.PathLike[str] | None = None, *, create: bool = True
    ) -> SecretBox:
        """The key from `SVODKA_SECRET_KEY` if set, else from `key_file` (see `from_key_file`)."""
        env_key = os.environ.get(ENV_VAR, "").strip()
        if env_key:
            return cls(env_key, origin=ENV_VAR)
        if key_file is None:
            raise ConfigError(
                f"no secret key: {ENV_VAR} is not set and no key file was given",
                hint=f"Set {ENV_VAR} (generate one with: {_GENERATE}) or run `svodka init`.",
            )
        return cls.from_key_file(key_file, create=create)

    @property
    def origin(self) -> str:
        """Where the key came from (an environment variable name or a file path)."""
        return self._origin

    def encrypt(self, plaintext: str) -> str:
        """Encrypt `plaintext`; the result is ASCII and safe to store in a text column."""
        return self._fernet.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, ciphertext: str) -> str:
        """Decrypt what `encrypt` produced; a different key raises ConfigError."""
        try:
            return self._fernet.decrypt(ciphertext.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise ConfigError(
                f"cannot decrypt a stored secret: {self._origin} does not match the key "
                "the secrets were written with",
                hint=f"Restore the original key ({ENV_VAR} or data/secret.key), "
                "or enter the token again with `svodka connect … --token …`.",
            ) from None

    mask = staticmethod(mask)

    def __repr__(self) -> str:
        return f"SecretBox(<key from {self._origin}>)"

    __str__ = __repr__

    def __reduce__(self) -> object:
        # Pickling would write the key to wherever the pickle goes (caches, task queues).
        raise TypeError("SecretBox cannot be pickled: it holds the secret key")
