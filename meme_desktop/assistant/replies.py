"""Replies that assume a GUI, turned into actions (the brief's "Backend Response Translation").

The hosted backend talks as if the person had its web editor: "Click the Export button",
"open the effects panel", "drag the clip to 2s", "preview in timeline". The person must never
read such an instruction; they read what the app did instead:

| the backend says | action | the person reads |
|---|---|---|
| "click Export", "Export button", 导出 | ``export``: the export workflow | the export's progress |
| "click Upload", "drag your file into the media bin", 拖进素材区 | ``upload``: the file picker | the picker |
| "preview in timeline" | ``summary`` | the timeline summary |
| "open the … panel", "check the timeline", 打开 | ``state``: a state read | the summary |
| "drag the clip …", "drop it …", 拖拽, "click Apply" (any other button), 点击 | ``edit``: the sentence is sent back as one more chat turn | what that turn changed ("Moved …") |

:class:`ReplyFilter` reads a streamed reply piece by piece and gives back, whole sentence by
whole sentence, the text that may be shown: a sentence that is only an instruction is left out;
in "Added the caption, now click Export to download it." only the instruction part is. Words
inside quotes never count (a caption "CLICK EXPORT" is text, not an instruction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from meme_desktop.assistant.sentences import mask_quotes, scan

ReplyAction = Literal["export", "upload", "state", "summary", "edit"]

_IMPERATIVE = r"(?:^\s*|\b(?:you can|you could|just|please|then|now|simply|and|or)\s+)"
_BUTTON_VERB = r"\b(?:click(?:ing)?|press(?:ing)?|tap(?:ping)?|hit(?:ting)?|use|select)\s+" \
               r"(?:on\s+)?(?:the\s+)?[\"'“‘]?"
# any other button: only in an instruction ("Click Apply", "then press OK"), never "a click"
_OTHER_BUTTON = _IMPERATIVE + r"(?:click|press|tap|hit|select)\s+(?:on\s+)?(?:the\s+)?[\"'“‘]?\w"

# "drag the clip", "drag it", "dragging captions": a verb with its object, never a file name
# such as "drag race.mp4" in a summary
_DRAG = (r"\bdrag(?:ging)?\s+(?:the|it|this|that|them|your|a|an|each|one|both|all|clips?|"
         r"captions?|segments?|texts?|sounds?|music|images?|pictures?|videos?|layers?|tracks?)\b")

# what the backend says → what the client does instead; checked in this order
TRANSLATIONS: tuple[tuple[ReplyAction, tuple[str, ...]], ...] = (
    ("export", (_BUTTON_VERB + r"(?:export|download)\b", r"\b(?:export|download) button\b",
                r"点击\s*[「“\"]?(?:导出|下载)", "导出")),
    ("upload", (_BUTTON_VERB + r"(?:upload|import|add media|media bin)\b",
                r"\b(?:upload|import) button\b",
                r"\b(?:drag|drop)\b.{0,40}\b(?:into|onto|on|in|to) (?:the |this |your )?"
                r"(?:media bin|media library|media|bin|app|window|chat|upload area)\b",
                r"拖(?:拽|进|到|入|动).{0,10}(?:素材|媒体|窗口)", r"点击\s*[「“\"]?(?:上传|导入)")),
    ("summary", (r"\bpreview (?:it |this |them )?(?:in|on) (?:the )?timeline\b",
                 r"在时间线上?预览")),
    ("state", (r"\bopen (?:the |your |a )?[\w ]{0,20}panel\b(?!\.\w)",  # not "panel.jpg"
               r"\bcheck (?:the |your )?(?:timeline|panel)\b", "打开")),
    ("edit", (_DRAG, r"\bdrop (?:it|the|them)\b", r"\bdrag[- ]and[- ]drop\b",
              _OTHER_BUTTON, "拖拽", "拖动", "点击")),
)

_TRANSLATIONS = tuple((action, tuple(re.compile(p, re.IGNORECASE) for p in pats))
                      for action, pats in TRANSLATIONS)

# where an instruction clause may start inside a longer sentence ("Added it, now click Export")
_CLAUSE = re.compile(r"(?:[,;:—–]\s*|\s+-\s+|\s+(?:and|then|so)\s+)"
                     r"(?:(?:and|then|now|so|just)\s+)*(?:you can\s+|please\s+)?$", re.IGNORECASE)
_SUBORDINATE = re.compile(r"^\s*(?:to|if|when|once|after|before|whenever|for|in order to|so)\b",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Translation:
    """An action found in a reply, with the sentence that asked for it."""

    action: ReplyAction
    sentence: str


def classify(sentence: str, masked: str | None = None) -> tuple[ReplyAction, int] | None:
    """The action a sentence asks for and where the instruction starts, or None."""
    masked = mask_quotes(sentence) if masked is None else masked
    for action, patterns in _TRANSLATIONS:
        starts = [m.start() for p in patterns if (m := p.search(masked))]
        if starts:
            return action, min(starts)
    return None


def _kept_part(sentence: str, masked: str, at: int) -> str:
    """What may be shown of a sentence whose instruction starts at ``at``: the clause before
    it when that says something by itself ("Added the caption"), else nothing."""
    clause = _CLAUSE.search(masked[:at])
    if clause is None:
        return ""
    head = sentence[:clause.start()].rstrip(" ,;:—–-")
    if len(head.split()) < 2 and not re.search(r"[\u4e00-\u9fff]{2}", head) or \
            _SUBORDINATE.match(head):
        return ""
    tail = sentence.rstrip()
    end = tail[-1] if tail and tail[-1] in ".!?。！？" else "."
    trailing = sentence[len(sentence.rstrip()):]
    return head + end + trailing


@dataclass
class ReplyFilter:
    """Reads a reply piece by piece; gives back what may be shown and collects the actions."""

    found: list[Translation] = field(default_factory=list)
    shown: str = ""  # everything given back so far
    _buffer: str = ""
    _space: str = ""  # white space held back until more text follows it (none at the end)

    def feed(self, piece: str) -> str:
        """Add a piece of the reply; the text that may be shown now (whole sentences)."""
        self._buffer += piece
        return self._take(final=False)

    def finish(self) -> str:
        """The reply is complete: the rest that may be shown."""
        return self._take(final=True)

    def actions(self) -> list[Translation]:
        """One translation per action, in the order first found."""
        out: dict[ReplyAction, Translation] = {}
        for t in self.found:
            out.setdefault(t.action, t)
        return list(out.values())

    def _take(self, final: bool) -> str:
        text = self._buffer
        found = scan(text, final=final)
        masked = mask_quotes(text, found.quotes)
        out: list[str] = []
        for a, b in found.sentences:
            sentence = text[a:b]
            hit = classify(sentence, masked[a:b])
            if hit is None:
                out.append(sentence)
                continue
            action, at = hit
            self.found.append(Translation(action, sentence.strip()))
            out.append(_kept_part(sentence, masked[a:b], at))
        self._buffer = text[found.rest:]
        shown = "".join(out)
        if shown.strip():
            body = shown.rstrip()
            shown, self._space = self._space + body, shown[len(body):]
        else:
            self._space += shown
            shown = ""
        self.shown += shown
        return shown


def translate_reply(text: str) -> list[Translation]:
    """The GUI-assuming sentences of a whole reply, each with its action, one per action."""
    reader = ReplyFilter()
    reader.feed(text)
    reader.finish()
    return reader.actions()


def visible_reply(text: str) -> str:
    """What the person reads of a whole reply (instructions left out)."""
    reader = ReplyFilter()
    return reader.feed(text) + reader.finish()


def edit_request(sentence: str) -> str:
    """The chat turn sent instead of a "drag the clip" / "click Apply" instruction: ask the
    backend to make the change itself."""
    return ("Please make this change for me directly (I can't click buttons or drag things): "
            f"{sentence}")
