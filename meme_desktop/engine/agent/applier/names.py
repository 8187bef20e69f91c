"""What the applier calls things in its sentences, in English and Chinese: sounds, music,
colours, positions, canvases, framings and effects; and the built-in sounds' lengths."""

from __future__ import annotations

from meme_desktop.draft import seconds
from meme_desktop.draft.colors import COLORS

SFX_MS = {  # lengths engine/sounds.py produces (tests/unit/test_agent_turns.py checks them)
    "vine_boom": 1600, "airhorn": 2000, "record_scratch": 700, "sad_trombone": 3100,
    "rimshot": 2000, "drumroll": 3200, "crickets": 3000, "ding": 2000, "whoosh": 900,
    "boing": 900,
}
_SFX_EN = {"airhorn": "air horn", "drumroll": "drum roll", "rimshot": "rimshot (ba dum tss)"}
SFX_ZH = {"vine_boom": "vine boom", "airhorn": "汽笛喇叭", "record_scratch": "搓碟",
          "sad_trombone": "悲伤长号", "rimshot": "ba dum tss 鼓点", "drumroll": "击鼓",
          "crickets": "蟋蟀声", "ding": "叮", "whoosh": "嗖", "boing": "弹簧声"}
MUSIC_ZH = {"lofi": "lofi 轻音乐", "phonk": "phonk", "chiptune": "8-bit 游戏音乐",
            "epic": "史诗音乐", "suspense": "悬疑音乐"}
POS_EN = {"top": "at the top", "bottom": "at the bottom", "center": "in the middle"}
POS_ZH = {"top": "顶部", "bottom": "底部", "center": "中间"}
CANVAS_NAMES = {"1080x1920": "vertical 9:16", "1080x1080": "square 1:1",
                "1080x1350": "4:5 feed", "1920x1080": "landscape 16:9"}
CANVAS_ZH = {"1080x1920": "竖屏 9:16", "1080x1080": "正方形 1:1", "1080x1350": "4:5",
             "1920x1080": "横屏 16:9"}
FIT_NAMES = {"cover": "crop to fill", "contain": "black bars (no crop)",
             "blur": "blurred background"}
FIT_ZH = {"cover": "裁剪铺满", "contain": "黑边（不裁剪）", "blur": "模糊背景"}
EFFECT_NAMES = {"deepfry": "deep fry", "grayscale": "black and white", "sepia": "sepia",
                "shake": "shake"}
EFFECT_ZH = {"deepfry": "油炸", "grayscale": "黑白", "sepia": "怀旧", "shake": "抖动"}
STYLE_ZH = {"classic": "经典描边", "bar": "字幕条", "subtitle": "字幕", "plain": "纯文字"}


def sfx_name(name: str) -> str:
    """``air horn``, ``vine boom``: how a person says a built-in sound's name."""
    return _SFX_EN.get(name, name.replace("_", " "))


SFX_LIST = ", ".join(sfx_name(k) for k in SFX_MS)  # "vine boom, air horn, …" in questions


def a_an(word: str) -> str:
    """``a vine boom``, ``an air horn``, ``crickets``."""
    if word.endswith("s") and not word.endswith("ss"):
        return word
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def color_en(hex_: str) -> str:
    return COLORS.get(hex_.upper(), (hex_, hex_))[0]


def color_zh(hex_: str) -> str:
    return COLORS.get(hex_.upper(), (hex_, hex_))[1]


def span_text(start: int, end: int) -> str:
    return f"{seconds(start)}–{seconds(end)} s"


def span_zh(start: int, end: int) -> str:
    return f"{seconds(start)}–{seconds(end)} 秒"


def listing(items: list[str], zh: bool = False) -> str:
    """``a, b and c`` / ``a、b 和 c``."""
    if len(items) <= 1:
        return "".join(items)
    if zh:
        return "、".join(items[:-1]) + " 和 " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]
