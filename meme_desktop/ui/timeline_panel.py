"""The timeline panel: its title, the track view and the details line under it.

The details line reads the session model: one line about the selected segment (its lane,
label, times and what is special about it), how many are selected, or a hint.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from meme_desktop.ui.i18n import tr, tr_noop
from meme_desktop.ui.media_art import MediaArt
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.track_items import segment_details
from meme_desktop.ui.track_view import TrackView

HINT = tr_noop("Select a segment to see its details. Drag it to move it, drag an edge to "
               "trim it.")


class DetailsLine(QLabel):
    """What is selected, in one line."""

    def __init__(self, model: SessionModel, parent: QWidget | None = None) -> None:
        super().__init__(tr(HINT), parent)
        self.model = model
        self.setObjectName("details")
        model.selection_changed.connect(lambda _ids: self.refresh())
        model.state_changed.connect(lambda _highlight: self.refresh())

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
        title = QLabel(tr("Timeline"))
        title.setObjectName("panelTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addWidget(title)
        layout.addWidget(self.track, 1)
        layout.addWidget(self.details)
