"""The embedded backend: media probing, built-in sounds, rendering, and (elsewhere) the server.

The engine never imports QtWidgets; caption text is drawn with QtGui on offscreen images.
Typed errors live in :mod:`meme_desktop.engine.errors` with :func:`user_message`.
"""
