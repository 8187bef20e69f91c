"""The chat panel: greeting and starter chips, streamed replies, notices, errors with retry,
and the chips a reply offers (a meme's alternative captions), each sending its message.

Enter sends, Shift+Enter adds a line. The input stays usable while a turn runs: a second
message waits in a queue (and says so) and is sent when the current turn ends. A slow turn
shows "Thinking…" with Stop (:mod:`meme_desktop.ui.thinking`), which stops waiting for it. The
panel knows nothing of the backend: it is given ``run_turn(text)``, a coroutine function whose
turn reaches the panel through :meth:`ChatPanel.begin_reply` / :meth:`append_reply` /
:meth:`add_notice` / :meth:`add_error` (wired to the controller's signals). The input
(:class:`~meme_desktop.ui.chat_input.ChatInput`) imports dropped files (``files_dropped``) and
leaves Ctrl+Z / Ctrl+Shift+Z in an empty input to the project's undo and redo. The starter
chips follow the session model (:meth:`ChatPanel.follow`): each is greyed out with its reason
until it can apply (a backend attached, an upload, a timeline; ``assistant.starters``). A
chip longer than the panel is wide ends in "…" (its tooltip has all of it; it sends all of it).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import deque
from collections.abc import Awaitable, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from meme_desktop.api.models import SessionState
from meme_desktop.assistant import starters
from meme_desktop.assistant.events import Chip
from meme_desktop.ui.chat_input import ChatInput
from meme_desktop.ui.i18n import language, tr, tr_noop
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.thinking import ThinkingRow

log = logging.getLogger(__name__)

GREETING = tr_noop("Share your images or clips and I'll get started on AI meme video "
                   "creation. Or just tell me what you're thinking.")
STARTERS = tuple(en for _what, en, _zh in starters.STARTERS)     # the English labels

LIST_MARGINS = 12  # the message list's margins around a chip, in pixels

# long opaque strings (tokens, ids) never reach the screen, even if a backend leaks one
_OPAQUE = re.compile(r"\b(?=[A-Za-z0-9_\-.]*\d)(?=[A-Za-z0-9_\-.]*[A-Za-z])[A-Za-z0-9_\-.]{32,}\b")
_BEARER = re.compile(r"(?i)bearer\s+\S+")


def scrub(text: str) -> str:
    """Remove anything that looks like a token or an internal id from chat text."""
    return _OPAQUE.sub("…", _BEARER.sub("…", text))


class Bubble(QFrame):
    """One message: user, assistant, notice or error (with an optional "Try again")."""

    retry = Signal(str)

    def __init__(self, role: str, text: str = "", retry_text: str | None = None) -> None:
        super().__init__()
        self.role = role
        self.setObjectName({"user": "bubbleUser", "assistant": "bubbleAssistant",
                            "notice": "bubbleNotice", "error": "bubbleError"}[role])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel(scrub(text))
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.label)
        self.retry_button: QPushButton | None = None
        if retry_text is not None:
            self.retry_button = QPushButton(tr("Try again"))
            self.retry_button.setToolTip(tr("Send the message again"))
            self.retry_button.clicked.connect(lambda: self._retry(retry_text))
            layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _retry(self, text: str) -> None:
        if self.retry_button is not None:
            self.retry_button.setEnabled(False)
        self.retry.emit(text)

    def fit_width(self, max_width: int) -> None:
        """A right-aligned bubble as wide as its text, up to ``max_width``; a word-wrapped
        label alone would wrap a short sentence into a narrow column."""
        self.label.ensurePolished()
        metrics = self.label.fontMetrics()
        natural = max((metrics.horizontalAdvance(line) for line in self.text().splitlines()),
                      default=0) + 4
        layout = self.layout()
        assert layout is not None  # the bubble sets its layout when it is made
        margins = layout.contentsMargins()
        inner = max(40, max_width - margins.left() - margins.right())
        self.label.setMinimumWidth(min(natural, inner))
        self.setMaximumWidth(max_width)

    def append(self, text: str) -> None:
        self.label.setText(scrub(self.label.text() + text))

    def text(self) -> str:
        return self.label.text()


class ChatPanel(QFrame):
    """Greeting, starters, the message list and the input, with a queue for waiting messages."""

    busy_changed = Signal(bool)
    files_dropped = Signal(list)  # paths dropped on the input: import them
    turn_stopped = Signal()  # Stop ended a turn before its reply: the project may have changed

    def __init__(self, run_turn: Callable[[str], Awaitable[None]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self._run_turn = run_turn
        self._queue: deque[str] = deque()
        self._task: asyncio.Future[None] | None = None
        self._turn: asyncio.Future[None] | None = None  # the running turn (Stop cancels it)
        self._stopping = False
        self._current: str | None = None
        self._reply: Bubble | None = None
        self.bubbles: list[Bubble] = []
        self.busy = False

        title = QLabel(tr("Chat"))
        title.setObjectName("panelTitle")
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(4, 4, 4, 4)
        self._list_layout.setSpacing(8)
        self._list_layout.addStretch(1)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setWidget(self._list)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.verticalScrollBar().rangeChanged.connect(
            lambda _lo, hi: self._scroll.verticalScrollBar().setValue(hi))

        self.input = ChatInput()
        self.input.submitted.connect(self.submit)
        self.input.files_dropped.connect(self.files_dropped)
        self._chips_enabled = True
        self.send_button = QPushButton(tr("Send"))
        self.send_button.setObjectName("primary")
        self.send_button.setToolTip(tr("Send the message (Enter)"))
        self.send_button.clicked.connect(self.input.submit)
        self.queue_label = QLabel("")
        self.queue_label.setObjectName("hint")
        self.thinking = ThinkingRow()
        self.thinking.stop_requested.connect(self.stop_turn)

        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(title)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self.thinking)
        layout.addWidget(self.queue_label)
        layout.addLayout(row)
        self.chips: list[QPushButton] = []           # the greeting's starters
        self.choice_rows: list[list[QPushButton]] = []   # chips offered under replies
        self._state: SessionState | None = None
        self.show_greeting()

    # -- content ---------------------------------------------------------------------------
    def _add(self, bubble: Bubble) -> Bubble:
        row = QHBoxLayout()
        if bubble.role == "user":
            row.addStretch(1)
            row.addWidget(bubble, 0)
            bubble.fit_width(self._user_width())
        else:
            row.addWidget(bubble, 1)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self._list_layout.insertWidget(self._list_layout.count() - 1, holder)
        self.bubbles.append(bubble)
        bubble.retry.connect(self.submit)
        return bubble

    def _user_width(self) -> int:
        """85 % of the list (at least 220 px, but never wider than the list: a narrow chat
        would cut every message off at the right)."""
        room = self._scroll.viewport().width() - LIST_MARGINS
        return max(40, min(room, max(220, int(self._scroll.viewport().width() * 0.85))))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        width = self._user_width()
        for bubble in self.bubbles:
            if bubble.role == "user":
                bubble.fit_width(width)
        for button in [*self.chips, *(b for row in self.choice_rows for b in row)]:
            self._fit_chip(button)

    def _fit_chip(self, button: QPushButton) -> None:
        """A chip longer than the panel ends in "…" (its tooltip has all of it): a button
        never wraps, and one wider than the list pushed every message past the right edge."""
        full = str(button.property("label") or button.text())
        if not self._scroll.viewport().isVisible():  # not laid out yet: no width to go by
            button.setText(full)
            return
        metrics = button.fontMetrics()
        chrome = button.sizeHint().width() - metrics.horizontalAdvance(button.text())
        room = self._scroll.viewport().width() - LIST_MARGINS - chrome
        button.setText(metrics.elidedText(full, Qt.TextElideMode.ElideRight, max(40, room)))

    def _chip(self, chip: Chip) -> QPushButton:
        """A button that sends ``chip.text`` (disabled with its reason when it cannot apply)."""
        button = QPushButton(chip.label)
        button.setObjectName("chip")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda _=False, b=button: self.submit(b.property("sends")))
        self._set_chip(button, chip)
        return button

    def _set_chip(self, button: QPushButton, chip: Chip) -> None:
        button.setProperty("label", chip.label)
        self._fit_chip(button)
        button.setProperty("sends", chip.text)
        button.setEnabled(chip.enabled and self._chips_enabled)
        button.setToolTip(chip.tooltip or tr("Send “{starter}”", starter=chip.text))
        button.setAccessibleDescription(button.toolTip())

    def _chip_row(self, chips: list[Chip]) -> list[QPushButton]:
        box = QWidget()
        row = QVBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        buttons = [self._chip(c) for c in chips]
        for button in buttons:
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self._list_layout.insertWidget(self._list_layout.count() - 1, box)
        return buttons

    def show_greeting(self) -> None:
        self._add(Bubble("assistant", tr(GREETING)))
        self.chips = self._chip_row(starters.chips_for(self._state, language()))

    def update_starters(self, state: SessionState | None) -> None:
        """Enable the starters that can apply to the session now (media, a timeline)."""
        self._state = state
        for button, chip in zip(self.chips, starters.chips_for(state, language()), strict=False):
            self._set_chip(button, chip)

    def add_choices(self, chips: tuple[Chip, ...] | list[Chip]) -> list[QPushButton]:
        """Chips under the last reply (a meme's alternatives): one click sends each."""
        self._reply = None
        buttons = self._chip_row(list(chips))
        self.choice_rows.append(buttons)
        return buttons

    def clear(self) -> None:
        """Remove every message (new project) and greet again."""
        while self._list_layout.count() > 1:
            item = self._list_layout.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self.bubbles.clear()
        self.chips.clear()
        self.choice_rows.clear()
        self._reply = None
        self.show_greeting()

    def add_history(self, role: str, text: str) -> None:
        self._add(Bubble("user" if role == "user" else "assistant", text))

    def add_user(self, text: str) -> Bubble:
        return self._add(Bubble("user", text))

    def begin_reply(self) -> None:
        self._reply = None

    def append_reply(self, text: str) -> None:
        if not text:
            return
        self.thinking.disarm()
        if self._reply is None:
            self._reply = self._add(Bubble("assistant", text.lstrip("\n")))
        else:
            self._reply.append(text)

    def add_notice(self, text: str) -> Bubble:
        self._reply = None
        return self._add(Bubble("notice", text))

    def add_error(self, text: str, retry_text: str | None = None) -> Bubble:
        self._reply = None
        return self._add(Bubble("error", text, retry_text))

    def texts(self) -> list[str]:
        """Every message shown, in order (tests and screen readers)."""
        return [b.text() for b in self.bubbles]

    def follow(self, model: SessionModel) -> None:
        """The starter chips follow the session: they work once a backend is attached, and
        each only when it can apply to the project as it is."""
        def update(*_args: object) -> None:
            self._chips_enabled = model.attached
            self.update_starters(model.state)

        model.history_changed.connect(update)
        model.state_changed.connect(update)
        update()

    # -- sending ---------------------------------------------------------------------------
    def set_runner(self, run_turn: Callable[[str], Awaitable[None]]) -> None:
        self._run_turn = run_turn

    def submit(self, text: str) -> None:
        """Show the message and send it now, or queue it behind the running turn."""
        text = text.strip()
        if not text:
            return
        self.add_user(text)
        if self.busy:
            self._queue.append(text)
            self.add_notice(tr("Waiting for the current reply to finish — your message is next."))
            self._update_queue_label()
            return
        self._current = text
        self._set_busy(True)
        self._task = asyncio.ensure_future(self._drain())

    async def _drain(self) -> None:
        try:
            while self._current is not None:
                text = self._current
                self.begin_reply()
                if self._run_turn is None:
                    self.add_error(tr("Not connected yet. Please wait a moment."), text)
                else:
                    self.thinking.arm()
                    self._turn = asyncio.ensure_future(self._run_turn(text))
                    try:
                        await self._turn
                    except asyncio.CancelledError:
                        if not self._stopping:
                            raise
                        self.add_notice(tr("Stopped waiting for the reply."))
                        self.turn_stopped.emit()
                    except Exception:  # noqa: BLE001 - the panel must survive any failure
                        log.exception("chat turn failed")
                        self.add_error(tr("Something went wrong with that message."), text)
                    finally:
                        self.thinking.disarm()
                        self._turn, self._stopping = None, False
                self._current = self._queue.popleft() if self._queue else None
                self._update_queue_label()
        finally:
            self._current = None
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.send_button.setText(tr("Queue") if busy else tr("Send"))
        self.busy_changed.emit(busy)

    def _update_queue_label(self) -> None:
        n = len(self._queue)
        self.queue_label.setText(tr("{n} message(s) waiting", n=n) if n else "")
        self.queue_label.setVisible(bool(n))

    def stop_turn(self) -> None:
        """Stop waiting for the running turn (Stop); queued messages still go."""
        if self._turn is not None and not self._turn.done():
            self._stopping = True
            self._turn.cancel()

    def cancel(self) -> None:
        """Stop the running turn and drop the queue (window closing, new project)."""
        self._queue.clear()
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._update_queue_label()


__all__ = ["GREETING", "STARTERS", "Bubble", "ChatInput", "ChatPanel", "scrub"]
