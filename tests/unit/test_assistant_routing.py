"""Intent routing, reply translation and the error sentences (no network)."""

from __future__ import annotations

import pytest

from meme_desktop.api import errors as e
from meme_desktop.api.models import Credits
from meme_desktop.assistant.events import NothingToExportError
from meme_desktop.assistant.messages import Context, credits_text, register_link, user_message
from meme_desktop.assistant.replies import edit_request, translate_reply
from meme_desktop.assistant.routing import route


@pytest.mark.parametrize(("text", "intent"), [
    ("export", "export"), ("Export 1080p MP4", "export"), ("导出", "export"),
    ("请导出视频", "export"), ("download", "export"), ("send me the video", "export"),
    ("credits", "credits"), ("积分", "credits"), ("what's my balance?", "credits"),
    ("余额", "credits"),
    ("status", "status"), ("状态", "status"), ("show tracks", "status"),
    ("upload", "upload"), ("上传", "upload"),
    ("put 'when the code compiles' on top", "chat"),
    ("add a vine boom at 2 seconds", "chat"),
    ("make it deep fried and then add the text export status on the bottom please", "chat"),
    ("", "chat"),
])
def test_route(text: str, intent: str) -> None:
    assert route(text) == intent


def test_translation_of_gui_phrases() -> None:
    reply = ("Added the caption. Click Export when you're happy. Open the effects panel to "
             "tweak it. Drag the clip to the start. Preview in timeline.")
    found = {t.action: t.sentence for t in translate_reply(reply)}
    assert found["export"] == "Click Export when you're happy."
    assert found["state"] == "Open the effects panel to tweak it."
    assert found["edit"] == "Drag the clip to the start."
    assert found["summary"] == "Preview in timeline."
    assert "Drag the clip to the start." in edit_request(found["edit"])


@pytest.mark.parametrize(("reply", "action"), [
    ("Use the Export button at the top right.", "export"),
    ("点击导出按钮。", "export"),
    ("请打开素材面板。", "state"),
    ("把片段拖拽到时间线上。", "edit"),
    ("Drag your photo into the media bin first.", "upload"),
    ("Upload one (drag it into the media bin), then ask again.", "upload"),
    ("Just drop the clip onto the app window.", "upload"),
    ("请先把图片拖进素材区。", "upload"),
    ("Drag the vine boom to the end.", "edit"),
])
def test_translation_other_phrasings(reply: str, action: str) -> None:
    assert [t.action for t in translate_reply(reply)] == [action]


def test_plain_replies_need_no_action() -> None:
    assert translate_reply("Added the caption \"HELLO\" at the top (0-3s).") == []


def test_credits_text() -> None:
    cloud_anon = Context("cloud", anonymous=True, user_id="u 1")
    assert credits_text(Credits(42, 3, 45), cloud_anon) == \
        "You have 42 credits available (3 reserved by running jobs)."
    empty = credits_text(Credits(0, 0, 0), cloud_anon)
    assert register_link("u 1") in empty and "bind=u+1" in empty
    assert "Top up" in credits_text(Credits(0, 0, 0), Context("cloud"))
    assert "free" in credits_text(Credits(100, 0, 100), Context("local"))


def _all_error_classes() -> list[type[BaseException]]:
    out: list[type[BaseException]] = []
    todo: list[type[BaseException]] = [e.ApiError]
    while todo:
        cls = todo.pop()
        out.append(cls)
        todo.extend(cls.__subclasses__())
    return out


def test_every_error_class_has_its_own_sentence_without_secrets() -> None:
    generic = user_message(e.ApiError())
    for cls in _all_error_classes():
        if cls is e.ApiError:
            continue
        exc = cls("tok-SECRET detail from the server")
        for ctx in (Context("local"), Context("cloud", anonymous=True, user_id="u1")):
            sentence = user_message(exc, ctx)
            assert sentence != generic, cls
            assert "SECRET" not in sentence and "{" not in sentence
            assert sentence.endswith((".", "1")), (cls, sentence)


def test_local_and_cloud_sentences_differ_where_it_matters() -> None:
    exc = e.ConnectionFailedError()
    assert "built-in engine" in user_message(exc, Context("local"))
    assert "internet" in user_message(exc, Context("cloud"))
    assert "nothing to export" in user_message(NothingToExportError()).lower()
    assert "“clip.mov”" in user_message(e.LocalFileError(name="clip.mov"))
