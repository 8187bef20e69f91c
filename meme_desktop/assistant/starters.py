"""The greeting's starter chips: the brief's three ("generate my images or clips", "export
1080p MP4", "turn this image into a meme"), in the interface language (a Chinese chip sends
Chinese), each enabled only when it can do what it says, with a tooltip saying why not."""

from __future__ import annotations

from collections.abc import Sequence

from meme_desktop.api.models import Asset, SessionState
from meme_desktop.assistant.events import Chip

# (what it does, English label = message, Chinese label = message)
STARTERS: tuple[tuple[str, str, str], ...] = (
    ("generate", "generate my images or clips", "生成我的图片或视频"),
    ("export", "export 1080p MP4", "导出 1080p MP4"),
    ("meme", "turn this image into a meme", "把这张图做成表情包"),
)
WHY_NOT = {
    "export": ("Nothing to export yet — make a meme first.", "还没有可以导出的内容——先做一个表情包。"),
    "meme": ("Upload a picture or clip first (Import… or drop it on the media bin).",
             "先上传一张图片或一段视频（导入… 或拖到素材区）。"),
}
SENDS = {"en": "Send “{text}”", "zh": "发送“{text}”"}


def starter_chips(language: str, assets: Sequence[Asset] = (),
                  timeline_empty: bool = True) -> list[Chip]:
    """The three starters for the interface ``language`` ("en" / "zh…") and the session."""
    zh = language.lower().startswith("zh")
    visual = any(a.kind in ("image", "video") for a in assets)
    can = {"generate": True, "export": not timeline_empty, "meme": visual}
    out = []
    for what, en, zh_text in STARTERS:
        text = zh_text if zh else en
        tip = SENDS["zh" if zh else "en"].format(text=text) if can[what] \
            else WHY_NOT[what][1 if zh else 0]
        out.append(Chip(text, text, can[what], tip))
    return out


def chips_for(state: SessionState | None, language: str) -> list[Chip]:
    """The starters for a session's state (None: not connected yet)."""
    if state is None:
        return starter_chips(language)
    return starter_chips(language, state.assets, state.draft.is_empty)


__all__ = ["STARTERS", "chips_for", "starter_chips"]
