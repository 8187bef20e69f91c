"""The chat panel on the real engine: edits reach the track view, the queue, the starters,
context-menu edits sent as sentences, and nothing technical in the chat."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from meme_desktop.draft import TextSegment
from meme_desktop.ui.export_dialog import ExportDialog


def captions(window: Any) -> list[TextSegment]:
    return [s for s in window.track.draft.segments(7) if isinstance(s, TextSegment)]


def assert_nothing_technical(window: Any) -> None:
    """No token, session id or JSON in any chat bubble."""
    assistant = window.session.assistant
    secrets = [window.engine.token, assistant.session_id]
    for text in window.chat.texts():
        for secret in secrets:
            assert secret and secret not in text
        assert not re.search(r'[{\[]\s*"', text), text
        with pytest.raises(ValueError):
            json.loads(text)


def test_chat_message_adds_a_caption_segment(window: Any, run: Any) -> None:
    started = time.perf_counter()
    window.chat.submit('add the caption "WHEN THE CODE COMPILES" on top')
    run.until(lambda: any(s.text == "WHEN THE CODE COMPILES" for s in captions(window)),
              timeout=30)
    elapsed = time.perf_counter() - started
    print(f"\nchat edit → track view: {elapsed * 1000:.0f} ms")
    run.until(lambda: not window.chat.busy)
    seg = next(s for s in captions(window) if s.text == "WHEN THE CODE COMPILES")
    item = window.track.items_by_id[seg.id]
    assert item.changed and item.label == "WHEN THE CODE COMPILES"
    texts = window.chat.texts()
    assert texts[1] == 'add the caption "WHEN THE CODE COMPILES" on top'
    assert any("WHEN THE CODE COMPILES" in t for t in texts[2:])
    assert window.status.state == "ready"
    assert_nothing_technical(window)


def test_a_second_message_waits_its_turn(window: Any, run: Any) -> None:
    window.chat.submit('add the caption "FIRST" on top')
    assert window.chat.busy
    window.chat.submit('add the caption "SECOND" at the bottom')
    assert any("your message is next" in t for t in window.chat.texts())
    assert window.chat.queue_label.text() == "1 message(s) waiting"
    assert window.chat.input.isEnabled()
    run.until(lambda: not window.chat.busy and {"FIRST", "SECOND"} <= {
        s.text for s in captions(window)}, timeout=60)
    order = [t for t in window.chat.texts() if t in (
        'add the caption "FIRST" on top', 'add the caption "SECOND" at the bottom')]
    assert len(order) == 2
    assert window.chat.queue_label.text() == ""


def test_context_menu_edits_are_typed_operations_by_id(window: Any, run: Any,
                                                      media_dir: Path) -> None:
    """Two captions that read the same, two vine booms: the one picked is the one edited
    (the English-sentence gestures got these wrong), and nothing is said in the chat."""
    window.media.add_files([media_dir / "doge.png"])
    run.until(lambda: window.session.state is not None and window.session.state.assets,
              timeout=30)
    window.chat.submit("add 'SAME' at the top and 'SAME' at the bottom, vine booms at 1s and 3s")
    run.until(lambda: not window.chat.busy and len(window.track.draft.segments(1)) == 2,
              timeout=60)
    said = len(window.chat.texts())
    top = next(s for s in captions(window) if s.pos == "top")
    window.track.items_by_id[top.id].setSelected(True)
    window.track.delete_action.trigger()
    run.until(lambda: [(s.text, s.pos) for s in captions(window)] == [("SAME", "bottom")],
              timeout=30)
    first = min(window.track.draft.segments(1), key=lambda s: s.start)
    window.track.scene().clearSelection()
    window.track.items_by_id[first.id].setSelected(True)
    window.track.set_playhead(2000)
    window.track.move_action.trigger()
    run.until(lambda: sorted(s.start for s in window.track.draft.segments(1)) == [2000, 3000],
              timeout=30)
    bottom = captions(window)[0]
    window.track.scene().clearSelection()
    window.track.items_by_id[bottom.id].setSelected(True)
    window.track.set_playhead(1500)
    window.track.move_action.trigger()          # moves the caption, adds none
    run.until(lambda: [s.start for s in captions(window)] == [1500], timeout=30)
    clip = window.track.draft.segments(0)[0]
    window.track.scene().clearSelection()
    window.track.items_by_id[clip.id].setSelected(True)
    done = window.session.edits_done
    window.track.move_action.trigger()          # a picture: no "I am not sure" in the chat
    run.until(lambda: window.session.edits_done > done and not window.session.model.busy,
              timeout=30)
    assert len(window.chat.texts()) == said
    window.actions["undo"].trigger()            # undo steps over a gesture
    run.until(lambda: not window.chat.busy and [s.start for s in captions(window)] == [0],
              timeout=30)
    assert_nothing_technical(window)


def test_starter_chip_export_opens_the_export_dialog(window: Any, run: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    async def choose(cls: Any, parent: Any, preset: str = "", quality: str = "") -> None:
        calls.append(preset)
        return None

    monkeypatch.setattr(ExportDialog, "choose", classmethod(choose))
    window.chat.submit('add the caption "READY" on top')
    run.until(lambda: not window.chat.busy and not window.track.draft.is_empty, timeout=30)
    chip = next(c for c in window.chat.chips if c.text() == "export 1080p MP4")
    chip.click()
    run.until(lambda: bool(calls) and not window.chat.busy, timeout=30)
    assert calls == ["vertical"]
    assert "export 1080p MP4" in window.chat.texts()
