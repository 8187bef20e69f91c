"""What Undo and Redo say, in the interface language.

An undo label is data, in English: a gesture sends one with its edit ("move caption",
"trim 3 clips"), the embedded engine names a chat turn after its operations ("add caption and
add sound", "add media and 3 more"), and the backend hands them back with the history.
:func:`label_text` shows such a label in the interface language: the pieces this app knows
are marked for translation here; a piece it does not know stays as the backend wrote it.
"""

from __future__ import annotations

import re

from meme_desktop.ui.i18n import tr, tr_data, tr_noop

# what the window's gestures send ("{verb} {kind}", a few more)
GESTURE_LABELS = (
    tr_noop("move caption"), tr_noop("move clip"), tr_noop("move sound"),
    tr_noop("trim caption"), tr_noop("trim clip"), tr_noop("trim sound"),
    tr_noop("split caption"), tr_noop("split clip"), tr_noop("split sound"),
    tr_noop("duplicate caption"), tr_noop("duplicate clip"), tr_noop("duplicate sound"),
    tr_noop("delete caption"), tr_noop("delete clip"), tr_noop("delete sound"),
    tr_noop("set sound volume"), tr_noop("retype caption"), tr_noop("resize caption"),
    tr_noop("add media"), tr_noop("remove media"),
)
# several segments at once: "move 3 clips"
VERBS = {"move": tr_noop("move"), "trim": tr_noop("trim"), "split": tr_noop("split"),
         "duplicate": tr_noop("duplicate"), "delete": tr_noop("delete")}
PLURALS = {"captions": tr_noop("captions"), "clips": tr_noop("clips"),
           "sounds": tr_noop("sounds"), "segments": tr_noop("segments")}
# the engine's operation names, as a chat turn's label spells them ("add caption")
OPERATION_LABELS = (
    tr_noop("add caption"), tr_noop("set caption"), tr_noop("place caption"),
    tr_noop("move segment"), tr_noop("trim segment"), tr_noop("split segment"),
    tr_noop("delete segment"), tr_noop("duplicate segment"), tr_noop("set volume"),
    tr_noop("set fade"), tr_noop("set canvas"), tr_noop("set title"),
    tr_noop("clear timeline"), tr_noop("replace media"), tr_noop("reorder"),
    tr_noop("set length"), tr_noop("set fit"), tr_noop("set speed"), tr_noop("set reverse"),
    tr_noop("boomerang"), tr_noop("loop"), tr_noop("set zoom"), tr_noop("punch in"),
    tr_noop("add effect"), tr_noop("remove effect"), tr_noop("add sound"),
    tr_noop("add music"), tr_noop("replace sound"), tr_noop("undo"), tr_noop("redo"),
)

_SEVERAL = re.compile(r"^(\w+) (\d+) (\w+)$")
_MORE = re.compile(r"^(.+) and (\d+) more$")


def label_text(label: str) -> str:
    """``label`` in the interface language: "move 3 clips" → "移动 3 个片段"."""
    label = label.strip()
    if not label:
        return ""
    if (several := _SEVERAL.match(label)) and several[1] in VERBS and several[3] in PLURALS:
        return tr("{verb} {n} {things}", verb=tr(VERBS[several[1]]), n=several[2],
                  things=tr(PLURALS[several[3]]))
    if more := _MORE.match(label):
        return tr("{what} and {n} more", what=label_text(more[1]), n=more[2])
    if " and " in label:
        first, second = label.split(" and ", 1)
        return tr("{first} and {second}", first=label_text(first), second=label_text(second))
    return tr_data(label)
