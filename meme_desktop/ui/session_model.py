"""The session model: what every panel shows, owned in one place, announced with signals.

It holds the project as the backend last confirmed it (the draft, the asset names and kinds,
the undo history), what the person is pointing at (the selection and the playhead) and the
app's condition (connection, busy with a turn, exporting). Panels read it and listen to its
signals; they never call each other. They change the project only by asking the model:
:meth:`edit` (a list of typed operations, one undo step), :meth:`undo` / :meth:`redo`,
:meth:`import_files`, :meth:`seek`; the controller (:class:`meme_desktop.ui.session.Session`)
listens to those requests, talks to the backend and puts the answer back with
:meth:`set_state`. Plain QObject: no widgets, no I/O, no asyncio.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from meme_desktop.api.models import Asset, History, SessionState
from meme_desktop.draft import Draft, Segment, TextSegment, Track
from meme_desktop.draft.ops import Op
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.undo_labels import label_text

# How an upload travels between panels in a drag (the media bin to a timeline lane): JSON
# ``{"hash", "kind", "name", "duration"}``.
ASSET_MIME = "application/x-meme-desktop-asset"


def project_name(state: SessionState) -> str:
    """The name the person gave the project (renamed, or a batch's file name), else the
    draft's title; the backend's default task name ("project") means it has none yet."""
    name = " ".join(state.task_name.split())
    if name and name.lower() != "project":
        return name
    title = state.draft.meta.title.strip()
    return title if title and title.lower() != "project" else tr("Untitled project")


def project_title(state: SessionState) -> str:
    """What the window title says: the name, else the first caption in quotes (as the project
    list shows an unnamed project), else "Untitled project"."""
    name = project_name(state)
    if name != tr("Untitled project"):
        return name
    caption = next((" ".join(s.text.split()) for s in state.draft.segments(7)
                    if isinstance(s, TextSegment) and s.text.strip()), "")
    return f"“{caption[:120]}”" if caption else name


class SessionModel(QObject):
    """One project on screen. ``state`` is None until a backend answered."""

    # what changed
    state_changed = Signal(bool)        # the draft / assets / history; True: outline changes
    title_changed = Signal(str)
    selection_changed = Signal(tuple)   # segment ids
    playhead_changed = Signal(int)      # ms
    history_changed = Signal(object)    # History
    busy_changed = Signal(bool)         # a chat turn or a gesture is with the backend
    status_changed = Signal()           # connection / busy / export: the status bar redraws
    exporting_changed = Signal(bool)
    hidden_changed = Signal()           # the media the person removed from the bin
    # what the panels ask for (the controller and the preview listen)
    edit_requested = Signal(list, str)  # typed operations, undo label
    history_requested = Signal(int)     # -1 undo, +1 redo
    import_requested = Signal(list)     # paths dropped on a panel
    seek_requested = Signal(int)        # the person moved the playhead (the preview follows)
    play_toggle_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state: SessionState | None = None
        self.draft: Draft = Draft.empty()
        self.names: dict[str, str] = {}
        self.assets: dict[str, Asset] = {}
        self.renamed: dict[str, str] = {}  # old backend hash -> new, after a rebuilt project
        # project id -> the media the person removed from its bin (kept in UiState)
        self.hidden_media: dict[str, set[str]] = {}
        self.history = History()
        self.history_known = True       # False on a backend without undo labels (the cloud)
        self.selection: tuple[str, ...] = ()
        self.playhead_ms = 0
        self.busy = False
        # connecting / ready / reconnecting / offline / unreachable (the hosted service did
        # not answer the last request; ``connection_detail`` says so in the person's language)
        self.connection = "connecting"
        self.connection_detail = ""
        self.backend = ""
        self.anonymous = False
        self.credits: object | None = None
        self.exporting = False
        self.export_detail = ""
        self.attached = False

    # -- the project -----------------------------------------------------------------------
    def set_state(self, state: SessionState, highlight: bool = True,
                  renamed: Mapping[str, str] | None = None) -> None:
        """The backend's answer: redraw everything that shows the project. ``renamed``: the
        files a rebuilt project stored again, old backend hash → new (the media bin's items
        follow them instead of showing the files twice)."""
        self.state = state
        self.draft = state.draft
        self.names = dict(state.names)
        self.assets = {a.hash: a for a in state.assets if a.hash}
        if renamed:
            self.renamed = dict(renamed)
        present = {s.id for s in self.draft.segments()}
        selection = tuple(i for i in self.selection if i in present)
        self.state_changed.emit(highlight)
        self.title_changed.emit(project_title(state))
        if selection != self.selection:
            self.select(selection)
        if state.history != self.history:
            self.history = state.history
            self.history_changed.emit(self.history)

    def show_again(self) -> None:
        """An edit was refused: every view shows the confirmed project again (a block left
        where it was dropped goes back)."""
        self.state_changed.emit(False)

    def clear(self) -> None:
        """No project (a new one is being opened)."""
        self.state = None
        self.draft = Draft.empty()
        self.names, self.assets = {}, {}
        self.select(())
        self.history = History()
        self.history_changed.emit(self.history)
        self.state_changed.emit(False)
        self.title_changed.emit(tr("Untitled project"))

    def find(self, seg_id: str) -> tuple[Track, Segment] | None:
        return self.draft.find_segment(seg_id)

    def _hidden_here(self) -> set[str]:
        return self.hidden_media.setdefault(self.state.session_id if self.state else "", set())

    def hide_asset(self, asset: str) -> None:
        """The person removed ``asset`` from this project's media bin."""
        if asset not in self._hidden_here():
            self._hidden_here().add(asset)
            self.hidden_changed.emit()

    def unhide_asset(self, asset: str) -> None:
        if asset in self._hidden_here():
            self._hidden_here().discard(asset)
            self.hidden_changed.emit()

    def is_hidden(self, asset: str) -> bool:
        return asset in self._hidden_here()

    def kind_of(self, src: str) -> str:
        """``video`` / ``image`` / ``audio`` for an asset hash ("" when unknown)."""
        asset = self.assets.get(src)
        return asset.kind if asset is not None else ""

    def source_ms(self, src: str) -> int | None:
        """The length of a clip or sound upload in ms (None for stills and unknown sources)."""
        asset = self.assets.get(src)
        if asset is None or asset.kind == "image" or asset.duration <= 0:
            return None
        return int(round(asset.duration * 1000))

    def captions(self) -> list[TextSegment]:
        return [s for s in self.draft.segments(7) if isinstance(s, TextSegment)]

    # -- pointing --------------------------------------------------------------------------
    def select(self, ids: Iterable[str]) -> None:
        chosen = tuple(dict.fromkeys(ids))
        if chosen != self.selection:
            self.selection = chosen
            self.selection_changed.emit(chosen)

    def set_playhead(self, ms: int) -> None:
        """Where the preview is (it reports its position here)."""
        ms = max(0, int(ms))
        if ms != self.playhead_ms:
            self.playhead_ms = ms
            self.playhead_changed.emit(ms)

    def seek(self, ms: int) -> None:
        """The person moved the playhead: the preview goes there too."""
        self.set_playhead(ms)
        self.seek_requested.emit(self.playhead_ms)

    def toggle_play(self) -> None:
        self.play_toggle_requested.emit()

    # -- asking for changes ----------------------------------------------------------------
    def edit(self, ops: list[Op], label: str) -> None:
        """A gesture's typed operations: one undo step."""
        if ops:
            self.edit_requested.emit(list(ops), label)

    def undo(self) -> None:
        self.history_requested.emit(-1)

    def redo(self) -> None:
        self.history_requested.emit(1)

    def import_files(self, paths: Iterable[Path]) -> None:
        files = [Path(p) for p in paths]
        if files:
            self.import_requested.emit(files)

    # -- condition -------------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)
            self.status_changed.emit()

    def set_connection(self, state: str, detail: str = "") -> None:
        self.connection, self.connection_detail = state, detail
        self.status_changed.emit()

    def set_backend(self, backend: str, anonymous: bool = False) -> None:
        self.backend, self.anonymous = backend, anonymous
        self.status_changed.emit()

    def set_attached(self, attached: bool, history_known: bool = True) -> None:
        """A backend is (or is no longer) there to take edits; ``history_known``: it says
        what undo and redo would do (the embedded engine)."""
        self.attached, self.history_known = attached, history_known
        self.history_changed.emit(self.history)

    def set_credits(self, credits: object | None) -> None:
        self.credits = credits
        self.status_changed.emit()

    def set_exporting(self, running: bool, detail: str = "") -> None:
        self.exporting, self.export_detail = running, detail if running else ""
        self.exporting_changed.emit(running)
        self.status_changed.emit()

    # -- what the undo / redo buttons say --------------------------------------------------
    def can_step(self, step: int) -> bool:
        if not self.attached:
            return False
        if not self.history_known:  # the cloud: undo goes through the chat, always offered
            return True
        return self.history.can_undo if step < 0 else self.history.can_redo

    def step_tip(self, step: int) -> str:
        label = self.history.undo_label if step < 0 else self.history.redo_label
        if step < 0:
            return tr("Undo: {what}", what=label_text(label)) if label and self.history_known \
                else tr("Undo the last edit")
        return tr("Redo: {what}", what=label_text(label)) if label and self.history_known \
            else tr("Redo the last undone edit")
