"""Caption text typed without quotes, and clauses that name two captions at once.

People often skip quotes: *top text: when the wifi drops*, *top text when u wake up bottom text
its monday* (the classic formula), *caption top: hello bottom: goodbye*, *put hello world on
top*, *底部加字幕：下班了*. ``lift_unquoted`` finds such text and lifts it out like a quote (the
caller replaces it with a ``«n»`` placeholder), but only when the words look like caption text
and not like an instruction about an existing caption (*top text blue bottom text red* is a
colour change, *bottom text from 1 to 3 seconds* is a timing change).

``split_selectors`` splits *top text blue bottom text red* into two clauses, one per caption.
"""

from __future__ import annotations

import re

from meme_desktop.engine.agent.rules import lexicon as lx

_MARKER = re.compile(
    r"(?:\b(?:top text|bottom text|middle text|center text|caption|text|title|subtitle)\s*[:：]"
    r"|\b(?:captions?|texts?|titles?|label|sign|banner|meme|one|that|which|it|and)\s+"
    r"(?:says?|saying|reads?|reading)\b|\b(?:caption|text|title)\s+(?:that\s+)?(?:says|reads)\b"
    r"|\b(?:top|bottom|middle|center|centre)\s*[:：]"
    r"|\b(?:top|bottom|middle|center|centre)(?:\s+(?:one|line|part))?\s+(?:says?|saying|reads?|"
    r"should\s+(?:say|read))\b"
    r"|(?:字幕|文字|文案|标题|顶部文字|底部文字|字|一句话|内容)[:：]|写着|写上|内容是)\s*",
    re.IGNORECASE)
_NEXT_MARKER = re.compile(r"[,，;；]?\s*(?:and\s+)?(?:the\s+)?(?:top|bottom|middle|center)"
                          r"(?:\s+(?:text|one|line|part))?\s*(?:[:：]|\s+(?:says?|saying|reads?|"
                          r"should\s+(?:say|read))\b)", re.IGNORECASE)
_TAIL = re.compile(r"\s+(?:at|on|in)\s+(?:the\s+)?(?:top|bottom|middle|center)\s*[.!]?$",
                   re.IGNORECASE)


def _lift_unquoted(text: str) -> tuple[str, list[str]]:
    """``top text: when the code compiles`` / ``a caption that says hi`` without quotes."""
    quotes: list[str] = []
    out, pos = text, 0
    while True:
        m = _MARKER.search(out, pos)
        if not m:
            break
        rest = out[m.end():]
        nxt = _NEXT_MARKER.search(rest)
        body = rest[:nxt.start()] if nxt else rest
        tail = _TAIL.search(body)
        kept_tail = ""
        if tail:
            kept_tail, body = body[tail.start():], body[:tail.start()]
        body = body.strip().rstrip(".!。！")
        if not body:
            break
        quotes.append(body)
        after = rest[nxt.start():] if nxt else ""
        head = f"{out[:m.start()]}{m.group(0)} «{len(quotes) - 1}» "
        out, pos = f"{head}{kept_tail} {after}", len(head)
    return out, quotes



_POS = r"(top|bottom|middle|center|centre)"
_FORMULA = re.compile(
    rf"^\s*(?:(?:add|with|meme|caption|captions|do|pls|please|ok|okay)\s+)*{_POS}\s+text\s+"
    rf"(?![:：])(.+?)(?:\s*[,，;；]?\s*(?:and\s+)?{_POS}\s+text\s+(?![:：])(.+?))?\s*[.!]?\s*$",
    re.IGNORECASE)
_PUT = re.compile(
    r"^\s*(?:(?:pls|please|can you|could you|can u|could u|i want to|let'?s|just|now|also|and)"
    r"\s+)*(?:put|add|write|stick|slap|place|type|throw)\s+(.+?)\s+(?:on|at|in|to|across|up|"
    r"along)\s+(?:the\s+)?(?:very\s+)?(top|bottom|middle|center|centre)"
    r"(?:\s+of\s+(?:it|this|the\s+\w+))?\s*(?:pls|please)?\s*[.!]?\s*$", re.IGNORECASE)
