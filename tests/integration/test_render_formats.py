"""Several formats of one draft from one render (``engine/render/multi.py``): one ffmpeg
process whose inputs are opened once (a GIF's palette made afterwards from its frames), every
output right, never a stall whatever the order, a cancel that leaves nothing, size caps kept,
and the passes grouped by the memory they need."""

from __future__ import annotations

import threading
from pathlib import Path

import av
import pytest

from meme_desktop.draft import Draft
from meme_desktop.engine.errors import OutputNotWritableError, RenderCancelled
from meme_desktop.engine.media import probe
from meme_desktop.engine.render import RenderOptions, multi
from meme_desktop.engine.render.presets import resolve
from tests.helpers.media import make_clip, make_image


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats-media")
    return {"clip": make_clip(folder / "clip.mp4", seconds=1.6, size="320x180"),
            "pic": make_image(folder / "pic.png", size="200x150")}


def _draft(sources: dict[str, Path], seconds: float = 1.6) -> Draft:
    half = int(seconds * 500)
    return Draft.from_json({"v": 1, "m": {"width": 320, "height": 180, "fps": 15}, "t": [
        {"id": "v1", "tt": 0, "sg": [
            {"id": "s1", "src": str(sources["clip"]), "st": 0, "d": half, "fit": "blur"},
            {"id": "s2", "src": str(sources["pic"]), "st": half, "d": half, "fit": "cover"}]},
        {"id": "a1", "tt": 1, "sg": [{"id": "s3", "src": "sfx:ding", "st": 200, "d": 600}]},
        {"id": "x1", "tt": 7, "sg": [{"id": "s4", "txt": "HELLO", "st": 0, "d": half * 2,
                                      "pos": "top"}]}]})


def _targets(folder: Path) -> list[tuple[Path, RenderOptions]]:
    return [(folder / "meme-vertical.mp4", RenderOptions(preset="vertical", quality="fast")),
            (folder / "meme-square.mp4", RenderOptions(preset="square", quality="fast")),
            (folder / "meme.gif", RenderOptions(preset="gif", quality="fast"))]


def _small(monkeypatch: pytest.MonkeyPatch) -> None:
    """1080p canvases cost seconds on a shared 2-core machine: the test presets are 1/6."""
    from meme_desktop.engine.render import presets

    monkeypatch.setitem(presets.PRESETS, "vertical", presets.Preset(180, 320))
    monkeypatch.setitem(presets.PRESETS, "square", presets.Preset(180, 180))


