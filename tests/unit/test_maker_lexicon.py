"""The caption writer's topics and templates: every topic of the lexicon is found when named
(English and Chinese, with or without "about"), gets a caption that names it, in both
languages; unknown subjects still get a fitting caption; and no template, filled with the
longest topic, renders outside the frame at 1080x1920, 1080x1080 or 1920x1080."""

from __future__ import annotations

import pytest

from meme_desktop.assistant.replies import translate_reply
from meme_desktop.caption_art import fit_caption
from meme_desktop.engine.agent import AssetRef
from meme_desktop.engine.agent.maker.fit import png_inside
from meme_desktop.engine.agent.maker.library import Topic, library
from meme_desktop.engine.agent.maker.topics import (
    made_up,
    mentions,
    topic_from_names,
    topic_of,
)
from meme_desktop.engine.agent.maker.writer import TemplateWriter, WriteRequest
from meme_desktop.engine.render.captions import margin
from tests.helpers.maker_session import Session

CANVASES = ((1080, 1920), (1080, 1080), (1920, 1080))
PIC = [AssetRef("h_pic", "IMG_2031.jpg", "image", 0.0, 800, 600, False)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_topic_is_found_and_named_in_its_caption(lang: str) -> None:
    missed, unnamed = [], []
    for topic in library().topics:
        name = topic.names[lang][0]
        ask = f"make a meme about {name}" if lang == "en" else f"做一个关于{name}的表情包"
        found = topic_of(ask)
        if found is None or found[0].id != topic.id:
            missed.append((topic.id, found and found[0].id))
            continue
        turn = Session("none", language=lang, assets=PIC).say(ask)
        assert turn.meme is not None and turn.meme.lang == lang
        if not any(mentions(c, topic) for c in turn.meme.captions):
            unnamed.append((topic.id, turn.meme.captions))
    assert missed == [] and unnamed == []


@pytest.mark.parametrize(("text", "topic"), [
    ("make a gym meme", "gym"), ("meme about my cat pls", "cat"), ("a monday meme", "monday"),
    ("something about dogs", "dog"), ("caption this, it's about exams", "exam"),
    ("turn this into a meme about the wifi dying", "wifi"), ("topic: taxes", "taxes"),
    ("make one about my landlord with an air horn", "landlord"), ("coffee meme", "coffee"),
    ("来个关于猫的梗图", "cat"), ("做个健身的表情包", "gym"), ("上班的梗", "work"),
    ("把这张图做成表情包，主题是加班", "overtime"), ("吐槽一下早八", "8am class"),
])
def test_topic_said_many_ways(text: str, topic: str) -> None:
    found = topic_of(text)
    assert found is not None and found[0].id == topic, found


@pytest.mark.parametrize("text", ["turn this into a meme", "caption this", "surprise me",
                                  "make a pov meme", "把这张图做成表情包", "make a meme for tiktok",
                                  "make a meme with the caption 'MONDAY AGAIN'"])
def test_no_topic_is_invented_from_instructions(text: str) -> None:
    assert topic_of(text) is None


def test_file_names_give_a_topic_camera_names_do_not() -> None:
    found = topic_from_names(["IMG_2031.jpg", "my_gym_selfie.png"])
    assert found is not None and found[0].id in ("gym", "selfie")
    assert topic_from_names(["IMG_2031.jpg", "DSC0001.JPG", "VID_20240101.mp4"]) is None
    turn = Session("none", assets=[AssetRef("h", "coffee_spill.jpg", "image")]).say(
        "turn this into a meme")
    assert turn.meme is not None and turn.meme.topic_id == "coffee"


@pytest.mark.parametrize(("text", "lang", "word"), [
    ("make a meme about quantum physics", "en", "quantum physics"),
    ("meme about my rooster", "en", "rooster"),
    ("做一个关于量子力学的表情包", "zh", "量子力学"),
])
def test_unknown_topics_still_get_a_fitting_caption(text: str, lang: str, word: str) -> None:
    turn = Session("img", language=lang).say(text)
    assert turn.meme is not None and turn.meme.topic_id.startswith("said:")
    assert word in " ".join(turn.meme.captions).lower()
    assert len(turn.meme.alternatives) == 2


def _longest(lang: str) -> Topic:
    topics = library().topics
    return max(topics, key=lambda t: len(t.np[lang]) + len(t.sit[lang]) + len(t.cons[lang]))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_template_renders_outside_the_frame(lang: str) -> None:
    lib = library()
    writer = TemplateWriter()
    topic = _longest(lang)
    outside, checked = [], 0
    for fmt in lib.formats.values():
        if lang not in fmt.writes:
            continue
        for cand in writer.candidates(WriteRequest(fmt, topic, lang)):
            if not cand.key.endswith(":0"):          # each template once, own material
                continue
            for text, slot in zip(cand.texts, fmt.slots, strict=True):
                for w, h in CANVASES:
                    checked += 1
                    if not fit_caption(text, slot.sty, slot.pos, slot.sz, w, h,
                                       margin(w, h)).inside:
                        outside.append((fmt.id, cand.key, w, h, text))
    assert checked > (1500 if lang == "en" else 700) and outside == []


def test_drawn_captions_stay_inside_the_canvas() -> None:
    """The pictures the renderer draws for the longest captions, at every canvas."""
    lib = library()
    writer = TemplateWriter()
    for lang in ("en", "zh"):
        topic = _longest(lang)
        for fid in ("classic", "caption_bar", "text_plain", "sad"):
            fmt = lib.formats[fid]
            cands = writer.candidates(WriteRequest(fmt, topic, lang))
            longest = max(cands, key=lambda c: c.size)
            for text, slot in zip(longest.texts, fmt.slots, strict=True):
                for w, h in CANVASES:
                    assert png_inside(text, slot.sty, slot.pos, slot.sz, w, h), (fid, text, w, h)


def test_a_made_up_topic_in_chinese_keeps_its_words() -> None:
    topic = made_up("量子力学", True)
    assert topic.np["zh"] == "量子力学" and mentions("我和量子力学", topic)


def test_no_written_caption_reads_as_a_gui_instruction() -> None:
    """The window turns GUI phrases in replies ("drag the clip", 打开, 导出) into actions; a caption
    the maker writes must never look like one (until the client ignores quoted text)."""
    lib = library()
    texts = [p for group in lib.templates.values() for t in group for p in t.parts]
    texts += [t for topic in lib.topics for t in (*topic.sit.values(), *topic.cons.values())]
    texts += [t for cat in lib.categories.values() for group in (*cat.sits.values(),
                                                                 *cat.cons.values()) for t in group]
    assert [t for t in texts if translate_reply(t.replace("{", "").replace("}", ""))] == []