_CHANGE_TO = re.compile(
    r"^\s*(?:(?:pls|please|can you|can u|could you|now|also|and|ok|okay)\s+)*(?:change|set|make|"
    r"rename|edit|switch|turn|rewrite)\s+(?:the\s+)?(?:(?:top|bottom|middle|center|centre|first|"
    r"second|last)\s+)?(?:caption|text|title|line|one)s?\s+(?:to\s+say|to\s+read|to|into|say|"
    r"says|read|=|->|→)\s+(.+?)\s*[.!]?\s*$", re.IGNORECASE)
_FILLER = {
    "in", "to", "the", "a", "an", "at", "on", "from", "for", "and", "with", "be", "is", "it",
    "its", "much", "more", "way", "bit", "little", "font", "size", "color", "colour", "style",
    "seconds", "second", "secs", "sec", "s", "ms", "until", "till", "only", "first", "last",
    "move", "bigger", "smaller", "larger", "big", "small", "huge", "tiny", "text", "caption",
    "this", "that", "please", "pls", "too", "very", "now", "instead", "of", "up", "down",
    "disappear", "appear", "show", "hide", "remove", "delete", "change", "same", "all", "make",
    "letters", "bold", "bolder", "plain", "one", "x", "bar", "white", "black", "as", "like",
    "into", "using", "use", "look", "type", "format", "version",
}
_NOT_START = re.compile(r"^(?:should|to|is|in|at|from|with|says?|reads?|say|as|like|using|"
                        r"the|a|an|my|this|"
                        r"that|it|some|them|these|those|your|our|their|his|her|every|all|"
                        r"both|each|more|another)\b", re.IGNORECASE)
_THING = re.compile(r"\b(?:captions?|texts?|titles?|subtitles?|images?|pictures?|photos?|pics?|"
                    r"clips?|videos?|gifs?|music|songs?|sounds?|effects?|filters?|audio|"
                    r"zoom|it|them)\b|\.\w{3,4}\b", re.IGNORECASE)
_STRIP_TABLES = (lx.COLORS, lx.POSITIONS, lx.STYLES)
_THING_TABLES = (lx.SFX, lx.MUSIC, lx.EFFECTS, lx.CANVASES, lx.FITS)


def looks_like_text(body: str) -> bool:
    """Whether words after "top text" are the caption itself, not colours/sizes/times."""
    low = body.lower()
    if _NOT_START.match(low.strip()):
        return False
    for table in _STRIP_TABLES:
        for hit in reversed(table.find(low)):
            low = low[:hit.start] + " " + low[hit.end:]
    words = re.findall(r"[a-z']+|[\u4e00-\u9fff]", low)
    return any(w not in _FILLER for w in words)


def _is_thing(body: str) -> bool:
    return bool(_THING.search(body)) or any(t.find(body) for t in _THING_TABLES)


def lift_unquoted(text: str) -> tuple[str, list[str]]:
    """Caption text written without quotes, lifted out; the text with ``«n»`` placeholders."""
    m = _FORMULA.match(text)
    if m and looks_like_text(m.group(2)) and (m.group(4) is None or looks_like_text(m.group(4))):
        quotes = [m.group(2).strip()]
        out = f"{m.group(1)} text «0»"
        if m.group(4) is not None:
            quotes.append(m.group(4).strip())
            out += f" {m.group(3)} text «1»"
        return out, quotes
    for rx in (_PUT, _CHANGE_TO):
        m = rx.match(text)
        if m and looks_like_text(m.group(1)) and not _is_thing(m.group(1)):
            return f"{text[:m.start(1)]} «0» {text[m.end(1):]}", [m.group(1).strip()]
    out, quotes = _lift_unquoted(text)
    return (out, quotes) if quotes else _lift_emoji(text)


