"""Intent routing and reply translation (DESIGN.md section 4), as plain tables.

:func:`route` decides what a person's message is before anything is sent: ``export``,
``credits``, ``status`` and ``upload`` are handled without a chat turn; everything else is
``chat``. :func:`translate_reply` finds sentences in the assistant's reply that assume a GUI
("click Export", "open the panel", "drag the clip", "preview in timeline", 导出, 打开, 拖拽)
and returns the actions that replace them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Intent = Literal["export", "credits", "status", "upload", "chat"]
ReplyAction = Literal["export", "state", "add_media", "edit", "summary"]

# (intent, patterns) in priority order; English patterns are whole-word, case-insensitive
ROUTES: tuple[tuple[Intent, tuple[str, ...]], ...] = (
    ("credits", (r"\bcredits?\b", r"\bbalance\b", "积分", "余额")),
    ("status", (r"\bstatus\b", r"\bshow (?:me )?(?:the )?tracks?\b", r"\bshow (?:me )?(?:the )?timeline\b",
                "状态")),
    ("upload", (r"^\s*upload\b", r"\bupload (?:a |some |my )?(?:files?|media|images?|clips?|videos?)\b",
                "上传")),
    ("export", (r"^\s*(?:please\s+)?export\b", r"\bexport (?:it|this|the video|now|as|to|1080p?|"
                r"mp4|gif)\b", r"^\s*download\b", r"\bdownload (?:it|the video|the mp4)\b",
                r"\bsend me the video\b", r"\brender (?:it|the video)\b", "导出")),
)

_COMPILED = tuple((intent, tuple(re.compile(p, re.IGNORECASE) for p in pats))
                  for intent, pats in ROUTES)

# a message this long is an edit instruction even if it mentions a keyword in passing
_MAX_ROUTED_WORDS = 8


def route(text: str) -> Intent:
    """The intent of one message (see the module docstring)."""
    stripped = text.strip()
    if not stripped:
        return "chat"
    words = len(stripped.split())
    for intent, patterns in _COMPILED:
        if not any(p.search(stripped) for p in patterns):
            continue
        if words <= _MAX_ROUTED_WORDS or any(k in stripped for k in _CJK[intent]):
            return intent
    return "chat"


_CJK: dict[Intent, tuple[str, ...]] = {
    "export": ("导出",), "credits": ("积分", "余额"), "status": ("状态",), "upload": ("上传",),
    "chat": (),
}


# what the backend says → what the client does instead
TRANSLATIONS: tuple[tuple[ReplyAction, tuple[str, ...]], ...] = (
    ("export", (r"\bclick(?:ing)? (?:the |on )?[\"'“]?export\b", r"\bexport button\b",
                r"\bpress(?:ing)? (?:the )?[\"'“]?export\b", "导出")),
    ("summary", (r"\bpreview (?:it )?in (?:the )?timeline\b",)),
    ("state", (r"\bopen (?:the |your )?[\w ]{0,20}panel\b", r"\bcheck (?:the |your )?timeline\b",
               "打开")),
    # "drag your file into the media bin" asks the person for a file, not for an edit
    ("add_media", (r"\b(?:drag|drop)\b.{0,40}\b(?:into|onto|on|in|to) (?:the |this )?"
                   r"(?:media bin|media|bin|app|window|chat|upload area)\b",
                   r"拖(?:拽|进|到|入).{0,10}(?:素材|媒体|窗口)")),
    ("edit", (r"\bdrag(?:ging)?\b", r"\bdrop (?:it|the)\b", r"\bdrag[- ]and[- ]drop\b",
              "拖拽")),
)

_TRANSLATIONS = tuple((action, tuple(re.compile(p, re.IGNORECASE) for p in pats))
                      for action, pats in TRANSLATIONS)


@dataclass(frozen=True)
class Translation:
    """An action found in a reply, with the sentence that asked for it."""

    action: ReplyAction
    sentence: str


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?。！？])\s*|\n+", text)
    return [p.strip() for p in parts if p and p.strip()]


def translate_reply(text: str) -> list[Translation]:
    """The GUI-assuming sentences of a reply, each with its action, one per action."""
    found: dict[ReplyAction, Translation] = {}
    for sentence in _sentences(text):
        for action, patterns in _TRANSLATIONS:
            if action in found:
                continue
            if any(p.search(sentence) for p in patterns):
                found[action] = Translation(action, sentence)
                break
    return list(found.values())


def edit_request(sentence: str) -> str:
    """The chat turn sent instead of a "drag the clip" instruction: ask the backend to do it."""
    return f"Please make this change for me directly (I can't drag things): {sentence}"
