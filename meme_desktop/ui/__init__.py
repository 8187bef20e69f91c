"""The window: PySide6 widgets only, one module per panel; adapts assistant/ to the screen.

Nothing here imports the embedded engine: the composition root (:mod:`meme_desktop.app`)
builds the services and hands them to the widgets through their constructors.
"""
