"""What the chat-turn reader and the uploader need from the client, as a protocol.

:class:`meme_desktop.api.client.NemoClient` is the one implementation; :mod:`.stream` and
:mod:`.upload` are written against this protocol, so the client can import them while they
never import the client (no import circle).
"""

from __future__ import annotations

from typing import Any, Protocol

import httpx

from meme_desktop.api.auth import TokenProvider
from meme_desktop.api.models import AnonymousToken
from meme_desktop.api.policy import Policy


class Transport(Protocol):
    """One backend's connection: the HTTP client, the waits, the token, the addresses."""

    http: httpx.AsyncClient
    policy: Policy
    auth: TokenProvider

    async def headers(self, auth: bool = True) -> dict[str, str]: ...

    def url(self, path: str) -> str: ...

    def reached(self, exc: BaseException | None = None) -> None: ...

    async def call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]: ...

    async def anonymous_token(self, client_id: str) -> AnonymousToken: ...
