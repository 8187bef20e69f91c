"""The settings dialog: a General page (backend: embedded engine or NemoVideo cloud and its
URL, sign in by pasting a token, sign out, interface language, theme) and an Assistant page (the
built-in assistant or a person's own model: :mod:`meme_desktop.ui.settings_assistant`).
Plain data out (:class:`SettingsResult`).

The dialog never stores anything itself: the window applies the result (the token goes to
the keyring through :mod:`meme_desktop.secrets`, preferences to :class:`config.Settings`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from meme_desktop.config import DEFAULT_CLOUD_URL, Settings
from meme_desktop.own_model import ModelFinder, ModelKeys
from meme_desktop.ui.dialogs import await_dialog
from meme_desktop.ui.i18n import LANGUAGES, tr
from meme_desktop.ui.settings_assistant import AssistantChoice, AssistantPage
from meme_desktop.ui.theme import MODES


@dataclass(frozen=True)
class SettingsResult:
    """What changed: preferences, plus a token to store (sign in) or a sign-out."""

    backend: str
    cloud_url: str
    language: str
    token: str | None = None  # a pasted token to store in the keyring
    sign_out: bool = False
    assistant: AssistantChoice | None = None  # Settings › Assistant (None: unchanged)
    theme: str = "system"  # system / light / dark (theme.MODES)


def valid_url(url: str) -> bool:
    return url.startswith(("https://", "http://")) and len(url) > len("https://x")


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, settings: Settings, signed_in: bool,
                 finder: ModelFinder | None = None, keys: ModelKeys | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings"))
        self.setMinimumWidth(480)
        self._signed_in = signed_in
        self._sign_out = False

        self.local = QRadioButton(tr("Embedded engine (offline, no account)"))
        self.cloud = QRadioButton(tr("NemoVideo cloud"))
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.cloud)
        (self.cloud if settings.backend == "cloud" else self.local).setChecked(True)
        self.url = QLineEdit(settings.cloud_url or DEFAULT_CLOUD_URL)
        self.url.setToolTip(tr("Address of the NemoVideo backend"))
        self.url_error = QLabel(tr("Enter an address starting with https://"))
        self.url_error.setObjectName("error")
        self.url_error.hide()
        backend_box = QGroupBox(tr("Backend"))
        b = QVBoxLayout(backend_box)
        b.addWidget(self.local)
        b.addWidget(self.cloud)
        url_row = QFormLayout()
        url_row.addRow(tr("Cloud address"), self.url)
        b.addLayout(url_row)
        b.addWidget(self.url_error)

        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(tr("Paste your NemoVideo token"))
        self.token.setToolTip(tr("Kept in the system keyring, never in a file"))
        self.sign_out_button = QPushButton(tr("Sign out"))
        self.sign_out_button.clicked.connect(self._on_sign_out)
        self.account_state = QLabel()
        self.account_state.setObjectName("hint")
        self.account_state.setWordWrap(True)
        account_box = QGroupBox(tr("Account"))
        a = QVBoxLayout(account_box)
        row = QHBoxLayout()
        row.addWidget(self.token, 1)
        row.addWidget(self.sign_out_button)
        a.addLayout(row)
        a.addWidget(self.account_state)

        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.theme = QComboBox()
        for mode, label in MODES.items():
            self.theme.addItem(tr(label), mode)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        lang_form = QFormLayout()
        lang_form.addRow(tr("Interface language"), self.language)
        lang_form.addRow(tr("Theme"), self.theme)
        lang_hint = QLabel(tr("A new language applies the next time the app starts."))
        lang_hint.setObjectName("hint")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        general = QWidget()
        page = QVBoxLayout(general)
        page.addWidget(backend_box)
        page.addWidget(account_box)
        page.addLayout(lang_form)
        page.addWidget(lang_hint)
        page.addStretch(1)
        self.assistant = AssistantPage(settings, finder, keys)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, tr("General"))
        self.tabs.addTab(self.assistant, tr("Assistant"))
        self.finished.connect(lambda _code: self.assistant.cancel_work())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.cloud.toggled.connect(self._update)
        self._update()
        self.tabs.currentChanged.connect(lambda _index: self._fit())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Tall enough for every page: a page measured before it was ever shown (without its
        stylesheet padding) or with longer words (Chinese, a larger scale) would be squeezed."""
        for index in range(self.tabs.count()):
            if (page := self.tabs.widget(index)) is not None:
                page.ensurePolished()
        need = self.sizeHint().expandedTo(self.minimumSizeHint())
        if need.height() > self.height() or need.width() > self.width():
            self.resize(self.size().expandedTo(need))

    def _update(self) -> None:
        cloud = self.cloud.isChecked()
        self.url.setEnabled(cloud)
        self.token.setEnabled(cloud)
        signed_in = self._signed_in and not self._sign_out
        self.sign_out_button.setEnabled(cloud and signed_in)
        if not cloud:
            self.account_state.setText(tr("The embedded engine needs no account."))
        elif signed_in:
            self.account_state.setText(tr("Signed in. Paste a new token to switch accounts."))
        else:
            self.account_state.setText(tr("Not signed in: a free starter token "
                                          "(100 credits, 7 days) is used."))

    def _on_sign_out(self) -> None:
        self._sign_out = True
        self.token.clear()
        self._update()

    def _on_ok(self) -> None:
        if self.cloud.isChecked() and not valid_url(self.url.text().strip()):
            self.tabs.setCurrentIndex(0)
            self.url_error.show()
            self.url.setFocus()
            return
        if not self.assistant.validate():
            self.tabs.setCurrentWidget(self.assistant)
            return
        self.accept()

    def result_data(self) -> SettingsResult:
        token = self.token.text().strip() or None
        return SettingsResult(
            backend="cloud" if self.cloud.isChecked() else "local",
            cloud_url=self.url.text().strip().rstrip("/") or DEFAULT_CLOUD_URL,
            language=self.language.currentData() or "en",
            token=token if self.cloud.isChecked() else None,
            sign_out=self._sign_out and token is None,
            assistant=self.assistant.choice(),
            theme=self.theme.currentData() or "system",
        )

    @classmethod
    async def choose(cls, parent: QWidget | None, settings: Settings, signed_in: bool,
                     finder: ModelFinder | None = None,
                     keys: ModelKeys | None = None) -> SettingsResult | None:
        dialog = cls(parent, settings, signed_in, finder, keys)
        try:
            if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_data()
        finally:
            dialog.deleteLater()
