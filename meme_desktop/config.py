"""Where things live and what the user chose: platformdirs paths and typed settings.

Every directory comes from platformdirs and can be overridden with an environment variable
(``MEME_DESKTOP_DATA_DIR``, ``MEME_DESKTOP_CONFIG_DIR``, ``MEME_DESKTOP_CACHE_DIR``), which is
how tests and portable installs keep everything in one place. On POSIX each of these folders
is private to the person (0700, tightened if an older version made it 0755) and the files
written here are 0600: they hold transcripts, drafts and media. Settings are declared once in
:class:`Settings` with their defaults and stored as JSON in the config directory; UI state
(window geometry, last folder) is kept apart in :class:`UiState`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

import platformdirs

from meme_desktop import APP_ID

DEFAULT_CLOUD_URL = "https://mega-api-prod.nemovideo.ai"

Backend = Literal["local", "cloud"]

# A person's own language model (docs/own-model.md): how its settings reach the engine child.
# These names are a contract: ``meme-desktop engine serve``, ``make`` and ``chat`` read them.
LLM_URL_ENV = "MEME_DESKTOP_LLM_URL"          # OpenAI-compatible base URL ending in /v1
LLM_MODEL_ENV = "MEME_DESKTOP_LLM_MODEL"      # the model's name on that server
LLM_KEY_ENV = "MEME_DESKTOP_LLM_KEY"          # an API key, sent only as a bearer header
LLM_TIMEOUT_ENV = "MEME_DESKTOP_LLM_TIMEOUT"  # seconds a turn waits for the model
LLM_DEFAULT_TIMEOUT = 30
ASSISTANTS = ("builtin", "local", "custom")   # Settings › Assistant


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def _owned(st: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or st.st_uid == os.getuid()


def make_private(path: Path) -> None:
    """POSIX: a folder we own becomes 0700, a file 0600 (no-op on Windows, where the user
    profile's ACLs already keep others out)."""
    if os.name != "posix":
        return
    try:
        st = path.stat()
        if not _owned(st):
            return
        wanted = PRIVATE_DIR if path.is_dir() else PRIVATE_FILE
        if st.st_mode & 0o777 != wanted:
            path.chmod(wanted)
    except OSError:
        pass  # a folder we cannot change keeps its mode; nothing else depends on it


def private_tree(root: Path) -> None:
    """Tighten ``root`` and everything in it (folders 0700, files 0600); symlinks untouched."""
    if os.name != "posix" or not root.is_dir():
        return
    make_private(root)
    for folder, dirs, files in os.walk(root):
        for name in (*dirs, *files):
            entry = Path(folder) / name
            if not entry.is_symlink():
                make_private(entry)


def _dir(env: str, default: str) -> Path:
    value = os.environ.get(env)
    path = Path(value).expanduser() if value else Path(default)
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    make_private(path)
    return path


def data_dir() -> Path:
    """Sessions, media store and engine database."""
    return _dir("MEME_DESKTOP_DATA_DIR", platformdirs.user_data_dir(APP_ID, appauthor=False))


def config_dir() -> Path:
    """Settings, UI state and the persisted client id (never tokens)."""
    return _dir("MEME_DESKTOP_CONFIG_DIR", platformdirs.user_config_dir(APP_ID, appauthor=False))


def cache_dir() -> Path:
    """Synthesised sounds, caption images, thumbnails, previews: all can be rebuilt."""
    return _dir("MEME_DESKTOP_CACHE_DIR", platformdirs.user_cache_dir(APP_ID, appauthor=False))


def resources_dir() -> Path:
    """The shipped ``resources/`` folder: in a source checkout, an install or a frozen bundle."""
    override = os.environ.get("MEME_DESKTOP_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    return here.parent / "resources"


def ffmpeg_exe() -> str:
    """The ffmpeg binary: ``MEME_DESKTOP_FFMPEG`` if set, else the one imageio-ffmpeg ships."""
    override = os.environ.get("MEME_DESKTOP_FFMPEG")
    if override:
        return override
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


T = TypeVar("T")


def _load(cls: type[T], path: Path) -> T:
    """Read a dataclass from JSON, keeping defaults for missing or mistyped fields."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return cls()
    if not isinstance(raw, dict):
        return cls()
    obj = cls()
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in raw and isinstance(raw[f.name], type(getattr(obj, f.name))):
            setattr(obj, f.name, raw[f.name])
    return obj


def _save(obj: Any, path: Path) -> None:
    """Write atomically: a temporary file beside the target, then rename."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(dataclasses.asdict(obj), indent=2))
    make_private(tmp)  # an older file of the same name may have been 0644
    os.replace(tmp, path)


def system_language(environ: dict[str, str] | None = None) -> str:
    """The interface language a first launch starts in: Chinese on a Chinese system (the
    locale variables on Linux and macOS, the user's locale on Windows), English otherwise."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return "zh_CN" if value.lower().startswith("zh") else "en"
    if environ is None and sys.platform == "win32":
        import locale  # noqa: PLC0415 - only Windows has no locale variables to read

        name = locale.getlocale()[0] or ""
        return "zh_CN" if name.lower().startswith(("zh", "chinese")) else "en"
    return "en"


@dataclass
class Settings:
    """User preferences. Tokens are never stored here (see :mod:`meme_desktop.secrets`)."""

    backend: str = "local"  # "local" (embedded engine) or "cloud" (NemoVideo)
    cloud_url: str = DEFAULT_CLOUD_URL
    language: str = field(default_factory=system_language)  # "en" or "zh_CN"
    theme: str = "system"  # "system" (follow the desktop), "light" or "dark"
    export_preset: str = "vertical"
    export_quality: str = "high"
    render_workers: int = 1
    assistant: str = "builtin"  # "builtin" (offline rules), "local" or "custom" model server
    local_model_url: str = ""  # a detected local server, e.g. http://127.0.0.1:11434/v1
    custom_model_url: str = ""  # any OpenAI-compatible base URL ending in /v1
    model_name: str = ""
    model_timeout: int = LLM_DEFAULT_TIMEOUT  # seconds

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @property
    def model_url(self) -> str:
        """The base URL of the chosen model server, or "" for the built-in assistant."""
        if self.assistant == "local":
            return self.local_model_url
        if self.assistant == "custom":
            return self.custom_model_url
        return ""

    @classmethod
    def load(cls) -> Settings:
        return _load(cls, cls.path())

    def save(self) -> None:
        _save(self, self.path())


@dataclass
class UiState:
    """What the window remembers between runs; not preferences."""

    geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""
    last_export_dir: str = ""
    last_import_dir: str = ""
    last_session_id: str = ""
    splitters: dict[str, str] = field(default_factory=dict)  # panel sizes (window_layout.py)
    hidden_media: dict[str, list[str]] = field(default_factory=dict)  # project -> removed media
    pending_exports: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "ui_state.json"

    @classmethod
    def load(cls) -> UiState:
        return _load(cls, cls.path())

    def save(self) -> None:
        _save(self, self.path())
