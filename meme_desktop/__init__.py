"""Meme Desktop: make meme videos by chatting, offline through an embedded engine or on NemoVideo."""

__version__ = "0.1.0"
APP_NAME = "Meme Desktop"
APP_ID = "meme-desktop"
