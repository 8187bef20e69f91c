"""What a walkthrough found wrong with how the window looks, measured on its pixels: icons
that vanish in the dark theme, a theme that cannot be chosen, focus that cannot be seen,
texts cut off in Chinese (at 100 % and 150 %), short segments that say "vi…", jargon."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QListWidget, QWidget

from meme_desktop.config import Settings, UiState, resources_dir
from meme_desktop.draft import Draft
from meme_desktop.ui import i18n, icons, theme
from meme_desktop.ui.export_dialog import ExportDialog
from meme_desktop.ui.main_window import MainWindow
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.settings_dialog import SettingsDialog
from meme_desktop.ui.track_items import segment_details
from meme_desktop.ui.track_view import TrackView
from tests.gui.dialog_fit import clipped, every_dialog
from tests.gui.test_polish import LONG, show

ROOT = Path(__file__).resolve().parents[2]


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + \
        0.0722 * channel(c.blueF())


def ratio(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21; 3 is the floor for icons)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def near(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) \
        < tolerance


def icon_contrast(widget: QWidget) -> float:
    """The strongest contrast between a pixel of the widget's icon and the widget's own
    background (a pixel beside the icon), from a grab of the widget as drawn."""
    image = widget.grab().toImage()
    background = image.pixelColor(3, image.height() // 2)
    size = widget.iconSize()  # type: ignore[attr-defined]
    top = (image.height() - size.height()) // 2
    best = 1.0
    for x in range(0, min(image.width(), size.width() + 24)):
        for y in range(max(0, top), min(image.height(), top + size.height())):
            best = max(best, ratio(image.pixelColor(x, y), background))
    return best


@pytest.fixture
def window(qtbot: Any, aloop: Any) -> Any:
    win = MainWindow(Settings(), UiState())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    theme.apply(QApplication.instance(), dark=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("dark", [False, True])
def test_toolbar_and_play_icons_stand_out_in_both_themes(window: Any, qtbot: Any,
                                                         dark: bool) -> None:
    theme.apply(QApplication.instance(), dark=dark)  # type: ignore[arg-type]
    qtbot.wait(20)
    bar = window.toolbar
    buttons = {key: bar.widgetForAction(window.actions[key]) for key in ("undo", "redo", "new")}
    buttons["play"] = window.preview.play_button
    buttons["export"] = window.export_button
    for name, button in buttons.items():
        # Undo, Redo and Play are disabled here (nothing to undo, nothing to play): even
        # greyed out they must be seen; enabled ones stand out more
        assert icon_contrast(button) >= 3.0, f"{name} icon hardly differs from its background"


def test_icons_are_drawn_again_when_the_theme_changes(window: Any, qtbot: Any) -> None:
    undo = window.actions["undo"]
    light = undo.icon().pixmap(24, 24, icons.QIcon.Mode.Normal).toImage()
    theme.apply(QApplication.instance(), dark=True)  # type: ignore[arg-type]
    dark = undo.icon().pixmap(24, 24, icons.QIcon.Mode.Normal).toImage()

    def ink(image: QImage) -> QColor:  # the most opaque pixel: the stroke's colour
        return max((image.pixelColor(x, y) for x in range(24) for y in range(24)),
                   key=lambda c: c.alpha())

    assert ink(light).lightness() < 80 and ink(dark).lightness() > 180
    assert ink(dark).name() == theme.DARK["text"]


def test_one_icon_set_with_its_licence() -> None:
    folder = resources_dir() / "icons" / "ui"
    assert sorted(p.stem for p in folder.glob("*.svg")) == sorted(icons.NAMES)
    for name in icons.NAMES:  # one style: 24×24 outline strokes in the theme's colour
        source = icons.svg_source(name)
        assert 'viewBox="0 0 24 24"' in source and "currentColor" in source
        assert "#" not in source  # no colour of its own
    licence = (folder / "LICENSE.txt").read_text(encoding="utf-8")
    assert "ISC License" in licence and "Permission" in licence


def test_the_theme_is_a_setting_applied_at_once(window: Any, qtbot: Any, run: Any,
                                                qapp: QApplication) -> None:
    watcher = theme.ThemeWatcher(qapp, mode="light")
    window.theme_chosen.connect(watcher.set_mode)
    dialog = SettingsDialog(window, window.settings, signed_in=False)
    qtbot.addWidget(dialog)
    assert [dialog.theme.itemData(i) for i in range(dialog.theme.count())] == [
        "system", "light", "dark"]
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    result = dialog.result_data()
    assert result.theme == "dark"
    run(window.apply_settings(result))
    assert theme.is_dark() and watcher.dark
    assert Settings.load().theme == "dark"
    assert qapp.palette().window().color().name() == theme.DARK["window"]
    watcher.set_mode("light")
    assert not theme.is_dark()


def _ring(widget: QWidget, focused: bool, qtbot: Any) -> QImage:
    if focused:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
    else:
        widget.clearFocus()
        qtbot.waitUntil(lambda: not widget.hasFocus())
    qtbot.wait(10)
    return widget.grab().toImage()


def _edge_has(image: QImage, color: QColor, inset: int = 1) -> bool:
    """Whether the colour runs along the left edge of the image (a ring, not a dot)."""
    hits = sum(near(image.pixelColor(inset, y), color)
               for y in range(image.height() // 4, 3 * image.height() // 4))
    return hits >= image.height() // 4


def test_focus_rings_are_visible(window: Any, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    window.model.set_attached(True)  # the starter chips work once a backend is there
    focus = QColor(theme.current_palette()["focus"])
    text = QColor(theme.current_palette()["text"])
    chip = window.chat.chips[0]
    for widget, ring in ((chip, focus), (window.media.import_button, focus),
                         (window.track, focus), (window.chat.send_button, text),
                         (window.chat.input, focus)):
        plain, ringed = _ring(widget, False, qtbot), _ring(widget, True, qtbot)
        assert not _edge_has(plain, ring), f"{type(widget).__name__} has a ring unfocused"
        assert _edge_has(ringed, ring), f"{type(widget).__name__} shows no focus ring"
        assert plain.size() == ringed.size()  # the ring does not move anything


def test_the_selected_segment_shows_the_keyboard_focus(qtbot: Any, aloop: Any) -> None:
    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    view.resize(700, 260)
    view.show()
    qtbot.waitExposed(view)
    show(model, LONG, highlight=False)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    white = QColor("#ffffff")

    def ring_pixels() -> int:
        item = view.items_by_id["s4"]
        box = view.mapFromScene(item.mapRectToScene(item.rect())).boundingRect()
        image = view.viewport().grab().toImage()
        return sum(near(image.pixelColor(x, box.top() + 4), white, 60)
                   for x in range(box.left() + 8, min(box.right() - 8, image.width())))

    assert ring_pixels() == 0
    qtbot.keyClick(view, Qt.Key.Key_Up)  # ↑ with nothing selected: the last segment
    assert model.selection == ("s4",)
    qtbot.wait(20)
    assert ring_pixels() > 10  # a dashed white ring inside the block
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert model.selection == ("s3",)  # the previous one, lane by lane
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert model.selection == ("s4",)
    view.clearFocus()
    qtbot.waitUntil(lambda: not view.hasFocus())
    assert ring_pixels() == 0  # only while the keyboard is there


def test_no_text_is_cut_off_in_any_dialog_in_both_languages(qtbot: Any, aloop: Any,
                                                            tmp_path: Path) -> None:
    try:
        for language in ("en", "zh_CN"):
            i18n.set_language(language)
            for name, dialog in every_dialog(tmp_path):
                qtbot.addWidget(dialog)
                assert clipped(dialog) == [], f"{language}: {name}"
            assert i18n.missing() == set(), f"{language}: shown without a translation"
    finally:
        i18n.set_language("en")


def test_the_window_at_1024_by_700_cuts_no_text_in_either_language(qtbot: Any,
                                                                   aloop: Any) -> None:
    try:
        for language in ("en", "zh_CN"):
            i18n.set_language(language)
            win = MainWindow(Settings(), UiState())
            qtbot.addWidget(win)
            win.resize(1024, 700)
            win.show()
            qtbot.waitExposed(win)
            win.model.set_attached(True)
            show(win.model, LONG)
            qtbot.wait(30)
            assert clipped(win) == [], language
            assert i18n.missing() == set(), language
            win.close()
    finally:
        i18n.set_language("en")


def test_no_text_is_cut_off_at_150_percent() -> None:
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.gui.dialog_fit"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == {"en": {}, "zh_CN": {}}


def test_the_measure_sees_a_cut_off_row(qtbot: Any, aloop: Any) -> None:
    """The check above is not vacuous: a preset list too short for its rows is reported."""
    i18n.set_language("zh_CN")
    try:
        dialog = ExportDialog(None, "vertical", "high")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(20)
        assert clipped(dialog) == []
        presets: QListWidget = dialog.presets
        presets.setMinimumHeight(0)
        presets.setFixedHeight(presets.height() // 2)
        qtbot.wait(20)
        assert any("WhatsApp" in p for p in clipped(dialog))
    finally:
        i18n.set_language("en")


def test_short_segments_show_an_icon_and_their_name_in_the_tooltip(qtbot: Any,
                                                                   aloop: Any) -> None:
    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    view.resize(700, 260)
    view.show()
    qtbot.waitExposed(view)
    raw = {**LONG, "t": [{"id": "v1", "tt": 0, "n": "Video", "sg": [
        {"id": "s1", "src": "abc", "st": 0, "d": 20000},
        {"id": "s2", "src": "def", "st": 20000, "d": 1000}]}]}
    show(model, raw, highlight=False)
    model.names = {"abc": "video of the cat.mp4", "def": "doge.png"}
    view.redraw()
    short, long = view.items_by_id["s2"], view.items_by_id["s1"]
    box = view.mapFromScene(short.mapRectToScene(short.rect())).boundingRect()
    assert box.width() < 45 and not short.label_fits(box.width() - 12)
    assert long.label_fits(200)
    assert "def" in short.toolTip() or "doge.png" in short.toolTip()
    assert short.kind_icon == "image"
    image = view.viewport().grab().toImage()
    inner = QRect(box.left() + 2, box.top() + 4, box.width() - 4, box.height() - 8)
    white = sum(image.pixelColor(x, y).lightness() > 200
                for x in range(inner.left(), inner.right())
                for y in range(inner.top(), inner.bottom()))
    assert white > 10  # the icon is drawn, in white on the block
    _ = QPoint


def test_details_say_what_a_segment_does_in_words() -> None:
    raw = {**LONG, "t": [
        {"id": "v1", "tt": 0, "n": "Video", "sg": [
            {"id": "s1", "src": "abc", "st": 0, "d": 3000, "fit": "blur", "sp": 2.0,
             "fx": ["deepfry"]}]},
        {"id": "x1", "tt": 7, "n": "Captions", "sg": [
            {"id": "s4", "txt": "HELLO", "st": 0, "d": 3000, "pos": "top", "sty": "classic"}]}]}
    draft = Draft.from_json(raw)
    video = segment_details(*reversed(draft.find_segment("s1")), {"abc": "cat.mp4"})  # type: ignore[misc]
    assert "blurred background" in video and "fit" not in video
    assert "2× speed" in video and "deep-fried" in video and "deepfry" not in video
    caption = segment_details(*reversed(draft.find_segment("s4")), {})  # type: ignore[misc]
    assert "at the top" in caption and "white letters with a black outline" in caption
    assert "classic" not in caption


def test_a_long_chip_ends_in_an_ellipsis_instead_of_widening_the_chat(qtbot: Any,
                                                                       aloop: Any) -> None:
    from meme_desktop.assistant.events import Chip
    from meme_desktop.ui.chat_panel import ChatPanel

    chat = ChatPanel()
    qtbot.addWidget(chat)
    chat.resize(320, 600)
    chat.show()
    qtbot.waitExposed(chat)
    long = "when the office does the thing again and again and nobody notices it at all"
    button = chat.add_choices([Chip(long, long)])[0]
    user = chat.add_user("add a vine boom at 2s")
    qtbot.wait(30)
    viewport = chat._scroll.viewport()
    assert button.text().endswith("…") and long in button.toolTip()
    assert button.mapTo(viewport, button.rect().topRight()).x() <= viewport.width()
    assert user.mapTo(viewport, user.rect().topRight()).x() <= viewport.width()
    assert chat._list.width() <= viewport.width()  # nothing pushed past the right edge
    button.click()
    assert chat.bubbles[-1].text() == long  # it still sends all of it
    chat.resize(1400, 600)
    qtbot.wait(30)
    assert button.text() == long  # room again: the whole label


def test_media_without_a_picture_shows_an_icon_of_the_same_set(qapp: QApplication) -> None:
    from meme_desktop.ui.imaging import placeholder

    tiles = {kind: placeholder(kind, 64) for kind in ("audio", "video", "image", "other")}
    for kind, tile in tiles.items():
        white = sum(tile.pixelColor(x, y).lightness() > 230
                    for x in range(16, 48) for y in range(16, 48))
        assert white > 30, kind  # the icon, in white on the tile
    assert tiles["audio"] != tiles["video"] != tiles["image"]
