"""What a meme is about: the topic of a message (English or Chinese, with or without "about"),
else of the uploads' file names, else one chosen for the person.

``topic_of(text)`` looks for a phrase that names a topic ("a meme about X", "an X meme",
"X的表情包", "关于X") and for any name from the lexicon in the message; a phrase that names no
known topic becomes a made-up topic of its own ("quantum physics"), so any subject still gets a
fitting caption. ``mentions(caption, topic)`` is what the scorer and the benchmark count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from meme_desktop.engine.agent.maker.library import Library, Topic, library

# names too common in instructions to mean a topic unless the person says "about ..."
WEAK = {"photo", "photos", "pictures", "text", "texts", "music", "songs", "show", "movie",
        "film", "films", "line", "return", "returns", "cards", "run", "cold", "hot", "review",
        "results", "book", "bag", "key", "map", "sale", "sales", "tips", "ads", "drama",
        "class", "classes", "test", "tests", "paper", "cable", "code", "sea", "fall", "bill",
        "shares", "goals", "lift", "meme", "memes", "games", "error", "errors", "feed",
        "moments", "track", "bank", "stars", "space", "moon", "fish", "mono", "chips",
        "tired", "sick", "old", "tea", "wind", "ping", "boss", "update", "updates", "storage",
        "ai", "robot", "pet", "job", "friend", "friends", "cat videos", "funny videos",
        "tiktok", "youtube", "instagram", "reels", "twitter", "shorts", "story", "stories",
        "facetime", "zoom call", "streaming", "short videos",
        "图", "照片", "视频", "音乐", "歌", "字", "文字", "梗", "表情包", "梗图", "累", "困", "会员",
        "鱼", "红包", "聊天", "车", "书", "分数", "成绩", "剧"}
# words of a request that are never its topic
_NOT_TOPIC = re.compile(
    r"^(?:this|it|that|these|those|me|my (?:pic|picture|photo|image|video|clip)|the (?:pic|picture|"
    r"photo|image|video|clip)|anything|something|whatever|stuff|life|you|us|them|a meme|"
    r"my life|pov|nobody|text|pic|picture|photo|image|video|clip|gif|it all|all this|one)$")
_CAMERA = re.compile(r"^(?:img|dsc|dscn|dcim|vid|mov|pxl|screenshot|screen|shot|photo|image|"
                     r"video|clip|whatsapp|signal|telegram|export|final|copy|untitled|edit|"
                     r"edited|new|file|snapchat|wechat|mmexport|camera|record|recording|\d+|"
                     r"[a-f0-9]{6,})$")
_EN_ABOUT = re.compile(
    r"\b(?:about|regarding|on the (?:topic|subject|theme) of|themed (?:on|around)|based on|"
    r"topic(?:\s+is)?\s*[:：]?|subject(?:\s+is)?\s*[:：]?|theme(?:\s+is)?\s*[:：]?|of|on|for)\s+"
    r"(.+?)(?=\s*(?:[,.;!?，。；！？]|$|\s+(?:with|and|in (?:chinese|english|impact|a |an |the )|"
    r"using|plus|but|pls|please|then|at \d|for (?:tiktok|instagram|youtube|my|the)|"
    r"as (?:a|an)|that|which|lol|lmao)\b))", re.IGNORECASE)
_EN_PREFIX = re.compile(
    r"\b(?:an?|my|some|the|one|another|quick|funny|relatable|good)\s+((?:[a-z0-9'-]+\s+){0,2}?"
    r"[a-z0-9'-]+)\s+(?:meme|memes|joke|caption|video|vid)\b", re.IGNORECASE)
_ZH_ABOUT = re.compile(r"(?:关于|有关|以|讲|说说|吐槽|主题是|主题[:：]|话题是)([^，。！？,.!?“”\"]{1,12}?)"
                       r"(?:的|为主题|主题|这件事|$|[，。！？,.!?])")
_ZH_OF = re.compile(r"(?:做个|做一个|来个|来一个|整个|整一个|一个|个)?([^，。！？,.!?“”\"个]{1,8}?)"
                    r"(?:的|主题的|相关的)?(?:表情包|梗图|梗|段子|搞笑视频)")
_ZH_STOP = re.compile(r"^(?:这张图|这个|这张|这个视频|这段|图片|视频|照片|它|我|一个|搞笑|好笑|有趣|随便|"
                      r"帮我|给我|请|把这张图做成|做成|变成|一张|张|个|的|我的|成|把这|这|那)+$")
# a moods / format word in front of "meme" is not a topic
_FORMAT_WORDS = re.compile(
    r"\b(?:pov|nobody|sad|deep[\s-]?fried|fried|dramatic|reaction|text|classic|funny|good|"
    r"quick|random|new|short|dank|cursed|wholesome|relatable|chinese|english|square|vertical|"
    r"another|different|better|simple|plain|gradient|impact|expectation|reality|wait for it|"
    r"be like|me when|top text|bottom text|caption bar|video|clip|image|picture|photo)\b",
    re.IGNORECASE)


@lru_cache(maxsize=1)
def _aliases() -> tuple[list[tuple[str, Topic]], list[tuple[str, Topic]]]:
    """Every English and Chinese name of every topic, longest first."""
    lib = library()
    en = [(a, t) for t in lib.topics for a in t.names["en"]]
    zh = [(a, t) for t in lib.topics for a in t.names["zh"]]
    return (sorted(en, key=lambda p: -len(p[0])), sorted(zh, key=lambda p: -len(p[0])))


@lru_cache(maxsize=4096)
def _en_pattern(alias: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){re.escape(alias)}(?:e?s)?(?![a-z0-9])")


def find_named(text: str, weak: bool = True) -> tuple[Topic, str] | None:
    """The lexicon topic named in ``text`` (the longest name wins, then the earliest), with
    the name found. ``weak``: also accept names too common to count outside a topic phrase."""
    low = text.lower()
    en, zh = _aliases()
    best: tuple[int, int, Topic, str] | None = None
    for alias, topic in en:
        if best is not None and len(alias) < best[0]:
            break
        if not weak and alias in WEAK:
            continue
        if alias in low and (m := _en_pattern(alias).search(low)):
            cand = (len(alias), -m.start(), topic, alias)
            best = cand if best is None or cand[:2] > best[:2] else best
    for alias, topic in zh:
        if best is not None and len(alias) < best[0]:
            break
        if not weak and alias in WEAK:
            continue
        at = text.find(alias)
        if at >= 0:
            cand = (len(alias), -at, topic, alias)
            best = cand if best is None or cand[:2] > best[:2] else best
    return (best[2], best[3]) if best else None


def made_up(phrase: str, zh: bool) -> Topic:
    """A topic for a subject the lexicon does not know: its own words, generic situations."""
    phrase = phrase.strip(" '\"“”‘’「」")
    key = re.sub(r"\W+", "_", phrase.lower()).strip("_") or "topic"
    name_en = phrase if not zh else phrase
    return Topic(f"said:{key}", {"en": (name_en.lower(),), "zh": (phrase,)},
                 {"en": phrase, "zh": phrase}, "life",
                 {"en": f"thinking about {phrase}", "zh": f"想着{phrase}"},
                 {"en": f"{phrase} wins again", "zh": f"{phrase}又赢了"}, known=False)


def _clean_phrase(phrase: str) -> str:
    phrase = re.sub(r"«\d+»", " ", phrase)
    phrase = re.sub(r"^(?:the topic of|the subject of|being about)\s+", "", phrase.strip(),
                    flags=re.IGNORECASE)
    phrase = re.sub(r"\s+(?:pls|please|plz|lol|lmao|haha|meme|memes|video|pic|image|thing)$", "",
                    phrase, flags=re.IGNORECASE)
    return " ".join(phrase.split()).strip(" '\"“”‘’「」.,!?")


def topic_of(text: str) -> tuple[Topic, str] | None:
    """The topic a message names, with how it was said; None when it names none. Quoted text
    is a caption, never the topic."""
    text = re.sub(r"(?<![A-Za-z])[\"“「『'‘].*?[\"”」』'’](?![A-Za-z])", " , ", text)
    zh = bool(re.search(r"[\u4e00-\u9fff]", text))
    # "about X" before "of / on / for X": in *wait for it meme about my cat* the topic is the cat
    strong = [m for m in _EN_ABOUT.finditer(text)
              if not m.group(0).lower().startswith(("of ", "on ", "for "))]
    later = [m for m in re.finditer(r"\babout\s", text, re.IGNORECASE)
             if not any(s.start() <= m.start() < s.end() for s in strong)]
    strong += [m2 for m in later if (m2 := _EN_ABOUT.search(text, m.start()))]
    for m in [*strong, *_EN_ABOUT.finditer(text)]:
        phrase = _clean_phrase(m.group(1))
        if not phrase or _NOT_TOPIC.match(phrase.lower()) or len(phrase) > 40:
            continue
        weak_word = m.group(0).lower().startswith(("of ", "on ", "for "))
        if weak_word and not find_named(phrase, weak=False):
            continue        # "a meme of this", "for tiktok": only a known topic counts after these
        named = find_named(phrase)
        return named if named else (made_up(phrase, False), phrase)
    for rx in (_ZH_ABOUT, _ZH_OF) if zh else ():
        for m in rx.finditer(text):
            raw = _clean_phrase(m.group(1))
            phrase = re.sub(r"^(?:关于|有关|一个|个|张|些|点|做|来|整|帮我做|给我做|给我|帮我)+", "", raw)
            if not phrase or _ZH_STOP.match(phrase):
                continue
            named = find_named(raw) or find_named(phrase)
            return named if named else (made_up(phrase, True), phrase)
    named = find_named(text, weak=False)
    if named:
        return named
    if not zh:
        for m in _EN_PREFIX.finditer(text):
            phrase = _clean_phrase(m.group(1))
            if (phrase and not _FORMAT_WORDS.search(phrase) and not _NOT_TOPIC.match(phrase.lower())
                    and not re.search(r"\b(?:memes?|with|the|this|that|a|an|it|of|to)\b", phrase,
                                      re.IGNORECASE)):
                named = find_named(phrase, weak=False)
                return named if named else (made_up(phrase, False), phrase)
    return None


def topic_from_names(names: Iterable[str]) -> tuple[Topic, str] | None:
    """A lexicon topic named by uploaded files ("gym_selfie.jpg"); camera names say nothing."""
    for name in names:
        stem = name.rsplit(".", 1)[0]
        words = [w for w in re.split(r"[^a-zA-Z\u4e00-\u9fff]+|(?<=[a-z])(?=[A-Z])", stem)
                 if w and not _CAMERA.match(w.lower())]
        if not words:
            continue
        named = find_named(" ".join(words), weak=False)
        if named:
            return named
    return None


# what anyone anywhere laughs about: the topics chosen when nothing names one
UNIVERSAL = ("monday", "morning", "weekend", "coffee", "sleep", "wifi", "phone battery",
             "homework", "exam", "boss", "meeting", "email", "diet", "snack", "pizza", "cat",
             "dog", "laundry", "alarm clock", "procrastination", "overthinking", "adulting",
             "traffic", "rain", "gym", "video games", "group chat", "deadline", "payday",
             "broke", "fridge", "nap", "texting", "online shopping", "leftovers", "3am")


def choose_topic(seed: int, avoid: Sequence[str] = (), lib: Library | None = None) -> Topic:
    """A topic for "surprise me" with nothing to go on: everyday ones, not used yet."""
    lib = lib or library()
    common = [t for t in lib.topics if t.id in UNIVERSAL]
    fresh = [t for t in common if t.id not in avoid] or common
    return fresh[(seed * 7919 + 13) % len(fresh)]


def mentions(caption: str, topic: Topic) -> bool:
    """Whether a caption names its topic (any of its names, either language)."""
    low = caption.lower()
    for alias in topic.names["en"]:
        if alias in low and _en_pattern(alias).search(low):
            return True
    np_ = topic.np["en"].lower()
    if np_ and np_ in low:
        return True
    return any(alias in caption for alias in topic.names["zh"])


__all__ = ["choose_topic", "find_named", "made_up", "mentions", "topic_from_names", "topic_of"]
