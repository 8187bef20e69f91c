"""Error sentences: the built-in engine's own reasons are shown; the cloud's raw text is not."""

from __future__ import annotations

from meme_desktop.api import errors as e
from meme_desktop.assistant.messages import Context, user_message

ENGINE_SAYS = "“cat.txt” is not a picture, video or sound. Use MP4, PNG or MP3."


def test_local_engine_reasons_are_shown_as_written() -> None:
    for cls in (e.UnsupportedFileError, e.BadRequestError, e.UnreadableFileError):
        assert user_message(cls(ENGINE_SAYS), Context("local")) == ENGINE_SAYS


def test_cloud_text_is_replaced_by_our_sentence() -> None:
    sentence = user_message(e.UnsupportedFileError(ENGINE_SAYS), Context("cloud"))
    assert sentence != ENGINE_SAYS and sentence.startswith("That file type is not supported")


def test_fragments_and_technical_text_fall_back_to_our_sentence() -> None:
    for detail in ("", "bad multipart boundary", "KeyError: 'files'", "x" * 400 + "."):
        sentence = user_message(e.BadRequestError(detail), Context("local"))
        assert sentence == "The built-in engine did not accept that request."
