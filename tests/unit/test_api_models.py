"""Parsing of answers (both render status shapes, lenient state), the error mapping function,
the polling schedule, and masking of tokens in reprs."""

from __future__ import annotations

import pytest

from meme_desktop.api import errors as e
from meme_desktop.api.models import AnonymousToken, Asset, RenderStatus, SessionState
from meme_desktop.api.policy import Policy


def test_render_status_new_shape() -> None:
    s = RenderStatus.parse({"success": True, "data": {"id": "render_1", "status": "completed",
                                                      "progress": 100, "outputUrl": "/x.mp4"}})
    assert (s.id, s.status, s.progress, s.output_url, s.finished) == \
        ("render_1", "completed", 100.0, "/x.mp4", True)


def test_render_status_old_shape_and_aliases() -> None:
    s = RenderStatus.parse({"status": "done", "output": {"url": "https://cdn/x.mp4"}}, "r2")
    assert (s.id, s.status, s.output_url) == ("r2", "completed", "https://cdn/x.mp4")
    assert RenderStatus.parse({"status": "running", "progress": 40}).status == "processing"
    failed = RenderStatus.parse({"data": {"status": "failed", "error": {"message": "boom"}}})
    assert failed.status == "failed" and failed.error == "boom"
    assert RenderStatus.parse({"data": {"status": "weird"}}).status == "processing"
    assert not RenderStatus.parse({}).finished


def test_state_parse_is_lenient() -> None:
    state = SessionState.parse({"session_id": "s1", "state": {
        "draft": {"v": 1, "t": [{"id": "x1", "tt": 7, "sg": [
            {"id": "s1", "txt": "HI", "st": 0, "d": 1000}]}]},
        "video_infos": [{"filename": "cat.png", "hash": "abc", "file_type": "image",
                         "width": 320, "height": "junk"}, "not a dict"]}})
    assert state.names == {"abc": "cat.png"} and state.assets[0].height == 0
    assert state.draft.segments()[0].text == "HI"
    broken = SessionState.parse({"state": {"draft": {"t": "nonsense"}}}, "s2")
    assert broken.session_id == "s2" and broken.draft.is_empty
    assert SessionState.parse({}).draft.is_empty


def test_asset_names_fall_back_to_the_url() -> None:
    asset = Asset.parse({"cdn_url": "https://cdn.example/media/clip.mp4", "duration": 2.5})
    assert asset.name == "clip.mp4" and asset.hash == asset.url and asset.duration == 2.5


def test_tokens_are_masked() -> None:
    token = AnonymousToken.parse({"token": "abc.def.ghi", "user_id": "u1", "credits": 100})
    assert "abc.def.ghi" not in repr(token) and "u1" in repr(token)
    assert "abc.def.ghi" not in str(token)


@pytest.mark.parametrize(("status", "body", "cls"), [
    (200, {"code": 0, "data": {}}, None),
    (200, {"success": True, "data": {}}, None),
    (200, {"code": 1001}, e.TokenInvalidError),
    (404, {"code": 1002}, e.SessionNotFoundError),
    (200, {"code": 2001}, e.NoCreditsError),
    (400, {"code": 4001}, e.UnsupportedFileError),
    (413, None, e.FileTooLargeError),
    (402, {"success": False}, e.ExportBlockedError),
    (429, None, e.RateLimitedError),
    (409, {"code": 409}, e.ConflictError),
    (503, None, e.ServerError),
    (200, {"success": False, "error": "x"}, e.UnknownApiError),
    (418, None, e.UnknownApiError),
])
def test_error_for(status: int, body: object, cls: type[e.ApiError] | None) -> None:
    found = e.error_for(status, body, {}, "/api/x")
    assert (type(found) if found else None) is cls


def test_missing_client_id_only_on_anonymous_token() -> None:
    assert isinstance(e.error_for(400, None, {}, "/api/auth/anonymous-token"),
                      e.MissingClientIdError)
    assert type(e.error_for(400, None, {}, "/api/state")) is e.BadRequestError


def test_retry_after_is_read_as_seconds_or_a_date_and_the_policy_decides_the_wait() -> None:
    import time
    from email.utils import formatdate

    from meme_desktop.api.policy import Policy

    err = e.error_for(429, None, {"retry-after": "12"})
    assert isinstance(err, e.RateLimitedError) and err.retry_after == 12
    week = e.error_for(429, None, {"retry-after": "604800"})
    assert week is not None and week.retry_after == 604800  # kept: the sentence says when
    dated = e.error_for(429, None, {"Retry-After": formatdate(time.time() + 90, usegmt=True)})
    assert dated is not None and dated.retry_after is not None and 80 < dated.retry_after <= 90
    assert e.error_for(429, None, {"retry-after": "Wed, 21 Oct"}).retry_after is None  # type: ignore[union-attr]
    busy = e.error_for(503, None, {"retry-after": "5"})
    assert isinstance(busy, e.ServerError) and busy.retry_after == 5
    policy = Policy()
    assert policy.rate_wait(12) == 12 and policy.rate_wait(None) == 30
    assert policy.rate_wait(604800) is None  # not worth waiting: the call fails at once


def test_error_text_never_carries_server_words() -> None:
    err = e.error_for(200, {"code": 2001, "message": "Bearer tok-123 is broke"})
    assert err is not None and "tok-123" not in str(err) and "code 2001" in str(err)


def test_polling_backs_off_to_30s_for_the_hosted_backend_and_is_bounded() -> None:
    hosted = Policy().poll_intervals()
    assert hosted[0] == 2.0 and max(hosted) == 30.0 and hosted == sorted(hosted)
    assert sum(hosted) >= Policy().render_limit and sum(hosted[:-1]) < Policy().render_limit
    local = Policy.local().poll_intervals()
    assert local[0] == 0.2 and max(local) == 1.0
