"""How fast a clause asks a clip to play: words (*slow motion*, *faster*, 慢放, 加速), multiples
(*2x*, *twice as fast*, 加速一倍 = 2x, 慢一倍 = half), percentages (*50% speed*, *25% slower*) and
*back to normal speed*. :func:`speed` takes what it reads out of the clause."""

from __future__ import annotations

from meme_desktop.engine.agent.rules.parse import Clause
from meme_desktop.engine.agent.rules.words import REMOVE

_SLOW = (r"\bslow[\s-]?mo(?:tion)?\b|\bslo[\s-]?mo\b|"
         r"\bslow (?:it |this |that |the \w+ )?(?:way |right |a lot |a bit |a little )?down\b|"
         r"\bslower\b|\bslowed\b|慢动作|慢放|放慢|慢速|慢镜头|变慢|慢一点|调慢|慢一些|慢点")


# 快 in 欢快 / 轻快 / 愉快 (cheerful, light, pleasant) says nothing about speed
_FAST = (r"\bspeed (?:it |this |that |the \w+ )?up\b|\bfaster\b|\bfast[\s-]?forward\b|"
         r"\bsped up\b|\bquicker\b|\btime-?lapse\b|\bfast\b|加速|快进|(?<![欢轻愉畅爽凉痛])"
         r"(?:快放|快一点|快点|快一些)|变快|倍速|调快")


_NORMAL = (r"\b(?:normal|regular|original|real[\s-]?time|default|usual)\s+speed\b|"
           r"\bback to normal\b|\bnot slow\b|正常速度|原速|恢复速度|恢复正常|正常播放")


# a speed said relative to the clip's own: "slower", "even faster", 再慢一点, 更快
MORE_SPEED = r"\b(?:slower|faster|quicker)\b|(?:再|更|还)(?:慢|快)"


def speed(cl: Clause) -> float | None:
    if cl.take(_NORMAL):
        return 1.0
    if cl.has(REMOVE) and cl.has(_SLOW + "|" + _FAST):     # "remove the slow motion"
        cl.take(REMOVE)
        cl.take(_SLOW + "|" + _FAST)
        return 1.0
    # 加速一倍, 快一倍, 速度提高一倍: faster by once its speed (2x); 慢一倍, 速度放慢一倍: half
    if cl.take(r"(?:加速|提速|加快|(?<![欢轻愉畅爽凉痛])快了?|速度\s*(?:提高|提升|增加))\s*1\s*倍"):
        cl.take(_FAST)
        return 2.0
    if cl.take(r"(?:减速|降速|放慢|减慢|慢了?|速度\s*(?:降低|减少|减))\s*1\s*倍"):
        cl.take(_SLOW)
        return 0.5
    if m := cl.take(r"(\d+(?:\.\d+)?)\s*(?:x|times|倍)\s*(?:as\s+)?(faster|quicker|slower|"
                    r"speed|fast|slow|速|快|慢)?"):
        n = float(m.group(1))
        if n <= 0:
            return None
        cl.take(_FAST)
        slow = cl.take(_SLOW)
        if m.group(2) in ("slower", "slow", "慢") or (slow and n > 1):
            return 1 / n
        return n
    if m := cl.take(r"(\d+(?:\.\d+)?)\s*%\s*(slower|faster|quicker)"):
        pct = float(m.group(1)) / 100
        return max(0.1, 1 - pct) if m.group(2) == "slower" else 1 + pct
    if m := cl.take(r"(\d+(?:\.\d+)?)\s*%\s*的?\s*(?:speed|速度|速)|(?:speed|速度)\s*(?:to|of|at|调到|为)?"
                    r"\s*(\d+(?:\.\d+)?)\s*%"):
        return float(m.group(1) or m.group(2)) / 100
    if cl.take(r"\bhalf[\s-]*(?:the\s+)?speed\b|半速"):
        return 0.5
    if cl.take(r"\bquarter[\s-]*speed\b"):
        return 0.25
    if cl.take(r"\b(?:double|twice)[\s-]*(?:the\s+|its\s+)?speed\b|\btwice as fast\b|"
               r"\bdouble time\b|\bspeed\s+(?:it\s+)?(?:up\s+)?(?:by\s+)?double\b|翻倍"):
        return 2.0
    if cl.take(r"\btriple[\s-]*(?:the\s+|its\s+)?speed\b|\bthree times as fast\b"):
        return 3.0
    if cl.take(r"\b(?:super|very|extra|really|ultra)[\s-]+slow(?:[\s-]?mo(?:tion)?)?\b|超慢|超级慢|"
               r"\bslow (?:it |this |that )?(?:way|a lot|really|right) down\b|\bmuch slower\b"):
        cl.take(_SLOW)
        return 0.25
    if cl.take(_SLOW):
        return 0.5
    if cl.has(_FAST):
        bit = cl.take(r"\b(?:a bit|a little|slightly|a tad|somewhat)\b|一点|稍微")
        cl.take(_FAST)
        return 1.5 if bit else 2.0
    return None
