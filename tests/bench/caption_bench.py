"""Caption benchmark (issue 12): run as ``python tests/bench/caption_bench.py``.

For 100 topics of the lexicon, in English and in Chinese, a session asks for a meme about the
topic and then says "another one" four times (5 captions a topic). It prints:

- the share of captions that name their topic (target >= 95 %),
- the distinct-caption rate over all of them (target >= 98 %),
- the fits-the-frame rate: every caption laid out with the renderer's own text layout stays
  inside its room, readable, on the canvas it was made for — and inside the frame on all three
  canvases 1080x1920, 1080x1080, 1920x1080 (target 100 %),
- the time a maker turn takes (median and 95th percentile; target < 50 ms),

then renders 60 of the memes with the real renderer (preview quality, small generated media)
and writes an HTML contact sheet of their frames for people to judge (``--out``, default a
temporary folder; ``--no-sheet`` skips it). Not collected by pytest.
"""

from __future__ import annotations

import argparse
import html
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from meme_desktop.caption_art import fit_caption  # noqa: E402
from meme_desktop.config import ffmpeg_exe  # noqa: E402
from meme_desktop.engine.agent import AssetRef  # noqa: E402
from meme_desktop.engine.agent.maker.fit import measure  # noqa: E402
from meme_desktop.engine.agent.maker.library import library  # noqa: E402
from meme_desktop.engine.agent.maker.topics import mentions  # noqa: E402
from meme_desktop.engine.render import RenderOptions, render  # noqa: E402
from meme_desktop.engine.render.captions import margin  # noqa: E402
from tests.helpers.maker_session import Session  # noqa: E402
from tests.helpers.media import make_clip, make_image  # noqa: E402

CANVASES = ((1080, 1920), (1080, 1080), (1920, 1080))
VARIANTS = 5


def _inside_everywhere(text: str, style: str, pos: str, size: float) -> bool:
    return all(fit_caption(text, style, pos, size, w, h, margin(w, h)).inside for w, h in CANVASES)


def run_topics(n: int) -> dict[str, object]:
    lib = library()
    step = max(1, len(lib.topics) // n)
    topics = lib.topics[::step][:n]
    assets = [AssetRef("h_pic", "photo.jpg", "image", 0.0, 800, 600, False)]
    out: dict[str, object] = {}
    memes = []
    for lang in ("en", "zh"):
        captions: list[str] = []
        named = fits = total = 0
        times: list[float] = []
        for topic in topics:
            s = Session("none", language=lang, assets=assets)
            ask = (f"make a meme about {topic.names['en'][0]}" if lang == "en"
                   else f"做一个关于{topic.names['zh'][0]}的表情包")
            for k in range(VARIANTS):
                t0 = time.perf_counter()
                turn = s.say(ask if k == 0 else ("another one" if lang == "en" else "换一个"))
                times.append((time.perf_counter() - t0) * 1000)
                meme = turn.meme
                if meme is None or turn.draft is None:
                    total += 1
                    continue
                total += 1
                shown = " / ".join(meme.captions)
                captions.append(shown)
                named += any(mentions(c, topic) for c in meme.captions)
                segs = {seg.id: seg for seg in turn.draft.segments(7)}
                w, h = turn.draft.meta.width, turn.draft.meta.height
                ok = True
                for cid in meme.caption_ids:
                    seg = segs.get(cid)
                    if seg is None:
                        ok = False
                        continue
                    ok &= measure(seg.text, seg.style, seg.pos, seg.size, w, h).readable(seg.pos)
                    ok &= _inside_everywhere(seg.text, seg.style, seg.pos, seg.size)
                fits += ok
                memes.append((turn.draft, meme, topic.id))
        out[lang] = {
            "captions": total, "mention": named / max(1, total),
            "distinct": len(set(captions)) / max(1, total), "fits": fits / max(1, total),
            "median_ms": statistics.median(times), "p95_ms": sorted(times)[int(len(times) * .95)],
        }
    out["memes"] = memes
    return out


def contact_sheet(memes: list, out: Path, count: int = 60) -> Path:
    """Render ``count`` memes (spread over formats) and write ``index.html`` of their frames."""
    out.mkdir(parents=True, exist_ok=True)
    media = out / "media"
    media.mkdir(exist_ok=True)
    files = {"h_pic": make_image(media / "photo.png", "800x600", "0xcc6633"),
             "h_pic2": make_image(media / "photo2.png", "600x800", "0x3366cc"),
             "h_clip": make_clip(media / "clip.mp4", 3.0, "640x360")}
    by_format: dict[str, list] = {}
    for draft, meme, topic in memes:
        by_format.setdefault(meme.format, []).append((draft, meme, topic))
    chosen: list = []
    while len(chosen) < count and any(by_format.values()):
        for items in by_format.values():
            if items and len(chosen) < count:
                chosen.append(items.pop(len(items) // 2))
    figures = []
    for i, (draft, meme, topic) in enumerate(chosen):
        video = out / f"meme{i:02d}.mp4"
        render(draft, video, RenderOptions(quality="preview"), lambda src: files[src])
        at = max((s.start for s in draft.segments(7)), default=0) / 1000 + 0.2
        frame = out / f"meme{i:02d}.jpg"
        subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-ss",
                        f"{at:.2f}", "-i", str(video), "-frames:v", "1", str(frame)], check=True)
        video.unlink()
        figures.append(f"<figure><img src='{frame.name}' loading='lazy'><figcaption><b>"
                       f"{html.escape(meme.format)}</b> · {html.escape(topic)} · {meme.lang}<br>"
                       f"{html.escape(' / '.join(meme.captions))}</figcaption></figure>")
    page = out / "index.html"
    page.write_text("<!doctype html><meta charset='utf-8'><title>Meme Desktop — caption "
                    "contact sheet</title><style>body{font:14px sans-serif;background:#222;"
                    "color:#eee}main{display:grid;grid-template-columns:repeat(auto-fill,"
                    "minmax(220px,1fr));gap:12px}img{width:100%;background:#000}figure{margin:0}"
                    "</style><h1>60 memes made by the offline assistant</h1><main>"
                    + "".join(figures) + "</main>", encoding="utf-8")
    return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--topics", type=int, default=100)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--no-sheet", action="store_true")
    args = parser.parse_args()
    _app = QGuiApplication.instance() or QGuiApplication([])  # the renderer's text layout
    results = run_topics(args.topics)
    for lang in ("en", "zh"):
        r = results[lang]
        assert isinstance(r, dict)
        print(f"[{lang}] {args.topics} topics x {VARIANTS} = {r['captions']} captions: "
              f"topic named {r['mention']:.1%} (target >= 95%), distinct {r['distinct']:.1%} "
              f"(>= 98%), fits the frame {r['fits']:.1%} (100%); maker turn median "
              f"{r['median_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms (< 50 ms)")
    if not args.no_sheet:
        out = args.out or Path(tempfile.mkdtemp(prefix="caption-sheet-"))
        memes = results["memes"]
        assert isinstance(memes, list)
        page = contact_sheet(memes, out)
        print(f"contact sheet: {page}")


if __name__ == "__main__":
    main()
