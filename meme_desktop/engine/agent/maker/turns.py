"""The maker's turns: make a meme, vary the last one, apply a chosen alternative, or answer
"generate my images" — each a complete :class:`AgentTurn` (typed operations applied through the
applier, a two-line reply, the alternatives as chips, and the record of what was made).

Variants keep what they can: a new caption in the same format changes only the caption texts
(``set_caption`` by id), so edits made by hand in between survive; a new format, or a caption
the format cannot hold, rebuilds the meme — on the draft it was first built on when nothing was
edited since (the record's ``base``), else on the current draft after removing what the maker
had added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from meme_desktop.draft import Draft, validate
from meme_desktop.draft import ops as O
from meme_desktop.engine.agent.applier import say
from meme_desktop.engine.agent.maker import talk
from meme_desktop.engine.agent.maker.compose import Made, Wishes, Work, compose, sound_choice
from meme_desktop.engine.agent.maker.library import Format, Library, Topic, library
from meme_desktop.engine.agent.maker.making import (
    Written,
    choose_format,
    fingerprint,
    finish,
    prepare_base,
    read_wishes,
    seed_for,
    write,
)
from meme_desktop.engine.agent.maker.memory import MakerMemory
from meme_desktop.engine.agent.maker.requests import (
    Request,
    quoted_parts,
    read_request,
    topic_words,
    unquote_format_names,
)
from meme_desktop.engine.agent.maker.scorer import shown_key
from meme_desktop.engine.agent.maker.topics import (
    choose_topic,
    made_up,
    topic_from_names,
    topic_of,
)
from meme_desktop.engine.agent.maker.writer import CaptionSource, TemplateWriter
from meme_desktop.engine.agent.types import AgentTurn, AssetRef, MemeRecord, Note, tool_events


@dataclass
class Context:
    """One maker turn's inputs."""

    text: str
    draft: Draft
    assets: Sequence[AssetRef]
    memory: MakerMemory
    zh: bool

    @property
    def lang(self) -> str:
        return "zh" if self.zh else "en"

    @property
    def visuals(self) -> int:
        return sum(1 for a in self.assets if a.visual)


