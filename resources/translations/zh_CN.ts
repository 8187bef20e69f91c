<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>1080p MP4 — landscape 16:9</source>
        <translation>1080p MP4 — 横屏 16:9</translation>
    </message>
    <message>
        <source>1080p MP4 — portrait 4:5</source>
        <translation>1080p MP4 — 竖版 4:5</translation>
    </message>
    <message>
        <source>1080p MP4 — square 1:1</source>
        <translation>1080p MP4 — 方形 1:1</translation>
    </message>
    <message>
        <source>1080p MP4 — vertical 9:16</source>
        <translation>1080p MP4 — 竖屏 9:16</translation>
    </message>
    <message>
        <source>1080×1080 · feeds and chats</source>
        <translation>1080×1080 · 动态和聊天</translation>
    </message>
    <message>
        <source>1080×1350 · Instagram feed</source>
        <translation>1080×1350 · Instagram 动态</translation>
    </message>
    <message>
        <source>1080×1920 · TikTok, Reels, Shorts</source>
        <translation>1080×1920 · 抖音、Reels、Shorts</translation>
    </message>
    <message>
        <source>1920×1080 · YouTube, desktop</source>
        <translation>1920×1080 · YouTube、电脑</translation>
    </message>
    <message>
        <source>A key is saved in the keyring</source>
        <translation>密钥已保存在系统钥匙串中</translation>
    </message>
    <message>
        <source>A new language applies the next time the app starts.</source>
        <translation>新的语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>About Meme Desktop</source>
        <translation>关于 Meme Desktop</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Add images, clips or sounds</source>
        <translation>添加图片、视频或声音</translation>
    </message>
    <message>
        <source>Add images, clips or sounds (Ctrl+O)</source>
        <translation>添加图片、视频或声音 (Ctrl+O)</translation>
    </message>
    <message>
        <source>Add to the timeline</source>
        <translation>添加到时间线</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Address of the NemoVideo backend</source>
        <translation>NemoVideo 后端地址</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <source>An export is still running. Stop it and quit?</source>
        <translation>导出仍在进行。要停止并退出吗？</translation>
    </message>
    <message>
        <source>As the assistant makes each one</source>
        <translation>按助手做出的样子</translation>
    </message>
    <message>
        <source>Ask the model for one word and show how long it took</source>
        <translation>让模型回答一个词，并显示用时</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>Backend, account and language</source>
        <translation>后端、账户和语言</translation>
    </message>
    <message>
        <source>Best (slow)</source>
        <translation>最佳（较慢）</translation>
    </message>
    <message>
        <source>Built-in (offline)</source>
        <translation>内置（离线）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Caption text</source>
        <translation>字幕文字</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cloud address</source>
        <translation>云端地址</translation>
    </message>
    <message>
        <source>Connect to the backend again</source>
        <translation>重新连接后端</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Credits left on this backend</source>
        <translation>此后端的剩余积分</translation>
    </message>
    <message>
        <source>Credits: unlimited</source>
        <translation>积分：不限</translation>
    </message>
    <message>
        <source>Credits: {n}</source>
        <translation>积分：{n}</translation>
    </message>
    <message>
        <source>Ctrl+wheel, Ctrl++ / Ctrl+-</source>
        <translation>Ctrl+滚轮、Ctrl++ / Ctrl+-</translation>
    </message>
    <message>
        <source>Custom (OpenAI-compatible URL)</source>
        <translation>自定义（OpenAI 兼容地址）</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete project</source>
        <translation>删除项目</translation>
    </message>
    <message>
        <source>Delete “{name}”?</source>
        <translation>删除“{name}”？</translation>
    </message>
    <message>
        <source>Deleted “{name}”.</source>
        <translation>已删除“{name}”。</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Describe your meme…</source>
        <translation>描述你想要的梗图…</translation>
    </message>
    <message>
        <source>Discord (≤ 10 MB)</source>
        <translation>Discord（≤ 10 MB）</translation>
    </message>
    <message>
        <source>Double-click a caption, F2</source>
        <translation>双击字幕、F2</translation>
    </message>
    <message>
        <source>Double-click the name to rename it</source>
        <translation>双击名称即可重命名</translation>
    </message>
    <message>
        <source>Drag a segment / its edge</source>
        <translation>拖动片段 / 片段边缘</translation>
    </message>
    <message>
        <source>Drag an item onto the timeline, or double-click it</source>
        <translation>把素材拖到时间线上，或双击它</translation>
    </message>
    <message>
        <source>Drop images, clips or sounds here

