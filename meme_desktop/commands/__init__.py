"""Headless sub-commands of ``meme-desktop``: one module each, with ``register(subparsers)``."""
