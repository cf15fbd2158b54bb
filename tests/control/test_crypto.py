"""SecretBox, key files and masking. No database here, so these run once, not per engine."""

from __future__ import annotations

import os
import pickle
import stat
import threading
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from svodka.control import ENV_VAR, SecretBox, ensure_key_file, mask
from svodka.errors import ConfigError

TOKEN = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjUwMjE3djEifQ.payload-Сводка.sig-x9Q"


def test_roundtrip_and_fresh_ciphertext_each_time() -> None:
    box = SecretBox.generate()
    a, b = box.encrypt(TOKEN), box.encrypt(TOKEN)
    assert a != b  # random IV: equal tokens do not look equal at rest
    assert TOKEN not in a
    assert box.decrypt(a) == box.decrypt(b) == TOKEN


def test_wrong_key_says_the_keys_do_not_match() -> None:
    ciphertext = SecretBox.generate().encrypt(TOKEN)
    with pytest.raises(ConfigError, match="does not match the key the secrets were written with") as info:
        SecretBox.generate().decrypt(ciphertext)
    assert TOKEN not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_invalid_key_is_a_config_error_that_does_not_echo_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "not-a-key-but-maybe-a-password")
    with pytest.raises(ConfigError, match=f"{ENV_VAR} is not a valid secret key") as info:
        SecretBox.from_env_or_file()
    assert "maybe-a-password" not in str(info.value)


def test_environment_key_wins_over_the_key_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    key = Fernet.generate_key().decode()
    monkeypatch.setenv(ENV_VAR, key)
    box = SecretBox.from_env_or_file(tmp_path / "secret.key")
    assert not (tmp_path / "secret.key").exists()
    assert SecretBox(key).decrypt(box.encrypt("x")) == "x"
    assert box.origin == ENV_VAR


def test_no_key_anywhere_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=ENV_VAR):
        SecretBox.from_env_or_file(None)


def test_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "data" / "secret.key"
    assert ensure_key_file(path) == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = SecretBox.from_key_file(path)
    second = SecretBox.from_env_or_file(path)
    assert second.decrypt(first.encrypt(TOKEN)) == TOKEN
    assert [p.name for p in path.parent.iterdir()] == ["secret.key"]  # no temporary files left


def test_key_file_created_by_racing_processes_is_one_key(tmp_path: Path) -> None:
    path = tmp_path / "secret.key"
    boxes: list[SecretBox] = []
    threads = [threading.Thread(target=lambda: boxes.append(SecretBox.from_key_file(path))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ciphertext = boxes[0].encrypt(TOKEN)
    assert all(b.decrypt(ciphertext) == TOKEN for b in boxes)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_key_file_readable_by_others_is_refused(tmp_path: Path, mode: int) -> None:
    path = ensure_key_file(tmp_path / "secret.key")
    path.chmod(mode)
    with pytest.raises(ConfigError, match=f"chmod 600 {path}") as info:
        SecretBox.from_key_file(path)
    assert f"{mode:04o}" in str(info.value)
    with pytest.raises(ConfigError, match="chmod 600"):
        ensure_key_file(path)
    path.chmod(0o600)
    SecretBox.from_key_file(path)


def test_missing_key_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        SecretBox.from_key_file(tmp_path / "secret.key", create=False)


def test_corrupt_key_file_is_named_not_quoted(tmp_path: Path) -> None:
    path = tmp_path / "secret.key"
    path.write_text("hunter2hunter2\n")
    path.chmod(0o600)
    with pytest.raises(ConfigError, match=f"the key in {path} is not a valid secret key") as info:
        SecretBox.from_key_file(path)
    assert "hunter2" not in str(info.value)


@pytest.mark.parametrize(
    ("secret", "masked"),
    [
        ("eyJhbGciOiJIUzI1NiJ9.abc.x9Q", "eyJh…x9Q"),
        ("0123456789abcdefghijklmn", "0123…lmn"),
        ("0123456789abcdef", "01…ef"),
        ("0123456789", "…"),
        ("short", "…"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask(secret: str | None, masked: str) -> None:
    assert mask(secret) == masked
    assert SecretBox.mask(secret) == masked
    if secret:
        assert mask(secret) != secret


def test_mask_never_shows_more_than_a_third() -> None:
    for n in range(1, 200):
        secret = "x" * n
        assert len(mask(secret).replace("…", "")) <= n // 3


def test_box_repr_and_pickle_keep_the_key(tmp_path: Path) -> None:
    key = Fernet.generate_key()
    box = SecretBox(key, origin="a test key")
    for text in (repr(box), str(box), f"{box}", repr([box])):
        assert key.decode() not in text
        assert "a test key" in text
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(box)
