"""Settings applied by the window (keyring sign-in / sign-out, backend switch, language), and
the window geometry remembered between runs."""

from __future__ import annotations

from typing import Any

import pytest

from meme_desktop import secrets
from meme_desktop.config import Settings, UiState, config_dir
from meme_desktop.ui.main_window import MainWindow
from meme_desktop.ui.settings_dialog import SettingsDialog, SettingsResult
from tests.helpers.keyring_memory import MemoryKeyring


def test_sign_in_switch_backend_and_sign_out(qtbot: Any, run: Any,
                                             memory_keyring: MemoryKeyring,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(Settings.load(), UiState.load())
    qtbot.addWidget(window)
    reconnects: list[str] = []

    async def reconnect() -> None:
        reconnects.append(window.settings.backend)

    window.set_reconnect(reconnect)
    answers = [SettingsResult("cloud", "https://api.example.com", "zh_CN", token="tok-123456"),
               SettingsResult("cloud", "https://api.example.com", "zh_CN", sign_out=True)]
    seen: list[bool] = []

    async def choose(cls: Any, parent: Any, settings: Settings, signed_in: bool,
                     *_services: Any) -> Any:
        seen.append(signed_in)
        return answers.pop(0)

    monkeypatch.setattr(SettingsDialog, "choose", classmethod(choose))
    run(window.on_settings())
    account = secrets.account_for("https://api.example.com")
    assert memory_keyring.store[(secrets.SERVICE, account)] == "tok-123456"
    saved = Settings.load()
    assert (saved.backend, saved.cloud_url, saved.language) == (
        "cloud", "https://api.example.com", "zh_CN")
    assert reconnects == ["cloud"]
    assert any("next time the app starts" in t for t in window.chat.texts())
    for path in config_dir().rglob("*"):  # the token is in the keyring, never in a file
        if path.is_file():
            assert "tok-123456" not in path.read_text(encoding="utf-8", errors="replace")
    assert all("tok-123456" not in t for t in window.chat.texts())

    run(window.on_settings())
    assert seen == [False, True]
    assert (secrets.SERVICE, account) not in memory_keyring.store
    assert reconnects == ["cloud", "cloud"]


def test_window_geometry_is_remembered(qtbot: Any, run: Any) -> None:
    first = MainWindow(Settings.load(), UiState.load())
    qtbot.addWidget(first)
    first.show()
    assert (first.width(), first.height()) == (1280, 800)  # the first-run default
    first.resize(900, 700)  # the offscreen screen is 800 px wide: stay at the minimum width
    qtbot.waitUntil(lambda: first.height() == 700)
    first._closing_confirmed = True
    first.close()
    assert UiState.load().geometry
    second = MainWindow(Settings.load(), UiState.load())
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (900, 700)


def test_a_pasted_token_works_without_a_password_store(
        qtbot: Any, run: Any, cloud: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """No keyring here: a token pasted in Settings is kept for the run and signs in (the
    free starter token's 7-day rule does not come back), and so does the starter token
    across a reconnect. The token is the one of the backend in use (``NEMO_API_URL``)."""
    from meme_desktop.app import Backend

    monkeypatch.setenv("NEMO_API_URL", cloud.base_url)  # it wins over the address setting
    settings = Settings.load()
    settings.backend = "cloud"
    window = MainWindow(settings, UiState.load())
    qtbot.addWidget(window)
    backend = Backend(window.session, window.settings)
    window.set_reconnect(backend.connect)
    cloud.strict_tokens = True  # one free token per computer per 7 days
    try:
        run(backend.connect(), timeout=30)
        run(backend.connect(), timeout=30)  # Ctrl+Shift+R keeps the starter token
        assert len(cloud.client_ids) == 1 and window.session.model.connection == "ready"
        cloud.tokens.clear()  # it expires
        pasted = cloud.new_token()

        async def choose(cls: Any, parent: Any, settings: Settings, signed_in: bool,
                         *_services: Any) -> Any:
            return SettingsResult("cloud", settings.cloud_url, "en", token=pasted)

        monkeypatch.setattr(SettingsDialog, "choose", classmethod(choose))
        run(window.on_settings(), timeout=30)
        assert window.session.model.connection == "ready"
        texts = window.chat.texts()
        assert any("kept only until the app closes" in t for t in texts)
        assert not any("7 days" in t for t in texts)
        window.chat.submit("hello there")
        run.until(lambda: cloud.messages == ["hello there"] and not window.session.model.busy,
                  timeout=30)
        assert not any("7 days" in t or "sign-in" in t.lower() for t in window.chat.texts()
                       if "kept only" not in t)
    finally:
        window._closing_confirmed = True
        window.close()
        run(backend.close(), timeout=30)


def test_every_choice_of_a_drop_down_shows(qtbot: Any) -> None:
    """A drop-down opens as a list below its box with every choice in view (the popup laid
    over the box cut 简体中文 off behind a scroll arrow on X11)."""
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox

    from meme_desktop.ui import theme

    theme.apply(QApplication.instance(), dark=False)  # type: ignore[arg-type]
    dialog = SettingsDialog(None, Settings(), False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for combo in (dialog.language, dialog.theme):
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        assert not combo.style().styleHint(QStyle.StyleHint.SH_ComboBox_Popup, option, combo)
        combo.showPopup()
        view = combo.view()
        qtbot.waitUntil(view.isVisible)
        for row in range(combo.count()):
            rect = view.visualRect(view.model().index(row, 0))
            assert view.viewport().rect().contains(rect), combo.itemText(row)
        combo.hidePopup()
