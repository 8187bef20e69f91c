"""The rule-based understander: a chat message → typed operations, or a question.

``reader`` turns the message into intents ("the top caption", "the clip", "at 2s"); each
intent is then resolved (``resolve*``) on the turn's working draft into typed operations that
name segments by id. An intent that cannot be carried out becomes a problem note (the reply
says which part was not done); one that changes nothing becomes an "already so" note. When the
timeline has no picture or clip yet and the message edits one, the upload it means is placed
first. Deterministic, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from meme_desktop.draft import Draft, DraftError, validate
from meme_desktop.draft.ops import Op
from meme_desktop.engine.agent.applier import say
from meme_desktop.engine.agent.recent import Recent
from meme_desktop.engine.agent.rules.follow_up import carried_focus
from meme_desktop.engine.agent.rules.named import caption_order
from meme_desktop.engine.agent.rules.parse import Message, parse_message
from meme_desktop.engine.agent.rules.reader import understand as read
from meme_desktop.engine.agent.rules.resolve import CAPTIONS, QUESTIONS, Resolve, Resolver
from meme_desktop.engine.agent.rules.resolve_audio import AUDIO, kept
from meme_desktop.engine.agent.rules.resolve_media import MEDIA
from meme_desktop.engine.agent.rules.words import CLIP, IMAGE, Intent, Prior
from meme_desktop.engine.agent.types import (
    AssetRef,
    History,
    Note,
    Plan,
    Problem,
    Understanding,
)

RESOLVERS: dict[str, Resolve] = {**CAPTIONS, **MEDIA, **AUDIO, **QUESTIONS}

# intents that never need a picture placed first (they are about something else, or ask)
_NO_PLACE = {"undo", "redo", "clear_timeline", "keep", "remove_caption", "remove_sound",
             "remove_effect", "remove_media", "edit_caption", "set_volume", "fade",
             "move_sound", "ask_sound", "missing_asset", "add_media", "unread"}


def preferred_visual(msg: Message, assets: Sequence[AssetRef], sound: bool = False) -> AssetRef:
    """The picture or clip a message needs: one it names, else "the image" / "the clip",
    else (for a change of sound, ``sound``) the most recent clip with sound, else the most
    recent upload."""
    visual = [a for a in assets if a.visual]
    text = " ".join(c.text for c in msg.clauses)
    for asset in reversed(visual):
        if asset.name.lower() in text or asset.name.lower().rsplit(".", 1)[0] in text:
            return asset
    images = [a for a in visual if a.kind == "image"]
    clips = [a for a in visual if a.kind == "video"]
    if images and re.search(IMAGE, text) and not re.search(CLIP, text):
        return images[-1]
    if clips and re.search(CLIP, text) and not re.search(IMAGE, text):
        return clips[-1]
    heard = [a for a in clips if a.has_audio]
    if sound and heard:
        return heard[-1]
    return visual[-1]


def _already(sentences: list[str], zh: bool) -> str:
    line = " ".join(sentences)
    if "already" in line or "已经" in line:
        return line
    if zh:
        return "已经是这样了：" + line
    line = re.sub(r"\b(is|are) now\b", r"\1", line).replace(" now ", " ")  # nothing changed
    return "Already so: " + line[:1].lower() + line[1:]


def plan(intents: list[Intent], draft: Draft, assets: Sequence[AssetRef], zh: bool) -> Plan:
    """Resolve intents one by one on a working draft; the typed operations that changed it."""
    work = draft
    r = Resolver(draft, assets)
    steps: list[Op | Note] = []
    done_any = auto_only = False
    for intent in intents:
        if intent.name == "keep":       # "…, keep the boom": nothing to do, and it is said
            steps.append(Note(*kept(intent.args)))
            continue
        trial = work.copy()
        r.begin(trial)
        try:
            RESOLVERS[intent.name](r, intent.args)
            validate(trial)
        except Problem as exc:
            steps.append(Note(exc.en, exc.zh, problem=True))
            continue
        except DraftError as exc:
            steps.append(Note(f"I left one change out because {exc.problem}.",
                              f"这个改动没有做（{exc.problem}）。", problem=True))
            continue
        if trial.to_json() == work.to_json():
            sentences = say(r.changes, zh)
            steps.append(Note(_already(sentences, False), _already(say(r.changes, True), True)))
            continue
        work = trial
        steps.extend(r.ops)
        auto = bool(intent.args.get("auto"))
        auto_only = auto if not done_any else auto_only and auto
        done_any = True
    if auto_only and any(isinstance(s, Note) and s.problem for s in steps):
        # nothing the person asked for worked: do not keep the picture placed on the way
        steps = [s for s in steps if isinstance(s, Note)]
    return Plan(steps)


class RuleUnderstander:
    """The built-in reader of English and Chinese instructions."""

    def understand(self, text: str, draft: Draft, assets: Sequence[AssetRef],
                   history: History | None, recent: Recent | None = None) -> Understanding:
        msg = parse_message(text, named(draft))
        intents = read(msg, draft, assets, prior(recent, draft, assets))
        if not intents:
            return Plan()
        if intents[0].name in ("undo", "redo"):
            step = -1 if intents[0].name == "undo" else 1
            if all(i.name == intents[0].name for i in intents):
                return Plan(history=step)
            prev = history.peek(-1) if step < 0 and history is not None else None
            intents = [i for i in intents[1:] if i.name not in ("undo", "redo")]
            base = prev if prev is not None else draft
            result = self._plan(msg, intents, base, assets)
            result.undo_first = prev is not None
            return result
        return self._plan(msg, [i for i in intents if i.name not in ("undo", "redo")], draft,
                          assets)

    @staticmethod
    def _plan(msg: Message, intents: list[Intent], draft: Draft,
              assets: Sequence[AssetRef]) -> Plan:
        from_video = any(s.type == 0 and s.segments for s in draft.tracks)
        if (not from_video and any(a.visual for a in assets)
                and any(_needs_media(i, draft) for i in intents)
                and not any(i.name == "add_media" for i in intents)):
            asset = preferred_visual(msg, assets, sound=any(
                i.name == "set_volume" for i in intents))
            intents = [Intent("add_media", {"asset": asset.hash, "auto": True}), *intents]
        return plan(intents, draft, assets, msg.zh)


def _needs_media(intent: Intent, draft: Draft) -> bool:
    """Whether an intent is about a picture or clip that must be on the timeline first: a
    level change of "it" / "the clip" needs the clip when there is no music or sound yet."""
    if intent.name == "set_volume":
        target = intent.args.get("target", "auto")
        return target == "original" or (target == "auto" and not draft.segments(1))
    return intent.name not in _NO_PLACE


def prior(recent: Recent | None, draft: Draft, assets: Sequence[AssetRef]) -> Prior | None:
    """The last turn as the reader sees it: what it touched, and its request read again on
    the current draft (None when it was no edit of the rules: nothing, undo, the maker)."""
    if recent is None or not recent.edited:
        return None
    focus, sel = carried_focus(recent, draft)
    intents = [] if recent.undone else [
        i for i in read(parse_message(recent.said, named(draft)), draft, assets)
        if i.name not in ("undo", "redo", "unread")]
    for i in intents:       # "quieter" said of the sound the turn before: that sound again
        if i.name == "set_volume" and i.args.get("target", "auto") == "auto" and focus == "sound":
            i.args.update({"target": "sound", **sel})
    return Prior(focus, sel, intents)


def understand_text(text: str, draft: Draft, assets: Sequence[AssetRef]) -> list[Intent]:
    """The intents a message is read as (no resolution): for tests and debugging."""
    return read(parse_message(text, named(draft)), draft, assets)


def named(draft: Draft) -> list[str]:
    """The timeline's captions in counting order (what "caption #n" counts)."""
    return [c.text for c in caption_order(draft)]


__all__ = ["RuleUnderstander", "plan", "preferred_visual", "understand_text"]
