"""The words of a turn: the reply after changes, suggestions for a next step, and the precise
question or concrete options when the agent cannot act. English or Chinese, as the user wrote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from meme_desktop.draft import Draft, timeline_summary
from meme_desktop.engine.agent.applier.base import (
    captions,
    music_segments,
    sfx_segments,
    video_segments,
)
from meme_desktop.engine.agent.types import AssetRef, Suggestion

_GREETING = re.compile(r"^\s*(?:hi|hello|hey|yo|sup|hiya|good (?:morning|evening|afternoon)|"
                       r"你好|您好|嗨|哈喽)\b[\s!.,！。]*$", re.IGNORECASE)
_THANKS = re.compile(r"^\s*(?:thanks?(?: you)?|thx|ty|cool|nice|great|awesome|perfect|ok(?:ay)?|"
                     r"谢谢|感谢|好的|不错|完美)\b[\s!.,！。]*$", re.IGNORECASE)
_HELP = re.compile(r"\b(?:help|what can you do|how does this work|commands|options)\b|帮助|"
                   r"你能做什么|怎么用", re.IGNORECASE)
_STATUS = re.compile(r"^\s*(?:status|show (?:me )?(?:the )?(?:timeline|tracks)|what'?s on the "
                     r"timeline|what do we have|summary)\b|^\s*(?:状态|查看时间线|显示时间线)",
                     re.IGNORECASE)
_EXPORT = re.compile(r"\b(?:export|render|download|save it|send me)\b|导出|下载|保存", re.IGNORECASE)
_VAGUE = re.compile(r"\bmake it (?:good|nice|cool|fun|great|lit|sick)\b|"
                    r"\b(?:funn(?:y|ier)|better|cooler|more viral|viral|spicier|more epic|"
                    r"improve|make it pop|more interesting|hilarious|dank|meme it|memeify|"
                    r"something|surprise me|more dramatic|dramatic|epic(?:er)?|more fun|"
                    r"interesting|spice (?:it|this) up|jazz (?:it|this) up|liven (?:it|this) up|"
                    r"more (?:fun|exciting|engaging|lively)|boring|less boring|level (?:it )?up|"
                    r"make it hit|goofier|funnier|crazier|wilder)\b|更好笑|好笑|有趣|搞笑|更好|更火|"
                    r"好玩|无聊|有意思|更精彩|更带感", re.IGNORECASE)


def suggestions(draft: Draft, zh: bool) -> list[str]:
    """At most two concrete next steps that fit the current draft."""
    out: list[tuple[str, str]] = []
    if not video_segments(draft):
        out.append(("upload a picture or clip and say 'use it'", "上传图片或视频，然后说“用这个”"))
    if not captions(draft):
        out.append(("add 'WHEN THE CODE COMPILES' at the top", "在顶部加上“代码终于编译通过”"))
    if not sfx_segments(draft):
        out.append(("add a vine boom at 1s", "在1秒加一个 vine boom"))
    if (draft.meta.width, draft.meta.height) != (1080, 1920):
        out.append(("make it vertical for TikTok", "改成竖屏"))
    if not music_segments(draft):
        out.append(("add lofi music at 40%", "加 lofi 背景音乐，音量40%"))
    out.append(("export a 1080p MP4", "导出 1080p MP4"))
    return [zh_ if zh else en for en, zh_ in out[:2]]


def suggestion_line(draft: Draft, zh: bool) -> str:
    items = suggestions(draft, zh)
    if zh:
        return "接下来可以试试：" + "；或".join(f"“{s}”" for s in items) + "。"
    return "Next, you could say: " + " or ".join(f'"{s}"' for s in items) + "."


def summary(draft: Draft, names: dict[str, str], zh: bool) -> str:
    return timeline_summary(draft, names, zh)


def chips(draft: Draft, zh: bool) -> list[Suggestion]:
    """The next steps of :func:`suggestions` as chips (each sends its own words)."""
    return [Suggestion(s, s) for s in suggestions(draft, zh)]


def changed_reply(sentences: list[str], problems: list[str], zh: bool) -> str:
    """What changed, in one line, and what was not done, in a second: the timeline itself is
    in the track view (and in the reply to "status")."""
    lines = [" ".join(sentences)]
    if problems:
        lines.append(("但是：" if zh else "But: ") + " ".join(problems))
    return "\n".join(lines)


def small_talk(text: str, draft: Draft, assets: Sequence[AssetRef], zh: bool) -> str | None:
    """Greetings, thanks and "help": answered without touching the draft."""
    if _GREETING.match(text):
        base = "你好！我可以帮你做表情包视频。" if zh else "Hi! I can turn your pictures and clips into memes."
    elif _THANKS.match(text):
        base = "不客气！" if zh else "You're welcome!"
    elif _STATUS.search(text):
        return summary(draft, {a.hash: a.name for a in assets}, zh) + "\n" + suggestion_line(draft, zh)
    elif _EXPORT.search(text) and not draft.is_empty:
        base = ("时间线已经可以导出了：点“导出”保存为 MP4。" if zh else
                "The timeline is ready: use Export to save it as a 1080p MP4 (or a GIF).")
        return base + "\n" + summary(draft, {a.hash: a.name for a in assets}, zh)
    elif _HELP.search(text):
        base = ("我能加字幕、音效和音乐，改画面比例，调速度、倒放、特效，还能撤销。"
                if zh else "I can add captions, sound effects and music, change the canvas "
                "(vertical, square, landscape), speed, reverse, zoom, add effects like deep "
                "fry, and undo.")
    else:
        return None
    if not assets and not zh:
        base += " Start by uploading a picture or clip."
    elif not assets:
        base += "先上传一张图片或一段视频吧。"
    return base + "\n" + suggestion_line(draft, zh)


def cannot_act(text: str, draft: Draft, assets: Sequence[AssetRef], zh: bool) -> str:
    """The precise question or 2–3 concrete options when nothing was understood."""
    if _VAGUE.search(text) and re.search(r"dramatic|epic|史诗|震撼|戏剧", text, re.IGNORECASE):
        if zh:
            return ("想更有戏剧感，我可以：1）加史诗背景音乐；2）在结尾加一个 vine boom；3）缓慢放大画面。"
                    "要哪一个？")
        return ("For more drama I can: 1) add epic music, 2) add a vine boom at the end, or "
                "3) add a slow zoom in. Which one should I do?")
    if _VAGUE.search(text):
        if zh:
            return ("想更好笑的话，我可以：1）在结尾加一个 vine boom；2）加油炸（deep fry）特效；"
                    "3）在2秒处突然放大。要哪一个？")
        return ("To make it funnier I can: 1) add a vine boom at the end, 2) deep fry it, or "
                "3) punch in (zoom) at 2s. Which one should I do?")
    ratio = r"(?:[1-9]|1\d|2[01])"      # "3:4", "21:9"; not a clock time like "00:02"
    if re.search(rf"(?<![\d:.]){ratio}\s*[:：x×/比]\s*{ratio}(?![\d:.])|\b(?:aspect|ratio)\b|比例",
                 text, re.IGNORECASE):
        if zh:
            return ("这个比例我做不了。我能做：1）竖屏 9:16；2）正方形 1:1；3）4:5；4）横屏 16:9。"
                    "要哪一个？")
        return ("I can't make that shape. I can do: 1) vertical 9:16, 2) square 1:1, 3) 4:5 "
                "feed, or 4) landscape 16:9. Which one?")
    if not assets and not video_segments(draft):
        if zh:
            return ("我还没有可以编辑的素材。请先上传一张图片或一段视频（导入… 或 Ctrl+O），然后告诉我，例如："
                    "“在顶部加上‘你好’”。")
        return ("There's nothing to edit yet. Upload a picture or clip first (Import… or Ctrl+O), "
                "then tell me e.g. \"add 'WHEN THE CODE COMPILES' at the top\".")
    if zh:
        return ("我不太确定要改什么。你可以说：1）在顶部加上“文字”；2）在2秒加一个 vine boom；"
                "3）改成竖屏。要哪一个？")
    return ("I'm not sure what to change. You could say: 1) \"add 'YOUR TEXT' at the top\", "
            "2) \"add a vine boom at 2s\", or 3) \"make it vertical\". What would you like?")
