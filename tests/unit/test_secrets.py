"""The keyring token store: with a working backend (an in-memory one, since this machine has
no OS keyring) and with the fail backend this machine really has."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
import pytest

from meme_desktop import secrets
from meme_desktop.api.auth import NO_KEYRING_NOTICE, CloudAuth
from tests.helpers.keyring_memory import MemoryKeyring


def test_get_set_delete(memory_keyring: MemoryKeyring) -> None:
    account = secrets.account_for("https://api.example/")
    assert account == "token@https://api.example"
    assert secrets.get(account) is None
    secrets.set(account, "s3cret")
    assert memory_keyring.store[("meme-desktop", account)] == "s3cret"
    assert secrets.get(account) == "s3cret"
    secrets.delete(account)
    secrets.delete(account)  # deleting twice is fine
    assert secrets.get(account) is None
    assert secrets.available()


def test_fail_backend_raises_a_typed_error() -> None:
    assert "fail" in type(keyring.get_keyring()).__module__  # this machine has no keyring
    for call in (lambda: secrets.get("a"), lambda: secrets.set("a", "pa55word"),
                 lambda: secrets.delete("a")):
        with pytest.raises(secrets.SecretStoreUnavailable) as info:
            call()
        assert "pa55word" not in str(info.value) and "fail" in info.value.backend
    assert not secrets.available()


class _FakeClient:
    """Just enough of NemoClient for CloudAuth: counts anonymous-token calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    async def anonymous_token(self, client_id: str):  # noqa: ANN201
        from meme_desktop.api.models import AnonymousToken

        self.calls.append(client_id)
        return AnonymousToken(token=f"anon-{len(self.calls)}", user_id="u1", credits=100)


async def test_cloud_auth_saves_to_and_reads_from_the_keyring(
        memory_keyring: MemoryKeyring) -> None:
    fake = _FakeClient()
    auth = CloudAuth("https://api.example")
    assert await auth.token(fake) == "anon-1"  # type: ignore[arg-type]
    assert auth.notices == []
    assert list(memory_keyring.store.values()) == ["anon-1"]
    again = CloudAuth("https://api.example")
    assert await again.token(fake) == "anon-1" and again.source == "keyring"  # type: ignore[arg-type]
    assert await again.renew(fake) == "anon-2"  # type: ignore[arg-type]
    assert fake.calls[0] == fake.calls[1]  # same client id
    assert list(memory_keyring.store.values()) == ["anon-2"]
    again.forget()
    assert memory_keyring.store == {}
    assert "anon-" not in repr(again) and "anon-1" not in repr(auth)


async def test_without_keyring_the_token_stays_in_memory_and_the_user_is_told_once() -> None:
    fake = _FakeClient()
    auth = CloudAuth("https://api.example")
    assert await auth.token(fake) == "anon-1"  # type: ignore[arg-type]
    assert await auth.token(fake) == "anon-1"  # type: ignore[arg-type]
    await auth.renew(fake)  # type: ignore[arg-type]
    assert auth.notices == [NO_KEYRING_NOTICE]


async def test_a_renewal_refused_by_the_7_day_rule_loses_nothing(
        memory_keyring: MemoryKeyring) -> None:
    from meme_desktop.api.errors import RateLimitedError, SignInUnavailableError

    class _Refusing(_FakeClient):
        async def anonymous_token(self, client_id: str):  # noqa: ANN201
            self.calls.append(client_id)
            raise RateLimitedError("one per 7 days", status=429, retry_after=3 * 86400)

    auth = CloudAuth("https://api.example")
    assert await auth.token(_FakeClient()) == "anon-1"
    refusing = _Refusing()
    with pytest.raises(SignInUnavailableError) as first:
        await auth.renew(refusing)  # type: ignore[arg-type]
    assert first.value.renewal and not first.value.repeat and first.value.retry_after == 259200
    with pytest.raises(SignInUnavailableError) as again:
        await auth.renew(refusing)  # type: ignore[arg-type]
    assert again.value.repeat and len(refusing.calls) == 1  # asked once, not again
    assert list(memory_keyring.store.values()) == ["anon-1"]  # kept until replaced
