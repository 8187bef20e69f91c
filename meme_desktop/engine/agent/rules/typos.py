"""Typing slips in the words the readers look for: two letters swapped (*remvoe*, *captoin*,
*mkae*) or one letter left out inside a longer word (*revrse*, *delte*, *volme*) are read as the
word meant. Only the readers' own command words are corrected, and never into or out of a word
that is itself English (*lower* is not *slower*, *enter* is not *center*), so caption text and
topics are left alone (quoted text is lifted out before this runs)."""

from __future__ import annotations

import re
from functools import cache

# the words readers match on (verbs, caption and media nouns, levels, sounds, shapes)
VOCAB = (
    "make", "add", "remove", "delete", "reverse", "caption", "captions", "bigger", "smaller",
    "louder", "quieter", "slower", "faster", "music", "volume", "vertical", "square", "bottom",
    "middle", "center", "centre", "yellow", "purple", "orange", "white", "black", "sound",
    "sounds", "video", "clip", "speed", "loop", "zoom", "effect", "effects", "shake", "sepia",
    "deep", "text", "title", "subtitle", "background", "landscape", "portrait", "horizontal",
    "airhorn", "scratch", "trombone", "rimshot", "drumroll", "crickets", "whoosh", "boing",
    "record", "instead", "change", "replace", "move", "mute", "unmute", "fade", "split", "trim",
    "seconds", "please", "slow", "motion", "double", "twice", "backwards", "forwards",
    "boomerang", "grayscale", "vintage", "colour", "color", "larger", "top", "image", "picture",
    "photo", "first", "last", "second", "export", "undo", "redo", "quiet", "softer",
)

# English words one slip away from a command word: never corrected, never produced
_REAL = {"lower", "enter", "aster", "revere", "cation", "form", "from", "tow", "lop", "pool",
         "polo", "bale", "able", "quite", "quiet", "unite", "untie", "mad", "sepal", "effet",
         "sound", "bottle", "colon", "come", "dame", "mae", "ekam", "tile", "tilt", "titel",
         "slot", "lots", "clop", "list", "last", "fist", "fits", "sift", "steal", "white",
         "which", "while", "seconds", "second", "secondss", "loops", "zooms", "clips", "trims",
         "fades", "moves", "mutes", "adds", "makes", "lip", "clipp", "vide", "topo", "opt",
         "pot", "imag", "mage", "ample", "double", "doubt", "shaek", "shake", "speeds", "sped",
         "large", "lager", "cations", "pease", "sower", "lats"}


def _slips(word: str) -> set[str]:
    out = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)
           if word[i] != word[i + 1]}
    if len(word) >= 6:
        out |= {word[:i] + word[i + 1:] for i in range(1, len(word))}
    return out


@cache
def _table() -> dict[str, str]:
    known = set(VOCAB)
    table: dict[str, str] = {}
    clash: set[str] = set()
    for word in VOCAB:
        if len(word) < 4:
            continue
        for slip in _slips(word):
            if slip in known or slip in _REAL:
                continue
            if slip in table and table[slip] != word:
                clash.add(slip)         # one slip, two words it could be: leave it
            table[slip] = word
    return {k: v for k, v in table.items() if k not in clash}


_WORD = re.compile(r"[a-z]{4,}")


def fix_typos(text: str) -> str:
    """``text`` (normalised, lower case) with slips in command words corrected."""
    table = _table()
    return _WORD.sub(lambda m: table.get(m.group(0), m.group(0)), text)


__all__ = ["fix_typos"]
