"""A window in Chinese says the app's own sentences in Chinese: every typed error, the credits,
a turn that changed nothing, a batch file that made nothing, a rebuilt project; the English
sentences stay as they were."""

from __future__ import annotations

import inspect

import pytest

from meme_desktop.api import errors as e
from meme_desktop.api.models import Credits
from meme_desktop.assistant import messages_zh
from meme_desktop.assistant.events import NotConnectedError, NothingToExportError
from meme_desktop.assistant.messages import (
    Context,
    credits_text,
    no_effect_text,
    not_added_text,
    nothing_made_text,
    restoration_text,
    still_working,
    user_message,
)
from meme_desktop.assistant.recovery import Restoration

ZH = Context("local", language="zh")
ZH_CLOUD = Context("cloud", anonymous=True, user_id="u1", language="zh")


def _han(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


ERRORS = [cls for _n, cls in inspect.getmembers(e, inspect.isclass)
          if issubclass(cls, e.ApiError)] + [NothingToExportError, NotConnectedError, OSError,
                                              RuntimeError]


@pytest.mark.parametrize("cls", ERRORS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("ctx", [ZH, ZH_CLOUD], ids=["local", "cloud"])
def test_every_error_has_a_chinese_sentence(cls: type[BaseException], ctx: Context) -> None:
    exc = cls("The engine's own English detail.") if cls is not e.SignInUnavailableError \
        else cls("x", retry_after=7200)
    text = user_message(exc, ctx)
    assert _han(text) >= 4, text
    assert "engine's own English" not in text
    english = user_message(exc, Context(ctx.backend, ctx.anonymous, ctx.user_id))
    assert _han(english) == 0 and english != text


def test_the_sentences_keep_what_matters() -> None:
    assert "“cat.png”" in user_message(e.LocalFileError(name="cat.png"), ZH)
    assert "200 MB" in user_message(e.FileTooLargeError(), ZH)
    assert "MP4" in user_message(e.UnsupportedFileError(), ZH)
    assert "bind=u1" in user_message(e.NoCreditsError(), ZH_CLOUD)       # the register link
    assert "小时" in user_message(e.SignInUnavailableError("x", retry_after=7200), ZH_CLOUD)


def test_the_other_fixed_texts() -> None:
    assert "免费" in credits_text(Credits(0, 0, 0), ZH)
    assert "3 点额度" in credits_text(Credits(3, 0, 3), ZH_CLOUD)
    assert "“加个油炸”" in no_effect_text("加个油炸", chinese=True)
    assert no_effect_text("x") .startswith("Nothing changed")
    assert "cat.png" in not_added_text("cat.png", chinese=True) and _han(
        not_added_text("cat.png", chinese=True)) > 3
    assert _han(nothing_made_text("mondays", chinese=True)) > 5
    assert still_working(True) == messages_zh.STILL_WORKING != still_working()
    report = restoration_text(Restoration(uploaded=["cat.png"], replayed=["make it red"],
                                          missing=[("dog.png", "file gone")]), chinese=True)
    assert "cat.png" in report and "“make it red”" in report and "dog.png（file gone）" in report
    assert _han(report) > 10
    assert restoration_text(Restoration(), chinese=True) == messages_zh.restoration_text(
        Restoration(), [], [])
