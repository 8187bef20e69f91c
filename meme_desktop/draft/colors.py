"""The named caption colours, in English and Chinese: what the assistant's sentences and the
window's words call a colour; any other colour is called by the nearest named one."""

from __future__ import annotations

COLORS: dict[str, tuple[str, str]] = {  # hex: (English, Chinese)
    "#FFFFFF": ("white", "白色"), "#000000": ("black", "黑色"), "#FF0000": ("red", "红色"),
    "#00C853": ("green", "绿色"), "#2979FF": ("blue", "蓝色"), "#FFEB3B": ("yellow", "黄色"),
    "#FF9800": ("orange", "橙色"), "#9C27B0": ("purple", "紫色"), "#FF69B4": ("pink", "粉色"),
    "#00E5FF": ("cyan", "青色"), "#FF00FF": ("magenta", "品红"), "#9E9E9E": ("gray", "灰色"),
    "#FFD700": ("gold", "金色"), "#76FF03": ("lime", "荧光绿"), "#795548": ("brown", "棕色"),
    "#001F5B": ("navy", "藏青色"), "#008080": ("teal", "蓝绿色"),
}


def _rgb(hex_: str) -> tuple[int, int, int] | None:
    text = hex_.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        return None
    try:
        value = int(text, 16)
    except ValueError:
        return None
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def nearest_color(hex_: str) -> str | None:
    """The named colour closest to ``hex_`` (itself when it is one), or None when ``hex_`` is
    not a colour written as ``#RGB`` / ``#RRGGBB``."""
    if hex_.upper() in COLORS:
        return hex_.upper()
    rgb = _rgb(hex_)
    if rgb is None:
        return None

    def distance(name: str) -> int:
        other = _rgb(name)
        assert other is not None
        return sum((a - b) ** 2 for a, b in zip(rgb, other, strict=True))

    return min(COLORS, key=distance)


def color_words(hex_: str, chinese: bool = False) -> str:
    """What a person calls the colour: ``red``, ``红色``; the nearest named colour for any
    other ``#RRGGBB``; the text itself when it is not a colour code."""
    named = nearest_color(hex_)
    return COLORS[named][1 if chinese else 0] if named is not None else hex_
