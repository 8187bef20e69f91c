"""The maker's words: one line saying what was made (with the caption), one offering the two
alternatives; the chips that apply an alternative with one click; and the plain answer to
"generate my images or clips" (the offline assistant does not make pictures)."""

from __future__ import annotations

from collections.abc import Sequence

from meme_desktop.engine.agent.applier.names import MUSIC_ZH, SFX_ZH, a_an, listing, sfx_name
from meme_desktop.engine.agent.maker.library import Format
from meme_desktop.engine.agent.types import Suggestion


def shown(texts: Sequence[str]) -> str:
    """Captions as one line: "nobody: me: …", "top / bottom"."""
    return " / ".join(" ".join(t.split()) for t in texts)


# a caption may come with quotes of its own (a model's line, a person's text): these pairs
_PAIRS = {'"': '"', "“": "”", "”": "”", "„": "“", "「": "」", "『": "』", "‘": "’", "'": "'",
          "«": "»"}


def _wrapped(text: str) -> bool:
    """Whether one pair of quotes encloses all of ``text`` (``"A"``, ``「A」``, ``""A""``), not
    two quoted pieces side by side (``"A" or "B"``)."""
    close = _PAIRS.get(text[:1])
    if close is None or len(text) < 3 or not text.endswith(close):
        return False
    inner = text[1:-1]
    return (text[0] not in inner and close not in inner) or _wrapped(inner)


def bare(text: str) -> str:
    """A caption as the reply quotes it: spaces collapsed, and the quotes it already has all
    around it taken off, so that the reply's own pair is the only one."""
    text = " ".join(text.split())
    while _wrapped(text) and text[1:-1].strip():
        text = text[1:-1].strip()
    return text


def quoted(texts: Sequence[str], zh: bool) -> str:
    """Captions in the reply's quotes, each quoted exactly once: “top” / “bottom”."""
    return ("/" if zh else " / ").join(f"“{bare(t)}”" for t in texts)


def _sound_words(sounds: Sequence[str], music: str, zh: bool) -> str:
    if zh:
        parts = [SFX_ZH.get(s, s) for s in sounds] + ([MUSIC_ZH.get(music, music)] if music else [])
        return "、".join(parts)
    parts = [a_an(sfx_name(s)) for s in sounds] + ([f"{music} music"] if music else [])
    return listing(parts, False)


def made_line(action: str, fmt: Format, topic: str, media: Sequence[str],
              texts: Sequence[str], sounds: Sequence[str], music: str, zh: bool,
              lang: str = "") -> str:
    """What this turn of the maker did, with the caption."""
    cap = quoted(texts, zh)
    name = fmt.name["zh" if zh else "en"]
    if zh:
        with_sound = f"，配了{_sound_words(sounds, music, True)}" if sounds or music else ""
        source = f"用 {'、'.join(media)} " if media else "用纯色背景"
        return {
            "make": f"{source}做了一个“{name}”表情包（主题：{topic}）{with_sound}：{cap}。",
            "another": f"换了一句：{cap}。",
            "funnier": f"更搞笑的一句：{cap}。",
            "shorter": f"短一点的：{cap}。",
            "format": f"换成“{name}”格式{with_sound}：{cap}。",
            "language": f"换成{'中文' if lang == 'zh' else '英文'}：{cap}。",
            "sound": f"文案不变，声音换成了{_sound_words(sounds, music, True)}。",
            "pick": f"换成了：{cap}。",
            "back": f"换回了之前的：{cap}。",
        }.get(action, cap)
    with_sound = f" with {_sound_words(sounds, music, False)}" if sounds or music else ""
    source = f" from {listing(list(media), False)}" if media else " on a plain background"
    return {
        "make": f"Made a “{name}” meme about {topic}{source}{with_sound}: {cap}.",
        "another": f"New caption: {cap}.",
        "funnier": f"Funnier: {cap}.",
        "shorter": f"Shorter: {cap}.",
        "format": f"Now a “{name}” meme{with_sound}: {cap}.",
        "language": f"In {'Chinese' if lang == 'zh' else 'English'}: {cap}.",
        "sound": f"Same caption, new sound: {_sound_words(sounds, music, False)}.",
        "pick": f"Switched to {cap}.",
        "back": f"Back to the earlier one: {cap}.",
    }.get(action, cap)


def alternatives_line(alts: Sequence[Sequence[str]], zh: bool) -> str:
    if not alts:
        return ""
    if zh:
        return ("其他文案：" + "或".join(quoted(a, True) for a in alts)
                + "——点一下即可替换，或说“换一个”“更搞笑”“换个格式”。")
    return ("Other ideas: " + " or ".join(quoted(a, False) for a in alts)
            + " — tap one, or say “another one”, “funnier” or “different format”.")


def chips(alts: Sequence[Sequence[str]], zh: bool) -> list[Suggestion]:
    """One chip per alternative; its message names the captions, so the maker (or a person
    reading the chat) knows exactly which one was chosen."""
    out = []
    for alt in alts:
        if zh:
            out.append(Suggestion(shown(alt), f"用{quoted(alt, True)}这句"))
        else:
            out.append(Suggestion(shown(alt), f"use {quoted(alt, False)} instead"))
    return out


def generate_answer(has_visual: bool, zh: bool) -> tuple[str, list[Suggestion]]:
    """Pictures and clips are not generated offline: say so, and offer what can be done now."""
    if zh:
        text = ("离线助手不能生成图片或视频——它只用你上传的素材来做表情包。在“设置”里选择云端后端后，"
                "就可以让它生成。现在我可以：")
        items = [Suggestion("做一个关于周一的文字表情包", "做一个关于周一的文字表情包"),
                 Suggestion("上传图片或视频", "上传")]
        if has_visual:
            items.insert(0, Suggestion("把我的素材做成表情包", "把这个做成表情包"))
        return text + "、".join(f"“{s.label}”" for s in items) + "。", items
    text = ("I can't generate pictures or clips offline — the built-in assistant works with what "
            "you upload. The hosted backend can generate them when you choose it in Settings. "
            "Right now I can: ")
    items = [Suggestion("make a text meme about Mondays", "make a text meme about Mondays"),
             Suggestion("upload a picture or clip", "upload")]
    if has_visual:
        items.insert(0, Suggestion("turn my upload into a meme", "turn this into a meme"))
    return text + ", ".join(f"“{s.label}”" for s in items) + ".", items


__all__ = ["alternatives_line", "bare", "chips", "generate_answer", "made_line", "quoted",
           "shown"]
