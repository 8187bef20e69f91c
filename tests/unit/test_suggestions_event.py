"""The ``suggestions`` stream event (docs/protocol.md, an extension): decoded into chips by the
client, malformed items dropped, unknown to the hosted backend and harmless there; and the
starter chips, which apply only when they can and follow the interface language."""

from __future__ import annotations

import json

from meme_desktop.api.models import Asset
from meme_desktop.api.sse import MAX_SUGGESTIONS, Suggestions, decode_payload
from meme_desktop.assistant.starters import starter_chips


def test_suggestions_are_decoded_and_checked() -> None:
    items = [{"label": "A / B", "text": "use “A” / “B” instead"}, {"label": "", "text": "x"},
             {"label": "ok", "text": 3}, "junk", {"label": "C", "text": "use “C” instead"}]
    got = decode_payload(json.dumps({"type": "suggestions", "items": items, "meme": {"a": 1}}))
    assert got == [Suggestions((("A / B", "use “A” / “B” instead"), ("C", "use “C” instead")))]
    many = [{"label": f"{i}", "text": f"t{i}"} for i in range(20)]
    assert len(decode_payload(json.dumps({"type": "suggestions", "items": many}))[0].items) \
        == MAX_SUGGESTIONS
    assert decode_payload(json.dumps({"type": "suggestions", "items": "nope"})) == [Suggestions()]


def test_starters_apply_only_when_they_can() -> None:
    empty = starter_chips("en")
    assert [c.label for c in empty] == ["generate my images or clips", "export 1080p MP4",
                                        "turn this image into a meme"]
    assert [c.enabled for c in empty] == [True, False, False]
    assert "make a meme first" in empty[1].tooltip and "Upload a picture" in empty[2].tooltip
    pic = Asset("h", "cat.png", "image")
    ready = starter_chips("en", [pic], timeline_empty=False)
    assert all(c.enabled for c in ready) and ready[2].tooltip == "Send “turn this image into a meme”"
    song_only = starter_chips("en", [Asset("s", "song.mp3", "audio")])
    assert not song_only[2].enabled


def test_chinese_starters_send_chinese() -> None:
    chips = starter_chips("zh_CN", [Asset("h", "cat.png", "image")], timeline_empty=False)
    assert [c.text for c in chips] == ["生成我的图片或视频", "导出 1080p MP4", "把这张图做成表情包"]
    assert all(c.label == c.text for c in chips)
    assert not starter_chips("zh", [])[2].enabled and "上传" in starter_chips("zh", [])[2].tooltip
