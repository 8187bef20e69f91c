"""The engine's heavy media calls, run by its media helper (:mod:`meme_desktop.engine.helper`).

Each function here has the same meaning as the one it names in :mod:`.media` or
:mod:`.sounds` (which need PyAV or numpy); it runs there through :func:`helper.run` (in the
helper process when the engine installed one, in this process otherwise) and turns a helper
that crashed or hung into the typed error a person can read: a file that crashes the
decoder is an unreadable file, a sound that cannot be made fails the render. A helper that
cannot start at all is said as such (:class:`HelperStartError`), never blamed on a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from meme_desktop.engine import helper
from meme_desktop.engine.errors import (
    HelperError,
    HelperStartError,
    RenderFailedError,
    UnreadableMediaError,
)
from meme_desktop.engine.mediainfo import MediaInfo


def is_builtin(src: str) -> bool:
    """A built-in sound (``sfx:NAME`` / ``music:NAME``) rather than a file."""
    return src.startswith(("sfx:", "music:"))


def _read(target: str, path: Path, *args: object) -> object:
    """``target(path, *args)`` in the helper; a file that crashed or hung the decoder is an
    unreadable file (a helper that cannot start is said as such)."""
    try:
        return helper.run(target, path, *args)
    except HelperStartError:
        raise
    except HelperError as exc:
        raise UnreadableMediaError(path.name, exc.detail) from exc


def probe(path: Path) -> MediaInfo:
    """:func:`meme_desktop.engine.media.probe`."""
    return cast(MediaInfo, _read("meme_desktop.engine.media:probe", path))


def thumbnail(path: Path, size: int = 256) -> bytes:
    """:func:`meme_desktop.engine.media.thumbnail`."""
    return cast(bytes, _read("meme_desktop.engine.media:thumbnail", path, size))


def sound_path(src: str) -> Path:
    """:func:`meme_desktop.engine.sounds.sound_path` (the cached WAV of a built-in sound)."""
    try:
        return cast(Path, helper.run("meme_desktop.engine.sounds:sound_path", src))
    except HelperStartError:
        raise  # said as such, like a probe's: no sound is to blame
    except HelperError as exc:
        raise RenderFailedError(f"the sound {src} could not be made: {exc.detail}") from exc
