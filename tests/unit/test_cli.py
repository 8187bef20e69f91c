"""The top-level command: version, help, and a broken sub-command that does not break the rest."""

from __future__ import annotations

import subprocess
import sys

import pytest

from meme_desktop import __version__, cli


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"meme-desktop {__version__}"


def test_version_from_a_fresh_process_is_fast_and_needs_no_qt() -> None:
    code = ("import sys; from meme_desktop.cli import main; rc = main(['--version']);"
            "assert 'PySide6' not in sys.modules; sys.exit(rc)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert __version__ in out.stdout


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    for name in cli.COMMANDS:
        assert name in text


def test_a_command_that_fails_to_import_explains_itself(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    real_import = cli.importlib.import_module

    def fake_import(name: str):
        if name.endswith(".chat"):
            raise ModuleNotFoundError("No module named 'readline_x'", name="readline_x")
        return real_import(name)

    monkeypatch.setattr(cli.importlib, "import_module", fake_import)
    assert cli.main(["chat", "x.png"]) == 1
    assert "readline_x is missing" in capsys.readouterr().err
    # the other commands still parse
    with pytest.raises(SystemExit) as info:
        cli.main(["render", "--help"])
    assert info.value.code == 0
