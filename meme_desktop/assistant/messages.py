"""The ONE place where errors become sentences for people, and other fixed texts.

:func:`user_message` maps every typed error of :mod:`meme_desktop.api.errors` (by class, never
by message text) to one plain sentence, with no token, id or JSON in it. The credits text, the
registration link for anonymous users out of credits, the sentence for an instruction that
changed nothing and the report of a rebuilt project are here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from meme_desktop.api import errors as e
from meme_desktop.api.auth import NO_KEYRING_NOTICE
from meme_desktop.api.models import Credits
from meme_desktop.api.upload import ACCEPTED_TYPES
from meme_desktop.assistant import messages_zh as zh
from meme_desktop.assistant.events import NotConnectedError, NothingToExportError
from meme_desktop.assistant.recovery import Restoration

REGISTER_URL = "https://nemovideo.ai/register"
STILL_WORKING = "⏳ Still working…"
GREETING = ("Hi! Share your images or clips and tell me what meme to make. Try: "
            "\"generate my images or clips\", \"export 1080p MP4\", "
            "\"turn this image into a meme\".")
STARTERS = ("generate my images or clips", "export 1080p MP4", "turn this image into a meme")


@dataclass(frozen=True)
class Context:
    """What a sentence may depend on: the backend and the account."""

    backend: str = "local"  # "local" or "cloud"
    anonymous: bool = False
    user_id: str = ""
    language: str = "en"  # "zh": the sentences in Chinese (messages_zh)

    @property
    def zh(self) -> bool:
        return self.language.startswith("zh")


def still_working(chinese: bool = False) -> str:
    return zh.STILL_WORKING if chinese else STILL_WORKING


def sign_in_notice(text: str, chinese: bool = False) -> str:
    """A sign-in notice of the client (:data:`api.auth.NO_KEYRING_NOTICE`) in the person's
    language."""
    return zh.NO_KEYRING if chinese and text == NO_KEYRING_NOTICE else text


def accepted_types_text() -> str:
    return ", ".join(t.upper() for t in ACCEPTED_TYPES if t != "jpeg")


def register_link(user_id: str) -> str:
    """The registration page that keeps this anonymous user's work (``?bind=<user_id>``)."""
    return f"{REGISTER_URL}?{urlencode({'bind': user_id})}" if user_id else REGISTER_URL


def credits_text(credits: Credits, ctx: Context | None = None) -> str:
    ctx = ctx or Context()
    if ctx.zh:
        return zh.credits_text(credits, ctx.backend == "local", ctx.anonymous,
                               register_link(ctx.user_id))
    if ctx.backend == "local":
        return "You are using the built-in engine: exports are free and unlimited."
    text = (f"You have {credits.available:g} credits available"
            + (f" ({credits.frozen:g} reserved by running jobs)" if credits.frozen else "")
            + ".")
    if credits.available <= 0:
        text += " " + _no_credits(ctx)
    return text


def _no_credits(ctx: Context) -> str:
    if ctx.zh:
        return zh.no_credits(ctx.anonymous, register_link(ctx.user_id))
    if ctx.anonymous:
        return ("You are out of free credits. Register to get more and keep this project: "
                f"{register_link(ctx.user_id)}")
    return "You are out of credits. Top up credits in your account to continue."


