"""Settings › Assistant: the built-in assistant, a local model server, or any
OpenAI-compatible URL (docs/own-model.md). Plain data out (:class:`AssistantChoice`).

Local servers are looked for in the background when the page opens (and at start, by the
app: the page shows that result at once); a server's models fill the picker; "Test" times a
one-word answer. All network work is a short task on the window's loop through
:class:`~meme_desktop.own_model.ModelFinder`; nothing blocks the window. The API key typed
here goes to the keyring when the settings are applied (:func:`apply_assistant`), never to
the settings file.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from meme_desktop.config import LLM_DEFAULT_TIMEOUT, Settings
from meme_desktop.own_model import (
    FoundServer,
    ModelFinder,
    ModelKeys,
    ProbeError,
    normalise_url,
    valid_url,
)
from meme_desktop.ui.i18n import tr, tr_noop

NOTHING_FOUND = tr_noop("No local model server found. Start Ollama, LM Studio or llama.cpp's "
                        "server, then press Refresh.")


@dataclass(frozen=True)
class AssistantChoice:
    """Settings › Assistant as plain data; ``key`` is a newly typed key (None: keep)."""

    mode: str  # "builtin" | "local" | "custom"
    local_url: str
    custom_url: str
    model: str
    timeout: int
    key: str | None = None
    forget_key: bool = False

    @property
    def url(self) -> str:
        return {"local": self.local_url, "custom": self.custom_url}.get(self.mode, "")


def probe_message(exc: ProbeError) -> str:
    """The one sentence for a model server that could not be used."""
    return {
        "unreachable": tr("Nothing answers at that address. Is the server running?"),
        "timeout": tr("The server did not answer in time."),
        "auth": tr("The server refused the API key."),
        "not_found": tr("The server does not know that address or model."),
        "bad_answer": tr("That does not look like an OpenAI-compatible server."),
    }.get(exc.kind, tr("The server answered with an error (HTTP {status}).", status=exc.status))


class AssistantPage(QWidget):
    """The page (see the module docstring)."""

    def __init__(self, settings: Settings, finder: ModelFinder | None = None,
                 keys: ModelKeys | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finder = finder or ModelFinder()
        self.keys = keys or ModelKeys()
        self._tasks: set[asyncio.Future[None]] = set()
        self._forget = False

        self.builtin = QRadioButton(tr("Built-in (offline)"))
        self.local = QRadioButton(tr("Local model"))
        self.custom = QRadioButton(tr("Custom (OpenAI-compatible URL)"))
        group = QButtonGroup(self)
        for button in (self.builtin, self.local, self.custom):
            group.addButton(button)
        {"local": self.local, "custom": self.custom}.get(settings.assistant,
                                                          self.builtin).setChecked(True)
        self.servers = QComboBox()
        self.servers.setToolTip(tr("Model servers found on this computer"))
        self._saved_local = settings.local_model_url
        if settings.local_model_url:
            self.servers.addItem(settings.local_model_url, settings.local_model_url)
        self.refresh = QPushButton(tr("Refresh"))
        self.refresh.setToolTip(tr("Look for Ollama, LM Studio and llama.cpp again"))
        self.found_label = QLabel()
        self.found_label.setObjectName("hint")
        self.found_label.setWordWrap(True)
        self.url = QLineEdit(settings.custom_model_url)
        self.url.setPlaceholderText("https://api.example.com/v1")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(tr("Only if the server needs one"))
        self.key.setToolTip(tr("Kept in the system keyring, never in a file"))
        self.forget = QPushButton(tr("Forget key"))
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setCurrentText(settings.model_name)
        self.timeout = QSpinBox()
        self.timeout.setRange(1, 600)
        self.timeout.setSuffix(tr(" s"))
        self.timeout.setValue(settings.model_timeout or LLM_DEFAULT_TIMEOUT)
        self.test = QPushButton(tr("Test"))
        self.test.setToolTip(tr("Ask the model for one word and show how long it took"))
        self.test_label = QLabel()
        self.test_label.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.hide()
        about = QLabel(tr("Your model answers the requests the built-in assistant does not "
                          "understand. It gets your message, a short summary of the timeline "
                          "and the names of your files, never the files. If it is slow or "
                          "down, the built-in assistant answers."))
        about.setObjectName("hint")
        about.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.builtin)
        layout.addWidget(self.local)
        row = QHBoxLayout()
        row.addWidget(self.servers, 1)
        row.addWidget(self.refresh)
        layout.addLayout(row)
        layout.addWidget(self.found_label)
        layout.addWidget(self.custom)
        form = QFormLayout()
        form.addRow(tr("Address"), self.url)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.forget)
        form.addRow(tr("API key"), key_row)
        form.addRow(tr("Model"), self.model)
        form.addRow(tr("Wait at most"), self.timeout)
        layout.addLayout(form)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test)
        test_row.addWidget(self.test_label, 1)
        layout.addLayout(test_row)
        layout.addWidget(self.error)
        layout.addWidget(about)
        layout.addStretch(1)

        for button in (self.builtin, self.local, self.custom):
            button.toggled.connect(self._on_mode)
        self.refresh.clicked.connect(lambda: self._spawn(self._detect()))
        self.test.clicked.connect(lambda: self._spawn(self._test()))
        self.forget.clicked.connect(self._on_forget)
        self.servers.currentIndexChanged.connect(lambda _i: self._spawn(self._load_models()))
        self.url.editingFinished.connect(lambda: self._spawn(self._load_models()))
        self._update()
        if self.finder.found is not None:
            self._show_found(self.finder.found)

    # -- state -----------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return "local" if self.local.isChecked() else "custom" if self.custom.isChecked() \
            else "builtin"

    def current_url(self) -> str:
        if self.mode == "local":
            return str(self.servers.currentData() or "")
        if self.mode == "custom":
            return normalise_url(self.url.text())
        return ""

    def _update(self) -> None:
        mode = self.mode
        self.servers.setEnabled(mode == "local")
        self.refresh.setEnabled(mode == "local")
        self.url.setEnabled(mode == "custom")
        for widget in (self.key, self.forget, self.model, self.timeout, self.test):
            widget.setEnabled(mode != "builtin")
        self.error.hide()

    def _on_mode(self, checked: bool) -> None:
        if checked:  # each switch toggles two buttons: act once
            self._update()
            self._spawn(self._load_models())

    def _on_forget(self) -> None:
        self._forget = True
        self.key.clear()
        self.key.setPlaceholderText(tr("No key"))

    def validate(self) -> bool:
        """False (and the reason shown) when the choice cannot be used."""
        problem = ""
        if self.mode == "local" and not self.current_url():
            problem = tr(NOTHING_FOUND)
        elif self.mode == "custom" and not valid_url(self.url.text()):
            problem = tr("Enter an address starting with http:// or https://")
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        return not problem

    def choice(self) -> AssistantChoice:
        local = str(self.servers.currentData() or "") if self.servers.count() else ""
        key = self.key.text().strip() or None
        return AssistantChoice(self.mode, local or self._saved_local,
                               normalise_url(self.url.text()), self.model.currentText().strip(),
                               self.timeout.value(), key, self._forget and key is None)

    # -- background work -------------------------------------------------------------------
    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        try:
            task = asyncio.ensure_future(coro)
        except RuntimeError:  # no running loop (a dialog built outside the app)
            coro.close()
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def cancel_work(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._spawn(self._detect())
        self._spawn(self._show_key_state())

    async def _detect(self) -> None:
        self.found_label.setText(tr("Looking for model servers on this computer…"))
        self.refresh.setEnabled(False)
        try:
            self._show_found(await self.finder.detect())
        finally:
            self.refresh.setEnabled(self.mode == "local")

    def _show_found(self, found: list[FoundServer]) -> None:
        keep = str(self.servers.currentData() or "") or self._saved_local
        self.servers.blockSignals(True)
        self.servers.clear()
        for server in found:
            self.servers.addItem(f"{server.name} — {server.url}", server.url)
        if keep and self.servers.findData(keep) < 0:
            self.servers.addItem(tr("{url} (not answering)", url=keep), keep)
        self.servers.setCurrentIndex(max(0, self.servers.findData(keep)))
        self.servers.blockSignals(False)
        if found:
            self.found_label.setText(tr("Found: {names}.",
                                        names=", ".join(s.name for s in found)))
        else:
            self.found_label.setText(tr(NOTHING_FOUND))
        chosen = next((s for s in found if s.url == self.servers.currentData()), None)
        if chosen is not None and self.mode == "local":
            self._fill_models(list(chosen.models))

    def _fill_models(self, names: list[str]) -> None:
        current = self.model.currentText().strip()
        self.model.clear()
        self.model.addItems(names)
        self.model.setCurrentText(current if current or not names else names[0])

    async def _load_models(self) -> None:
        url = self.current_url()
        if not url or not valid_url(url):
            return
        try:
            names = await self.finder.models(url, await self._key_for(url))
        except ProbeError:
            return  # the Test button says why; the name can still be typed
        if url == self.current_url():
            self._fill_models(names)

    async def _key_for(self, url: str) -> str:
        typed = self.key.text().strip()
        if typed or self._forget:
            return typed
        return await self.keys.get(url) or ""

    async def _show_key_state(self) -> None:
        url = self.current_url()
        if url and not self._forget and await self.keys.get(url):
            self.key.setPlaceholderText(tr("A key is saved in the keyring"))

    async def _test(self) -> None:
        url = self.current_url()
        if not url or not self.validate():
            return
        self.test.setEnabled(False)
        self.test_label.setText(tr("Testing…"))
        try:
            ms = await self.finder.test(url, self.model.currentText().strip(),
                                        await self._key_for(url), float(self.timeout.value()))
            self.test_label.setText(tr("It answered in {ms} ms.", ms=f"{ms:,.0f}"))
        except ProbeError as exc:
            self.test_label.setText(probe_message(exc))
        finally:
            self.test.setEnabled(True)


async def apply_assistant(settings: Settings, choice: AssistantChoice,
                          keys: ModelKeys) -> tuple[bool, bool]:
    """Save the choice (the key to the keyring). Returns (the engine must restart, the key
    is only kept in memory because there is no keyring)."""
    before = (settings.assistant, settings.model_url, settings.model_name,
              settings.model_timeout)
    settings.assistant = choice.mode
    settings.local_model_url = choice.local_url
    settings.custom_model_url = choice.custom_url
    settings.model_name = choice.model
    settings.model_timeout = choice.timeout
    await asyncio.to_thread(settings.save)
    memory_only = False
    url = choice.url
    if url and choice.key is not None:
        memory_only = not await keys.set(url, choice.key)
    elif url and choice.forget_key:
        await keys.delete(url)
    after = (settings.assistant, settings.model_url, settings.model_name,
             settings.model_timeout)
    changed = before != after or (bool(url) and (choice.key is not None or choice.forget_key))
    return changed, memory_only

__all__ = ["AssistantChoice", "AssistantPage", "apply_assistant", "probe_message"]
