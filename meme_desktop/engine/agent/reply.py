"""The words of a turn: the reply after changes, suggestions for a next step, and the precise
question or concrete options when the agent cannot act. English or Chinese, as the user wrote."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from meme_desktop.draft import Draft, timeline_summary
from meme_desktop.engine.agent.applier.base import (
    captions,
    music_segments,
    sfx_segments,
    video_segments,
)
from meme_desktop.engine.agent.applier.names import SFX_LIST
from meme_desktop.engine.agent.rules.words import MISSING
from meme_desktop.engine.agent.types import AssetRef, Suggestion

_GREETING = re.compile(r"^\s*(?:hi|hello|hey|yo|sup|hiya|good (?:morning|evening|afternoon)|"
                       r"你好|您好|嗨|哈喽)\b[\s!.,！。]*$", re.IGNORECASE)
_THANKS = re.compile(r"^\s*(?:thanks?(?: you)?|thx|ty|cool|nice|great|awesome|perfect|ok(?:ay)?|"
                     r"谢谢|感谢|好的|不错|完美)\b[\s!.,！。]*$", re.IGNORECASE)
# thanks and praise said in more words ("thank you so much this is perfect", "ok cool", "love
# it", "太棒了谢谢"): every word one of these, and one of them a thanks or a praise
_ACK_CORE = {"thanks", "thank", "thx", "ty", "tysm", "tyvm", "perfect", "great", "awesome", "cool",
             "nice", "love", "amazing", "good", "wow", "sweet", "dope", "excellent", "brilliant",
             "lovely", "beautiful", "fantastic", "neat", "appreciate", "appreciated", "cheers"}
_ACK_WORDS = _ACK_CORE | {
    "you", "so", "much", "very", "this", "is", "it", "its", "it's", "that", "that's", "looks",
    "look", "ok", "okay", "k", "lol", "haha", "really", "exactly", "what", "i", "wanted",
    "needed", "yay", "yes", "yeah", "yep", "alright", "all", "now", "the", "a", "lot", "lots",
    "again", "bro", "man", "dude", "mate", "guys", "oh", "omg", "just", "super", "pretty",
    "and", "for", "help", "helping", "work", "job", "done", "well", "u", "ur", "thats", "was",
    "kind", "of", "too", "sm"}
_ACK_ZH = re.compile(r"^(?:谢谢|感谢|多谢|好的|不错|完美|太好了|太棒了|好棒|真棒|棒|很好|好极了|厉害|赞|"
                     r"可以|辛苦了|你|您|了|啦|呀|哦|喔|噢|真|非常|超|好|呢|哇|啊|[\s!.,！。~～]"
                     r"|[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F])+$")


def _acknowledges(text: str) -> bool:
    """Thanks or praise, in any number of such words, and nothing else."""
    if _ACK_ZH.match(text.strip()) and re.search(r"[\u4e00-\u9fff]", text):
        return bool(re.search(r"谢|棒|好|不错|完美|厉害|赞|辛苦", text))
    words = re.findall(r"[a-z']+", text.lower())
    rest = re.sub(r"[a-z'\s!.,?~]|[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]", "", text.lower())
    return (bool(words) and not rest and all(w in _ACK_WORDS for w in words)
            and any(w in _ACK_CORE for w in words))
_HELP = re.compile(r"\b(?:help|what can you do|how does this work|commands|options)\b|帮助|"
                   r"你能做什么|怎么用", re.IGNORECASE)
_STATUS = re.compile(r"^\s*(?:status|show (?:me )?(?:the )?(?:timeline|tracks)|what'?s on the "
                     r"timeline|what do we have|summary)\b|^\s*(?:状态|查看时间线|显示时间线)|"
                     r"\bhow\s+long\s+is\s+(?:the\s+|my\s+)?(?:video|meme|clip|it|timeline)\b|"
                     r"视频(?:有)?多长|多长时间|时长是多少|"
                     # a question about what is there: "what music is on it", "what does the
                     # top text say", "which sounds are in the video", 字幕写的是什么
                     r"^\s*(?:what|which)\b[^?]{0,40}?\b(?:is|are|'s)\s+(?:on|in)\s+(?:it|this|"
                     r"there|the\s+(?:video|timeline|meme|clip))\b|"
                     r"^\s*what\s+(?:does|do)\s+(?:the\s+)?[\w\s]{0,20}?\b(?:text|captions?|titles?|"
                     r"words?|writing|lines?)\s+(?:say|read)\b|"
                     r"^\s*what(?:'s|\s+is|\s+are)\s+(?:the\s+)?(?:top\s+|bottom\s+|middle\s+)?"
                     r"(?:captions?|texts?|titles?)\s*[?？]*\s*$|"
                     r"(?:字幕|文字|标题)(?:写的|说的)?是什么|时间线上有什么|现在(?:有|放了)(?:什么|哪些)",
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
    elif _THANKS.match(text) or _acknowledges(text):
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


_GIF = re.compile(r"\bgifs?\b|动图", re.IGNORECASE)
_LIMIT = re.compile(r"\b(?:discord|whatsapp|under\s+\d+\s*mb|\d+\s*mb\s+(?:limit|max))\b",
                    re.IGNORECASE)
_FONT = re.compile(r"\b(?:fonts?|typefaces?|lettering|comic\s+sans|arial|helvetica|times\s+new"
                   r"\s+roman|papyrus)\b|字体", re.IGNORECASE)
_EFFECT_ASK = re.compile(r"\b(?:filters?|effects?|fx)\b(?!\s+(?:sound|noise))|滤镜|特效",
                         re.IGNORECASE)
_MISSING = re.compile(MISSING, re.IGNORECASE)
_TRANSLATE = re.compile(r"\btranslat\w*\b|翻译", re.IGNORECASE)
_SOUND_ASK = re.compile(r"\b(?:sound(?:\s+effect)?|sfx|noise)s?\b|音效|声音", re.IGNORECASE)


_REACTION = re.compile(r"^\W*(?:(?:lol|lmao|lmfao|haha+|hehe+|rofl|xd|哈哈+|笑死)\W*)+$|"
                       r"^[\s\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D!?.]+$", re.IGNORECASE)


def _other_request(text: str, zh: bool) -> str | None:
    """Requests the editor answers elsewhere (a GIF or a size limit is an Export choice),
    cannot do (translating), or a sound it does not have: said plainly, with what it can. A
    laugh or an emoji alone is a reaction: it is answered, and nothing is changed."""
    if _REACTION.search(text):
        if zh:
            return "哈哈！想把表情放进视频里，可以说“在底部加上 😂”。还要改什么吗？"
        return ("Glad it works for you! To put an emoji on the video, say e.g. “add 😂 at the "
                "bottom”. Anything else to change?")
    if _GIF.search(text) or _LIMIT.search(text):
        if zh:
            return ("导出时可以选：点“导出”，在格式列表里选“GIF 动图”（或 Discord / WhatsApp 大小限制的 "
                    "MP4）。时间线不用改。")
        return ("That's an export choice: press Export and pick “GIF animation” (or the Discord / "
                "WhatsApp size-limited MP4) in the format list. The timeline stays as it is.")
    if _MISSING.search(text) and re.search(r"green|chroma|background|抠|绿幕|背景", text, re.I):
        if zh:
            return ("我不会抠图或换背景（绿幕）。可以这样做：1）画面改成模糊背景填充（blur）；2）加黑白或"
                    "油炸特效；3）放大推近主体。要哪一个？")
        return ("I can't cut out or replace the background (no green screen). What I can do "
                "instead: 1) a blurred fill around the picture, 2) a black and white or deep-fried "
                "look, or 3) a zoom in on the subject. Which one?")
    if _MISSING.search(text):
        if zh:
            return ("我没有转场和定格画面。可以这样做：1）在切换处加一个 whoosh 音效；2）在那一刻突然推近"
                    "（punch in）；3）那一段改成慢动作。要哪一个？")
        return ("I have no transitions or freeze frames. What I can do there instead: 1) a whoosh "
                "at the cut, 2) a punch-in zoom at that moment, or 3) slow motion for that part. "
                "Which one?")
    if _TRANSLATE.search(text):
        if zh:
            return ("我不会翻译字幕，但可以换成你给的文字，例如：把顶部字幕改成“……”。")
        return ("I can't translate captions, but I can put in the words you give me, e.g. "
                "change the top caption to '…'.")
    if _EFFECT_ASK.search(text):
        if zh:
            return ("我能加的画面效果有：油炸（deep fry）、黑白、复古（sepia）、抖动，还有慢动作、加速、倒放、"
                    "循环、放大和突然推近。例如：“加油炸特效”。要哪一个？")
        return ("The effects I can add: deep fry, black and white, sepia (old film), shake; and "
                "slow motion, speed-up, reverse, loop, slow zoom and punch-in. For example: "
                "\"deep fry it\". Which one?")
    if _FONT.search(text):
        if zh:
            return ("字幕有四种样式：1）经典 Impact 白字黑边；2）白底标题栏；3）字幕条；4）普通文字。"
                    "例如：“把字幕改成标题栏样式”。要哪一种？")
        return ("Captions come in four styles: 1) classic Impact (white with a black outline), "
                "2) a white caption bar, 3) subtitles, 4) plain text. For example: \"use the "
                "caption bar style\". Which one?")
    if _SOUND_ASK.search(text):
        names = SFX_LIST
        if zh:
            return (f"我没有这个音效。内置音效有：{names}。也可以导入你自己的声音文件（MP3 / WAV），"
                    "然后说“在2秒加上它”。要哪一个？")
        return (f"I don't have that sound. The built-in ones are: {names}; or import your own "
                "sound file (MP3, WAV) and say where it goes. Which one?")
    return None


_MOODS = [    # (words, the offer's key)
    (r"\b(?:spooky|spookier|scary|scarier|creepy|creepier|horror)\b|恐怖|吓人|阴森", "spooky"),
    (r"\b(?:wholesome|cute|cuter|sweet|heartwarming)\b|可爱|温馨|治愈", "wholesome"),
    (r"\b(?:sad|sadder|depressing|emotional)\b|伤感|悲伤|难过", "sad"),
    (r"\b(?:cursed|chaotic|unhinged|weirder|weird)\b|离谱|鬼畜", "chaos"),
]
_BOOM_END = ("add a vine boom at the end", "在结尾加一个 vine boom")
_SLOW_ZOOM = ("add a slow zoom in", "缓慢放大画面")
_GREY = ("make it black and white", "改成黑白")
# what to offer, each as the words a chip sends (the rule reader understands every one)
OFFERS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "funnier": ("To make it funnier I can:", "想更好笑的话，我可以：",
                [_BOOM_END, ("deep fry it", "加油炸特效"), ("punch in at 2s", "在2秒处突然放大")]),
    "drama": ("For more drama I can:", "想更有戏剧感，我可以：",
              [("add epic music", "加史诗背景音乐"), _BOOM_END, _SLOW_ZOOM]),
    "spooky": ("For a spookier feel I can:", "想更恐怖一点，我可以：",
               [("add suspense music", "加悬疑音乐"), _GREY, _SLOW_ZOOM]),
    "wholesome": ("For a wholesome feel I can:", "想更温馨可爱，我可以：",
                  [("add lofi music", "加 lofi 音乐"), ("add a ding at the start", "开头加一个叮"),
                   _SLOW_ZOOM]),
    "sad": ("For a sadder feel I can:", "想更伤感，我可以：",
            [("add a sad trombone at the end", "结尾加悲伤长号"), _GREY,
             ("slow it down", "放慢速度")]),
    "chaos": ("For more chaos I can:", "想更离谱，我可以：",
              [("deep fry it", "加油炸特效"), ("add a shake", "加抖动"),
               ("punch in at 2s", "在2秒处突然放大")]),
    "shape": ("I can't make that shape. I can do:", "这个比例我做不了。我能做：",
              [("make it vertical", "改成竖屏"), ("make it square", "改成正方形"),
               ("make it 4:5", "改成4:5"), ("make it landscape", "改成横屏")]),
}


_SHAPES = {"make it vertical": (1080, 1920), "make it square": (1080, 1080),
           "make it 4:5": (1080, 1350), "make it landscape": (1920, 1080)}


def _offer(key: str, zh: bool, draft: Draft | None = None) -> tuple[str, list[Suggestion]]:
    head_en, head_zh, options = OFFERS[key]
    if draft is not None:           # not the shape it already has
        size = (draft.meta.width, draft.meta.height)
        options = [o for o in options if _SHAPES.get(o[0]) != size]
    said = [zh_ if zh else en for en, zh_ in options]
    offer = [Suggestion(t, t) for t in said]
    if zh:
        return head_zh + "；".join(f"{i}）{t}" for i, t in enumerate(said, 1)) + "。要哪一个？", offer
    items = [f"{i}) {t}" for i, t in enumerate(said, 1)]
    listed = ", ".join(items[:-1]) + ", or " + items[-1]
    return f"{head_en} {listed}. Which one should I do?", offer


def cannot_act(text: str, draft: Draft, assets: Sequence[AssetRef], zh: bool,
               works: Callable[[str], bool] | None = None) -> tuple[str, list[Suggestion]]:
    """The precise question or 2–3 concrete options when nothing was understood, and its
    options as chips (the next steps when it offers none of its own). ``works`` says whether
    a chip's words would make an edit: an "it" nothing points at is asked about only with
    the chips that would."""
    if other := _other_request(text, zh):
        return other, chips(draft, zh)
    for rx, key in _MOODS:
        if re.search(rx, text, re.IGNORECASE):
            return _offer(key, zh)
    if _VAGUE.search(text) and re.search(r"dramatic|epic|史诗|震撼|戏剧", text, re.IGNORECASE):
        return _offer("drama", zh)
    if _VAGUE.search(text):
        return _offer("funnier", zh)
    ratio = r"(?:[1-9]|1\d|2[01])"      # "3:4", "21:9"; not a clock time like "00:02"
    if re.search(rf"(?<![\d:.]){ratio}\s*[:：x×/比]\s*{ratio}(?![\d:.])|\b(?:aspect|ratio)\b|比例",
                 text, re.IGNORECASE):
        return _offer("shape", zh, draft)
    if works is not None and (which := _which_one(text, draft, assets, zh, works)):
        return which
    return _unsure(draft, assets, zh), chips(draft, zh)


_IT_EN = re.compile(r"\b(?:it|this|that|this one|that one)\b", re.IGNORECASE)
_IT_ZH = re.compile(r"它|这个|那个")
_PLACES = [("top", r"\b(?:top|up)\b|顶部|上面|上方"), ("bottom", r"\bbottom\b|底部|下面|下方"),
           ("center", r"\b(?:middle|center|centre)\b|中间|居中")]
_POS_WORDS = {"top": ("the top caption", "顶部字幕"), "bottom": ("the bottom caption", "底部字幕"),
              "center": ("the middle caption", "中间的字幕")}


def _which_one(text: str, draft: Draft, assets: Sequence[AssetRef], zh: bool,
               works: Callable[[str], bool]) -> tuple[str, list[Suggestion]] | None:
    """"Move it to the middle" with nothing said before: which "it"? The captions (by their
    place) and the one picture or clip, each as a chip that says the same with it named."""
    it = _IT_ZH if zh else _IT_EN
    if not it.search(text):
        return None
    names = {a.hash: a.name for a in assets}
    options: list[tuple[str, str]] = []      # (what it is, the words naming it)
    places = [c.pos for c in captions(draft)]
    to = [p for p, rx in _PLACES if re.search(rx, text, re.IGNORECASE)]
    for pos in ("top", "bottom", "center"):
        if places.count(pos) == 1 and pos not in to:     # not the one already there
            caption = next(c for c in captions(draft) if c.pos == pos)
            en, zh_words = _POS_WORDS[pos]
            options.append((f"“{caption.text}”", zh_words if zh else en))
    visuals = video_segments(draft)
    if len(visuals) == 1 and not to:        # a place on the screen is a caption's
        name = names.get(visuals[0].src, "")
        options.append((name or ("视频" if zh else "the video"),
                        ("画面" if zh else "the picture") if visuals[0].src not in names or
                        name.lower().endswith((".png", ".jpg", ".jpeg", ".webp", ".gif"))
                        else ("视频" if zh else "the clip")))
    if not options or len(options) < 2 and len(places) + len(visuals) < 2:
        return None
    said = {words: it.sub(words, text, count=1) for _what, words in options}
    options = [(what, words) for what, words in options if works(said[words])]
    if not options:                 # "make it spin": nothing to point at would help
        return None
    offer = [Suggestion(words, said[words]) for _what, words in options]
    listed = ("、" if zh else ", ").join(what for what, _w in options)
    if len(options) == 1:
        if zh:
            return f"你是指{listed}吗？可以选下面的建议，或说得具体些。", offer
        return f"Do you mean {listed}? Choose the suggestion below, or name it.", offer
    if zh:
        return f"你指的是哪一个：{listed}？可以选下面的建议，或说得具体些。", offer
    return f"Which one do you mean: {listed}? Choose a suggestion below, or name it.", offer


def _unsure(draft: Draft, assets: Sequence[AssetRef], zh: bool) -> str:
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
