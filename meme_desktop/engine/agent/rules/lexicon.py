"""Word tables (English and Chinese) and the matcher that finds their entries in a clause.

Each table maps a canonical value (a draft value such as ``vine_boom`` or ``#FF0000``) to the
words people use for it. ``Table.find`` returns every hit, longest alias first, so "vine boom"
wins over "boom". ASCII aliases match on word boundaries ("ding" is not found in "adding");
Chinese aliases match anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from meme_desktop.engine.agent.applier.names import SFX_MS

SFX_WORDS = {k.replace("_", " ") for k in SFX_MS} | {"air horn", "drum roll", "record scratch"}


@dataclass(frozen=True)
class Hit:
    """One table entry found in a text: its canonical value and where the alias was."""

    value: str
    start: int
    end: int


class Table:
    """Canonical values and their aliases, compiled into one regular expression."""

    def __init__(self, entries: dict[str, list[str]]) -> None:
        self.entries = entries
        self._alias: dict[str, str] = {}
        for value, aliases in entries.items():
            for alias in aliases:
                self._alias[alias.lower()] = value
        parts = []
        for alias in sorted(self._alias, key=len, reverse=True):
            esc = re.escape(alias).replace(r"\ ", r"[\s\-]*")
            parts.append(rf"(?<![a-z0-9]){esc}(?![a-z0-9])" if alias.isascii() else esc)
        self._rx = re.compile("|".join(parts), re.IGNORECASE)

    def find(self, text: str) -> list[Hit]:
        hits = []
        for m in self._rx.finditer(text):
            key = re.sub(r"[\s\-]+", " ", m.group(0).lower())
            value = self._alias.get(key) or self._alias.get(key.replace(" ", "")) \
                or self._lookup(key)
            hits.append(Hit(value, m.start(), m.end()))
        return hits

    def _lookup(self, key: str) -> str:
        squashed = key.replace(" ", "").replace("-", "")
        for alias, value in self._alias.items():
            if alias.replace(" ", "").replace("-", "") == squashed:
                return value
        return next(iter(self.entries))  # pragma: no cover - the regex only matches aliases

    def first(self, text: str) -> str | None:
        hits = self.find(text)
        return hits[0].value if hits else None


SFX = Table({
    "vine_boom": ["vine boom", "vine-boom", "vineboom", "boom", "bass boom", "dramatic boom",
                  "vine", "explosion", "bang", "kaboom", "咚", "重低音", "震撼音效", "爆炸", "爆炸声"],
    "airhorn": ["air horn", "airhorn", "mlg horn", "horn", "air horns", "喇叭", "汽笛", "气笛",
                "喇叭声"],
    "record_scratch": ["record scratch", "scratch", "vinyl scratch", "dj scratch",
                       "record stop", "搓碟", "刮碟", "唱片刮擦", "唱片声"],
    "sad_trombone": ["sad trombone", "trombone", "wah wah", "wah wah wah", "womp womp",
                     "fail sound", "sad horn", "悲伤长号", "长号", "失败音效"],
    "rimshot": ["rimshot", "rim shot", "ba dum tss", "ba dum tsss", "badum tss", "ba dum ts",
                "badumtss", "ba-dum-tss", "drum sting", "joke drum", "包袱鼓", "吊镲", "镲"],
    "drumroll": ["drum roll", "drumroll", "drumrolls", "击鼓", "鼓声", "滚奏", "鼓点"],
    "crickets": ["crickets", "cricket", "cricket sounds", "awkward silence", "蟋蟀", "蛐蛐",
                 "虫鸣"],
    "ding": ["ding", "bell", "ding ding", "chime", "叮", "铃声", "叮咚"],
    "whoosh": ["whoosh", "swoosh", "swish", "woosh", "嗖", "转场音", "风声"],
    "boing": ["boing", "boink", "spring sound", "cartoon bounce", "bounce sound", "弹簧",
              "弹簧声", "蹦"],
})

MUSIC = Table({
    "lofi": ["lofi", "lo-fi", "lo fi", "chill", "chillhop", "relaxing", "relaxed", "calm",
             "study", "mellow", "cozy", "sad", "melancholy", "emotional", "伤感", "悲伤",
             "轻音乐", "放松", "舒缓", "低保真", "轻松"],
    "phonk": ["phonk", "hype", "hyped", "drift", "aggressive", "gym", "sigma", "energetic",
              "动感", "燃", "炸裂", "劲爆", "嗨"],
    "chiptune": ["chiptune", "chip tune", "8-bit", "8 bit", "8bit", "retro game",
                 "video game", "arcade", "pixel", "retro", "像素", "8位", "芯片音乐", "游戏音乐",
                 "复古游戏", "happy", "happier", "cheerful", "upbeat", "playful", "bouncy",
                 "joyful", "欢快", "轻快", "开心", "愉快", "快乐", "活泼", "俏皮"],
    "epic": ["epic", "cinematic", "orchestral", "heroic", "dramatic", "trailer", "史诗",
             "大气", "激昂", "宏大"],
    "suspense": ["suspense", "suspenseful", "tense", "tension", "creepy", "scary", "horror",
                 "mysterious", "spooky", "thriller", "悬疑", "紧张", "恐怖", "诡异", "悬念"],
})

COLORS = Table({
    "#FFFFFF": ["white", "白色", "白"], "#000000": ["black", "黑色", "黑"],
    "#FF0000": ["red", "红色", "红"], "#00C853": ["green", "绿色", "绿"],
    "#2979FF": ["blue", "蓝色", "蓝"], "#FFEB3B": ["yellow", "黄色", "黄"],
    "#FF9800": ["orange", "橙色", "橘色", "橙"], "#9C27B0": ["purple", "violet", "紫色", "紫"],
    "#FF69B4": ["pink", "粉色", "粉红色", "粉红", "粉"], "#00E5FF": ["cyan", "aqua", "青色"],
    "#FF00FF": ["magenta", "品红", "洋红"], "#9E9E9E": ["gray", "grey", "灰色", "灰"],
    "#FFD700": ["gold", "golden", "金色", "金"], "#76FF03": ["lime", "neon green", "荧光绿"],
    "#795548": ["brown", "棕色", "咖啡色"], "#001F5B": ["navy", "navy blue", "藏青色", "深蓝色"],
    "#008080": ["teal", "蓝绿色"],
})
HEX_COLOR = r"#[0-9a-f]{6}\b|#[0-9a-f]{3}\b"  # "#00ffff", "#0ff"


def hex_color(text: str) -> str:
    """A hex colour as the draft writes it: "#0ff" is "#00FFFF"."""
    digits = text[1:]
    return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits)).upper()


POSITIONS = Table({
    "top": ["top", "upper", "above", "header", "on the top", "顶部", "上方", "上面", "顶端",
            "topp", "up top",
            "顶上", "上边", "最上面", "上端"],
    "bottom": ["bottom", "lower", "below", "footer", "under", "underneath", "beneath", "底部",
               "botom", "bottem", "buttom", "bottum", "btm", "down below", "down bottom",
               "下方", "下面", "底端", "底下",
               "下边", "最下面", "下端"],
    "center": ["middle", "center", "centre", "centered", "centred", "中间", "中央", "居中",
               "midle", "middel", "mid",
               "正中", "中部"],
})
STYLES = Table({
    "classic": ["classic", "impact", "impact font", "old school", "old-school", "outline",
                "经典", "描边"],
    "bar": ["caption bar", "bar", "modern meme", "modern", "white bar", "twitter style",
            "tweet style", "标题栏", "白条", "字幕条", "白底"],
    "subtitle": ["subtitle", "subtitles", "subtitle style", "movie subtitle", "电影字幕",
                 "字幕样式", "小字"],
    "plain": ["plain", "simple", "no outline", "clean text", "普通", "纯文字", "简单"],
})

CANVASES = Table({
    "1080x1920": ["vertical", "portrait", "9:16", "9x16", "9 by 16", "tiktok", "tik tok",
                  "reels", "reel", "shorts", "youtube shorts", "story", "stories", "snapchat",
                  "phone", "whatsapp status", "instagram story", "ig story", "facebook story",
                  "yt shorts", "shorts format", "竖屏", "竖版", "竖的", "竖过来", "抖音", "快手",
                  "9比16", "手机尺寸", "手机屏幕"],
    "1080x1080": ["square", "1:1", "1x1", "1 by 1", "squared", "instagram post", "正方形",
                  "方形", "方的", "1比1"],
    "1080x1350": ["4:5", "4x5", "4 by 5", "instagram feed", "instagram", "insta", "ig feed",
                  "feed", "4比5"],
    "1920x1080": ["landscape", "horizontal", "16:9", "16x9", "16 by 9", "youtube",
                  "widescreen", "wide", "yt", "tv", "desktop", "横屏", "横版", "横的", "横过来",
                  "宽屏", "16比9", "b站", "西瓜视频"],
})
FITS = Table({
    "cover": ["fill", "crop", "cover", "crop to fill", "zoom to fill", "full screen",
              "fullscreen", "no black bars", "no bars", "without black bars", "fill the frame",
              "fill the screen", "铺满", "填充", "填满", "裁剪", "裁切", "全屏", "不要黑边"],
    "contain": ["black bars", "letterbox", "letterboxed", "letterboxing", "no crop",
                "no cropping", "don't crop", "dont crop", "do not crop", "without cropping",
                "fit", "contain", "fit inside", "whole image", "whole picture", "show everything",
                "don't cut anything off", "dont cut anything off", "don't cut it off",
                "don't cut off", "nothing cut off", "uncropped", "not cropped", "show it all",
                "show the whole thing", "show the whole video", "fit it all", "fit everything",
                "不裁剪", "不要裁剪", "别裁剪", "不要切掉", "黑边", "完整显示", "完整"],
    "blur": ["blur", "blurred", "blurry", "blurred background", "blur background",
             "blurry background", "blurred bars", "模糊背景", "背景模糊", "模糊"],
})
EFFECTS = Table({
    "deepfry": ["deep fry", "deep-fry", "deepfry", "deep fried", "deep-fried", "deepfried",
                "fried", "fry", "deep frying", "overcooked", "炸图", "油炸", "深度油炸"],
    "grayscale": ["black and white", "black & white", "black-and-white", "b&w", "b/w",
                  "black n white", "black 'n' white", "black white", "b and w", "b+w", "bnw",
                  "no colour", "no color", "colorless", "colourless", "灰度", "黑白色",
                  "grayscale", "greyscale", "gray scale", "grey scale", "monochrome", "mono",
                  "noir", "desaturate", "desaturated", "黑白"],
    "sepia": ["sepia", "old", "vintage", "old timey", "old-timey", "aged", "old photo",
              "old film", "antique", "怀旧", "复古", "老照片", "泛黄", "旧照片", "老电影"],
    "shake": ["shake", "shaking", "shaky", "camera shake", "screen shake", "earthquake",
              "wobble", "jitter", "抖动", "震动", "晃动", "摇晃", "抖一抖"],
})
NUMBER_WORDS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "half a": 0.5, "half": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "several": 3,
}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "fifth": 5, "5th": 5, "last": -1, "latest": -1, "final": -1}
ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
MULTIPLIERS = {"twice": 2.0, "double": 2.0, "triple": 3.0, "thrice": 3.0, "quadruple": 4.0,
               "half": 0.5, "quarter": 0.25}
