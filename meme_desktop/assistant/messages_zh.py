"""The Chinese wording of :mod:`meme_desktop.assistant.messages`, for a window in Chinese.

The same errors, by class, in the same order of precedence; the English module decides which
sentence applies and asks here for its Chinese form. The built-in engine words its refusals
in English (a file's name and the reason), so in Chinese the sentence for the error's class is
shown instead, with the file's name where the error carries one.
"""

from __future__ import annotations

from meme_desktop.api import errors as e
from meme_desktop.api.models import Credits
from meme_desktop.assistant.recovery import Restoration

STILL_WORKING = "⏳ 还在处理中…"
DROPPED = "回复中途连接断开了；正在检查已经完成的部分…"
MAKING_CHANGE = "正在为你修改…"
NOT_MADE = "这处修改没有完成。"
NO_KEYRING = "你的系统没有密码存储，登录信息只保留到应用关闭。"


UNITS = {"day": "天", "hour": "小时", "minute": "分钟"}  # for messages.waiting_time


def no_credits(anonymous: bool, link: str) -> str:
    if anonymous:
        return f"免费额度已用完。注册即可获得更多额度，并保留这个项目：{link}"
    return "额度已用完。请在账户中充值后继续。"


def credits_text(credits: Credits, local: bool, anonymous: bool, link: str) -> str:
    if local:
        return "你正在使用内置引擎：导出免费且不限次数。"
    text = f"你还有 {credits.available:g} 点额度" + (
        f"（其中 {credits.frozen:g} 点被进行中的任务占用）" if credits.frozen else "") + "。"
    if credits.available <= 0:
        text += no_credits(anonymous, link)
    return text


def sign_in_unavailable(exc: e.SignInUnavailableError, link: str, wait: str) -> str:
    """``wait``: how long until the next free sign-in (``messages.waiting_time``), or ""."""
    if exc.repeat:
        return "仍然无法免费登录（每 7 天一次）：请注册，或在“设置”里粘贴令牌后继续。"
    what = "你的 NemoVideo 免费登录已过期，而服务" if exc.renewal else "NemoVideo 服务"
    when = f"；下一次在{wait}后" if wait else ""
    return (f"{what}每台电脑每 7 天只提供一次免费登录{when}。要现在继续，请注册（{link}），"
            "或在“设置”里粘贴令牌（或设置 NEMO_TOKEN）。")


def no_effect_text(quoted: str) -> str:
    return f"{quoted} 之后没有任何变化。能换个说法吗？"


def nothing_made_text(quoted: str) -> str:
    return f"{quoted} 之后时间线仍是空的，所以没有生成视频。"


def not_added_text(name: str) -> str:
    return f"无法把 {name} 加入新项目。"


def restoration_text(r: Restoration, quoted: list[str], not_replayed: list[str]) -> str:
    if not r.anything:
        return "那个项目已经不存在了，所以我新建了一个。"
    done: list[str] = []
    if r.uploaded:
        done.append(f"重新上传了 {'、'.join(r.uploaded)}")
    if r.replayed:
        done.append(f"重做了之前的 {len(r.replayed)} 条指令（{'、'.join(quoted)}）")
    text = "服务端丢失了这个项目，所以我新建了一个" + ("，并" + "，".join(done) if done else "") + "。"
    lost = [f"{name}（{why}）" for name, why in r.missing] + not_replayed
    if lost:
        text += "未能恢复：" + "；".join(lost) + "。"
    return text


def sentence(exc: BaseException, engine: bool, types: str) -> str | None:
    """The Chinese sentence for ``exc``'s class (None: not one of the API errors)."""
    where = "内置引擎" if engine else "NemoVideo 服务"
    table: dict[type[BaseException], str] = {
        e.TokenInvalidError: ("内置引擎拒绝了连接；请重启应用。" if engine else
                              "登录已过期且无法续期。请检查 NEMO_TOKEN，或退出登录后重试。"),
        e.SessionNotFoundError: "那个项目已经不存在了，所以我新建了一个。",
        e.UnsupportedFileError: f"不支持这种文件类型。请使用：{types}。",
        e.FileTooLargeError: "文件太大（上限 200 MB）。请剪短或压缩后再试。",
        e.SessionBusyError: "我还在处理你的上一条消息，请等它完成。",
        e.UnreadableFileError: "这个文件似乎已损坏，或者并不是视频、图片或声音。请换一个副本试试。",
        e.ConflictError: f"{where}正在做这件事。请稍后再试。",
        e.MissingClientIdError: "无法登录 NemoVideo 服务。请重试。",
        e.ExportBlockedError: "请注册或升级套餐以解锁导出。",
        e.RateLimitedError: "服务现在很忙。请等一分钟再试。",
        e.NotFoundError: f"{where}找不到所请求的内容。",
        e.ServerError: f"{where}出了问题。请稍后再试。",
        e.ProtocolError: f"{where}的回答我看不懂。",
        e.BackendUnavailableError: "内置引擎无法启动。请重启应用；如果一直这样，请重新安装。",
        e.StreamInterruptedError: "回复中途连接断开了。我会检查已经完成的部分。",
        e.StreamTimeoutError: "等待太久，我不再等这条回复了。",
        e.RenderTimeoutError: "导出时间太长，已停止。请重试。",
        e.DownloadError: "视频已生成，但无法下载。请再导出一次。",
        e.ConnectionFailedError: ("与内置引擎的连接断开了，正在重启它。请重试。" if engine else
                                  "无法连接 NemoVideo 服务。请检查网络后重试。"),
        e.RequestTimeoutError: f"{where}没有及时回应。请重试。",
        e.RenderFailedError: "导出失败了两次。请检查时间线后重试。",
        e.RenderCancelledError: "已取消导出。",
        e.DestinationFullError: "那个磁盘上没有足够的空间保存视频。请腾出一些空间，或选择其他文件夹。",
        e.OutputNotWritableError: "无法把视频写到那里。请选择其他文件夹，或腾出磁盘空间。",
        e.DiskFullError: "应用保存文件的磁盘已经没有空间了。请腾出一些空间后再试。",
        e.LocalFileError: "那个文件不存在或无法读取。",
        e.BadRequestError: f"{where}没有接受这个请求。",
        e.UnknownApiError: f"{where}拒绝了这个请求。请重试。",
    }
    if isinstance(exc, e.LocalFileError) and exc.name:
        return f"“{exc.name}”不存在或无法读取。"
    for cls in type(exc).__mro__:
        if cls in table:
            return table[cls]
    if isinstance(exc, e.ApiError):
        return "与后端通信时出错了。请重试。"
    return None


NOTHING_TO_EXPORT = "还没有可以导出的内容：先添加文件并描述你想要的表情包。"
NOT_CONNECTED = "仍在连接中；请稍后再试。"
FILE_ERROR = "有文件无法读取或写入。请检查路径和剩余磁盘空间。"
UNEXPECTED = "发生了意外错误。请重试。"
