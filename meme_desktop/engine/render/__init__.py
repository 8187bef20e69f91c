"""The renderer: a draft becomes ONE ffmpeg process with ONE filter graph.

Modules: :mod:`.presets` (options, presets, qualities), :mod:`.captions` (caption PNGs drawn
with QtGui by ``meme_desktop.caption_art``), :mod:`.graph` (the video filter graph),
:mod:`.audio` (the mix), :mod:`.process` (ffmpeg with progress, cancel and atomic output) and :mod:`.job`
(:func:`render`, tying them together). See docs/render.md.
"""

from meme_desktop.engine.render.captions import prepare_text_engine
from meme_desktop.engine.render.job import render
from meme_desktop.engine.render.presets import PRESETS, QUALITIES, RenderOptions

__all__ = ["PRESETS", "QUALITIES", "RenderOptions", "prepare_text_engine", "render"]