or press Ctrl+O</source>
        <translation>把图片、视频或声音拖到这里

或按 Ctrl+O</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Embedded engine</source>
        <translation>内置引擎</translation>
    </message>
    <message>
        <source>Embedded engine (offline, no account)</source>
        <translation>内置引擎（离线，无需账户）</translation>
    </message>
    <message>
        <source>Enter an address starting with http:// or https://</source>
        <translation>请输入以 http:// 或 https:// 开头的地址</translation>
    </message>
    <message>
        <source>Enter an address starting with https://</source>
        <translation>请输入以 https:// 开头的地址</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export running</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Export the video</source>
        <translation>导出视频</translation>
    </message>
    <message>
        <source>Export video</source>
        <translation>导出视频</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Exporting {count} files…</source>
        <translation>正在导出 {count} 个文件…</translation>
    </message>
    <message>
        <source>Exporting {name}…</source>
        <translation>正在导出 {name}…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Fast (quick to render)</source>
        <translation>快速（渲染快）</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Fit the timeline</source>
        <translation>时间线适应窗口</translation>
    </message>
    <message>
        <source>Fit timeline</source>
        <translation>适应时间线</translation>
    </message>
    <message>
        <source>Folders cannot be imported; drop the files.</source>
        <translation>不能导入文件夹，请拖入文件。</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Forget key</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Found: {names}.</source>
        <translation>找到：{names}。</translation>
    </message>
    <message>
        <source>GIF animation</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Give the open project a name</source>
        <translation>给当前项目起个名字</translation>
    </message>
    <message>
        <source>Go to the chat input</source>
        <translation>转到聊天输入框</translation>
    </message>
    <message>
        <source>Go to the next / previous control</source>
        <translation>移到下一个 / 上一个控件</translation>
    </message>
    <message>
        <source>High (recommended)</source>
        <translation>高（推荐）</translation>
    </message>
    <message>
        <source>Images, clips and sounds</source>
        <translation>图片、视频和声音</translation>
    </message>
    <message>
        <source>Import media</source>
        <translation>导入媒体</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>In {folder}</source>
        <translation>位于 {folder}</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Into {folder}</source>
        <translation>保存到 {folder}</translation>
    </message>
    <message>
        <source>It answered in {ms} ms.</source>
        <translation>模型用 {ms} 毫秒作答。</translation>
    </message>
    <message>
        <source>Its media stay: other projects use them too.</source>
        <translation>它的素材会保留：其他项目也在用。</translation>
    </message>
    <message>
        <source>Its {count} media files go too: no other project uses them.</source>
        <translation>它的 {count} 个素材文件也会一起删除：没有其他项目在用。</translation>
    </message>
    <message>
        <source>Keep exporting</source>
        <translation>继续导出</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in a file</source>
        <translation>保存在系统钥匙串中，绝不写入文件</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Last edited</source>
        <translation>最后编辑</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Local model</source>
        <translation>本地模型</translation>
    </message>
    <message>
        <source>Look for Ollama, LM Studio and llama.cpp again</source>
        <translation>重新查找 Ollama、LM Studio 和 llama.cpp</translation>
    </message>
    <message>
        <source>Looking for model servers on this computer…</source>
        <translation>正在查找本机上的模型服务器…</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>MP4 that fits the free upload limit</source>
        <translation>符合免费上传限制的 MP4</translation>
    </message>
    <message>
        <source>MP4 that fits the video limit</source>
        <translation>符合视频大小限制的 MP4</translation>
    </message>
    <message>
        <source>MP4 video</source>
        <translation>MP4 视频</translation>
    </message>
    <message>
        <source>Made {saved} of {total} memes</source>
        <translation>已完成 {total} 个中的 {saved} 个表情包</translation>
    </message>
    <message>
        <source>Made {saved} of {total} memes in {folder}.</source>
        <translation>已在 {folder} 做好 {total} 个中的 {saved} 个表情包。</translation>
    </message>
    <message>
        <source>Made “{name}”.</source>
        <translation>已创建“{name}”。</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Make a meme from each</source>
        <translation>每个文件各做一个表情包</translation>
    </message>
    <message>
        <source>Make a meme from each ({count})</source>
        <translation>每个各做一个表情包（{count}）</translation>
    </message>
    <message>
        <source>Make…</source>
        <translation>制作…</translation>
    </message>
    <message>
        <source>Making memes</source>
        <translation>正在制作表情包</translation>
    </message>
    <message>
        <source>Making {count} memes…</source>
        <translation>正在制作 {count} 个表情包…</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>媒体</translation>
    </message>
    <message>
        <source>Media bin</source>
        <translation>媒体库</translation>
    </message>
    <message>
        <source>Meme Desktop {version}
