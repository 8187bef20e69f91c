"""An in-memory keyring backend and the ``memory_keyring`` fixture (no OS keyring here).

Registered for the whole suite from ``tests/conftest.py``; tests that need a working keyring
ask for ``memory_keyring``, the rest see the "no keyring" backend the suite sets by default.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.errors
import pytest


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend that keeps secrets in a dict, with the real backends' semantics."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError("missing")
        del self.store[(service, username)]


@pytest.fixture(autouse=True)
def _forget_secrets_of_the_run() -> Iterator[None]:
    """Secrets kept in memory when no keyring works belong to one test only."""
    from meme_desktop import secrets

    yield
    secrets.forget_this_run()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A working keyring for one test; the previous backend comes back afterwards."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
