"""What can go wrong with a person's own model, as typed errors, and the one place that words
them: :func:`unavailable_line` is the short line a chat reply starts with when the built-in
assistant answered instead (English or Chinese, as the person wrote).

No error carries the API key, the prompt or the model's answer: ``detail`` is a short
technical note for the engine log only (never shown in the chat).
"""

from __future__ import annotations


class ModelError(Exception):
    """The model could not give a usable answer; the built-in assistant answers instead."""

    reason = "error"  # one word for the engine log

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.reason)
        self.detail = detail


class ModelTimeout(ModelError):
    """No complete answer within the configured time (``MEME_DESKTOP_LLM_TIMEOUT``)."""

    reason = "timeout"

    def __init__(self, seconds: float, detail: str = "") -> None:
        super().__init__(detail or f"no answer within {seconds:g} s")
        self.seconds = seconds


class ModelUnreachable(ModelError):
    """The server could not be reached (refused, unknown host, connect timeout)."""

    reason = "unreachable"


class ModelDropped(ModelError):
    """The connection closed in the middle of the answer."""

    reason = "dropped"


class ModelHttpError(ModelError):
    """The server answered with an HTTP error status."""

    reason = "http"

    def __init__(self, status: int, detail: str = "") -> None:
        super().__init__(detail or f"HTTP {status}")
        self.status = status


class ModelBadAnswer(ModelError):
    """The answer was not the JSON asked for, or its operations are invalid or cannot apply."""

    reason = "bad-answer"


class ModelRefused(ModelError):
    """The model declined to answer (an OpenAI-style ``refusal``)."""

    reason = "refused"


class ModelCancelled(ModelError):
    """The person stopped waiting (the chat stream was closed): nothing is changed."""

    reason = "cancelled"


_BUILTIN_EN = ", so the built-in assistant answered."
_BUILTIN_ZH = "，由内置助手回答。"


def unavailable_line(exc: ModelError, zh: bool) -> str:
    """The one short line saying the model was unavailable (and that nothing else broke)."""
    if isinstance(exc, ModelCancelled):
        return "已停止等待你的模型，没有做任何修改。" if zh else \
            "Stopped waiting for your model; nothing was changed."
    if isinstance(exc, ModelTimeout):
        en, cn = (f"Your model didn't answer within {exc.seconds:g} s",
                  f"你的模型在 {exc.seconds:g} 秒内没有回答")
    elif isinstance(exc, ModelUnreachable):
        en, cn = "Your model's server could not be reached", "连接不上你的模型服务器"
    elif isinstance(exc, ModelDropped):
        en, cn = "The connection to your model dropped", "与你的模型的连接中断了"
    elif isinstance(exc, ModelHttpError) and exc.status in (401, 403):
        en, cn = "Your model's server refused the API key", "你的模型服务器拒绝了 API 密钥"
    elif isinstance(exc, ModelHttpError) and exc.status == 404:
        en, cn = ("Your model's server does not know that address or model",
                  "你的模型服务器找不到这个地址或模型")
    elif isinstance(exc, ModelHttpError):
        en, cn = (f"Your model's server had an error (HTTP {exc.status})",
                  f"你的模型服务器出错了（HTTP {exc.status}）")
    elif isinstance(exc, ModelRefused):
        en, cn = "Your model declined", "你的模型拒绝了这个请求"
    else:
        en, cn = "Your model's answer could not be used", "你的模型的回答无法使用"
    return cn + _BUILTIN_ZH if zh else en + _BUILTIN_EN


__all__ = ["ModelBadAnswer", "ModelCancelled", "ModelDropped", "ModelError", "ModelHttpError",
           "ModelRefused", "ModelTimeout", "ModelUnreachable", "unavailable_line"]
