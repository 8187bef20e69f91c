"""The frozen Linux bundle: built once per module with packaging/build.sh, then run for real.

Every run uses a cleaned environment (``env -i`` style): a temporary HOME, ``PATH=/nonexistent``
(so no Python, ffmpeg or anything else can come from the machine), no display. The bundle must
open its window, run the engine as its own child, make an MP4 headless, carry ffmpeg and the
resources, and contain nothing from the build machine's home directory.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from meme_desktop import __version__
from tests.helpers.media import make_image
from tests.helpers.packaging_bundle import (
    ROOT,
    Bundle,
    build_bundle,
    child_pids,
    clean_env,
    elf_needed,
    home_path_leaks,
    is_elf,
    kill_pids,
    pyz_code_filenames,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]  # includes the build


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    base = tmp_path_factory.mktemp("bundle")
    yield build_bundle(base)
    shutil.rmtree(base, ignore_errors=True)  # ~500 MB: do not keep it among pytest's tmp dirs


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def run(bundle: Bundle, args: list[str], home: Path, timeout: float = 240,
        cwd: Path | None = None, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle.exe), *args], env=clean_env(home, **extra), cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, check=False)


def test_version_with_nothing_on_path(bundle: Bundle, home: Path) -> None:
    env = clean_env(home)
    assert shutil.which("python3", path=env["PATH"]) is None
    assert shutil.which("ffmpeg", path=env["PATH"]) is None
    out = run(bundle, ["--version"], home, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"meme-desktop {__version__}"


def test_self_check_imports_resources_ffmpeg(bundle: Bundle, home: Path) -> None:
    out = run(bundle, [], home, timeout=120, MEME_DESKTOP_BUNDLE_CHECK="1",
              QT_QPA_PLATFORM="offscreen")
    report = json.loads(out.stdout)
    assert out.returncode == 0, out.stdout + out.stderr
    assert report["ok"] and report["frozen"]
    root = Path(report["bundle_root"])
    assert Path(report["executable"]) == bundle.exe
    assert root.is_relative_to(bundle.root)
    assert report["import_failures"] == {}
    # resources/ and ffmpeg come from inside the bundle, and ffmpeg runs
    assert report["resources"]["in_bundle"]
    assert {"icons", "fonts", "styles"} <= set(report["resources"]["entries"])
    assert report["ffmpeg"]["in_bundle"], report["ffmpeg"]
    assert report["ffmpeg"]["returncode"] == 0
    assert report["ffmpeg"]["version"].startswith("ffmpeg version")
    assert Path(report["ffmpeg"]["path"]).is_relative_to(root / "imageio_ffmpeg" / "binaries")
    # keyring's backends are found through its bundled metadata; Qt reads the SVG icon
    assert {"SecretService", "Windows", "macOS", "chainer"} <= set(report["keyring"]["entry_points"])
    assert report["keyring"]["native_usable"]
    assert "svg" in report["qt"]["formats"]
    assert min(report["qt"]["svg_size"]) > 0


def test_make_writes_a_valid_mp4(bundle: Bundle, home: Path, tmp_path: Path) -> None:
    import av

    image = make_image(tmp_path / "cat.png", size="320x240")
    out_file = tmp_path / "out" / "meme.mp4"
    out_file.parent.mkdir()
    result = run(bundle, ["make", str(image), "--say", 'add the caption "WHEN THE CODE COMPILES" on top',
                          "--say", "add a vine boom at 1s", "--preset", "square",
                          "--quality", "preview", "-o", str(out_file)], home, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out_file.is_file() and out_file.stat().st_size > 1000
    with av.open(str(out_file)) as container:
        assert container.format.name.startswith("mov,mp4")
        video = container.streams.video[0]
        assert video.codec_context.name == "h264"
        assert video.codec_context.width == video.codec_context.height  # the square preset
        assert container.streams.audio, "the vine boom needs an audio stream"
        duration = float(container.duration or 0) / av.time_base
        assert 4.0 <= duration <= 6.5
        frame = next(container.decode(video=0)).to_ndarray(format="rgb24")
    # the source image never has white pixels (its blue channel is 128 everywhere); the
    # classic caption is white text with a black outline, so white pixels prove it was drawn
    top = frame[: frame.shape[0] // 3]
    white = ((top[..., 0] > 235) & (top[..., 1] > 235) & (top[..., 2] > 235)).sum()
    assert white > 50
    # the app's files went to the (temporary) home through platformdirs, nowhere else
    assert (home / ".local" / "share" / "meme-desktop").is_dir()


def test_dash_m_runs_project_modules_like_python(bundle: Bundle, home: Path,
                                                 tmp_path: Path) -> None:
    """``[sys.executable, "-m", "meme_desktop..."]`` helpers work in the bundle too."""
    from dataclasses import asdict

    from meme_desktop.engine.render.captions import CaptionSpec

    out = run(bundle, ["-m", "meme_desktop", "--version"], home, timeout=60)
    assert out.stdout.strip() == f"meme-desktop {__version__}", out.stderr
    refused = run(bundle, ["-m", "json.tool"], home, timeout=60)
    assert refused.returncode != 0  # only project modules, never an arbitrary one
    # the caption-drawing helper process the renderer uses off the main thread
    spec = CaptionSpec("WHEN THE CODE COMPILES", "classic", "top", "#FFFFFF", 1.0, 320, 180)
    cache = tmp_path / "cache"
    drawn = subprocess.run([str(bundle.exe), "-m", "meme_desktop.engine.render.captions"],
                           input=json.dumps([["caption", asdict(spec)]]), capture_output=True, text=True,
                           env=clean_env(home, MEME_DESKTOP_CACHE_DIR=str(cache)), timeout=120,
                           check=False)
    assert drawn.returncode == 0, drawn.stderr
    pngs = list((cache / "captions").glob("cap-*.png"))
    assert len(pngs) == 1 and pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_engine_serve_prints_ready_and_answers(bundle: Bundle, home: Path) -> None:
    import httpx

    env = clean_env(home, MEME_ENGINE_TOKEN="packaging-test-token")
    proc = subprocess.Popen([str(bundle.exe), "engine", "serve", "--port", "0"], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line.startswith("READY http://127.0.0.1:"), line
        base = line.split(" ", 1)[1]
        ok = httpx.get(f"{base}/api/credits/balance/simple", timeout=30,
                       headers={"Authorization": "Bearer packaging-test-token"})
        assert ok.status_code == 200 and ok.json()["code"] == 0
        refused = httpx.get(f"{base}/api/credits/balance/simple", timeout=30,
                            headers={"Authorization": "Bearer wrong"})
        assert refused.status_code != 200 or refused.json()["code"] != 0
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(15)


def test_window_starts_and_runs_the_engine_as_its_child(bundle: Bundle, home: Path) -> None:
    env = clean_env(home, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([str(bundle.exe)], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: set[int] = set()
    engine: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and not engine:
            for pid, cmdline in child_pids(proc.pid).items():
                seen.add(pid)
                if cmdline[:1] == [str(bundle.exe)] and cmdline[1:3] == ["engine", "serve"]:
                    engine.append(pid)
            time.sleep(0.25)
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert engine, "the window did not start `meme-desktop engine serve` as its child"
    finally:
        seen |= set(child_pids(proc.pid))
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(20)
        kill_pids(seen)


def test_bundle_is_lean(bundle: Bundle) -> None:
    internal = bundle.root / "_internal"
    top = {p.name for p in internal.iterdir()}
    for unwanted in ("moviepy", "matplotlib", "tkinter", "PIL", "IPython", "pytest", "yaml"):
        assert unwanted not in top, unwanted
    qt = {p.name for p in (internal / "PySide6").iterdir()}
    for unwanted in ("QtQml", "QtQuick", "QtWebEngineCore", "Qt3DCore", "QtPdf", "QtCharts"):
        assert not any(n.startswith(unwanted + ".") for n in qt), unwanted
    names = set(pyz_code_filenames(bundle.exe))
    assert not any(n.startswith(("moviepy/", "tkinter/", "matplotlib/", "PIL/")) for n in names)
    assert "meme_desktop/commands/make.py" in names and "meme_desktop/launcher.py" in names
    files = [p for p in bundle.root.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    assert size < 600 * 1024 * 1024, f"bundle grew to {size // 2**20} MB"


def test_pruned_libraries_are_needed_by_nothing_left(bundle: Bundle) -> None:
    pruned = set(bundle.pruned)
    assert "libqgtk3.so" in pruned
    files = [p for p in bundle.root.rglob("*") if p.is_file() and not p.is_symlink()]
    assert not any(p.name in pruned for p in files)
    for path in files:
        if is_elf(path):
            assert not (set(elf_needed(path)) & pruned), path


def test_nothing_from_the_build_home(bundle: Bundle) -> None:
    home = Path(os.path.expanduser("~")).resolve()
    prefixes = [Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()]
    sources_ok = [*prefixes, Path(site.getusersitepackages()).resolve(), ROOT]
    # 1. every collected file came from the Python installation, the project or the system:
    #    nothing from ~/.cache, ~/.config, ~/.local/share, downloads...
    assert bundle.collected_sources
    for src in bundle.collected_sources:
        if src.is_relative_to(home):
            assert any(src.is_relative_to(p) for p in sources_ok), src
    # 2. no file mentions the home directory except compiled-in Python install paths
    leaks = home_path_leaks(bundle.root, home, allowed=prefixes)
    assert leaks == {}, leaks
    # ... nor the checkout it was built from
    assert home_path_leaks(bundle.root, ROOT, allowed=[]) == {}
    # 3. no Python code object carries an absolute build path
    for name in pyz_code_filenames(bundle.exe):
        assert not name.startswith("/"), name


def test_install_desktop_entry_points_at_the_bundle(bundle: Bundle, home: Path) -> None:
    script = bundle.root / "install-desktop-entry.sh"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True,
                         timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    share = home / ".local" / "share"
    entry = share / "applications" / "io.github.memedesktop.MemeDesktop.desktop"
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert f"Exec={bundle.exe}" in lines and f"TryExec={bundle.exe}" in lines
    check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    for size in (16, 32, 48, 128, 256, 512):
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / \
            "io.github.memedesktop.MemeDesktop.png"
        assert icon.is_file(), icon
    assert (share / "metainfo" / "io.github.memedesktop.MemeDesktop.metainfo.xml").is_file()
    removed = subprocess.run(["bash", str(script), "--uninstall"], env=env, capture_output=True,
                             text=True, timeout=60, check=False)
    assert removed.returncode == 0 and not entry.exists()
    assert not list((share / "icons").rglob("io.github.memedesktop.MemeDesktop.*"))
