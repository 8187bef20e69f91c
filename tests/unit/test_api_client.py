"""The protocol client against the local fake backend: envelopes, headers, every documented
error code and status, and the recovery each one calls for."""

from __future__ import annotations

import httpx
import pytest

from meme_desktop import __version__
from meme_desktop.api import errors as e
from meme_desktop.api.auth import CloudAuth, StaticToken, client_id_path, load_client_id
from meme_desktop.api.client import NemoClient
from meme_desktop.assistant.messages import Context, user_message
from tests.helpers.fake_cloud import FakeCloud, RecordingSleep, fast_policy

pytestmark = pytest.mark.usefixtures("no_token_in_logs")


async def test_anonymous_sign_in_session_and_attribution_headers(
        cloud: FakeCloud, client: NemoClient) -> None:
    info = await client.create_session()
    assert info.session_id in cloud.sessions
    assert client.auth.anonymous and client.auth.user_id.startswith("u_")
    # the client id was made once, persisted, and sent
    assert cloud.client_ids == [load_client_id(create=False)]
    assert len(load_client_id()) <= 64
    for req in cloud.requests:
        assert req.headers["x-skill-source"] == "meme-video-generator-free"
        assert req.headers["x-skill-version"] == __version__
        assert req.headers["x-skill-platform"] == "tests"  # SKILL_SOURCE from conftest
    anon = [r for r in cloud.requests if r.path.endswith("anonymous-token")]
    assert "authorization" not in anon[0].headers


