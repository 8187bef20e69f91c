"""Traditional Chinese and Cantonese read as the Simplified Mandarin the readers know.

People in Hong Kong and Taiwan type 把字幕改成紅色, 將影片變成慢動作, 字幕大啲, 加一個vine boom喺3秒,
背景音樂細聲啲: the same requests in other characters and words. :func:`to_mandarin` rewrites a
message's own words (never its quoted text, which is a caption kept as typed) character by
character into Simplified, then the Cantonese words and particles into their Mandarin
equivalents, so every reader, the maker included, reads them as it reads 简体. Simplified text
passes through unchanged. Deterministic, no I/O.
"""

from __future__ import annotations

import re

# Traditional → Simplified, for the characters an editing request or a meme topic uses
_PAIRS = (
    "個个 們们 這这 張张 圖图 畫画 視视 頻频 頭头 邊边 間间 後后 時时 開开 結结 點点 幾几 兩两 "
    "樂乐 聲声 響响 動动 變变 轉转 換换 將将 刪删 幫帮 請请 讓让 給给 謝谢 該该 說说 話话 標标 "
    "題题 體体 號号 麼么 嗎吗 讀读 寫写 顯显 隱隐 靜静 環环 復复 還还 來来 過过 進进 對对 錯错 "
    "關关 於于 與与 會会 為为 從从 歡欢 愛爱 貓猫 雞鸡 魚鱼 鳥鸟 書书 學学 習习 試试 業业 專专 "
    "車车 門门 網网 絡络 電电 腦脑 機机 場场 務务 飯饭 麵面 長长 寬宽 細细 橫横 豎竖 濾滤 鏡镜 "
    "舊旧 縮缩 遠远 漸渐 強强 調调 節节 預预 覽览 輸输 導导 載载 檔档 態态 狀状 積积 餘余 額额 "
    "選选 擇择 項项 種种 樣样 範范 別别 沒没 無无 誰谁 紅红 綠绿 藍蓝 黃黄 顏颜 灰灰 聽听 覺觉 "
    "遲迟 見见 現现 實实 級级 區区 劃划 歷历 舉举 總总 當当 齊齐 處处 麗丽 臉脸 錄录 氣气 專专 "
    "戲戏 劇剧 歲岁 難难 傷伤 惡恶 驚惊 嚇吓 慶庆 週周 禮礼 蘋苹 廳厅 廣广 員员 闆板 師师 "
    "條条 線线 幀帧 爾尔 貼贴 據据 準准 確确 擊击 響响 彈弹 撥拨 擴扩 優优 質质 頁页 帶带 "
    "飛飞 懶懒 晝昼 夢梦 睏困 喚唤 鬧闹 鐘钟 誤误 壞坏 蟲虫 萬万 億亿 億亿 歸归 鬥斗 "
    "邊边 滅灭 燈灯 熱热 聞闻 寵宠 貴贵 錢钱 買买 賣卖 費费 減减 肥肥 鍛锻 煉炼 尋寻 "
    "擺摆 擠挤 堵堵 塞塞 睡睡 覺觉 學学 考考 堂堂 節节 假假 週周 趕赶 緊紧 準准 備备 "
    "黨党 鬆松 掛挂 戀恋 愛爱 約约 飲饮 啟启 閃闪 爍烁 虛虚 擬拟 圓圆 陰阴 暗暗 燒烧 "
    "氣气 憤愤 嗎吗 蓋盖 層层 鋪铺 擋挡 適适 夠够 猶犹 豬猪 嗚呜 嘆叹 龍龙 鬼鬼 極极 "
    "啓启 採采 並并 畫画 倆俩 爭争 佈布 淚泪 滾滚 紀纪 遊游 戶户 們们 聰聪 寶宝 媽妈 爺爷 "
    "奶奶 孫孙 襪袜 鞋鞋 衛卫 醫医 藥药 燙烫 馬马 驢驴 語语 譯译 簡简 繁繁 檢检 查查"
)
_TRAD = {p[0]: p[1] for p in _PAIRS.split() if len(p) == 2 and p[0] != p[1]}
_TRAD_RX = re.compile("[" + "".join(sorted(_TRAD)) + "]")

# Cantonese (and Taiwanese) words → Mandarin, after the characters are Simplified
_WORDS: list[tuple[str, str]] = [
    (r"唔该晒|唔该|多谢晒|多谢", "谢谢"),
    (r"影片", "视频"),
    (r"(?:转|改|变)(?:做|成)?直(?:向|式|屏)(?:视频)?", "改成竖屏"),
    (r"(?:转|改|变)(?:做|成)?横(?:向|式)(?:视频)?", "改成横屏"),
    (r"倒转(?:播放|播)?|倒带(?:播放)?|倒住播", "倒放"),
    (r"细声", "小声"),
    (r"啲啲|少少|少许", "一点"),
    (r"(?<=[大小快慢早晚迟高低长短声亮暗细粗])啲", "一点"),
    (r"啲", "些"),
    (r"迟", "晚"),
    (r"喺", "在"),
    (r"嘅", "的"),
    (r"唔要", "不要"),
    (r"唔", "不"),
    (r"冇", "没有"),
    (r"系咪|系唔系", "是不是"),
    (r"佢哋|佢", "它"),
    (r"咗", "了"),
    (r"整(?:个|一个)(?=\s*(?:meme|表情包|梗))", "做个"),
    (r"返工", "上班"),
    (r"放工|收工", "下班"),
    (r"都?(删|加|改|放|移|换)埋", r"也\1"),
    (r"将(?![来近要会])", "把"),
]
_WORDS_RX = [(re.compile(a), b) for a, b in _WORDS]
# quoted text is a caption: kept exactly as typed
_QUOTED = re.compile(r"“.*?”|「.*?」|『.*?』|\".*?\"|＂.*?＂|《.*?》|(?<![A-Za-z0-9])['‘].*?['’](?![A-Za-z0-9])")


def _plain(part: str) -> str:
    part = _TRAD_RX.sub(lambda m: _TRAD[m.group(0)], part)
    if not re.search(r"[\u4e00-\u9fff]", part):
        return part
    for rx, repl in _WORDS_RX:
        part = rx.sub(repl, part)
    return part


def to_mandarin(text: str) -> str:
    """``text`` with its own words in Simplified Mandarin (quoted captions untouched)."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return text
    out, pos = [], 0
    for m in _QUOTED.finditer(text):
        out.append(_plain(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_plain(text[pos:]))
    return "".join(out)


__all__ = ["to_mandarin"]
