"""The words every reader shares (what "remove", "change", "move", a caption, a picture, a clip,
music, sound effects, louder and quieter look like, in English and Chinese), the reading
``Context`` of a turn, and ``Intent``: one understood request before its targets are resolved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from meme_desktop.draft import Draft
from meme_desktop.engine.agent.types import AssetRef

REMOVE = (r"\b(?:remove|delete|get rid of|drop|erase|clear|take (?:it )?(?:off|out|away)|"
          r"(?:i\s+)?(?:don'?t|do not|dont)\s+(?:want|need)|"
          r"kill|ditch|hide|no more|without|lose|strip|yeet|nuke|scrap|axe|toss)\b|^\s*no\b|去掉|删除|删掉|移除|去除|"
          r"不要|取消|拿掉|清除|清空|删了|删")


CHANGE = (r"\b(?:change|replace|rename|edit|rewrite|update|swap|fix|instead|reword)\b|->|→|=>|"
          r"改成|改为|换成|替换|修改|改")


MOVE = r"\b(?:move|put|place|shift|push|bring|drag|position|relocate)\b|移到|放到|挪到|移动|放在|挪"


# what the editor does not have: never read as something near it ("add a transition between
# the clips" is no new clip); the reply says what it can do instead
MISSING = (r"\btransitions?\b|\bfreeze(?:[\s-]?frames?)?\b|\bfrozen\b|\bstill\s+frame\b|"
           r"\b(?:black|blank|white)\s+screen\b|\bfade\s+(?:out\s+)?(?:to|into)\s+(?:black|white)\b|"
           r"黑屏|白屏|淡出到黑|渐黑|"
           r"转场|过渡效果|定格|冻结画面|\bgreen[\s-]?screen\b|\bchroma[\s-]?key\w*|"
           r"\b(?:remove|delete|erase|cut\s+out|get\s+rid\s+of)\s+(?:the\s+)?background\b"
           r"(?!\s+(?:music|sound|audio|noise|song|track|beat))|"
           r"\bbackground\s+remov\w*|抠图|绿幕|(?:去掉|删除|去除|移除|抠掉)背景(?!音|乐|声)|背景(?:去掉|删掉|抠掉)")


CAPTION_NOUN = (r"\b(?:captions?|texts?|titles?|words?|subtitles?|lines?|labels?|headings?|writing|"
                r"punchlines?|meme text)\b|字幕|文字|文案|标题|字")


IMAGE = (r"\b(?:image|picture|photo|pic|pict?ures|photos|images|pics|screenshot|gif|still)\b|"
          r"图片|照片|图")


CLIP = r"\b(?:clip|clips|footage|video clip|recording|movie|video)\b|视频|片段|录像|短片"


ADD = (r"\b(?:add|use|put|insert|place|start with|show|append|include|drop in|stick|throw)\b|"
        r"加上|加入|添加|加|用|放|插入|先")


MUSIC_NOUN = (r"\b(?:music|song|songs|track|beat|beats|bgm|soundtrack|tune|background audio|"
               r"background sound)\b|音乐|歌|曲|配乐|bgm|伴奏")


STRONG_MUSIC = {"lofi", "lo-fi", "lo fi", "phonk", "chiptune", "chip tune", "8-bit", "8 bit",
                 "8bit", "suspense", "suspenseful", "轻音乐", "低保真", "游戏音乐"}


ORIGINAL = (r"\b(?:original|its own|source|camera|voice|background noise)"
             r"\s*(?:audio|sound|volume|noise)?\b|"
             r"\b(?:clip|video)'?s?\s+(?:audio|sound|volume|noise)\b|"
             r"\b(?:volume|sound|audio) of the (?:clip|video)\b|原声|原音|视频声音|视频的声音|原视频声音")


SFX_NOUN = (r"\b(?:sound effects?|sfx|effects? sounds?)\b|音效|"
            r"\b(?:all|every|each|both)\s+(?:of\s+)?(?:the\s+|my\s+)?sounds?\b")   # "all sounds"


DOWN = (r"\b(?:turn (?:\w+ )*down|quieter|softer|lower|reduce|decrease|less loud|too loud|"
         r"down)\b|小声|调小|降低|小一点|轻一点|低一点|太吵")


OFF = (r"\b(?:turn|switch|shut|cut)\s+(?:\w+\s+){0,3}?off\b|\boff\b|\bkill\b|关掉|关闭|关了|"
        r"关上|不要声音")


AUDIO_WORD = r"\b(?:sound|audio|volume|noise)\b|声音|原声|音乐|配乐|背景音乐|bgm"


# a level said as a multiple of what it is: "half as loud", "twice as loud", 小声一半, 大声一倍
LEVEL_FACTOR = (r"\b(half|twice|double|triple|thrice|(\d+(?:\.\d+)?)\s*(?:times|x))\s+as\s+(loud|quiet|soft)\b|"
                r"(小声一半|音量减半|声音减半|减半|音量一半|一半音量)|(大声[1一]倍|音量加倍|声音加倍|音量翻倍|加倍)")


UP = r"\b(?:turn (?:\w+ )*up|louder|raise|increase|boost|pump up|up)\b|大声|调大|提高|响一点|大一点"


@dataclass
class Intent:
    """One understood request, in the reader's terms ("the top caption", "the clip"): its
    targets are resolved into typed operations on the draft by ``resolve``."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    """What the turn is about so far: the draft as it will be, and the last thing touched."""

    draft: Draft
    assets: Sequence[AssetRef]
    focus: str | None = None                       # "caption", "media", "sound", "music"
    focus_sel: dict[str, Any] = field(default_factory=dict)
    captions: list[str] = field(default_factory=list)   # texts of captions known this turn
    carried: tuple[str | None, dict[str, Any]] = (None, {})  # the focus the last turn left

    @property
    def from_before(self) -> bool:
        """Whether the focus is still the one carried over from the last turn."""
        return self.focus is not None and (self.focus, self.focus_sel) == self.carried


@dataclass
class Prior:
    """The last turn as the reader sees it: what it touched last (``focus``: "caption" or
    "sound", and a selector for it) and its request read again (``intents``), so "make it
    red", "again" and "the bottom one too" can follow it."""

    focus: str | None = None
    sel: dict[str, Any] = field(default_factory=dict)
    intents: list[Intent] = field(default_factory=list)
