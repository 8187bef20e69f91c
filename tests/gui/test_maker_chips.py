"""The meme maker in the window, on the real engine: the starter chips are greyed out (with a
reason) until they can apply, "turn this image into a meme" makes one with a click, and the
alternatives appear as chips that apply with one more click. Chinese starters send Chinese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from meme_desktop.draft import TextSegment
from meme_desktop.ui.chat_panel import ChatPanel
from meme_desktop.ui.i18n import set_language


def captions(window: Any) -> list[str]:
    return [s.text for s in window.track.draft.segments(7) if isinstance(s, TextSegment)]


def test_starters_then_alternatives_with_one_click(window: Any, run: Any, media_dir: Path) -> None:
    generate, export, meme = window.chat.chips
    assert generate.isEnabled() and not export.isEnabled() and not meme.isEnabled()
    assert "Upload a picture or clip first" in meme.toolTip()
    window.media.add_files([media_dir / "doge.png"])
    run.until(lambda: meme.isEnabled(), timeout=30)
    meme.click()
    run.until(lambda: not window.chat.busy and bool(captions(window))
              and bool(window.chat.choice_rows), timeout=60)
    assert "turn this image into a meme" in window.chat.texts()
    made = captions(window)
    reply = window.chat.texts()[-1]
    assert made[0].split("\n")[0] in reply and "Other ideas" in reply
    assert export.isEnabled()
    row = window.chat.choice_rows[-1]
    assert len(row) == 2 and all(b.isEnabled() for b in row)
    wanted = row[1].text()
    row[1].click()
    run.until(lambda: not window.chat.busy and captions(window) != made, timeout=60)
    assert " / ".join(" ".join(c.split()) for c in captions(window)) == wanted


def test_chinese_starters_send_chinese(qtbot: Any, run: Any) -> None:
    sent: list[str] = []

    async def runner(text: str) -> None:
        sent.append(text)

    set_language("zh_CN")
    try:
        panel = ChatPanel(runner)
        qtbot.addWidget(panel)
        labels = [c.text() for c in panel.chips]
        assert labels == ["生成我的图片或视频", "导出 1080p MP4", "把这张图做成表情包"]
        assert not panel.chips[2].isEnabled() and "上传" in panel.chips[2].toolTip()
        panel.chips[0].click()
        run.until(lambda: sent == ["生成我的图片或视频"] and not panel.busy, timeout=10)
        assert panel.texts()[-1] == "生成我的图片或视频"
    finally:
        set_language("en")