Make meme videos by chatting. Works offline with its built-in engine, or with the NemoVideo cloud.</source>
        <translation>Meme Desktop {version}
通过聊天制作梗图视频。可使用内置引擎离线工作，也可连接 NemoVideo 云端。</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Model servers found on this computer</source>
        <translation>本机上找到的模型服务器</translation>
    </message>
    <message>
        <source>Move / trim it (Shift: no snapping)</source>
        <translation>移动 / 修剪（按住 Shift：不吸附）</translation>
    </message>
    <message>
        <source>Move the selected segment to the playhead</source>
        <translation>把所选片段移到播放头</translation>
    </message>
    <message>
        <source>Move to playhead</source>
        <translation>移到播放头</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>NemoVideo cloud</source>
        <translation>NemoVideo 云端</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>No file manager could be opened. The file is at {path} (the path was copied to the clipboard).</source>
        <translation>无法打开文件管理器。文件位于 {path}（路径已复制到剪贴板）。</translation>
    </message>
    <message>
        <source>No file was written.</source>
        <translation>没有写入文件。</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>无密钥</translation>
    </message>
    <message>
        <source>No local model server found. Start Ollama, LM Studio or llama.cpp&apos;s server, then press Refresh.</source>
        <translation>没有找到本地模型服务器。请启动 Ollama、LM Studio 或 llama.cpp 的服务器，然后点“刷新”。</translation>
    </message>
    <message>
        <source>No other projects yet</source>
        <translation>还没有其他项目</translation>
    </message>
    <message>
        <source>No preview: {why}</source>
        <translation>无法预览：{why}</translation>
    </message>
    <message>
        <source>No projects yet.</source>
        <translation>还没有项目。</translation>
    </message>
    <message>
        <source>Not available with the NemoVideo cloud</source>
        <translation>NemoVideo 云端不支持</translation>
    </message>
    <message>
        <source>Not connected yet. Please wait a moment.</source>
        <translation>尚未连接，请稍候。</translation>
    </message>
    <message>
        <source>Not connected, so nothing was changed.</source>
        <translation>未连接，因此没有做任何更改。</translation>
    </message>
    <message>
        <source>Not connected; drop the file again later.</source>
        <translation>未连接，请稍后重新拖入文件。</translation>
    </message>
    <message>
        <source>Not signed in: a free starter token (100 credits, 7 days) is used.</source>
        <translation>未登录：正在使用免费体验令牌（100 积分，7 天）。</translation>
    </message>
    <message>
        <source>Nothing answers at that address. Is the server running?</source>
        <translation>这个地址没有响应。服务器在运行吗？</translation>
    </message>
    <message>
        <source>Nudge by 0.1 s / 1 s</source>
        <translation>微移 0.1 秒 / 1 秒</translation>
    </message>
    <message>
        <source>Nudge left</source>
        <translation>左移</translation>
    </message>
    <message>
        <source>Nudge left 1 s</source>
        <translation>左移 1 秒</translation>
    </message>
    <message>
        <source>Nudge right</source>
        <translation>右移</translation>
    </message>
    <message>
        <source>Nudge right 1 s</source>
        <translation>右移 1 秒</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>One project and one meme video for each picture or clip selected</source>
        <translation>为每张选中的图片或每段视频各建一个项目、做一个表情包视频</translation>
    </message>
    <message>
        <source>Only if the server needs one</source>
        <translation>仅在服务器需要时填写</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近的项目(&amp;R)</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Open, rename, duplicate or delete a project</source>
        <translation>打开、重命名、复制或删除项目</translation>
    </message>
    <message>
        <source>Paste your NemoVideo token</source>
        <translation>粘贴你的 NemoVideo 令牌</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pick pictures or clips in the media bin first: a meme is made from each.</source>
        <translation>请先在素材区选择图片或视频：每个都会做成一个表情包。</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <source>Play / pause the preview</source>
        <translation>播放 / 暂停预览</translation>
    </message>
    <message>
        <source>Play or pause the preview (Space)</source>
        <translation>播放或暂停预览（空格）</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Projects are kept by the built-in engine: the NemoVideo cloud only has the project open now, so there is no list to open, rename or delete. Choose the built-in engine in Settings to keep several projects.</source>
        <translation>项目列表由内置引擎保存：NemoVideo 云端只有当前打开的项目，所以无法打开、重命名或删除其他项目。如需保留多个项目，请在设置中选择内置引擎。</translation>
    </message>
    <message>
        <source>Qt Multimedia could not load (a system audio library is missing)</source>
        <translation>Qt Multimedia 无法加载（缺少系统音频库）</translation>
    </message>
    <message>
        <source>Qt Multimedia is not installed (it comes with PySide6-Addons)</source>
        <translation>未安装 Qt Multimedia（包含在 PySide6-Addons 中）</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>排队</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo the last undone edit</source>
        <translation>重做上次撤销的编辑</translation>
    </message>
    <message>
        <source>Redo: {what}</source>
        <translation>重做：{what}</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Remove from both</source>
        <translation>一起移除</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Remove from the media bin</source>
        <translation>从媒体库移除</translation>
    </message>
    <message>
        <source>Remove from the media bin…</source>
        <translation>从媒体库移除…</translation>
    </message>
    <message>
        <source>Remove the selected segments</source>
        <translation>删除所选片段</translation>
    </message>
    <message>
        <source>Remove {name} from the list</source>
        <translation>从列表中移除 {name}</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Rename project</source>
        <translation>重命名项目</translation>
    </message>
    <message>
        <source>Rename project…</source>
        <translation>重命名项目…</translation>
    </message>
    <message>
        <source>Rename the project (F2)</source>
        <translation>重命名项目（F2）</translation>
    </message>
    <message>
        <source>Renamed to “{name}”.</source>
        <translation>已重命名为“{name}”。</translation>
    </message>
    <message>
        <source>Rendering preview…</source>
        <translation>正在渲染预览…</translation>
    </message>
    <message>
        <source>Rendering… {pct}%</source>
        <translation>正在渲染… {pct}%</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>Replace files?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>Retype caption</source>
        <translation>改写字幕</translation>
    </message>
    <message>
        <source>Retype it (Enter: done, Esc: cancel)</source>
        <translation>重新输入（Enter：完成，Esc：取消）</translation>
    </message>
    <message>
        <source>Save the memes in</source>
        <translation>表情包保存到</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Saved {names} in {folder}.</source>
        <translation>已将 {names} 保存到 {folder}。</translation>
    </message>
    <message>
        <source>Saved {name} in {folder}.</source>
        <translation>已保存 {name}，位于 {folder}。</translation>
    </message>
    <message>
        <source>Scrub through the preview</source>
        <translation>拖动浏览预览</translation>
    </message>
    <message>
        <source>Select a segment to see its details. Drag it to move it, drag an edge to trim it.</source>
        <translation>选择一个片段查看详情。拖动片段可移动，拖动边缘可剪裁。</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Select the next segment</source>
        <translation>选择下一个片段</translation>
    </message>
    <message>
        <source>Select the previous / next segment</source>
        <translation>选择上一个 / 下一个片段</translation>
    </message>
    <message>
        <source>Select the previous segment</source>
        <translation>选择上一个片段</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send / new line in the chat</source>
        <translation>聊天中发送 / 换行</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation>发送消息（Enter）</translation>
    </message>
    <message>
        <source>Send the message again</source>
        <translation>再次发送消息</translation>
    </message>
    <message>
        <source>Send “{starter}”</source>
        <translation>发送“{starter}”</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Share your images or clips and I&apos;ll get started on AI meme video creation. Or just tell me what you&apos;re thinking.</source>
        <translation>分享你的图片或视频，我就开始制作 AI 梗图视频。也可以直接告诉我你的想法。</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Show or hide the media bin</source>
        <translation>显示或隐藏媒体库</translation>
    </message>
    <message>
        <source>Show or hide the media bin (Ctrl+B)</source>
        <translation>显示或隐藏媒体库 (Ctrl+B)</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Signed in. Paste a new token to switch accounts.</source>
        <translation>已登录。粘贴新令牌可切换账户。</translation>
    </message>
    <message>
        <source>Small looping GIF, no sound</source>
        <translation>小巧的循环 GIF，无声音</translation>
    </message>
    <message>
        <source>Something went wrong with that message.</source>
        <translation>这条消息出了点问题。</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>Split at playhead</source>
        <translation>在播放头处分割</translation>
    </message>
    <message>
        <source>Split at the playhead</source>
        <translation>在播放头处分割</translation>
    </message>
    <message>
        <source>Start a fresh project (the open one stays in the project list)</source>
        <translation>新建项目（当前项目仍保留在项目列表中）</translation>
    </message>
    <message>
        <source>Start again at the end</source>
        <translation>播放结束后从头开始</translation>
    </message>
    <message>
        <source>Start {a} s · End {b} s · Length {d} s</source>
        <translation>开始 {a} 秒 · 结束 {b} 秒 · 时长 {d} 秒</translation>
    </message>
    <message>
        <source>Still connecting; try again in a moment.</source>
        <translation>仍在连接，请稍后再试。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after keeping the memes already saved (Esc)</source>
        <translation>停止，已保存的表情包会保留（Esc）</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>停止并退出</translation>
    </message>
    <message>
        <source>Stop the export (Esc)</source>
        <translation>停止导出（Esc）</translation>
    </message>
    <message>
        <source>Stop waiting for this reply</source>
        <translation>不再等待这条回复</translation>
    </message>
    <message>
        <source>Stopped the batch: {saved} of {total} memes saved in {folder}.</source>
        <translation>批量制作已停止：{total} 个中已有 {saved} 个保存在 {folder}。</translation>
    </message>
    <message>
        <source>Stopped waiting for the reply.</source>
        <translation>已停止等待回复。</translation>
    </message>
    <message>
        <source>Stopped: {saved} of {total} memes saved</source>
        <translation>已停止：{total} 个中已保存 {saved} 个</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>That does not look like an OpenAI-compatible server.</source>
        <translation>这看起来不是 OpenAI 兼容的服务器。</translation>
    </message>
    <message>
        <source>That project no longer exists; the open one stays.</source>
        <translation>那个项目已不存在；当前项目保持打开。</translation>
    </message>
    <message>
        <source>The assistant is thinking</source>
        <translation>助手正在思考</translation>
    </message>
    <message>
        <source>The embedded engine needs no account.</source>
        <translation>内置引擎无需账户。</translation>
    </message>
    <message>
        <source>The export of “{name}” was interrupted when the app closed, so the file was not saved. Export again?</source>
        <translation>“{name}”的导出在应用关闭时被中断，文件未保存。要重新导出吗？</translation>
    </message>
    <message>
        <source>The file could not be found or opened.</source>
        <translation>找不到或无法打开该文件。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件是空的。</translation>
    </message>
    <message>
        <source>The file is {size}; the limit is 200 MB. Trim or compress it first.</source>
        <translation>文件大小为 {size}，上限是 200 MB。请先剪短或压缩。</translation>
    </message>
    <message>
        <source>The new language applies the next time the app starts.</source>
        <translation>新的语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>The preview appears here after your first edit.</source>
        <translation>第一次编辑后，预览会显示在这里。</translation>
    </message>
    <message>
        <source>The preview could not be shown.</source>
        <translation>无法显示预览。</translation>
    </message>
    <message>
        <source>The project open now. Double-click the name to rename it</source>
        <translation>当前打开的项目。双击名称即可重命名</translation>
    </message>
    <message>
        <source>The server answered with an error (HTTP {status}).</source>
        <translation>服务器返回了错误（HTTP {status}）。</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>服务器没有及时响应。</translation>
    </message>
    <message>
        <source>The server does not know that address or model.</source>
        <translation>服务器不认识这个地址或模型。</translation>
    </message>
    <message>
        <source>The server refused the API key.</source>
        <translation>服务器拒绝了 API 密钥。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>此操作无法撤销。</translation>
    </message>
    <message>
        <source>This kind of track (type {tt}) comes from the service: it is kept and exported as it is, but cannot be edited here.</source>
        <translation>这种轨道（类型 {tt}）来自云服务：它会原样保留并导出，但不能在这里编辑。</translation>
    </message>
    <message>
        <source>Tick several formats to export them together. Next you choose where to save.</source>
        <translation>勾选多个格式即可一起导出。下一步选择保存位置。</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Timeline: drag segments or their edges, right-click for more, Ctrl+wheel to zoom</source>
        <translation>时间线：拖动片段或其边缘，右键查看更多，Ctrl+滚轮缩放</translation>
    </message>
    <message>
        <source>Today {time}</source>
        <translation>今天 {time}</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>轨道</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Try again with File → Reconnect (Ctrl+Shift+R), or choose another backend in Settings.</source>
        <translation>请通过 文件 → 重新连接 (Ctrl+Shift+R) 重试，或在设置中选择其他后端。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>撤销上次编辑</translation>
    </message>
    <message>
        <source>Undo: {what}</source>
        <translation>撤销：{what}</translation>
    </message>
    <message>
        <source>Untitled project</source>
        <translation>未命名项目</translation>
    </message>
    <message>
        <source>Upload failed.</source>
        <translation>上传失败。</translation>
    </message>
    <message>
        <source>Uploading… {pct}%</source>
        <translation>正在上传… {pct}%</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Video playback is unavailable</source>
        <translation>无法播放视频</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Volume {v}%</source>
        <translation>音量 {v}%</translation>
    </message>
    <message>
        <source>Volume…</source>
        <translation>音量…</translation>
    </message>
    <message>
        <source>Wait at most</source>
        <translation>最多等待</translation>
    </message>
    <message>
        <source>Waiting for a sign-in; it uploads after you reconnect.</source>
        <translation>正在等待登录；重新连接后会自动上传。</translation>
    </message>
    <message>
        <source>Waiting for the current reply to finish — your message is next.</source>
        <translation>正在等待当前回复完成——接下来处理你的消息。</translation>
    </message>
    <message>
        <source>Waiting to upload…</source>
        <translation>等待上传…</translation>
    </message>
    <message>
        <source>WhatsApp (≤ 16 MB)</source>
        <translation>WhatsApp（≤ 16 MB）</translation>
    </message>
    <message>
        <source>Where edits and exports run (Settings to change)</source>
        <translation>编辑和导出在哪里运行（可在设置中更改）</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Yesterday {time}</source>
        <translation>昨天 {time}</translation>
    </message>
    <message>
        <source>Your model answers the requests the built-in assistant does not understand. It gets your message, a short summary of the timeline and the names of your files, never the files. If it is slow or down, the built-in assistant answers.</source>
        <translation>你的模型回答内置助手听不懂的请求。它只会收到你的消息、时间线的简短摘要和文件名，绝不会收到文件本身。模型太慢或不可用时，由内置助手回答。</translation>
    </message>
    <message>
        <source>Your system has no password store, so the API key is kept only until the app closes.</source>
        <translation>你的系统没有密码存储，API 密钥只保留到应用关闭。</translation>
    </message>
    <message>
        <source>Your system has no password store, so this sign-in is kept only until the app closes.</source>
        <translation>你的系统没有密码存储，这次登录只保留到应用关闭。</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom the timeline</source>
        <translation>缩放时间线</translation>
    </message>
    <message>
        <source>add caption</source>
        <translation>添加字幕</translation>
    </message>
    <message>
        <source>add effect</source>
        <translation>添加特效</translation>
    </message>
    <message>
        <source>add media</source>
        <translation>添加素材</translation>
    </message>
    <message>
        <source>add music</source>
        <translation>添加音乐</translation>
    </message>
    <message>
        <source>add sound</source>
        <translation>添加音效</translation>
    </message>
    <message>
        <source>at the bottom</source>
        <translation>在底部</translation>
    </message>
    <message>
        <source>at the top</source>
        <translation>在顶部</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>black and white</source>
        <translation>黑白</translation>
    </message>
    <message>
        <source>blurred background</source>
        <translation>模糊背景</translation>
    </message>
    <message>
        <source>boomerang</source>
        <translation>来回播放</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>captions</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>clear timeline</source>
        <translation>清空时间线</translation>
    </message>
    <message>
        <source>clips</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>deep-fried</source>
        <translation>油炸效果</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>delete caption</source>
        <translation>删除字幕</translation>
    </message>
    <message>
        <source>delete clip</source>
        <translation>删除画面</translation>
    </message>
    <message>
        <source>delete segment</source>
        <translation>删除片段</translation>
    </message>
    <message>
        <source>delete sound</source>
        <translation>删除声音</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>duplicate caption</source>
        <translation>复制字幕</translation>
    </message>
    <message>
        <source>duplicate clip</source>
        <translation>复制画面</translation>
    </message>
    <message>
        <source>duplicate segment</source>
        <translation>复制片段</translation>
    </message>
    <message>
        <source>duplicate sound</source>
        <translation>复制声音</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>files without an extension</source>
        <translation>没有扩展名的文件</translation>
    </message>
    <message>
        <source>fills the frame, edges cropped</source>
        <translation>铺满画面，边缘裁掉</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>in the middle</source>
        <translation>在中间</translation>
    </message>
    <message>
        <source>in {folder}</source>
        <translation>位于 {folder}</translation>
    </message>
    <message>
        <source>loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>made</source>
        <translation>已做好</translation>
    </message>
    <message>
        <source>made, saving…</source>
        <translation>已做好，正在保存…</translation>
    </message>
    <message>
        <source>making the meme…</source>
        <translation>正在制作表情包…</translation>
    </message>
    <message>
        <source>move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>move caption</source>
        <translation>移动字幕</translation>
    </message>
    <message>
        <source>move clip</source>
        <translation>移动画面</translation>
    </message>
    <message>
        <source>move segment</source>
        <translation>移动片段</translation>
    </message>
    <message>
        <source>move sound</source>
        <translation>移动声音</translation>
    </message>
    <message>
        <source>not made: {why}</source>
        <translation>未做成：{why}</translation>
    </message>
    <message>
        <source>optional, e.g. mondays, my cat, exams</source>
        <translation>可选，例如：周一、我的猫、考试</translation>
    </message>
    <message>
        <source>place caption</source>
        <translation>放置字幕</translation>
    </message>
    <message>
        <source>plain {color} text</source>
        <translation>{color}普通文字</translation>
    </message>
    <message>
        <source>punch in</source>
        <translation>推近</translation>
    </message>
    <message>
        <source>redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>remove effect</source>
        <translation>移除特效</translation>
    </message>
    <message>
        <source>remove media</source>
        <translation>移除素材</translation>
    </message>
    <message>
        <source>reorder</source>
        <translation>调整顺序</translation>
    </message>
    <message>
        <source>replace media</source>
        <translation>替换素材</translation>
    </message>
    <message>
        <source>replace sound</source>
        <translation>替换声音</translation>
    </message>
    <message>
        <source>resize caption</source>
        <translation>调整字幕大小</translation>
    </message>
    <message>
        <source>retype caption</source>
        <translation>改写字幕</translation>
    </message>
    <message>
        <source>saved as {names}</source>
        <translation>已保存为 {names}</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>sepia</source>
        <translation>怀旧</translation>
    </message>
    <message>
        <source>set canvas</source>
        <translation>设置画布</translation>
    </message>
    <message>
        <source>set caption</source>
        <translation>修改字幕</translation>
    </message>
    <message>
        <source>set fade</source>
        <translation>设置淡入淡出</translation>
    </message>
    <message>
        <source>set fit</source>
        <translation>设置画面适配</translation>
    </message>
    <message>
        <source>set length</source>
        <translation>设置时长</translation>
    </message>
    <message>
        <source>set reverse</source>
        <translation>设置倒放</translation>
    </message>
    <message>
        <source>set sound volume</source>
        <translation>调整音量</translation>
    </message>
    <message>
        <source>set speed</source>
        <translation>设置速度</translation>
    </message>
    <message>
        <source>set title</source>
        <translation>设置标题</translation>
    </message>
    <message>
        <source>set volume</source>
        <translation>设置音量</translation>
    </message>
    <message>
        <source>set zoom</source>
        <translation>设置缩放</translation>
    </message>
    <message>
        <source>shaking</source>
        <translation>抖动</translation>
    </message>
    <message>
        <source>sounds</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>split</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>split caption</source>
        <translation>分割字幕</translation>
    </message>
    <message>
        <source>split clip</source>
        <translation>分割画面</translation>
    </message>
    <message>
        <source>split segment</source>
        <translation>分割片段</translation>
    </message>
    <message>
        <source>split sound</source>
        <translation>分割声音</translation>
    </message>
    <message>
        <source>starter account</source>
        <translation>体验账户</translation>
    </message>
    <message>
        <source>this timeline could not be rendered; check it and edit again</source>
        <translation>这条时间线无法渲染，请检查后再编辑</translation>
    </message>
    <message>
        <source>trim</source>
        <translation>修剪</translation>
    </message>
    <message>
        <source>trim caption</source>
        <translation>剪裁字幕</translation>
    </message>
    <message>
        <source>trim clip</source>
        <translation>剪裁画面</translation>
    </message>
    <message>
        <source>trim segment</source>
        <translation>修剪片段</translation>
    </message>
    <message>
        <source>trim sound</source>
        <translation>剪裁声音</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>volume {v}%</source>
        <translation>音量 {v}%</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>where you put it on the preview</source>
        <translation>在预览中放置的位置</translation>
    </message>
    <message>
        <source>whole picture, bars around it</source>
        <translation>完整画面，四周留边</translation>
    </message>
    <message>
        <source>your video</source>
        <translation>你的视频</translation>
    </message>
    <message>
        <source>{color} letters with a black outline</source>
        <translation>{color}文字，黑色描边</translation>
    </message>
    <message>
        <source>{color} subtitles</source>
        <translation>{color}字幕样式</translation>
    </message>
    <message>
        <source>{color} text on a white bar</source>
        <translation>白色横条上的{color}文字</translation>
    </message>
    <message>
        <source>{count} files: each gets a project of its own and a meme made by the assistant, saved into a folder you choose next.</source>
        <translation>{count} 个文件：每个文件都会有自己的项目，由助手做成表情包，保存到接下来选择的文件夹。</translation>
    </message>
    <message>
        <source>{count} media files went with it.</source>
        <translation>{count} 个素材文件也一并删除了。</translation>
    </message>
    <message>
        <source>{ext} is not supported. Use {accepted}.</source>
        <translation>不支持 {ext}。请使用 {accepted}。</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first}和{second}</translation>
    </message>
    <message>
        <source>{names} already exist. Replace them?</source>
        <translation>{names} 已存在。要替换吗？</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name}（副本）</translation>
    </message>
    <message>
        <source>{name} ({mb:.1f} MB)</source>
        <translation>{name}（{mb:.1f} MB）</translation>
    </message>
    <message>
        <source>{name} ({mb:.1f} MB) in {folder}</source>
        <translation>{name}（{mb:.1f} MB），位于 {folder}</translation>
    </message>
    <message>
        <source>{name} already exists. Replace it?</source>
        <translation>{name} 已存在。要替换吗？</translation>
    </message>
    <message>
        <source>{n} message(s) waiting</source>
        <translation>{n} 条消息等待中</translation>
    </message>
    <message>
        <source>{n} segments selected</source>
        <translation>已选择 {n} 个片段</translation>
    </message>
    <message>
        <source>{speed}× speed</source>
        <translation>{speed} 倍速</translation>
    </message>
    <message>
        <source>{url} (not answering)</source>
        <translation>{url}（无响应）</translation>
    </message>
    <message>
        <source>{verb} {n} {things}</source>
        <translation>{verb} {n} 个{things}</translation>
    </message>
    <message>
        <source>{what} and {n} more</source>
        <translation>{what}等 {n} 项</translation>
    </message>
    <message>
        <source>{why}: showing the frames without sound.</source>
        <translation>{why}：显示无声画面。</translation>
    </message>
    <message>
        <source>“{name}” is on the timeline. Remove it from the timeline too?</source>
        <translation>“{name}”在时间线上。也从时间线上移除吗？</translation>
    </message>
    <message>
        <source>“{name}” is used {n} times on the timeline. Remove it from the timeline too?</source>
        <translation>“{name}”在时间线上用了 {n} 次。也从时间线上移除吗？</translation>
    </message>
</context>
</TS>
