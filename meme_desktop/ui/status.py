"""The status bar: connection state (Connecting… / Ready / Working… / Exporting… /
Reconnecting… / Offline, or the sentence saying the hosted service cannot be reached), the
backend in use and the credits, read from the session model
(:meth:`StatusBar.follow`); the setters stay for a bar on its own."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from meme_desktop.api.models import Credits
from meme_desktop.ui.i18n import tr, tr_data, tr_noop
from meme_desktop.ui.session_model import SessionModel

BACKEND_NAMES = {"local": tr_noop("Embedded engine"), "cloud": tr_noop("NemoVideo cloud")}


def credits_text(credits: Credits | None, backend: str = "cloud") -> str:
    if credits is None:
        return ""
    if backend == "local":
        return tr("Credits: unlimited")
    return tr("Credits: {n}", n=f"{credits.available:,.0f}")


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(True)
        self.dot = QLabel("●")
        self.dot.setObjectName("statusDot")
        self.state_label = QLabel()
        self.backend_label = QLabel()
        self.backend_label.setToolTip(tr("Where edits and exports run (Settings to change)"))
        self.credits_label = QLabel()
        self.credits_label.setToolTip(tr("Credits left on this backend"))
        self.addWidget(self.dot)
        self.addWidget(self.state_label, 1)
        self.addPermanentWidget(self.backend_label)
        self.addPermanentWidget(self.credits_label)
        self.state = ""
        self.detail = ""
        self.backend = ""
        self._anonymous = False
        self._model: SessionModel | None = None
        self.set_state("connecting")

    def set_state(self, state: str, detail: str = "") -> None:
        """``connecting``, ``ready``, ``busy``, ``reconnecting``, ``offline`` or
        ``unreachable`` (``detail`` is then the whole sentence saying so)."""
        self.state, self.detail = state, detail
        text = {
            "connecting": tr("Connecting…"), "ready": tr("Ready"), "busy": tr("Working…"),
            "reconnecting": tr("Reconnecting…"), "offline": tr("Offline"),
        }.get(state, state)
        if state == "unreachable":
            self.state_label.setText(detail)
        else:
            self.state_label.setText(f"{text} — {detail}" if detail else text)
        dot = {"ready": "ready", "offline": "error", "unreachable": "error"}.get(state, "busy")
        self.dot.setProperty("state", dot)
        self.dot.style().unpolish(self.dot)
        self.dot.style().polish(self.dot)

    def set_backend(self, backend: str, anonymous: bool = False) -> None:
        self.backend = backend
        self._anonymous = anonymous
        name = tr_data(BACKEND_NAMES.get(backend, backend))
        if backend == "cloud" and anonymous:
            name += " · " + tr("starter account")
        self.backend_label.setText(name)

    def set_credits(self, credits: Credits | None) -> None:
        self.credits_label.setText(credits_text(credits, self.backend))
        self.credits_label.setVisible(credits is not None)

    def text(self) -> str:
        """Everything the bar shows, for tests."""
        return " | ".join(w.text() for w in (self.state_label, self.backend_label,
                                              self.credits_label) if w.text())

    def follow(self, model: SessionModel) -> None:
        """Show ``model``'s condition now and whenever it changes."""
        self._model = model
        model.status_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        m = self._model
        if m is None:
            return
        if m.exporting and m.connection == "ready":
            self.set_state("busy", tr("Exporting {name}…", name=m.export_detail))
        elif m.busy and m.connection == "ready":
            self.set_state("busy")
        elif (m.connection, m.connection_detail) != (self.state, self.detail):
            self.set_state(m.connection, m.connection_detail)
        if m.backend and (m.backend, m.anonymous) != (self.backend, self._anonymous):
            self.set_backend(m.backend, m.anonymous)
        self.set_credits(m.credits)  # type: ignore[arg-type]
