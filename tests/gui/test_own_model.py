"""A person's own model in the window: Settings › Assistant (local servers found in the
background, the model picker, Test with its latency, the key kept in the keyring), the
settings reaching the engine child, "Thinking…" with Stop in the chat, and the whole app
answering through a stub OpenAI-compatible server on loopback."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from meme_desktop import secrets
from meme_desktop.app import Backend
from meme_desktop.config import Settings, UiState, config_dir
from meme_desktop.own_model import ModelFinder, ModelKeys, engine_env
from meme_desktop.ui.chat_panel import ChatPanel
from meme_desktop.ui.main_window import MainWindow
from meme_desktop.ui.settings_assistant import AssistantChoice
from meme_desktop.ui.settings_dialog import SettingsDialog, SettingsResult
from tests.helpers.keyring_memory import MemoryKeyring
from tests.helpers.stub_model import Answer, Hang, Seen, Status, StubModel, asset_ids, edit

KEY = "sk-window-2b7f90c1e4"


@pytest.fixture
def stub() -> Iterator[StubModel]:
    with StubModel() as server:
        yield server


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/v1"


def finder_for(stub: StubModel) -> ModelFinder:
    return ModelFinder([("Stub server", stub.base_url), ("Nobody", closed_port_url())],
                       detect_timeout=0.5)


# -- the chat: "Thinking…" and Stop ---------------------------------------------------------
def test_a_slow_turn_shows_thinking_and_stop_stops_waiting(qtbot: Any, run: Any) -> None:
    started: list[str] = []
    forever = asyncio.Event()

    async def slow_then_quick(text: str) -> None:
        started.append(text)
        if text == "slow":
            await forever.wait()
        panel.append_reply(f"answer to {text}")

    panel = ChatPanel(slow_then_quick)
    qtbot.addWidget(panel)
    panel.show()
    stopped: list[bool] = []
    panel.turn_stopped.connect(lambda: stopped.append(True))
    panel.submit("quick")
    run.until(lambda: not panel.busy)
    assert not panel.thinking.isVisible()  # a quick answer never shows it
    panel.submit("slow")
    panel.submit("after")  # queued behind the slow one
    run.until(panel.thinking.isVisible)
    assert panel.thinking.label.text() == "Thinking…"
    panel.thinking.stop.click()
    run.until(lambda: not panel.busy)
    assert stopped == [True] and started == ["quick", "slow", "after"]
    assert "Stopped waiting for the reply." in panel.texts()
    assert panel.texts()[-1] == "answer to after" and not panel.thinking.isVisible()


# -- Settings › Assistant ------------------------------------------------------------------
def test_local_servers_are_found_in_the_background_and_tested(qtbot: Any, run: Any,
                                                              stub: StubModel,
                                                              heartbeat: Any) -> None:
    finder = finder_for(stub)
    dialog = SettingsDialog(None, Settings(), signed_in=False, finder=finder)
    qtbot.addWidget(dialog)
    page = dialog.assistant
    assert page.builtin.isChecked() and not page.servers.isEnabled()
    heartbeat.start()
    dialog.show()
    dialog.tabs.setCurrentWidget(page)
    run.until(lambda: page.servers.count() == 1)
    assert page.found_label.text() == "Found: Stub server."
    page.local.setChecked(True)
    run.until(lambda: page.model.count() == 2)
    assert page.model.currentText() == "stub-model"
    page.model.setCurrentText("stub-model-large")
    page.test.click()
    run.until(lambda: "answered in" in page.test_label.text())
    run.until(lambda: heartbeat.ticks > 20)  # enough beats to judge, however quick the work
    heartbeat.stop()
    heartbeat.check()
    assert page.test_label.text().endswith(" ms.")
    test_call = stub.completions()[-1].json
    assert test_call["model"] == "stub-model-large" and test_call["max_tokens"] == 5
    result = dialog.result_data()
    assert result.assistant == AssistantChoice("local", stub.base_url, "", "stub-model-large",
                                               30, None, False)
    assert finder.found is not None and [s.name for s in finder.found] == ["Stub server"]


def test_nothing_found_refuses_local_and_says_what_to_do(qtbot: Any, run: Any) -> None:
    finder = ModelFinder([("Nobody", closed_port_url())], detect_timeout=0.5)
    dialog = SettingsDialog(None, Settings(), signed_in=False, finder=finder)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.assistant
    assert finder.found is None  # looked for when the page opens, not before
    dialog.tabs.setCurrentWidget(page)
    run.until(lambda: finder.found == [])
    assert "No local model server found" in page.found_label.text()
    page.local.setChecked(True)
    dialog._on_ok()
    assert dialog.result() == 0 and dialog.tabs.currentWidget() is page
    assert "Start Ollama, LM Studio or llama.cpp" in page.error.text()


def test_a_custom_server_with_a_key(qtbot: Any, run: Any, stub: StubModel) -> None:
    finder = ModelFinder([("Nobody", closed_port_url())], detect_timeout=0.5)
    dialog = SettingsDialog(None, Settings(), signed_in=False, finder=finder)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.assistant
    dialog.tabs.setCurrentWidget(page)
    page.custom.setChecked(True)
    page.url.setText("ftp://nope")
    dialog._on_ok()
    assert dialog.result() == 0 and "http://" in page.error.text()
    page.url.setText(stub.base_url + "/")
    page.key.setText(f"  {KEY} ")
    page.model.setCurrentText("stub-model")
    page.timeout.setValue(12)
    stub.then(Status(401))
    page.test.click()
    run.until(lambda: page.test_label.text() == "The server refused the API key.")
    assert stub.completions()[-1].headers["authorization"] == f"Bearer {KEY}"
    page.test.click()
    run.until(lambda: "answered in" in page.test_label.text())
    assert dialog.result_data().assistant == AssistantChoice(
        "custom", "", stub.base_url, "stub-model", 12, KEY, False)


def test_choices_are_applied_the_key_only_in_the_keyring(qtbot: Any, run: Any,
                                                         memory_keyring: MemoryKeyring,
                                                         stub: StubModel) -> None:
    window = MainWindow(Settings.load(), UiState.load())
    qtbot.addWidget(window)
    reconnects: list[str] = []

    async def reconnect() -> None:
        reconnects.append(window.settings.assistant)

    window.set_reconnect(reconnect)
    choice = AssistantChoice("custom", "", stub.base_url, "stub-model", 7, KEY)
    run(window.apply_settings(SettingsResult("local", window.settings.cloud_url, "en",
                                             assistant=choice)))
    saved = Settings.load()
    assert (saved.assistant, saved.model_url, saved.model_name, saved.model_timeout) == (
        "custom", stub.base_url, "stub-model", 7)
    assert memory_keyring.store[(secrets.SERVICE, secrets.model_account(stub.base_url))] == KEY
    assert reconnects == ["custom"]
    for path in config_dir().rglob("*"):
        if path.is_file():
            assert KEY not in path.read_text(encoding="utf-8", errors="replace")
    env = engine_env(saved, run(window.model_keys.get(stub.base_url)))
    assert env == {"MEME_DESKTOP_LLM_URL": stub.base_url, "MEME_DESKTOP_LLM_MODEL": "stub-model",
                   "MEME_DESKTOP_LLM_KEY": KEY, "MEME_DESKTOP_LLM_TIMEOUT": "7"}
    # nothing changed: no restart; back to the built-in assistant: a restart, no model
    run(window.apply_settings(SettingsResult("local", window.settings.cloud_url, "en",
                                             assistant=choice.__class__(
                                                 "custom", "", stub.base_url, "stub-model", 7))))
    assert reconnects == ["custom"]
    builtin = AssistantChoice("builtin", "", stub.base_url, "stub-model", 7)
    run(window.apply_settings(SettingsResult("local", window.settings.cloud_url, "en",
                                             assistant=builtin)))
    assert reconnects == ["custom", "builtin"]
    assert engine_env(Settings.load(), KEY)["MEME_DESKTOP_LLM_URL"] == ""


def test_without_a_keyring_the_key_lives_for_this_run_only(qtbot: Any, run: Any,
                                                           stub: StubModel) -> None:
    window = MainWindow(Settings.load(), UiState.load())
    qtbot.addWidget(window)
    choice = AssistantChoice("custom", "", stub.base_url, "stub-model", 30, KEY)
    run(window.apply_settings(SettingsResult("local", window.settings.cloud_url, "en",
                                             assistant=choice)))
    assert any("no password store" in t for t in window.chat.texts())
    assert all(KEY not in t for t in window.chat.texts())
    assert run(window.model_keys.get(stub.base_url)) == KEY
    assert run(ModelKeys().get(stub.base_url)) is None  # a new run has no key


# -- the whole app -------------------------------------------------------------------------
def dance(seen: Seen) -> Answer:
    return edit([{"op": "add_media", "asset": asset_ids(seen)[-1]},
                 {"op": "add_caption", "txt": "NOBODY:", "pos": "top"}],
                reply="Here's your dancing doge.", stream=True)


def test_the_app_answers_through_the_persons_model(qtbot: Any, run: Any, stub: StubModel,
                                                   memory_keyring: MemoryKeyring,
                                                   media_dir: Path) -> None:
    settings = Settings.load()
    settings.assistant, settings.custom_model_url = "custom", stub.base_url
    settings.model_name, settings.model_timeout = "stub-model", 20
    settings.save()
    memory_keyring.set_password(secrets.SERVICE, secrets.model_account(stub.base_url), KEY)
    window = MainWindow(Settings.load(), UiState.load())
    qtbot.addWidget(window)
    backend = Backend(window.session, window.settings, window.model_keys)
    window.set_reconnect(backend.connect)
    window.show()
    try:
        run(backend.connect(), timeout=60)
        assert backend.launcher is not None
        assert backend.launcher.extra_env["MEME_DESKTOP_LLM_URL"] == stub.base_url
        window.media.add_files([media_dir / "doge.png"])
        run.until(lambda: window.media.items and not window.session.uploading
                  and all(i.state == "done" for i in window.media.items.values()), timeout=60)
        stub.default = dance
        window.chat.submit("make the doge dance like nobody is watching")
        run.until(lambda: not window.chat.busy, timeout=30)
        assert any(t.startswith("Here's your dancing doge.") for t in window.chat.texts())
        assert not window.track.draft.is_empty
        assert stub.completions()[-1].headers["authorization"] == f"Bearer {KEY}"
        # a model that hangs: "Thinking…", Stop, and the engine hangs up on the model
        stub.then(Hang(30))
        drops = stub.disconnects
        window.chat.submit("now make it spin")
        run.until(window.chat.thinking.isVisible, timeout=10)
        window.chat.thinking.stop.click()
        run.until(lambda: not window.chat.busy)
        run.until(lambda: stub.disconnects > drops, timeout=10)
        assert "Stopped waiting for the reply." in window.chat.texts()
        window.chat.submit("add 'STILL HERE' at the bottom")  # the fast path works on
        run.until(lambda: not window.chat.busy and any(
            "STILL HERE" in t for t in window.chat.texts()[-1:]), timeout=30)
    finally:
        window._closing_confirmed = True
        window.close()
        run(backend.close(), timeout=30)
