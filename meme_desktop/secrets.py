"""The token store: the OS keyring (service ``meme-desktop``), never a plain-text file.

``get`` / ``set`` / ``delete`` raise :class:`SecretStoreUnavailable` when no keyring backend is
usable (for example ``keyring.backends.fail`` on a headless Linux box); callers then keep the
token in memory for this run and tell the person once. Nothing here logs or repeats a secret.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors

SERVICE = "meme-desktop"

log = logging.getLogger(__name__)


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
    """The stored secret, or None when there is none."""
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


def delete(account: str) -> None:
    """Forget a secret; forgetting a missing one is not an error."""
    try:
        keyring.delete_password(SERVICE, account)
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(_backend_name()) from exc


def available() -> bool:
    """True when a keyring backend can actually store secrets."""
    try:
        keyring.get_password(SERVICE, "probe")
    except keyring.errors.KeyringError:
        return False
    return True
