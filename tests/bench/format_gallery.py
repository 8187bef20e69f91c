"""The format gallery of docs/assistant.md: run as ``python tests/bench/format_gallery.py``.

Makes one meme per format with the offline assistant (a generated test picture, the topic
"coffee", Chinese formats in Chinese), renders each with the real renderer at preview quality,
saves a frame where every caption shows as ``docs/gallery/<format>.jpg`` and prints the
Markdown table the docs use. Not collected by pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from meme_desktop.config import ffmpeg_exe  # noqa: E402
from meme_desktop.engine.agent import AssetRef  # noqa: E402
from meme_desktop.engine.agent.maker.library import library  # noqa: E402
from meme_desktop.engine.render import RenderOptions, render  # noqa: E402
from tests.helpers.maker_session import Session  # noqa: E402
from tests.helpers.media import make_image  # noqa: E402


def main() -> None:
    _app = QGuiApplication.instance() or QGuiApplication([])
    out = ROOT / "docs" / "gallery"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="gallery-"))
    files = {"h_a": make_image(work / "a.png", "800x600", "0xcc6633"),
             "h_b": make_image(work / "b.png", "800x600", "0x3366cc")}
    assets = [AssetRef("h_a", "photo.png", "image", 0.0, 800, 600),
              AssetRef("h_b", "photo2.png", "image", 0.0, 800, 600)]
    rows = []
    for fmt in library().formats.values():
        lang = "zh" if fmt.id.startswith("zh_") else "en"
        used = assets if fmt.media != "none" else []
        s = Session("none", language=lang, assets=used)
        turn = s.maker_turn(fmt.id, lang, "咖啡" if lang == "zh" else "coffee")
        assert turn.draft is not None and turn.meme is not None
        video = work / f"{fmt.id}.mp4"
        render(turn.draft, video, RenderOptions(quality="preview"), lambda src: files[src])
        at = max((seg.start for seg in turn.draft.segments(7)), default=0) / 1000 + 0.3
        subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-ss",
                        f"{at:.2f}", "-i", str(video), "-frames:v", "1", "-vf", "scale=180:-2",
                        "-q:v", "6", str(out / f"{fmt.id}.jpg")], check=True)
        caption = " / ".join(" ".join(c.split()) for c in turn.meme.captions)
        sounds = ", ".join(turn.meme.sounds + ([turn.meme.music] if turn.meme.music else []))
        name, about = (fmt.name["en"].replace("<", "&lt;"), fmt.about["en"].replace("<", "&lt;"))
        rows.append(f"| ![{fmt.id}](gallery/{fmt.id}.jpg) | **{name}** (`{fmt.id}`) — "
                    f"{about} | “{caption}” | {sounds} |")
    print("| | format | example caption (topic: coffee) | sounds |\n|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