_PIC = r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u203C\u2049]"
_EMOJI_RUN = re.compile(rf"{_PIC}(?:[\uFE0F\u200D\U0001F3FB-\U0001F3FF]|{_PIC}|\s(?={_PIC}))*")
_EMOJI_ASK = re.compile(r"\b(?:emojis?|add|put|place|stick|slap)\b|加|放|贴", re.IGNORECASE)
EMOJI_NAMES = {
    "😂": r"laugh(?:ing|ter)?|lol|crying[\s-]laughing|joy|tears\s+of\s+joy|笑哭|大笑",
    "😭": r"crying|sob(?:bing)?|sad|哭",
    "💀": r"skull|dead|骷髅",
    "🔥": r"fire|lit|火",
    "❤️": r"heart|love|red\s+heart|爱心|心",
    "🤔": r"thinking|hmm|思考",
    "👀": r"eyes|looking|眼睛",
    "🤡": r"clown|小丑",
    "💯": r"100|hundred",
    "😎": r"sunglasses|cool|墨镜",
    "😡": r"angry|mad|rage|生气",
    "😱": r"shocked|scream(?:ing)?|shook|惊讶|震惊",
    "🙏": r"pray(?:ing)?|please|祈祷",
    "👍": r"thumbs?[\s-]up|点赞",
    "🗿": r"moai|stone\s+face|石像",
}
_NAMED = re.compile(r"\b(?:an?\s+|the\s+)?(" + "|".join(EMOJI_NAMES.values()) + r")\s*(?:face\s+)?"
                    r"(?:emojis?|表情)\b|(" + "|".join(
                        v for v in EMOJI_NAMES.values()) + r")(?:的)?(?:emoji|表情)",
                    re.IGNORECASE)


def _emoji_for(name: str) -> str:
    for emoji, rx in EMOJI_NAMES.items():
        if re.fullmatch(rx, name, re.IGNORECASE):
            return emoji
    return ""


def _lift_emoji(text: str) -> tuple[str, list[str]]:
    """Emoji as a caption: *emoji 😂 at the bottom*, *add 💀💀 on top*, *add a skull emoji*,
    *加一个笑哭表情*. Only when the message asks to add one (a lone 😂 is a reaction, not an
    edit)."""
    if not _EMOJI_ASK.search(text):
        return text, []
    m = _EMOJI_RUN.search(text)
    if m and not re.search(r"\bemojis?\b", text, re.IGNORECASE) and not re.search(
            r"(?:\b(?:add|put|place|stick|slap)|加|放|贴)\s*(?:(?:an?|the|some)\s+|个|一个)?$",
            text[:m.start()], re.IGNORECASE):
        m = None                # "add a vine boom 🔥": the emoji decorates the message
    if m:
        rest = text[:m.start()] + " «0» " + text[m.end():]
        rest = re.sub(r"\b(?:an?\s+)?emojis?\b", " ", rest, flags=re.IGNORECASE)
        return rest, [m.group(0).strip()]
    if (m := _NAMED.search(text)) and (emoji := _emoji_for(m.group(1) or m.group(2) or "")):
        return text[:m.start()] + " «0» " + text[m.end():], [emoji]
    return text, []


_SELECTOR = re.compile(r"(?:the\s+)?(?:top|bottom|middle|center|centre)\s+(?:text|caption|line)s?\b")
_LINKS = {"to", "with", "into", "and", "&", "than", "as", "below", "above", "under", "over", "of",
          "the", "swap", "switch", "from", "onto", "like", "beside", "near", "behind", "before",
          "after", "between", "then", "also", "plus"}


def split_selectors(norm: str) -> str:
    """"top text blue bottom text red" → "top text blue, bottom text red" (one clause each)."""
    found = list(_SELECTOR.finditer(norm))
    for prev, m in reversed(list(zip(found, found[1:], strict=False))):
        between = norm[prev.end():m.start()]
        words = re.findall(r"[a-z&]+|[,;，；、]", between)
        if not words or words[-1] in _LINKS or not between.strip() or re.search(r"[,;，；、]", between):
            continue
        norm = f"{norm[:m.start()]}, {norm[m.start():]}"
    return norm
