"""The timeline panel: its title, the track view and the details line under it.

The details line reads the session model: one line about the selected segment (its lane,
label, times and what is special about it), how many are selected, or a hint.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from meme_desktop.ui.i18n import tr, tr_noop
from meme_desktop.ui.media_art import MediaArt
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.track_items import segment_details
from meme_desktop.ui.track_view import TrackView

HINT = tr_noop("Select a segment to see its details. Drag it to move it, drag an edge to "
               "trim it.")


class DetailsLine(QLabel):
    """What is selected, in one line (cut with "…" when the panel is narrow; the tooltip
    then has all of it)."""

    def __init__(self, model: SessionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.full_text = ""
        self.setObjectName("details")
        self.setMinimumWidth(40)  # the text is cut to the width, never the other way round
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(tr(HINT))
        model.selection_changed.connect(lambda _ids: self.refresh())
        model.state_changed.connect(lambda _highlight: self.refresh())

    def setText(self, text: str) -> None:  # noqa: N802
        self.full_text = text
        self._fit()

    def text(self) -> str:
        return self.full_text

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin() - 14  # the stylesheet padding
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight,
                                              max(10, room))
        super().setText(shown)
        self.setToolTip(self.full_text if shown != self.full_text else "")

    def refresh(self) -> None:
        ids = self.model.selection
        if len(ids) > 1:
            self.setText(tr("{n} segments selected", n=len(ids)))
            return
        found = self.model.find(ids[0]) if ids else None
        if found is None:
            self.setText(tr(HINT))
            return
        track, seg = found
        self.setText(segment_details(seg, track, self.model.names))


class TimelinePanel(QFrame):
    """Title, track view, details line."""

    def __init__(self, model: SessionModel, art: MediaArt | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.track = TrackView(model, art)
        self.details = DetailsLine(model)
        title = self.title = QLabel(tr("Timeline"))
        title.setObjectName("panelTitle")
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addWidget(title)
        layout.addWidget(self.track, 1)
        layout.addWidget(self.details)

    def wanted_height(self) -> int:
        """The panel's height that shows every lane of the draft without scrolling."""
        layout = self._layout
        margins = layout.contentsMargins()
        return (margins.top() + margins.bottom() + 2 * layout.spacing()
                + self.title.sizeHint().height() + self.details.sizeHint().height()
                + int(self.track.content_height()) + 2 * self.track.frameWidth() + 2)
