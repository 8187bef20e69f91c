"""Composition root (placeholder until the window issue lands): opens an empty window."""

from __future__ import annotations


def run_app(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(["meme-desktop", *argv])
    label = QLabel("Meme Desktop")
    label.setWindowTitle("Meme Desktop")
    label.resize(800, 600)
    label.show()
    return app.exec()