class Maker:
    """The creative layer. ``sources`` propose captions (the built-in templates by default; a
    language model can be added in front of them), the scorer decides."""

    def __init__(self, sources: Sequence[CaptionSource] | None = None,
                 lib: Library | None = None) -> None:
        self.sources: list[CaptionSource] = list(sources or [TemplateWriter(lib)])
        self._lib = lib

    @property
    def lib(self) -> Library:
        return self._lib or library()

    # -- entry ---------------------------------------------------------------------------
    def turn(self, text: str, draft: Draft, assets: Sequence[AssetRef], memory: MakerMemory,
             zh: bool) -> AgentTurn | None:
        """The maker's answer to ``text``, or None when the message is an ordinary edit."""
        last = memory.last
        text = unquote_format_names(text)
        req = read_request(text, last is not None)
        if req is None:
            return None
        ctx = Context(text, draft, assets, memory, zh)
        if req.action == "generate":
            reply, items = talk.generate_answer(ctx.visuals > 0, zh)
            return AgentTurn([], None, 0, reply, items)
        if req.action == "make" and req.vague:
            if last is not None and fingerprint(draft) == last.made:
                return self.vary(ctx, Request("funnier"), last)
            if not ctx.visuals or draft.segments(7):
                return None      # "make it funny" on a meme made by hand: offer options
        if req.action == "make":
            return self.make(ctx, req)
        if last is None:
            return None
        return self.vary(ctx, req, last)

    # -- making --------------------------------------------------------------------------
    def _topic(self, ctx: Context, wishes: Wishes, seed: int) -> tuple[Topic, str]:
        found = topic_of(ctx.text)
        if found:
            return found
        names = [a.name for a in ctx.assets if a.visual and (not wishes.media
                                                             or a.hash in wishes.media)]
        found = topic_from_names(reversed(names))
        if found:
            return found
        topic = choose_topic(seed, ctx.memory.topics(), self.lib)
        return topic, topic.name(ctx.lang)

    def make(self, ctx: Context, req: Request) -> AgentTurn:
        found = topic_of(ctx.text)
        rest = req.rest
        if clause := topic_words(ctx.text):      # nor is the rest of its clause
            rest = re.sub(re.escape(clause), " ", rest, flags=re.IGNORECASE)
        if found:                   # the topic is not an instruction for the rule reader
            rest = re.sub(rf"(?:\b(?:about|abt|of|on|regarding)\s+|关于|有关)?{re.escape(found[1])}"
                          r"(?:的)?", " ", rest, flags=re.IGNORECASE)
        wishes, after = read_wishes(rest, ctx.text, ctx.draft, ctx.assets)
        wishes.format = req.format
        if req.format in ("text_plain", "text_gradient"):
            wishes.text_only = True
        turns = len(ctx.memory.records)
        topic, said = found or self._topic(ctx, wishes, seed_for(turns, ""))
        seed = seed_for(turns, topic.id)
        last = ctx.memory.last
        base = ctx.draft
        if last and last.base is not None and fingerprint(ctx.draft) == last.made:
            base = Draft.from_json(last.base, validate=False)   # replace the meme just made
        visuals = 0 if wishes.text_only else ctx.visuals
        canvas = wishes.canvas or (base.meta.width, base.meta.height)
        recent = ctx.memory.formats()
        if wishes.quotes:
            fmt = self._format_for_quotes(wishes, ctx.lang, visuals, recent, seed)
            written: Written | None = Written(fmt, list(wishes.quotes))
        else:
            fmt = choose_format(self.lib, wishes.format, ctx.lang, visuals, wishes.text_only,
                                recent, seed)
            written = self._write(fmt, topic, ctx.lang, seed, canvas, ctx.memory, wishes,
                                  visuals, recent)
        assert written is not None
        work = Work(base, ctx.assets)
        replaced = prepare_base(work, wishes) if base is ctx.draft else ""
        made = compose(work, written.fmt, written.best, wishes, ctx.assets, seed)
        mark = len(work.ops)
        notes = finish(work, after, ctx.assets, ctx.zh)
        if replaced:
            notes.insert(0, Note("It replaces what was on the timeline." if replaced == "timeline"
                                 else "It replaces the captions that were there.",
                                 "替换了原来时间线上的内容。" if replaced == "timeline"
                                 else "替换了原来的字幕。"))
        rec = self._record("make", written, topic, ctx.lang, made, wishes, work, base, seed)
        return self._answer(ctx, work, rec, written.fmt, notes, extra_from=mark)

    def _format_for_quotes(self, wishes: Wishes, lang: str, visuals: int,
                           recent: Sequence[str], seed: int) -> Format:
        """A quoted caption is used as given: a format with as many captions as quotes."""
        if wishes.format:
            return choose_format(self.lib, wishes.format, lang, visuals, wishes.text_only,
                                 recent, seed)
        n = len(wishes.quotes)
        want = "classic" if n >= 2 else ("text_plain" if visuals == 0 or wishes.text_only
                                         else "caption_bar" if wishes.style == "bar"
                                         else "me_when")       # one caption on top, a boom
        return self.lib.formats[want]

    def _write(self, fmt: Format, topic: Topic, lang: str, seed: int, canvas: tuple[int, int],
               memory: MakerMemory, wishes: Wishes, visuals: int, recent: Sequence[str],
               mood: str = "", current: int | None = None) -> Written | None:
        """Captions for ``fmt``; when it has nothing new left, the next format that does."""
        used = memory.used
        avoid = tuple(talk.shown(texts) for rec in memory.records[-8:]
                      for texts in [rec.captions, *rec.alternatives])
        tried: set[str] = set()
        for _ in range(len(self.lib.formats)):
            got = write(self.sources, fmt, topic, lang, seed, canvas, used, mood, current,
                        style=wishes.style, avoid=avoid)
            if got is not None:
                return got
            tried.add(fmt.id)
            if wishes.format and mood != "":
                break
            pool = [f for f in self.lib.formats.values() if f.id not in tried
                    and lang in f.writes and (f.media == "none") == (visuals == 0)]
            if not pool:
                break
            fmt = choose_format(self.lib, None, lang, visuals, visuals == 0,
                                [*recent, *tried], seed + len(tried))
            if fmt.id in tried:
                fmt = pool[0]
        return None

    # -- varying -------------------------------------------------------------------------
    def _last_topic(self, last: MemeRecord) -> Topic:
        return self.lib.topic(last.topic_id) or made_up(last.topic, last.lang == "zh")

    def vary(self, ctx: Context, req: Request, last: MemeRecord) -> AgentTurn | None:
        wishes = Wishes.from_json(last.wishes)
        topic = self._last_topic(last)
        fmt = self.lib.formats.get(last.format) or self.lib.formats["classic"]
        turns = len(ctx.memory.records)
        seed = seed_for(turns, topic.id)
        lang = req.lang or last.lang
        canvas = (ctx.draft.meta.width, ctx.draft.meta.height)
        recent = ctx.memory.formats()
        visuals = len(last.media) or (0 if wishes.text_only else ctx.visuals)
        if req.action == "pick":
            return self._pick(ctx, last, fmt)
        if req.action == "back":
            return self._back(ctx, last, req.pick or -1, wishes, seed, turns)
        if req.action == "sound":
            return self._sound(ctx, last, fmt, turns)
        mood = req.action if req.action in ("funnier", "shorter") else ""
        current = sum(len(c) for c in last.captions) if mood == "shorter" else None
        new_fmt = fmt
        if req.action == "format":
            new_fmt = choose_format(self.lib, req.format, lang, visuals, wishes.text_only,
                                    recent, seed, avoid=fmt.id)
        elif lang not in fmt.writes:
            twin = fmt.twin.get(lang)
            new_fmt = self.lib.formats[twin] if twin in self.lib.formats else choose_format(
                self.lib, None, lang, visuals, wishes.text_only, recent, seed)
        written = self._write(new_fmt, topic, lang, seed, canvas, ctx.memory, wishes, visuals,
                              recent, mood, current)
        if written is None:
            return None
        action = "language" if req.action == "language" else req.action
        work, made, base = self._captions_or_rebuild(ctx, last, written, written.best,
                                                     written.fmt.id == fmt.id, wishes, seed,
                                                     turns)
        rec = self._record(action, written, topic, lang, made, wishes, work, base, seed)
        return self._answer(ctx, work, rec, written.fmt, [], lang)

    @staticmethod
    def _ids_present(draft: Draft, ids: Sequence[str], n: int) -> bool:
        return len(ids) == n and all(draft.find_segment(i) is not None for i in ids)

    def _captions_or_rebuild(self, ctx: Context, last: MemeRecord, written: Written,
                             captions: list[str], same_format: bool, wishes: Wishes, seed: int,
                             turns: int) -> tuple[Work, Made, Draft]:
        """The same format with the last meme's captions still there: retype them in place
        (its sounds, music and media stay); anything else is rebuilt (:meth:`_rebuild`)."""
        if not same_format or not self._ids_present(ctx.draft, last.caption_ids, len(captions)):
            return self._rebuild(ctx, last, written, wishes, seed, turns)
        work = Work(ctx.draft, ctx.assets)
        for seg_id, txt in zip(last.caption_ids, captions, strict=True):
            work.do(O.SetCaption(id=seg_id, txt=txt))
        made = Made(list(last.caption_ids), list(last.sound_ids), list(last.music_ids),
                    list(last.sounds), last.music, list(last.media))
        base = Draft.from_json(last.base, validate=False) if last.base else ctx.draft
        return work, made, base

    def _rebuild(self, ctx: Context, last: MemeRecord, written: Written, wishes: Wishes,
                 seed: int, turns: int) -> tuple[Work, Made, Draft]:
        """A new format: on the meme's base when nothing was edited since, else on the current
        draft without what the maker had added."""
        if last.base is not None and fingerprint(ctx.draft) == last.made:
            base = Draft.from_json(last.base, validate=False)
            work = Work(base, ctx.assets)
            prepare_base(work, Wishes(media=list(last.media)))
        else:
            base = ctx.draft
            work = Work(base, ctx.assets)
            for seg_id in [*last.caption_ids, *last.sound_ids, *last.music_ids]:
                if work.draft.find_segment(seg_id) is not None:
                    work.do(O.DeleteSegment(id=seg_id))
        wishes = Wishes(**{**wishes.__dict__, "media": list(last.media) or wishes.media})
        made = compose(work, written.fmt, written.best, wishes, ctx.assets, seed, turns)
        return work, made, base

    def _pick(self, ctx: Context, last: MemeRecord, fmt: Format) -> AgentTurn | None:
        quotes = [q.strip() for q in quoted_parts(ctx.text)]
        texts: list[str] | None = None
        req = read_request(ctx.text, True)
        if quotes:
            key = shown_key(quotes)
            texts = next((alt for alt in [*last.alternatives, last.captions]
                          if shown_key(alt) == key), None)
            if texts is None and len(quotes) == len(last.caption_ids):
                texts = quotes            # the person's own words, in place of the maker's
        elif req is not None and req.pick is not None and last.alternatives:
            n = req.pick
            if -len(last.alternatives) <= (n - 1 if n > 0 else n) < len(last.alternatives):
                texts = last.alternatives[n - 1 if n > 0 else n]
        if texts is None or not self._ids_present(ctx.draft, last.caption_ids, len(texts)):
            return None
        work = Work(ctx.draft, ctx.assets)
        for seg_id, txt in zip(last.caption_ids, texts, strict=True):
            work.do(O.SetCaption(id=seg_id, txt=txt))
        others = [a for a in [last.captions, *last.alternatives] if shown_key(a) != shown_key(texts)]
        written = Written(fmt, list(texts), others[:2])
        made = Made(list(last.caption_ids), list(last.sound_ids), list(last.music_ids),
                    list(last.sounds), last.music, list(last.media))
        base = Draft.from_json(last.base, validate=False) if last.base else ctx.draft
        rec = self._record("pick", written, self._last_topic(last), last.lang, made,
                           Wishes.from_json(last.wishes), work, base, last.seed)
        return self._answer(ctx, work, rec, fmt, [])

    def _back(self, ctx: Context, last: MemeRecord, which: int, wishes: Wishes, seed: int,
              turns: int) -> AgentTurn:
        """Back to an earlier meme of the session: its captions (and its format) again."""
        target = ctx.memory.earlier(which)
        if target is None:
            return AgentTurn([], None, 0, "这已经是第一个了。" if ctx.zh and which == 1 else
                             "这就是之前那个。" if ctx.zh else
                             "This is the first one already." if which == 1 else
                             "There is no earlier meme in this session.",
                             talk.chips(last.alternatives, ctx.zh))
        fmt = self.lib.formats.get(target.format) or self.lib.formats["classic"]
        others = [a for a in [last.captions, *target.alternatives]
                  if shown_key(a) != shown_key(target.captions)]
        written = Written(fmt, list(target.captions), others[:2])
        work, made, base = self._captions_or_rebuild(ctx, last, written, list(target.captions),
                                                     target.format == last.format, wishes,
                                                     seed, turns)
        rec = self._record("back", written, self._last_topic(target), target.lang, made, wishes,
                           work, base, target.seed)
        return self._answer(ctx, work, rec, fmt, [])

    def _sound(self, ctx: Context, last: MemeRecord, fmt: Format, turns: int) -> AgentTurn:
        work = Work(ctx.draft, ctx.assets)
        sounds: list[str] = []
        ids = [i for i in last.sound_ids if ctx.draft.find_segment(i) is not None]
        pool = [n for cue in fmt.cues for n in cue.choices] or ["vine_boom", "airhorn", "boing"]
        for k, seg_id in enumerate(ids):
            old = last.sounds[k] if k < len(last.sounds) else ""
            cue = min(k, len(fmt.cues) - 1) if fmt.cues else 0
            name = sound_choice(fmt, cue, turns + 1) if fmt.cues else pool[turns % len(pool)]
            if name == old:
                choices = [n for n in (fmt.cues[cue].choices if fmt.cues else pool) if n != old]
                name = choices[turns % len(choices)] if choices else "boing"
            work.do(O.ReplaceSound(id=seg_id, sound=name))
            sounds.append(name)
        music = last.music
        if not ids:
            name = next(n for n in ["vine_boom", "airhorn", "record_scratch", "boing"]
                        if n not in last.sounds)
            change = work.do(O.AddSound(sound=name, st=0))
            ids, sounds = [str(change.result["id"])], [name]
        made = Made(list(last.caption_ids), ids, list(last.music_ids), sounds, music,
                    list(last.media))
        written = Written(fmt, list(last.captions), list(last.alternatives))
        base = Draft.from_json(last.base, validate=False) if last.base else ctx.draft
        rec = self._record("sound", written, self._last_topic(last), last.lang, made,
                           Wishes.from_json(last.wishes), work, base, last.seed)
        return self._answer(ctx, work, rec, fmt, [])

    # -- record and reply ----------------------------------------------------------------
    @staticmethod
    def _record(action: str, written: Written, topic: Topic, lang: str, made: Made,
                wishes: Wishes, work: Work, base: Draft, seed: int) -> MemeRecord:
        return MemeRecord(action, written.fmt.id, topic.np[lang] or topic.name(lang), topic.id, lang,
                          list(written.best), [list(a) for a in written.alternatives[:2]],
                          made.caption_ids, made.sound_ids, made.music_ids, made.sounds,
                          made.music, made.media, wishes.to_json(), fingerprint(work.draft),
                          base.to_json(), seed)

    def _answer(self, ctx: Context, work: Work, rec: MemeRecord, fmt: Format,
                notes: list[Note], lang: str = "", extra_from: int | None = None) -> AgentTurn:
        validate(work.draft)         # DraftError: the agent says the meme was not made
        names = {a.hash: a.name for a in ctx.assets}
        media = [names.get(h, "your upload") for h in rec.media]
        line = talk.made_line(rec.action, fmt, rec.topic, media, rec.captions, rec.sounds,
                              rec.music, ctx.zh, lang)
        extra = say(work.changes[extra_from:], ctx.zh) if extra_from is not None else []
        problems = [n.zh if ctx.zh else n.en for n in notes if n.problem]
        said = [n.zh if ctx.zh else n.en for n in notes
                if not n.problem and "already" not in n.en.lower()]
        if extra or said:
            line += " " + " ".join([*said, *extra])
        if problems:
            line += (" 但是：" if ctx.zh else " But: ") + " ".join(problems)
        alts = talk.alternatives_line(rec.alternatives, ctx.zh)
        reply = line + ("\n" + alts if alts else "")
        return AgentTurn(tool_events(work.ops, work.changes), work.draft, 0, reply,
                         talk.chips(rec.alternatives, ctx.zh), rec)


__all__ = ["Maker"]