def waiting_time(seconds: float, chinese: bool = False) -> str:
    """``"about 6 days"``, ``"about 3 hours"``, ``"about 20 minutes"``, ``"a minute"`` (or
    ``"大约 6 天"`` … ``"1 分钟"``)."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        n = round(seconds / size)
        if n >= 2 or (n == 1 and unit != "minute"):
            if chinese:
                return f"大约 {n} {zh.UNITS[unit]}"
            return f"about {n} {unit}{'s' if n != 1 else ''}"
    return "1 分钟" if chinese else "a minute"


def _sign_in_unavailable(exc: e.SignInUnavailableError, ctx: Context) -> str:
    if ctx.zh:
        when = waiting_time(exc.retry_after, chinese=True) if exc.retry_after else ""
        return zh.sign_in_unavailable(exc, register_link(ctx.user_id), when)
    if exc.repeat:  # the whole story was told once already
        return ("Still no free sign-in (one per 7 days): register or paste a token in "
                "Settings to go on.")
    what = ("Your free NemoVideo sign-in has expired, and the service gives a new free one "
            if exc.renewal else "The NemoVideo service gives a free sign-in ")
    when = f"; the next in {waiting_time(exc.retry_after)}" if exc.retry_after else ""
    return (f"{what}only once every 7 days per computer{when}. To go on now, register "
            f"({register_link(ctx.user_id)}) or paste a token in Settings (or set NEMO_TOKEN).")


def _quoted(instruction: str) -> str:
    text = " ".join(instruction.split())
    return f"“{text if len(text) <= 80 else text[:79] + '…'}”"


def no_effect_text(instruction: str, chinese: bool = False) -> str:
    """A chat turn that changed nothing (``chat`` and the window)."""
    if chinese:
        return zh.no_effect_text(_quoted(instruction))
    return f"Nothing changed after {_quoted(instruction)}. Could you say it another way?"


def no_effect_export_text(instruction: str) -> str:
    """The same in ``make``, which then exports nothing."""
    return (f"Nothing changed after {_quoted(instruction)}, so no video was exported. Say it "
            "another way, or add --export-anyway to export the video as it is.")


def nothing_made_text(instruction: str, chinese: bool = False) -> str:
    """A file of a batch whose instructions left its timeline empty."""
    if chinese:
        return zh.nothing_made_text(_quoted(instruction))
    return f"Nothing was made from it after {_quoted(instruction)}, so there is no video."


def not_added_text(name: str, chinese: bool = False) -> str:
    """A file of a batch the backend did not take into its new project."""
    if chinese:
        return zh.not_added_text(name)
    return f"{name} could not be added to a new project."


def _names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def restoration_text(r: Restoration, chinese: bool = False) -> str:
    """One report of a project rebuilt in a new session (what came back, what did not)."""
    if chinese:
        return zh.restoration_text(r, [_quoted(t) for t in r.replayed],
                                   [f"{_quoted(t)}（{why}）" for t, why in r.not_replayed])
    if not r.anything:
        return "That project no longer exists, so I started a new one."
    done: list[str] = []
    if r.uploaded:
        done.append(f"uploaded {_names(r.uploaded)} again")
    if r.replayed:
        n = len(r.replayed)
        done.append(f"repeated {n} earlier instruction{'s' if n != 1 else ''} "
                    f"({', '.join(_quoted(t) for t in r.replayed)})")
    text = "The service had lost this project, so I started a new one"
    text += (" and " + " and ".join(done) + "." if done else ".")
    lost = [f"{name} ({why})" for name, why in r.missing] + \
        [f"{_quoted(t)} ({why})" for t, why in r.not_replayed]
    if lost:
        text += " Not restored: " + "; ".join(lost) + "."
    return text


# Refusals whose reason only the built-in engine knows (which file, which link, why); its
# messages are written for people, so they are shown as they are. The cloud's are not.
_ENGINE_SENTENCES = (e.BadRequestError, e.UnsupportedFileError, e.FileTooLargeError,
                     e.UnreadableFileError, e.NotFoundError)


def _is_sentence(detail: str) -> bool:
    return 0 < len(detail) <= 300 and not detail[0].islower() and detail.rstrip()[-1:] in ".!?"


def user_message(exc: BaseException, ctx: Context | None = None) -> str:
    """One sentence for any error the client or the assistant can raise."""
    ctx = ctx or Context()
    engine = ctx.backend == "local"
    where = "the built-in engine" if engine else "the NemoVideo service"
    sentence = {
        e.TokenInvalidError: (
            "The built-in engine refused the connection; restart the app."
            if engine else "Your sign-in expired and could not be renewed. Check your "
            "NEMO_TOKEN, or sign out and try again."),
        e.SessionNotFoundError: "That project no longer exists, so I started a new one.",
        e.UnsupportedFileError: ("That file type is not supported. Use one of: "
                                 f"{accepted_types_text()}."),
        e.FileTooLargeError: ("That file is too large (the limit is 200 MB). Trim it or "
                              "compress it, then try again."),
        e.SessionBusyError: "I'm still working on your previous message; wait for it to finish.",
        e.UnreadableFileError: ("That file looks damaged or is not really a video, image or "
                                "sound. Try another copy."),
        e.ConflictError: f"{where.capitalize()} is already doing that. Try again in a moment.",
        e.MissingClientIdError: "Could not sign in to the NemoVideo service. Try again.",
        e.ExportBlockedError: "Register or upgrade your plan to unlock export.",
        e.RateLimitedError: "The service is busy right now. Wait a minute and try again.",
        e.NotFoundError: f"{where.capitalize()} could not find what was asked for.",
        e.ServerError: f"{where.capitalize()} had a problem. Try again in a moment.",
        e.ProtocolError: f"{where.capitalize()} gave an answer I could not read.",
        e.BackendUnavailableError: ("The built-in engine could not start. Restart the app; "
                                    "if it keeps happening, reinstall it."),
        e.StreamInterruptedError: ("The connection dropped in the middle of the reply. "
                                   "I'll check what was done."),
        e.StreamTimeoutError: "That took too long, so I stopped waiting for the reply.",
        e.RenderTimeoutError: "The export took too long and was stopped. Try again.",
        e.DownloadError: "The video was made but could not be downloaded. Try exporting again.",
        e.ConnectionFailedError: (
            "Lost the connection to the built-in engine; it is being restarted. Try again."
            if engine else "Cannot reach the NemoVideo service. Check your internet "
            "connection and try again."),
        e.RequestTimeoutError: f"{where.capitalize()} did not answer in time. Try again.",
        e.RenderFailedError: "The export failed twice. Check the timeline and try again.",
        e.RenderCancelledError: "Export cancelled.",
        e.DestinationFullError: ("There is not enough free space on that disk for the video. "
                                 "Free some space or choose another folder."),
        e.OutputNotWritableError: ("Cannot write the video there. Choose another folder "
                                   "or free some disk space."),
        e.DiskFullError: ("There is no free space left on the disk where the app keeps its "
                          "files. Free some space, then try again."),
        e.LocalFileError: "That file is missing or cannot be read.",
        e.BadRequestError: f"{where.capitalize()} did not accept that request.",
        e.UnknownApiError: f"{where.capitalize()} refused that request. Try again.",
    }
    if ctx.zh:
        return _in_chinese(exc, ctx)
    if engine and isinstance(exc, _ENGINE_SENTENCES) and _is_sentence(exc.detail):
        return exc.detail  # the built-in engine words these for people: name, reason, fix
    if isinstance(exc, NothingToExportError):
        return "There is nothing to export yet: add a file and describe the meme first."
    if isinstance(exc, NotConnectedError):
        return "Still connecting; try again in a moment."
    if isinstance(exc, e.NoCreditsError):
        return _no_credits(ctx)
    if isinstance(exc, e.SignInUnavailableError):
        return _sign_in_unavailable(exc, ctx)
    if isinstance(exc, e.LocalFileError) and exc.name:
        return f"“{exc.name}” is missing or cannot be read."
    for cls in type(exc).__mro__:
        if cls in sentence:
            return sentence[cls]
    if isinstance(exc, e.ApiError):
        return "Something went wrong talking to the backend. Try again."
    if isinstance(exc, OSError):
        return "A file could not be read or written. Check the path and the free disk space."
    return "Something unexpected went wrong. Try again."


def _in_chinese(exc: BaseException, ctx: Context) -> str:
    if isinstance(exc, NothingToExportError):
        return zh.NOTHING_TO_EXPORT
    if isinstance(exc, NotConnectedError):
        return zh.NOT_CONNECTED
    if isinstance(exc, e.NoCreditsError):
        return _no_credits(ctx)
    if isinstance(exc, e.SignInUnavailableError):
        return _sign_in_unavailable(exc, ctx)
    found = zh.sentence(exc, ctx.backend == "local", accepted_types_text())
    if found is not None:
        return found
    return zh.FILE_ERROR if isinstance(exc, OSError) else zh.UNEXPECTED


def is_retryable(exc: BaseException) -> bool:
    return bool(getattr(exc, "retryable", False)) or isinstance(exc, e.RenderFailedError)
