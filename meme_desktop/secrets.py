"""The token store: the OS keyring (service ``meme-desktop``), never a plain-text file.

``get`` / ``set`` / ``delete`` raise :class:`SecretStoreUnavailable` when no keyring backend is
usable (for example ``keyring.backends.fail`` on a headless Linux box). A caller may then
:func:`keep_for_run` the secret: it stays in this process's memory until the app closes
(``get`` finds it first, ``delete`` forgets it), so a pasted token or a starter token outlives a
reconnect; the caller tells the person once. Nothing here logs or repeats a secret.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors

SERVICE = "meme-desktop"

log = logging.getLogger(__name__)

_this_run: dict[str, str] = {}  # secrets the keyring could not take, kept until the app closes


class SecretStoreUnavailable(Exception):
    """No usable keyring backend: secrets cannot be kept between runs."""

    def __init__(self, backend: str = "") -> None:
        self.backend = backend
        super().__init__(f"no usable keyring backend ({backend or 'unknown'})")


def _backend_name() -> str:
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - keyring's own discovery may fail in odd ways
        return "unknown"
    return f"{type(backend).__module__}.{type(backend).__name__}"


def account_for(base_url: str) -> str:
    """The keyring account name for a backend's token (tokens of two backends never mix)."""
    return f"token@{base_url.rstrip('/')}"


def model_account(base_url: str) -> str:
    """The keyring account name for the API key of a person's own model server."""
    return f"model-key@{base_url.rstrip('/')}"


def get(account: str) -> str | None:
    """The stored secret (or the one kept for this run), or None when there is none."""
    if account in _this_run:
        return _this_run[account]
    try:
        return keyring.get_password(SERVICE, account)
    except keyring.errors.KeyringError as exc:  # NoKeyringError is a subclass
        raise SecretStoreUnavailable(_backend_name()) from exc


def set(account: str, secret: str) -> None:  # noqa: A001 - the module's verbs are get/set/delete
    """Store (or replace) a secret."""
    try:
        keyring.set_password(SERVICE, account, secret)
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(_backend_name()) from exc
    _this_run.pop(account, None)


def keep_for_run(account: str, secret: str) -> None:
    """Keep a secret the keyring could not take in memory, until the app closes."""
    _this_run[account] = secret


def delete(account: str) -> None:
    """Forget a secret; forgetting a missing one is not an error."""
    _this_run.pop(account, None)
    try:
        keyring.delete_password(SERVICE, account)
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(_backend_name()) from exc


def forget_this_run() -> None:
    """Drop every secret kept in memory (the app closing; tests)."""
    _this_run.clear()


def available() -> bool:
    """True when a keyring backend can actually store secrets."""
    try:
        keyring.get_password(SERVICE, "probe")
    except keyring.errors.KeyringError:
        return False
    return True
