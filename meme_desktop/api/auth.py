"""Where the bearer token comes from, in the documented order, and how it is renewed.

1. ``NEMO_TOKEN`` in the environment (with ``NEMO_API_URL``, see :func:`cloud_base_url`);
2. the OS keyring (:mod:`meme_desktop.secrets`, one account per backend URL);
3. a new anonymous token for the persisted client id (a UUID under ``config_dir()``), saved to
   the keyring. When no keyring backend works, the token stays in memory for this run and
   :attr:`CloudAuth.notices` says so once.

A 1001 answer makes the client call :meth:`TokenProvider.renew` once: a new anonymous token
for the same client id (the expired one stays in the keyring until a new one replaces it). An
HTTP 400 on anonymous-token means the client id was refused: a new one is made, persisted, and
the request is tried again. An HTTP 429 there (after the client's one wait, when the service
asks for a short one) means the service's rule "one token per client id per 7 days": that is
:class:`SignInUnavailableError`, raised at once for every later renewal of this run, so the
person is told once and no more requests are made. Tokens are never logged, and every object
holding one masks it in ``repr``. Keyring and file access run in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import uuid
from pathlib import Path
from typing import Protocol

from meme_desktop import config
from meme_desktop import secrets as secret_store
from meme_desktop.api.errors import (
    MissingClientIdError,
    RateLimitedError,
    SignInUnavailableError,
    TokenInvalidError,
)
from meme_desktop.api.models import AnonymousToken, mask

log = logging.getLogger(__name__)

_CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
NO_KEYRING_NOTICE = ("Your system has no password store, so your sign-in is kept only until "
                     "you close the app.")


def cloud_base_url(settings_url: str) -> str:
    """``NEMO_API_URL`` from the environment wins over the setting."""
    return (os.environ.get("NEMO_API_URL") or settings_url).rstrip("/")


def client_id_path() -> Path:
    return config.config_dir() / "client_id"


def load_client_id(create: bool = True) -> str:
    """The persisted client id (a UUID, at most 64 characters); made on first use."""
    path = client_id_path()
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError:
        value = ""
    if _CLIENT_ID_RE.match(value):
        return value
    return new_client_id() if create else ""


def new_client_id() -> str:
    """Make, persist and return a fresh client id."""
    value = str(uuid.uuid4())
    path = client_id_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(value, encoding="utf-8")
    os.replace(tmp, path)
    return value


class TokenIssuer(Protocol):
    """Where a new anonymous token comes from (the client's ``anonymous_token`` call)."""

    async def anonymous_token(self, client_id: str) -> AnonymousToken: ...


class TokenProvider(Protocol):
    """What the client asks for a token; ``renew`` is called once after a 1001."""

    anonymous: bool
    user_id: str

    async def token(self, issuer: TokenIssuer) -> str: ...

    async def renew(self, issuer: TokenIssuer) -> str: ...


class StaticToken:
    """A fixed token: the embedded engine's per-launch token. It cannot be renewed."""

    anonymous = False

    def __init__(self, token: str, user_id: str = "") -> None:
        self._token = token
        self.user_id = user_id

    def __repr__(self) -> str:
        return f"StaticToken({mask(self._token)})"

    async def token(self, issuer: TokenIssuer) -> str:
        return self._token

    async def renew(self, issuer: TokenIssuer) -> str:
        raise TokenInvalidError("the token was refused and cannot be renewed")


class CloudAuth:
    """The hosted backend's token, in the order of the module docstring."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = ""
        self.source = ""  # "env", "keyring", "anonymous"
        self.anonymous = False
        self.user_id = ""
        self.notices: list[str] = []
        self._warned = False
        self._unavailable: SignInUnavailableError | None = None  # the 7-day rule said no

    def __repr__(self) -> str:
        return f"CloudAuth({self.base_url!r}, token={mask(self._token)}, source={self.source!r})"

    @property
    def _account(self) -> str:
        return secret_store.account_for(self.base_url)

    async def token(self, issuer: TokenIssuer) -> str:
        if self._token:
            return self._token
        env = os.environ.get("NEMO_TOKEN", "").strip()
        if env:
            self._token, self.source = env, "env"
            return env
        stored = await asyncio.to_thread(self._keyring_get)
        if stored:
            self._token, self.source = stored, "keyring"
            return stored
        return await self._anonymous(issuer, renewal=False)

    async def renew(self, issuer: TokenIssuer) -> str:
        if self.source == "env":
            raise TokenInvalidError("NEMO_TOKEN was refused")
        self._token = ""  # the keyring keeps the old one until a new one replaces it
        return await self._anonymous(issuer, renewal=True)

    def forget(self) -> None:
        """Sign out: drop the token from memory and from the keyring."""
        self._token, self.source = "", ""
        self._keyring_delete()

    async def _anonymous(self, issuer: TokenIssuer, renewal: bool) -> str:
        if self._unavailable is not None:  # asked already in this run: the answer stands
            raise SignInUnavailableError("no new anonymous token yet", repeat=True,
                                         renewal=self._unavailable.renewal,
                                         retry_after=self._unavailable.retry_after,
                                         endpoint="anonymous-token")
        client_id = await asyncio.to_thread(load_client_id)
        try:
            try:
                answer = await issuer.anonymous_token(client_id)
            except MissingClientIdError:
                log.info("the backend refused the client id; making a new one")
                answer = await issuer.anonymous_token(await asyncio.to_thread(new_client_id))
        except RateLimitedError as exc:
            log.info("no anonymous token available yet (one per client id per 7 days)")
            self._unavailable = SignInUnavailableError(
                "no new anonymous token yet", renewal=renewal, retry_after=exc.retry_after,
                status=exc.status, endpoint="anonymous-token")
            raise self._unavailable from exc
        if not answer.token:
            raise TokenInvalidError("the backend gave no token")
        self._token, self.source = answer.token, "anonymous"
        self.anonymous, self.user_id = True, answer.user_id
        await asyncio.to_thread(self._keyring_set, answer.token)
        log.info("signed in anonymously")
        return answer.token

    # -- keyring, degrading to memory --------------------------------------------------------
    def _no_keyring(self) -> None:
        if not self._warned:
            self._warned = True
            self.notices.append(NO_KEYRING_NOTICE)
            log.info("no usable keyring backend: the token is kept in memory only")

    def _keyring_get(self) -> str | None:
        try:
            return secret_store.get(self._account)
        except secret_store.SecretStoreUnavailable:
            self._no_keyring()
            return None

    def _keyring_set(self, token: str) -> None:
        try:
            secret_store.set(self._account, token)
        except secret_store.SecretStoreUnavailable:
            secret_store.keep_for_run(self._account, token)  # a reconnect keeps using it
            self._no_keyring()

    def _keyring_delete(self) -> None:
        try:
            secret_store.delete(self._account)
        except secret_store.SecretStoreUnavailable:
            self._no_keyring()
