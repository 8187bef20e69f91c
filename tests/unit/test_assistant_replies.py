"""Replies that assume a GUI, read sentence by sentence (no network): what the person reads and
which action replaces each instruction; quoted captions never count; routing ignores quotes."""

from __future__ import annotations

import pytest

from meme_desktop.assistant.replies import ReplyFilter, translate_reply, visible_reply
from meme_desktop.assistant.routing import route
from meme_desktop.assistant.sentences import mask_quotes, scan, sentences

ISSUE_REPLY = "Done! Click the Export button to download your video."


@pytest.mark.parametrize(("reply", "shown", "actions"), [
    (ISSUE_REPLY, "Done!", ["export"]),
    ("You can drag the clip in the timeline to move it.", "", ["edit"]),
    ("Added the caption, now click Export to download it.", "Added the caption.", ["export"]),
    ("I've added the vine boom and you can drag it to adjust the timing!",
     "I've added the vine boom!", ["edit"]),
    ("To see it, open the preview panel.", "", ["state"]),
    ("Looks great. Preview it in the timeline. Then click Apply to confirm.", "Looks great.",
     ["summary", "edit"]),
    ("Drag your photo into the media bin first.", "", ["upload"]),
    ('Click "Export" when you are happy.', "", ["export"]),
    ("点击导出按钮下载视频。已添加字幕。", "已添加字幕。", ["export"]),
    ("我加了音效，请把片段拖拽到2秒。", "", ["edit"]),
    # quoted captions are the person's text, never instructions
    ('Added the caption "CLICK EXPORT TO SAVE YOUR SOUL" at the top.',
     'Added the caption "CLICK EXPORT TO SAVE YOUR SOUL" at the top.', []),
    ("Added 'DRAG ME TO HELL' at the bottom (0-5s).",
     "Added 'DRAG ME TO HELL' at the bottom (0-5s).", []),
    ("已添加字幕「点击导出」。", "已添加字幕「点击导出」。", []),
    # ordinary words that look like GUI verbs
    ("Added a click sound at 1.5s. It'll hit different.",
     "Added a click sound at 1.5s. It'll hit different.", []),
])
def test_what_the_person_reads_and_what_is_done(reply: str, shown: str,
                                                actions: list[str]) -> None:
    assert visible_reply(reply) == shown
    assert [t.action for t in translate_reply(reply)] == actions


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 11, 64])
def test_a_streamed_reply_reads_the_same_at_every_piece_size(size: int) -> None:
    reply = ('Added "HELLO. WORLD!" at 1.5s. ' + ISSUE_REPLY + " You can drag it later.\n"
             "Enjoy!")
    reader = ReplyFilter()
    pieces = [reader.feed(reply[i:i + size]) for i in range(0, len(reply), size)]
    pieces.append(reader.finish())
    assert "".join(pieces) == 'Added "HELLO. WORLD!" at 1.5s. Done! Enjoy!'
    assert [t.action for t in reader.actions()] == ["export", "edit"]
    # nothing is shown before its sentence is complete: no half instruction ever leaks
    assert not any("Cl" in p or "drag" in p for p in pieces)


def test_sentences_respect_quotes_decimals_and_cjk() -> None:
    text = 'Speed 1.5x. Added "A. B!" here.\n第一句。第二句！ok'
    assert sentences(text) == ["Speed 1.5x.", 'Added "A. B!" here.', "第一句。", "第二句！", "ok"]
    unfinished = scan('Added "A. B', final=False)
    assert unfinished.sentences == [] and unfinished.rest == 0
    assert mask_quotes("Add 'click export' now") == "Add '_____ ______' now"
    assert mask_quotes("It's Bob's 'big' day") == "It's Bob's '___' day"


@pytest.mark.parametrize(("text", "intent"), [
    ('put "export" on top', "chat"),
    ("add the caption 'show tracks'", "chat"),
    ("加字幕「导出」", "chat"),
    ("export 'my meme'", "export"),
    ("export", "export"),
])
def test_routing_ignores_quoted_text(text: str, intent: str) -> None:
    assert route(text) == intent


@pytest.mark.parametrize("reply", [
    "Timeline (2 tracks): 1. Video: drag race.mp4 (0-5s) 2. Sound: click (1-2s, 100%)",
    "Added drag queen.png at the start.",
    "The open panel.jpg is on the timeline now.",
])
def test_file_names_in_a_reply_are_not_instructions(reply: str) -> None:
    assert translate_reply(reply) == [] and visible_reply(reply) == reply