async def test_platform_header_is_unknown_without_skill_source(
        cloud: FakeCloud, client: NemoClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILL_SOURCE")
    await client.credits()
    assert cloud.requests[-1].headers["x-skill-platform"] == "unknown"


async def test_env_token_and_url_win(cloud: FakeCloud, monkeypatch: pytest.MonkeyPatch) -> None:
    from meme_desktop.api.auth import cloud_base_url

    token = cloud.new_token()
    monkeypatch.setenv("NEMO_TOKEN", token)
    monkeypatch.setenv("NEMO_API_URL", cloud.base_url + "/")
    base = cloud_base_url("https://example.invalid")
    assert base == cloud.base_url
    async with httpx.AsyncClient() as http:
        client = NemoClient(http, base, CloudAuth(base), fast_policy())
        credits = await client.credits()
    assert credits.available == 100
    assert cloud.client_ids == []  # no anonymous token was needed
    assert token not in repr(client) and token not in repr(client.auth)


async def test_1001_renews_the_token_once_with_the_same_client_id(
        cloud: FakeCloud, client: NemoClient) -> None:
    await client.credits()
    first = await client.auth.token(client)
    cloud.tokens.discard(first)  # the token expires
    credits = await client.credits()
    assert credits.total == 100
    assert len(cloud.client_ids) == 2 and cloud.client_ids[0] == cloud.client_ids[1]
    assert await client.auth.token(client) != first


async def test_1001_twice_gives_a_typed_error_and_a_sentence(
        cloud: FakeCloud, client: NemoClient) -> None:
    await client.credits()
    cloud.script("credits", 1001, 401)
    cloud.script("credits", 1001, 401)
    with pytest.raises(e.TokenInvalidError) as info:
        await client.credits()
    assert "sign-in expired" in user_message(info.value, Context("cloud"))


async def test_static_token_is_not_renewed(cloud: FakeCloud) -> None:
    async with httpx.AsyncClient() as http:
        client = NemoClient(http, cloud.base_url, StaticToken("wrong"), fast_policy())
        with pytest.raises(e.TokenInvalidError):
            await client.credits()
    assert "wrong" not in repr(client)


async def test_1002_is_a_session_error(cloud: FakeCloud, client: NemoClient) -> None:
    with pytest.raises(e.SessionNotFoundError) as info:
        await client.state("s_missing")
    assert info.value.code == 1002 and info.value.status == 404


@pytest.mark.parametrize(("code", "status", "cls", "words"), [
    (2001, 200, e.NoCreditsError, "Register"),
    (4001, 200, e.UnsupportedFileError, "MP4, MOV"),
    (4002, 200, e.FileTooLargeError, "Trim it or compress it"),
    (0, 402, e.ExportBlockedError, "Register or upgrade your plan"),
    (0, 400, e.BadRequestError, "did not accept"),
    (0, 500, e.ServerError, "had a problem"),
    (7777, 200, e.UnknownApiError, "refused"),
])
async def test_each_code_is_typed_and_has_a_sentence(
        cloud: FakeCloud, client: NemoClient, code: int, status: int, cls: type[e.ApiError],
        words: str) -> None:
    sid = (await client.create_session()).session_id
    cloud.script("state", code, status)
    with pytest.raises(cls) as info:
        await client.state(sid)
    ctx = Context("cloud", anonymous=True, user_id="u_42")
    sentence = user_message(info.value, ctx)
    assert words in sentence
    if code == 2001:
        assert "?bind=u_42" in sentence


async def test_2001_for_registered_users_says_top_up() -> None:
    sentence = user_message(e.NoCreditsError(), Context("cloud", anonymous=False))
    assert "Top up credits" in sentence


async def test_429_waits_30s_then_retries_once(cloud: FakeCloud, client: NemoClient) -> None:
    await client.credits()
    cloud.script("credits", status=429)
    credits = await client.credits()
    assert credits.available == 100
    assert client.policy.sleep.waits == [30.0]  # type: ignore[attr-defined]


async def test_429_honours_retry_after_and_gives_up_after_one_retry(
        cloud: FakeCloud, client: NemoClient) -> None:
    await client.credits()
    cloud.script("credits", status=429, headers={"Retry-After": "3"})
    cloud.script("credits", status=429, headers={"Retry-After": "3"})
    with pytest.raises(e.RateLimitedError) as info:
        await client.credits()
    assert client.policy.sleep.waits == [3.0]  # type: ignore[attr-defined]
    assert "busy" in user_message(info.value, Context("cloud"))


async def test_429_on_anonymous_token_also_waits(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.script("anon", status=429)
    await client.credits()
    assert client.policy.sleep.waits == [30.0]  # type: ignore[attr-defined]
    assert len(cloud.client_ids) == 1


async def test_400_on_anonymous_token_makes_a_new_client_id(
        cloud: FakeCloud, client: NemoClient) -> None:
    old = load_client_id()
    cloud.script("anon", status=400)
    await client.credits()
    new = client_id_path().read_text().strip()
    assert new != old and cloud.client_ids == [new]


async def test_connection_errors_retry_idempotent_calls_with_backoff() -> None:
    sleep = RecordingSleep()
    async with httpx.AsyncClient() as http:
        client = NemoClient(http, "http://127.0.0.1:9", StaticToken("t"), fast_policy(sleep))
        with pytest.raises(e.ConnectionFailedError) as info:
            await client.credits()
        assert sleep.waits == [0.01, 0.02]  # two retries, doubling (capped)
        sleep.waits.clear()
        with pytest.raises(e.ConnectionFailedError):
            await client.create_session()  # a POST: not retried
        assert sleep.waits == []
    assert "internet connection" in user_message(info.value, Context("cloud"))


async def test_timeouts_are_their_own_branch(cloud: FakeCloud) -> None:
    cloud.sse_mode = "heartbeats"
    async with httpx.AsyncClient(timeout=httpx.Timeout(0.3)) as http:
        token = cloud.new_token()
        client = NemoClient(http, cloud.base_url, StaticToken(token), fast_policy())
        sid = (await client.create_session()).session_id
        # a plain call with a read timeout shorter than the server needs
        with pytest.raises(e.RequestTimeoutError):
            await client.send("POST", "/run_sse", json={
                "app_name": "nemo_agent", "user_id": "me", "session_id": sid,
                "new_message": {"parts": [{"text": "hi"}]}}, timeout=0.0001)
