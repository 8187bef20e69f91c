"""The installed Qt binding must not leak references to None (PySide6 6.12.0 did).

On Python 3.11 ``None`` is an ordinary reference-counted object; a binding that drops one
reference per call (6.12.0 did in every ``processEvents()`` and in other calls that return
nothing) makes a long session or a long test run abort with ``none_dealloc``. pyproject pins
the binding below 6.12; this test tells whoever relaxes the pin.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel


def test_calls_returning_nothing_do_not_leak_none(qapp: QApplication) -> None:
    label = QLabel()
    timer = QTimer()
    before = sys.getrefcount(None)
    for i in range(500):
        QApplication.processEvents()
        label.setText(str(i))
        timer.setInterval(i + 1)
    leaked = before - sys.getrefcount(None)
    assert leaked < 50, f"the Qt binding lost {leaked} references to None in 1500 calls"