def test_three_formats_from_one_ffmpeg_that_opens_each_source_once(
        sources: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _small(monkeypatch)
    calls: list[list[str]] = []
    real = multi.run_ffmpeg

    def spy(args: list[str], *rest: object, **kw: object) -> None:
        calls.append(list(args))
        real(args, *rest, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(multi, "run_ffmpeg", spy)
    seen: list[float] = []
    outs = multi.render_formats(_draft(sources), _targets(tmp_path), lambda s: Path(s),
                                seen.append)
    assert outs == [t for t, _o in _targets(tmp_path)]
    assert len(calls) == 2  # the shared pass, then the GIF's palette from its frames
    inputs = [calls[0][i + 1] for i, a in enumerate(calls[0]) if a == "-i"]
    assert inputs.count(str(sources["clip"])) == 1 and inputs.count(str(sources["pic"])) == 1
    assert calls[0].count("-filter_complex") == 2  # the formats' pictures, and the sound
    gif_inputs = [calls[1][i + 1] for i, a in enumerate(calls[1]) if a == "-i"]
    assert len(gif_inputs) == 1 and gif_inputs[0].endswith(".frames.mkv")  # no source again
    vertical, square, gif = (probe(p) for p in outs)
    assert (vertical.width, vertical.height, vertical.has_audio) == (180, 320, True)
    assert (square.width, square.height, square.has_audio) == (180, 180, True)
    assert gif.codec == "gif" and not gif.has_audio and gif.fps <= 15
    for info in (vertical, square, gif):
        assert abs(info.duration - 1.6) < 0.15
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    with av.open(str(outs[1])) as container:  # the square is really the meme, not black
        frame = next(container.decode(video=0)).to_ndarray(format="gray")
    assert frame.mean() > 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meme-square.mp4",
                                                            "meme-vertical.mp4", "meme.gif"]


def _render_within(draft: Draft, targets: list[tuple[Path, RenderOptions]],
                   seconds: float) -> tuple[bool, list[object]]:
    """Render the formats in a thread; (whether it ended within ``seconds``, [its result or
    its error]). A pass still running then is cancelled, so a hang never outlives the test."""
    cancel, done = threading.Event(), threading.Event()
    box: list[object] = []

    def work() -> None:
        try:
            box.append(multi.render_formats(draft, targets, lambda s: Path(s), None, cancel))
        except Exception as exc:  # noqa: BLE001 - reported by the caller
            box.append(exc)
        done.set()

    threading.Thread(target=work, daemon=True).start()
    finished = done.wait(seconds)
    cancel.set()
    done.wait(10)
    return finished, box


@pytest.mark.parametrize("order", [("gif", "vertical"), ("vertical", "square", "gif")])
def test_a_gif_beside_mp4s_never_stalls_the_pass(sources: dict[str, Path], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                order: tuple[str, ...]) -> None:
    """A GIF's palette needs every frame first; inside the shared pass that wait stalled the
    MP4 encoders for good (ffmpeg paces its outputs together). One clip with its sound and a
    caption, the GIF first: the render ends (it is stopped and fails the test otherwise)."""
    _small(monkeypatch)
    draft = Draft.from_json({"v": 1, "m": {"width": 320, "height": 180, "fps": 30}, "t": [
        {"id": "v1", "tt": 0, "sg": [{"id": "s1", "src": str(sources["clip"]), "st": 0,
                                      "d": 1600, "fit": "blur"}]},
        {"id": "x1", "tt": 7, "sg": [{"id": "s2", "txt": "SHIP IT", "st": 0, "d": 1600}]}]})
    targets = [(tmp_path / f"m.{p}.{'gif' if p == 'gif' else 'mp4'}",
                RenderOptions(preset=p, quality="fast")) for p in order]
    finished, box = _render_within(draft, targets, 60)
    assert finished, "the render stalled"
    assert box and isinstance(box[0], list), box
    assert probe(tmp_path / "m.gif.gif").codec == "gif"


def test_formats_sharing_a_clip_never_hang_the_pass(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A clip (with its sound) read by one filter graph per format hung ffmpeg about one run
    in two, at random (every thread waiting, no progress): the formats' picture chains now
    share one graph. Several runs of the case that hung, each must end."""
    clip = make_clip(tmp_path / "office.mp4", seconds=2.0, size="320x240", fps=15)
    draft = Draft.from_json({"v": 1, "m": {"width": 1080, "height": 1920, "fps": 30}, "t": [
        {"id": "v1", "tt": 0, "sg": [{"id": "s1", "src": str(clip), "st": 0, "d": 2000,
                                      "fit": "blur", "zm": [1.0, 1.2]}]},
        {"id": "a1", "tt": 1, "sg": [{"id": "s2", "src": "sfx:ding", "st": 0, "d": 2000,
                                      "vol": 80}]},
        {"id": "x1", "tt": 7, "sg": [{"id": "s3", "txt": "when the office", "st": 0,
                                      "d": 2000, "sty": "bar"}]}]})
    for run in range(4):
        folder = tmp_path / f"run{run}"
        folder.mkdir()
        finished, box = _render_within(draft, _targets(folder), 30)
        assert finished, f"run {run} hung"
        assert box and isinstance(box[0], list), box


def test_a_cancel_leaves_no_file_of_any_format(sources: dict[str, Path], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _small(monkeypatch)
    (tmp_path / "meme.gif").write_bytes(b"an older GIF stays as it was")
    cancel = threading.Event()

    def progress(fraction: float) -> None:
        if fraction > 0.05:
            cancel.set()

    with pytest.raises(RenderCancelled):
        multi.render_formats(_draft(sources, seconds=6.0), _targets(tmp_path),
                             lambda s: Path(s), progress, cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meme.gif"]  # no partial file
    assert (tmp_path / "meme.gif").read_bytes() == b"an older GIF stays as it was"


def test_a_size_cap_is_kept_beside_other_formats(sources: dict[str, Path], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The shared pass encodes the capped MP4 at four times its rate (an encoder that
    overshoots): it is encoded again alone, lower, before anything is renamed."""
    _small(monkeypatch)
    cap = 30_000  # the shared pass at 4x its rate makes ~40 KB (its CRF size): well over
    real_rates, real_render = multi._cap_rates, multi.render
    monkeypatch.setattr(multi, "_cap_rates", lambda *a: (real_rates(*a)[0] * 4, real_rates(*a)[1]))
    again: list[int | None] = []

    def render(*args: object, **kw: object) -> Path:
        again.append(kw.get("cap_kbps"))  # type: ignore[arg-type]
        return real_render(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(multi, "render", render)
    targets = [(tmp_path / "a-square.mp4", RenderOptions(preset="square", quality="best")),
               (tmp_path / "a-capped.mp4", RenderOptions(quality="best", max_bytes=cap))]
    outs = multi.render_formats(_draft(sources), targets, lambda s: Path(s))
    assert len(again) == 1 and again[0] is not None
    assert outs[1].stat().st_size <= cap and probe(outs[1]).has_audio
    assert probe(outs[0]).width == 180
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-capped.mp4", "a-square.mp4"]


def test_two_formats_cannot_write_one_file(sources: dict[str, Path], tmp_path: Path) -> None:
    same = tmp_path / "meme.mp4"
    with pytest.raises(OutputNotWritableError):
        multi.render_formats(_draft(sources), [(same, RenderOptions(preset="square")),
                                               (same, RenderOptions(preset="vertical"))],
                             lambda s: Path(s))
    assert list(tmp_path.iterdir()) == []


def _plans(*presets: str, w: int = 1080, h: int = 1920) -> list:
    return [resolve(RenderOptions(preset=p), w, h, 30) for p in presets]


def test_passes_are_grouped_by_the_memory_they_need() -> None:
    # the measured cases (docs/render.md): a 1080x1920 export ~310 MB, with the square and
    # a GIF's frames ~400 MB (the GIF's palette is made apart)
    assert abs(multi.estimate_mb(_plans("vertical"), 10) - 310) < 15
    assert abs(multi.estimate_mb(_plans("vertical", "square", "gif"), 10) - 400) < 20
    assert multi.group_passes(_plans("vertical", "square", "gif"), 10) == [[0, 1, 2]]
    # four 1080p formats do not fit one pass
    groups = multi.group_passes(_plans("vertical", "landscape", "feed", "square"), 10)
    assert len(groups) > 1 and sorted(i for g in groups for i in g) == [0, 1, 2, 3]
    assert all(multi.estimate_mb([_plans("vertical", "landscape", "feed", "square")[i]
                                  for i in g], 10) <= multi.PASS_BUDGET_MB for g in groups)
    # one output over the budget still gets its pass
    assert multi.group_passes(_plans("vertical"), 10, budget_mb=1) == [[0]]


def test_split_passes_still_rename_only_at_the_end(sources: dict[str, Path], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With a budget that splits every format into its own pass, the files are still all
    there at the end, and a failure in the second pass leaves none."""
    _small(monkeypatch)
    monkeypatch.setattr(multi, "PASS_BUDGET_MB", 1.0)
    passes: list[int] = []
    real = multi.one_pass

    def counted(*args: object, **kw: object) -> None:
        passes.append(1)
        if len(passes) == 2 and (tmp_path / "fail").exists():
            raise RenderCancelled("stopped in the second pass")
        real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(multi, "one_pass", counted)
    outs = multi.render_formats(_draft(sources), _targets(tmp_path)[:2], lambda s: Path(s))
    assert len(passes) == 2 and all(p.is_file() for p in outs)
    for p in outs:
        p.unlink()
    (tmp_path / "fail").write_text("")
    passes.clear()
    with pytest.raises(RenderCancelled):
        multi.render_formats(_draft(sources), _targets(tmp_path)[:2], lambda s: Path(s))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fail"]
