<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddUserForm</name>
    <message>
        <location filename="../../ui/users_page.py" line="+104"/>
        <source>Add an account</source>
        <translation>添加账号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>letters or digits, e.g. judge6</source>
        <translation>字母或数字，如 judge6</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>for judges: to spot conflicts of interest</source>
        <translation>裁判员必填：用于回避本单位选手</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add account</source>
        <translation>添加账号</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的 PIN 不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="+97"/>
        <source>kmjudge — unexpected error</source>
        <translation>kmjudge — 意外错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kmjudge hit an unexpected error.</source>
        <translation>kmjudge 遇到了意外错误。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data that was already saved is safe. If the problem comes back, send the details to support. They were also written to the log: {log}</source>
        <translation>已保存的数据不受影响。如果问题再次出现，请把详细信息发给技术支持。详细信息也已写入日志：{log}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>kmjudge did not open it and changed nothing.

The newest good backup is from {time} ({name}). Restoring it replaces the database with that copy: anything entered after {time} must be entered again. The damaged file is kept beside it for inspection.</source>
        <translation>kmjudge 没有打开它，也没有做任何改动。

最近的完好备份时间为 {time}（{name}）。恢复后数据库将替换为该备份：{time} 之后录入的内容需要重新录入。损坏的文件会保留在原处，供检查。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restore the backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>kmjudge did not open it and changed nothing. No good backup of this database was found in {folder}. Call support before doing anything else with the file.</source>
        <translation>kmjudge 没有打开它，也没有做任何改动。在 {folder} 中没有找到此数据库的完好备份。请先联系技术支持，不要对该文件做其他操作。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>kmjudge did not open it and changed nothing.</source>
        <translation>kmjudge 没有打开它，也没有做任何改动。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
</context>
<context>
    <name>BackupsModel</name>
    <message>
        <location filename="../../ui/data_page.py" line="+41"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>on opening</source>
        <translation>打开时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hourly</source>
        <translation>每小时自动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before import</source>
        <translation>导入前</translation>
    </message>
</context>
<context>
    <name>BoardPageModel</name>
    <message>
        <location filename="../../ui/results/models.py" line="+148"/>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>工位号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theory</source>
        <translation>理论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Practical</source>
        <translation>实操</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Award</source>
        <translation>奖项</translation>
    </message>
</context>
<context>
    <name>BoardWindow</name>
    <message>
        <location filename="../../ui/results/board_window.py" line="+86"/>
        <location line="+110"/>
        <source>Results board</source>
        <translation>成绩公示</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+53"/>
        <source>Results not yet released</source>
        <translation>成绩尚未公布</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+50"/>
        <source>The results will appear here as soon as the chief judge releases them.</source>
        <translation>裁判长公布成绩后将在此显示。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Results cannot be shown</source>
        <translation>无法显示成绩</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Official results</source>
        <translation>正式成绩</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Released %1</source>
        <translation>公布时间：%1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页 / 共 %2 页</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <location filename="../../ui/checkin/camera.py" line="+164"/>
        <source>Scan with the webcam</source>
        <translation>用摄像头扫码</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Camera error: {error}</source>
        <translation>摄像头出错：{error}</translation>
    </message>
</context>
<context>
    <name>CheckinPage</name>
    <message>
        <location filename="../../ui/checkin/checkin_page.py" line="+158"/>
        <source>Check-in</source>
        <translation>检录</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Registered</source>
        <translation>报名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked in</source>
        <translation>已检录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not yet in</source>
        <translation>未检录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Absent</source>
        <translation>缺考</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn / DQ</source>
        <translation>退赛/取消资格</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scan the ticket&apos;s QR code (or type it and press Enter)</source>
        <translation>请扫描准考证二维码（或手工输入后按回车）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Manual look-up</source>
        <translation>手工检录</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Recent scans</source>
        <translation>最近扫码</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <location line="+83"/>
        <location line="+126"/>
        <source>No event selected</source>
        <translation>未选择竞赛场次</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>Choose the competition event at the top of the window.</source>
        <translation>请在窗口顶部选择竞赛场次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan a ticket&apos;s QR code</source>
        <translation>请扫描准考证二维码</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Check-in: {window}</source>
        <translation>检录时间：{window}</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{w} withdrawn, {d} disqualified</source>
        <translation>退赛 {w} 人，取消资格 {d} 人</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>⚠ You are typing elsewhere: press Esc or click the scan field before scanning.</source>
        <translation>⚠ 光标在其他输入框：扫码前请按 Esc 或点击扫码框。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking… ({n} waiting)</source>
        <translation>正在核验…（{n} 个待处理）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready: scan the next ticket.</source>
        <translation>就绪：请扫描下一位。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{scans} scans today, {rejected} refused</source>
        <translation>共扫码 {scans} 次，其中未通过 {rejected} 次</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Scanner test code</source>
        <translation>扫码枪测试码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is the scanner self-test code, not a ticket. The scanner works.</source>
        <translation>这是扫码枪自检用的测试码，不是准考证。扫码枪工作正常。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the competition event at the top of the window, then scan again.</source>
        <translation>请先在窗口顶部选择竞赛场次，再重新扫码。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>✖ Scan not processed</source>
        <translation>✖ 扫码未能处理</translation>
    </message>
</context>
<context>
    <name>ChiefPage</name>
    <message>
        <location filename="../../ui/judging/chief_page.py" line="+61"/>
        <source>Chief judge review</source>
        <translation>裁判长审核</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+64"/>
        <source>Criterion</source>
        <translation>模块</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Expected</source>
        <translation>应评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entered</source>
        <translation>已评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing</source>
        <translation>缺评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Per criterion</source>
        <translation>按模块统计</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Judge</source>
        <translation>裁判</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+25"/>
        <source>Aspect</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Marks still missing</source>
        <translation>尚缺的评分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Completeness</source>
        <translation>完整性</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Judgement panels whose spread is above the limit. Ask the judges to re-score, or accept the grades as they stand with a written reason.</source>
        <translation>以下评价项的裁判评分差异超过上限。请裁判重新评分，或由裁判长填写书面理由后维持原评分。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Spread</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grades</source>
        <translation>各裁判评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>裁定理由</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reason for accepting the grades (required)</source>
        <translation>维持原评分的理由（必填）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept as scored</source>
        <translation>维持原评分</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Spread flags</source>
        <translation>评分差异</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What blocks</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What still stops the lock</source>
        <translation>尚不能锁定的原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock the event</source>
        <translation>锁定本场次成绩</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unlock (needs your PIN and a reason)</source>
        <translation>解除锁定（需输入 PIN 并填写理由）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN:</source>
        <translation>PIN：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock the event</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>complete</source>
        <translation>已评完</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>open</source>
        <translation>未评完</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Marks still missing: {n}</source>
        <translation>尚缺的评分：{n} 项</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>event</source>
        <translation>场次</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{stations} active stations · {missing} marks missing · {flags} spread flag(s) · {blockers} blocker(s)</source>
        <translation>在赛工位 {stations} 个 · 缺评 {missing} 项 · 评分差异 {flags} 处 · 锁定阻碍 {blockers} 项</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Spread flags ({n})</source>
        <translation>评分差异（{n}）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Select a flagged panel first.</source>
        <translation>请先选择一处评分差异。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the reason for accepting these grades.</source>
        <translation>请填写维持原评分的书面理由。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Write the reason for unlocking.</source>
        <translation>请填写解除锁定的理由。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Grades accepted; the reason is recorded.</source>
        <translation>已维持原评分，理由已记录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The event is locked.</source>
        <translation>本场次成绩已锁定。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The event is unlocked.</source>
        <translation>本场次已解除锁定。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The event cannot be locked yet:</source>
        <translation>本场次暂不能锁定，原因如下：</translation>
    </message>
</context>
<context>
    <name>ContestantsPage</name>
    <message>
        <location filename="../../ui/registration/contestants_page.py" line="+69"/>
        <source>Contestants</source>
        <translation>选手报名</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Search by name, ID number or ticket number</source>
        <translation>按姓名、身份证号或准考证号搜索</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import registration sheet…</source>
        <translation>导入报名表…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Walk-in entry…</source>
        <translation>现场报名…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Your account cannot see contestants&apos; names or personal details.
Judges mark by station number only, so that marking stays blind.</source>
        <translation>您的账号无权查看选手姓名和个人信息。
裁判员只按工位号评分，以保证加密评分。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Please select a competition event first (at the top of the window).</source>
        <translation>请先选择竞赛场次（在窗口顶部选择）。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Nobody is registered for this event yet.
Import the registration sheet, or enter walk-in contestants one by one.</source>
        <translation>本场次还没有选手报名。
请导入报名表，或用“现场报名”逐个登记。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{total} in all, {shown} shown</source>
        <translation>共 {total} 人，显示 {shown} 人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{total} in all</source>
        <translation>共 {total} 人</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <location filename="../../ui/data_page.py" line="+71"/>
        <source>Data and backups</source>
        <translation>数据与备份</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SQLite file on this computer</source>
        <translation>本机 SQLite 数据库文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL 服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This computer</source>
        <translation>本机设备</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other computers recognise files signed here by this fingerprint.</source>
        <translation>其他电脑凭此指纹识别本机签名的文件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open backup folder</source>
        <translation>打开备份文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Back up a PostgreSQL database with pg_dump on the server.</source>
        <translation>PostgreSQL 数据库请在服务器上用 pg_dump 备份。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A backup is made on opening and every hour. Backups are kept in {folder}.</source>
        <translation>每次打开时及每小时自动备份一次。备份保存在 {folder}。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verify audit chain</source>
        <translation>校验审计链</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Results of the checks appear here. The audit chain shows whether any record was changed behind the software&apos;s back.</source>
        <translation>检查结果显示在这里。校验审计链可以发现是否有记录绕过本软件被改动。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Backing up…</source>
        <translation>正在备份……</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backup written: {path}</source>
        <translation>备份完成：{path}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The database check is not available in this version.</source>
        <translation>此版本不提供数据库检查。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking the database…</source>
        <translation>正在检查数据库……</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The database is healthy.</source>
        <translation>数据库完好。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database has problems: see below. Restore the newest good backup or call support.</source>
        <translation>数据库有问题（详见下方）。请从最近的完好备份恢复，或联系技术支持。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Verifying the audit chain…</source>
        <translation>正在校验审计链……</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The audit chain is intact: {n} entries from {d} device(s).</source>
        <translation>审计链完整：共 {n} 条记录，来自 {d} 台设备。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The audit chain shows {n} problem(s): records were changed outside kmjudge.</source>
        <translation>审计链发现 {n} 处问题：有记录在 kmjudge 之外被改动。</translation>
    </message>
</context>
<context>
    <name>DrawDialog</name>
    <message>
        <location filename="../../ui/checkin/draw_dialog.py" line="+60"/>
        <location line="+7"/>
        <source>Station draw</source>
        <translation>工位抽签</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw a station when each contestant checks in</source>
        <translation>选手检录时自动抽取工位号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stations:</source>
        <translation>工位数：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>one per contestant</source>
        <translation>每人一个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only an administrator can change these settings.</source>
        <translation>只有管理员可以修改这些设置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draw for everyone checked in without a station</source>
        <translation>为已检录但无工位的选手抽签</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save the draw list as PDF…</source>
        <translation>保存抽签表 PDF…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{drawn} with a station, {waiting} checked in without one</source>
        <translation>已有工位 {drawn} 人，已检录但无工位 {waiting} 人</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Stations drawn for {n} contestant(s) (stations 1–{total}).</source>
        <translation>已为 {n} 名选手抽签（工位 1–{total}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} got none: no free station left.</source>
        <translation>{n} 人没有抽到：已无空余工位。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save the draw list as</source>
        <translation>抽签表保存为</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Draw list saved to {path}</source>
        <translation>抽签表已保存：{path}</translation>
    </message>
</context>
<context>
    <name>DrawListModel</name>
    <message>
        <location filename="../../ui/checkin/models.py" line="+205"/>
        <source>Station</source>
        <translation>工位号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket no.</source>
        <translation>准考证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not drawn</source>
        <translation>未抽签</translation>
    </message>
</context>
<context>
    <name>EventForm</name>
    <message>
        <location filename="../../ui/setup/event_form.py" line="+105"/>
        <source>Event name</source>
        <translation>场次名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Venue</source>
        <translation>举办地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District</source>
        <translation>所属区县</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ends</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> marks</source>
        <translation> 分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> judges</source>
        <translation> 名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Theory weight</source>
        <translation>理论权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Practical weight</source>
        <translation>实操权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pass mark</source>
        <translation>合格线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Judges per panel</source>
        <translation>每组裁判人数</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{competition} · {year} · trade: {trade} · level: {level}</source>
        <translation>{competition} · {year} 年 · 工种：{trade} · 级别：{level}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This event is locked; its settings cannot change.</source>
        <translation>该场次已锁定，设置不能再修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only an administrator can change these settings.</source>
        <translation>只有管理员可以修改这些设置。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Total {total}%</source>
        <translation>合计 {total}%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total {total}% (must be 100%)</source>
        <translation>合计 {total}%（应为 100%）</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Nothing has changed.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The event needs a name.</source>
        <translation>请填写场次名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The end time is before the start time.</source>
        <translation>结束时间早于开始时间，请核对。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
</context>
<context>
    <name>EventListModel</name>
    <message>
        <location filename="../../ui/setup/events_page.py" line="+66"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>竞赛场次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trade</source>
        <translation>工种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Venue</source>
        <translation>举办地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries</source>
        <translation>报名人数</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location line="+79"/>
        <source>Competition setup</source>
        <translation>竞赛设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import competition set-up file…</source>
        <translation>从文件导入竞赛设置…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>There are no competition events yet. Import the set-up file (.toml) that the organising office provides.</source>
        <translation>还没有竞赛场次。请导入主办方提供的竞赛设置文件（.toml）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Event settings</source>
        <translation>场次设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+81"/>
        <source>Marking scheme</source>
        <translation>评分标准</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Please select a competition event first.</source>
        <translation>请先选择竞赛场次。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Marking scheme (none yet)</source>
        <translation>评分标准（尚未导入）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Marking scheme (total is not 100)</source>
        <translation>评分标准（合计不是 100 分）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Import competition set-up file</source>
        <translation>导入竞赛设置文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Competition set-up files (*.toml);;All files (*)</source>
        <translation>竞赛设置文件 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking “{name}”…</source>
        <translation>正在检查“{name}”……</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Importing the competition set-up…</source>
        <translation>正在导入竞赛设置……</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{name}” imported: {n} events created.</source>
        <translation>已导入“{name}”：新建 {n} 个竞赛场次。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>“{name}” was not imported: {n} problems were found. Nothing was created.</source>
        <translation>“{name}”未导入：发现 {n} 处问题，没有创建任何场次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set-up file not imported</source>
        <translation>竞赛设置文件未导入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{name}” was not imported.</source>
        <translation>“{name}”未导入。</translation>
    </message>
</context>
<context>
    <name>FirstAdminForm</name>
    <message>
        <location filename="../../ui/login.py" line="+48"/>
        <source>First use: create the administrator</source>
        <translation>首次使用：创建管理员账号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This account sets up competitions, imports registrations and creates the other accounts. Keep its PIN safe.</source>
        <translation>管理员负责设置竞赛、导入报名和创建其他账号。请妥善保管 PIN。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>e.g. Zhang San</source>
        <translation>如：张三</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>at least 4 digits or letters</source>
        <translation>至少 4 位数字或字母</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create administrator and sign in</source>
        <translation>创建管理员并登录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的 PIN 不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/home.py" line="+114"/>
        <source>Hello, {name}</source>
        <translation>您好，{name}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Registered</source>
        <translation>报名人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked in</source>
        <translation>已检录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Absent</source>
        <translation>缺考</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>退赛</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Key facts</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What to do next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No competition event yet</source>
        <translation>还没有竞赛场次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Events come from a competition setup file that the administrator imports under Competition setup.</source>
        <translation>竞赛场次来自赛事设置文件，由管理员在“竞赛设置”中导入。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Theory {t} · Practical {p}</source>
        <translation>理论 {t} · 实操 {p}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trade</source>
        <translation>工种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates</source>
        <translation>比赛时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check-in</source>
        <translation>检录时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights</source>
        <translation>成绩权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass mark</source>
        <translation>及格线</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Marking scheme</source>
        <translation>评分标准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{title} · {n} aspects</source>
        <translation>{title} · {n} 个评分项</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open</source>
        <translation>前往</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import the competition setup file (events, weights, marking scheme).</source>
        <translation>导入赛事设置文件（场次、权重、评分标准）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import the registration sheet from the organisers (Excel or CSV).</source>
        <translation>导入组织单位提供的报名表（Excel 或 CSV）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check the contestant list and add walk-ins.</source>
        <translation>核对选手名单，办理现场报名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create accounts for registrars, judges and score clerks.</source>
        <translation>为检录员、裁判员和录分员创建账号。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Back up before the competition starts, and copy the backup to a USB stick.</source>
        <translation>比赛开始前备份一次，并把备份复制到 U 盘。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Handle registrations and walk-ins.</source>
        <translation>处理报名和现场报名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check-in by scanning admission tickets will appear here.</source>
        <translation>扫描准考证检录的功能将在这里提供。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review the contestant list.</source>
        <translation>查看选手名单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reviewing scores, locking and publishing results will appear here.</source>
        <translation>复核评分、锁定和公布成绩的功能将在这里提供。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Scoring opens here once the chief judge has assigned your aspects. You will see station numbers only, never names.</source>
        <translation>裁判长分配评分项后，可在这里评分。评分时只显示工位号，不显示选手姓名。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Entering paper score sheets will appear here.</source>
        <translation>纸质评分表录入功能将在这里提供。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Importing venue packages and city-wide lists will appear here.</source>
        <translation>导入各赛点数据包和生成全市名单的功能将在这里提供。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/registration/import_wizard.py" line="+140"/>
        <source>Import registration sheet</source>
        <translation>导入报名表</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>1  Choose file</source>
        <translation>1  选择文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2  Check</source>
        <translation>2  检查预览</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>3  Done</source>
        <translation>3  完成</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export error list…</source>
        <translation>导出错误清单…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose another file</source>
        <translation>重新选择文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Confirm import</source>
        <translation>确认导入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Drag the registration sheet (.xlsx or .csv) here</source>
        <translation>把报名表文件（.xlsx 或 .csv）拖到这里</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The header row needs at least the columns 姓名 (name) and 身份证号码 (ID number). Title rows, merged cells, full-width characters and CSV in GBK or UTF-8 are all fine. Nothing is saved until you confirm the import.</source>
        <translation>表头至少要有“姓名”和“身份证号码”两列；标题行、合并单元格、全角字符以及 GBK 或 UTF-8 编码的 CSV 都可以。先检查预览，点“确认导入”之后才会写入。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+60"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="-59"/>
        <location line="+60"/>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Rejected rows</source>
        <translation>拒绝（行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>✓  Import finished</source>
        <translation>✓  导入完成</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rejected rows (not imported)</source>
        <translation>未导入（被拒绝的行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup taken before the import</source>
        <translation>导入前的备份</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Choose the registration sheet</source>
        <translation>选择报名表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registration sheets (*.xlsx *.xlsm *.csv);;All files (*)</source>
        <translation>报名表 (*.xlsx *.xlsm *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Checking “{name}”…</source>
        <translation>正在检查“{name}”……</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking the registration sheet…</source>
        <translation>正在检查报名表……</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“{name}” cannot be imported:</source>
        <translation>“{name}”无法导入：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheet “{sheet}”, header in row {header}, {rows} rows of data.</source>
        <translation>工作表“{sheet}”，表头在第 {header} 行，共 {rows} 行数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Columns not recognised (not imported): {cols}</source>
        <translation>未识别的列（不导入）：{cols}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Rejected ({n})</source>
        <translation>未通过（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes ({n})</source>
        <translation>提示（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To update ({n})</source>
        <translation>将更新（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To add ({n})</source>
        <translation>将新增（{n}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is nothing to import: no row of this sheet is new or changed. Correct the rejected rows (export the error list) and import again.</source>
        <translation>没有可以导入的内容：表中没有新增或需要更新的行。请导出错误清单，改正被拒绝的行后重新导入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everyone in this sheet is already registered with the same details.</source>
        <translation>表中的选手均已报名，信息没有变化，无需导入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Confirming adds {new} and updates {update} contestants; the {n} rejected rows are not imported (export the error list, have them corrected and import the sheet again). A backup is taken first.</source>
        <translation>确认导入后将新增 {new} 人、更新 {update} 人；被拒绝的 {n} 行不会导入（可导出错误清单，交报名单位改正后再导入）。导入前会自动备份数据库。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Confirming adds {new} and updates {update} contestants. A backup is taken first.</source>
        <translation>确认导入后将新增 {new} 人、更新 {update} 人；导入前会自动备份数据库。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>error list</source>
        <translation>错误清单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the error list</source>
        <translation>保存错误清单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Error list saved: {path}</source>
        <translation>错误清单已保存：{path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The error list could not be saved: {error}</source>
        <translation>错误清单未能保存：{error}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Importing…</source>
        <translation>正在导入……</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} people</source>
        <translation>{n} 人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The contestant list has been updated. If this import was a mistake, the database can be restored from the backup above (数据与备份).</source>
        <translation>选手名单已更新。如果这次导入有误，可以在“数据与备份”中从上面的备份恢复。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing was imported.</source>
        <translation>没有导入任何数据。</translation>
    </message>
</context>
<context>
    <name>IssueTableModel</name>
    <message>
        <location filename="../../ui/registration/models.py" line="+236"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(whole row)</source>
        <translation>（整行）</translation>
    </message>
</context>
<context>
    <name>IssuesDialog</name>
    <message>
        <location filename="../../ui/setup/scheme_view.py" line="+85"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Copy all</source>
        <translation>全部复制</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>JudgeGridModel</name>
    <message>
        <location filename="../../ui/judging/models.py" line="+128"/>
        <source>0–3 (of {max})</source>
        <translation>评价 0–3（满分 {max}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>count, −{max} each</source>
        <translation>填次数，每次扣 {max}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>max {max}</source>
        <translation>满分 {max}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Station {no}</source>
        <translation>工位 {no}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Judges disagree by more than the limit: please re-score</source>
        <translation>裁判评分差异超过上限：请重新评分</translation>
    </message>
</context>
<context>
    <name>JudgePage</name>
    <message>
        <location filename="../../ui/judging/judge_page.py" line="+179"/>
        <source>Marking</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Blind marking: contestants are shown by station number only. Type a mark and press Enter to store it and move on; judgement columns take the keys 0–3 directly.</source>
        <translation>加密评分：选手只以工位号显示。输入分数后按回车保存并跳到下一格；评价类评分项直接按 0–3 键即可。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Criterion:</source>
        <translation>模块：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Submit this criterion…</source>
        <translation>提交本模块…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source> (locked)</source>
        <translation>（已锁定）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (submitted)</source>
        <translation>（已提交）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{n} mark(s) still to give</source>
        <translation>尚有 {n} 项未评</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>grade {v}</source>
        <translation>评价 {v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{v} time(s)</source>
        <translation>{v} 次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{v} points</source>
        <translation>{v} 分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station {no} · {code} {title} · {value}</source>
        <translation>工位 {no} · {code} {title} · {value}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Submit criterion {code}? After submitting you cannot change its marks; enter your PIN to sign.</source>
        <translation>提交模块 {code}？提交后不能再修改本模块的评分。请输入 PIN 确认。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Criterion {code} submitted.</source>
        <translation>模块 {code} 已提交。</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../ui/login.py" line="+107"/>
        <source>kmjudge — sign in</source>
        <translation>kmjudge — 登录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>kmjudge on-site judging</source>
        <translation>kmjudge 竞赛现场评分系统</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Worker skills competition · check-in, scoring, results</source>
        <translation>职工技能竞赛 · 检录、评分、成绩</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opening…</source>
        <translation>正在打开……</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Database: {where}</source>
        <translation>数据库：{where}</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Checking…</source>
        <translation>正在验证……</translation>
    </message>
</context>
<context>
    <name>LookupModel</name>
    <message>
        <location filename="../../ui/checkin/models.py" line="-130"/>
        <source>Ticket no.</source>
        <translation>准考证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 4</source>
        <translation>后4位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>工位</translation>
    </message>
</context>
<context>
    <name>LookupPanel</name>
    <message>
        <location filename="../../ui/checkin/lookup.py" line="+91"/>
        <source>Manual check-in</source>
        <translation>手工检录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check in {name} without a ticket. Compare the ID card first.</source>
        <translation>为 {name} 办理无证检录。请先核对身份证。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check in</source>
        <translation>确认检录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No ticket; ID card checked</source>
        <translation>未带准考证，已核对身份证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket lost; ID card checked</source>
        <translation>准考证遗失，已核对身份证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR code unreadable; ID card checked</source>
        <translation>二维码无法识别，已核对身份证</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>Undo check-in</source>
        <translation>撤销检录</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Undo the check-in of {name}; the station is freed.</source>
        <translation>撤销 {name} 的检录；其工位号将释放。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checked in the wrong person</source>
        <translation>检录错人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scanned by mistake</source>
        <translation>误扫</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>Withdraw</source>
        <translation>退赛</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>{name} withdraws from the event; the ticket is cancelled.</source>
        <translation>{name} 退出比赛；其准考证作废。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdrew of their own accord</source>
        <translation>本人申请退赛</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Illness</source>
        <translation>身体原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>Disqualify</source>
        <translation>取消资格</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Disqualify {name}; the ticket is cancelled.</source>
        <translation>取消 {name} 的参赛资格；其准考证作废。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identity does not match the ID card</source>
        <translation>人证不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serious breach of the rules</source>
        <translation>严重违反赛场纪律</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>Reinstate</source>
        <translation>恢复资格</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Reinstate {name} (the status was set in error).</source>
        <translation>恢复 {name} 的状态（此前设置有误）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status set in error</source>
        <translation>状态设置有误</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reprint ticket…</source>
        <translation>补发准考证…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Name, ID number or ticket number</source>
        <translation>姓名、身份证号或准考证号</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>{shown} of {total} shown</source>
        <translation>共 {total} 人，显示 {shown} 人</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Select a contestant in the list.</source>
        <translation>请在列表中选择选手。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>station {n}</source>
        <translation>工位 {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no station</source>
        <translation>未分配工位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ID last 4: {last4} · {status} · {station}</source>
        <translation>身份证后4位：{last4} · {status} · {station}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Please give a reason first.</source>
        <translation>请先填写原因。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Check-in of {name} undone.</source>
        <translation>已撤销 {name} 的检录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} has withdrawn.</source>
        <translation>{name} 已退赛。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is disqualified.</source>
        <translation>{name} 已被取消资格。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is reinstated.</source>
        <translation>{name} 已恢复。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name}: {message}</source>
        <translation>{name}：{message}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="+130"/>
        <location line="+57"/>
        <location line="+181"/>
        <source>kmjudge on-site judging</source>
        <translation>kmjudge 竞赛现场评分系统</translation>
    </message>
    <message>
        <location line="-177"/>
        <source>Event:</source>
        <translation>竞赛场次：</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+8"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言/Language</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+202"/>
        <source>About kmjudge</source>
        <translation>关于 kmjudge</translation>
    </message>
    <message>
        <location line="-190"/>
        <source>Device {name} · key {fp}</source>
        <translation>设备 {name} · 指纹 {fp}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device id: {id}</source>
        <translation>设备编号：{id}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PostgreSQL: back up with pg_dump</source>
        <translation>PostgreSQL：请用 pg_dump 备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No backup yet</source>
        <translation>尚无备份</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>(no events yet)</source>
        <translation>（尚无竞赛场次）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No event selected</source>
        <translation>未选择竞赛场次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Event: {name}</source>
        <translation>场次：{name}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Backup failed!</source>
        <translation>备份失败！</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Last backup {time}</source>
        <translation>上次备份 {time}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>kmjudge {version}
Offline on-site judging for the worker skills competition.</source>
        <translation>kmjudge {version}
职工技能竞赛现场评分系统，无需联网即可使用。</translation>
    </message>
</context>
<context>
    <name>Nav</name>
    <message>
        <location line="-384"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Competition setup</source>
        <translation>竞赛设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registration</source>
        <translation>选手报名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check-in</source>
        <translation>检录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marking</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chief judge review</source>
        <translation>裁判长审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Results</source>
        <translation>成绩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data and backups</source>
        <translation>数据与备份</translation>
    </message>
</context>
<context>
    <name>NewRowsModel</name>
    <message>
        <location filename="../../ui/registration/models.py" line="+57"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District</source>
        <translation>所属区县</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/judging/judge_page.py" line="-278"/>
        <source>Submit criterion</source>
        <translation>提交模块</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your PIN</source>
        <translation>您的 PIN</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="+30"/>
        <source>This part of kmjudge is not available in this installation.</source>
        <translation>此功能在当前安装中暂不可用。</translation>
    </message>
</context>
<context>
    <name>RecentScansModel</name>
    <message>
        <location filename="../../ui/checkin/models.py" line="+77"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket no.</source>
        <translation>准考证号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>检录员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checked in</source>
        <translation>检录成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already in</source>
        <translation>已检录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a ticket</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid (signature)</source>
        <translation>签名不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong event</source>
        <translation>非本场次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not registered</source>
        <translation>查无此人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已退赛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disqualified</source>
        <translation>已取消资格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled ticket</source>
        <translation>准考证已作废</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not open yet</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>已截止</translation>
    </message>
</context>
<context>
    <name>RegistrationTableModel</name>
    <message>
        <location filename="../../ui/registration/models.py" line="-226"/>
        <source>Ticket no.</source>
        <extracomment>Column widths in pixels at the app&apos;s 10 pt font (sized for the longest usual value).</extracomment>
        <translation>准考证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>工位号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District</source>
        <translation>所属区县</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Walk-in</source>
        <translation>现场报名</translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <location filename="../../ui/users_page.py" line="+30"/>
        <source>Reset PIN</source>
        <translation>重置 PIN</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New PIN for {name} ({username}). Resetting also lifts a lockout.</source>
        <translation>为 {name}（{username}）设置新的 PIN。重置同时解除账号锁定。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New PIN</source>
        <translation>新 PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的 PIN 不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <location filename="../../ui/results/results_page.py" line="+71"/>
        <source>Results</source>
        <translation>成绩</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Export board PDF</source>
        <translation>导出公示表 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export board xlsx</source>
        <translation>导出公示表 xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Winners list</source>
        <translation>获奖名单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transcripts</source>
        <translation>成绩单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-off sheet</source>
        <translation>签字页</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Big screen</source>
        <translation>大屏显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+208"/>
        <source>Release results</source>
        <translation>公布成绩</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Only the chief judge and the administrator may see results here.</source>
        <translation>只有裁判长和管理员可以在这里查看成绩。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose an event first.</source>
        <translation>请先选择竞赛场次。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Computing the results…</source>
        <translation>正在计算成绩……</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Provisional results (not locked, visible only to the chief judge and the administrator)</source>
        <translation>暂定成绩（未锁定，仅裁判长和管理员可见）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locked: final results, not yet released</source>
        <translation>已锁定：最终成绩，尚未公布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked and released</source>
        <translation>已锁定，已公布</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No contestants in this event yet.</source>
        <translation>该场次还没有选手。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 (%2 ranked)</source>
        <translation>%1（排名 %2 人）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 unranked</source>
        <translation>，未排名 %1 人</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>… and %1 more</source>
        <translation>……另有 %1 条</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Writing the file…</source>
        <translation>正在生成文件……</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Release the results? Everyone signed in, and the big screen, will then see them with names.</source>
        <translation>确定公布成绩吗？公布后所有已登录用户和大屏都将看到含姓名的成绩。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Releasing…</source>
        <translation>正在公布……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The results are released.</source>
        <translation>成绩已公布。</translation>
    </message>
</context>
<context>
    <name>ResultsTableModel</name>
    <message>
        <location filename="../../ui/results/models.py" line="-112"/>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>工位号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theory</source>
        <translation>理论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Practical</source>
        <translation>实操</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Award</source>
        <translation>奖项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>称号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upgrade eligible</source>
        <translation>晋级资格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Incomplete</source>
        <translation>成绩不完整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Absent</source>
        <translation>缺考</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>退赛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disqualified</source>
        <translation>取消资格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First prize</source>
        <translation>一等奖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second prize</source>
        <translation>二等奖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Third prize</source>
        <translation>三等奖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merit award</source>
        <translation>优胜奖</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Eligible</source>
        <translation>具备</translation>
    </message>
</context>
<context>
    <name>SchemeView</name>
    <message>
        <location filename="../../ui/setup/scheme_view.py" line="+60"/>
        <source>Import marking scheme…</source>
        <translation>导入评分标准…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export scheme template…</source>
        <translation>导出评分标准模板…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marks</source>
        <translation>分值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>步长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Panel rule</source>
        <translation>评分方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deduction cap</source>
        <translation>扣分上限</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+16"/>
        <source>Marking scheme</source>
        <translation>评分标准</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Please select a competition event first.</source>
        <translation>请先选择竞赛场次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This event has no marking scheme yet. Import one (Excel, TOML or JSON); the blank template shows the columns.</source>
        <translation>本场次还没有评分标准。请导入评分标准文件（Excel、TOML 或 JSON）；可先导出空白模板，照着填写。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Total {total} marks</source>
        <translation>合计 {total} 分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Total {total} marks (must be 100)</source>
        <translation>合计 {total} 分（应为 100 分）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} aspects</source>
        <translation>共 {n} 个评分项</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>−{mark} each</source>
        <translation>每次扣 {mark}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All or nothing</source>
        <translation>全有或全无</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>0–3 scale</source>
        <translation>0–3 评价</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Import marking scheme</source>
        <translation>导入评分标准</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Marking schemes (*.xlsx *.toml *.json);;All files (*)</source>
        <translation>评分标准 (*.xlsx *.toml *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checking “{name}”…</source>
        <translation>正在检查“{name}”……</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Importing the marking scheme…</source>
        <translation>正在导入评分标准……</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Marking scheme imported from “{name}”: total {total} marks.</source>
        <translation>已从“{name}”导入评分标准：合计 {total} 分。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The marking scheme “{name}” was not imported: {n} problems were found. The event keeps its current scheme.</source>
        <translation>评分标准“{name}”未导入：发现 {n} 处问题。本场次仍使用原来的评分标准。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Marking scheme not imported</source>
        <translation>评分标准未导入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The marking scheme “{name}” was not imported.</source>
        <translation>评分标准“{name}”未导入。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save the blank marking scheme template</source>
        <translation>保存空白评分标准模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>marking scheme template</source>
        <translation>评分标准模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Template saved: {path}</source>
        <translation>模板已保存：{path}</translation>
    </message>
</context>
<context>
    <name>SelfTestDialog</name>
    <message>
        <location filename="../../ui/checkin/selftest.py" line="+181"/>
        <location line="+9"/>
        <source>Scanner self-test</source>
        <translation>扫码枪自检</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scan this code with the scanner (from the screen or from paper).</source>
        <translation>用扫码枪扫描这个二维码（扫屏幕或扫打印件均可）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the test code as PDF to print…</source>
        <translation>保存测试码 PDF 以便打印…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The scan appears here</source>
        <translation>扫码内容显示在这里</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+83"/>
        <source>Waiting for a scan…</source>
        <translation>等待扫码…</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Characters:</source>
        <translation>字符数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End of scan:</source>
        <translation>结束方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time between keys:</source>
        <translation>按键间隔：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Control characters:</source>
        <translation>控制字符：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What arrived:</source>
        <translation>收到的内容：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>{n} received (the test code has {expected})</source>
        <translation>收到 {n} 个（测试码共 {expected} 个）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✔ exactly the test code</source>
        <translation>✔ 与测试码完全一致</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✔ the test code, but in lower case (Caps Lock, or the scanner&apos;s setting). Tickets are still read correctly.</source>
        <translation>✔ 与测试码一致，但为小写字母（大写锁定键或扫码枪设置所致）。准考证仍能正常识别。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✖ differs from character {pos}: expected “{expected}”, got “{got}”. Set the scanner&apos;s keyboard language to US English.</source>
        <translation>✖ 从第 {pos} 个字符起不一致：应为“{expected}”，收到“{got}”。请把扫码枪的键盘语言设为美式英语。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✖ longer than the test code: something extra was typed.</source>
        <translation>✖ 比测试码长：多出了字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✔ Enter came at the end</source>
        <translation>✔ 结尾发送了回车</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✔ Tab came at the end (accepted like Enter)</source>
        <translation>✔ 结尾发送了 Tab（与回车同样有效）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No Enter: the scan ended by a pause. Accepted; setting the scanner to send Enter is slightly faster.</source>
        <translation>未发送回车：靠停顿判断扫码结束。可以使用；把扫码枪设为发送回车会稍快一些。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>average {mean:.1f} ms, longest {max:.1f} ms, whole scan {total:.0f} ms</source>
        <translation>平均 {mean:.1f} 毫秒，最长 {max:.1f} 毫秒，整次扫码 {total:.0f} 毫秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(as slow as typing by hand)</source>
        <translation>（速度与手工打字相当）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} removed: {names}</source>
        <translation>已去除 {n} 个：{names}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gaps between keys (ms): {gaps}</source>
        <translation>各按键间隔（毫秒）：{gaps}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✔ The scanner works: tickets will be read.</source>
        <translation>✔ 扫码枪工作正常，可以检录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✔ The scanner works: tickets will be read (see the notes below).</source>
        <translation>✔ 扫码枪可以使用，能正常检录（请看下方说明）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✖ The scanner does not type the code correctly.</source>
        <translation>✖ 扫码枪输入的内容不正确。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save the test code as</source>
        <translation>测试码保存为</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>kmjudge scanner test code</source>
        <translation>kmjudge 扫码枪测试码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Check-in → Tools → Scanner self-test on the laptop and scan this code. It is not a ticket.</source>
        <translation>在电脑上打开“检录 → 工具 → 扫码枪自检”，然后扫描此码。此码不是准考证。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved to {path}</source>
        <translation>已保存：{path}</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../ui/login.py" line="-185"/>
        <location line="+19"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Who are you?</source>
        <translation>请选择您的账号</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>type your PIN and press Enter</source>
        <translation>输入 PIN 后按回车</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Every demo account&apos;s PIN is 2580.</source>
        <translation>演示账号的 PIN 均为 2580</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Choose your name in the list first.</source>
        <translation>请先在列表中选择您的账号。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type your PIN.</source>
        <translation>请输入 PIN。</translation>
    </message>
</context>
<context>
    <name>TicketsDialog</name>
    <message>
        <location filename="../../ui/checkin/tickets_dialog.py" line="+97"/>
        <location line="+6"/>
        <source>Reprint a ticket</source>
        <translation>补发准考证</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Print tickets</source>
        <translation>打印准考证</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A new ticket for {name} (ticket no. {ticket}). The old ticket is cancelled at once: scanning it will say so.</source>
        <translation>为 {name}（准考证号 {ticket}）补发新准考证。原准考证立即作废，扫码时会提示“已作废”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Print admission tickets</source>
        <translation>打印准考证</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every contestant of {event}, except those withdrawn or disqualified. Tickets already issued are printed again unchanged.</source>
        <translation>{event}的全部选手（退赛、取消资格者除外）。已签发的准考证按原样重新打印。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this event</source>
        <translation>本场次</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>6 per page</source>
        <translation>每页 6 张</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 per page</source>
        <translation>每页 4 张</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 per page (large)</source>
        <translation>每页 1 张（大）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Layout:</source>
        <translation>版式：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ticket lost</source>
        <translation>准考证遗失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket damaged</source>
        <translation>准考证损坏</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%v of %m tickets</source>
        <translation>%v / %m 张</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the PDF</source>
        <translation>打开 PDF</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel printing</source>
        <translation>取消生成</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reprint</source>
        <translation>补发</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make the PDF</source>
        <translation>生成 PDF</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save the tickets as</source>
        <translation>准考证保存为</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose where to save the PDF.</source>
        <translation>请选择 PDF 的保存位置。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Please give the reason for the reprint.</source>
        <translation>请填写补发原因。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{tickets} ticket(s) on {pages} page(s).</source>
        <translation>已生成 {tickets} 张准考证，共 {pages} 页。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved as {name} in {folder}</source>
        <translation>文件“{name}”，保存在 {folder}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelled. No file was written.</source>
        <translation>已取消，未生成文件。</translation>
    </message>
</context>
<context>
    <name>ToolsPanel</name>
    <message>
        <location filename="../../ui/checkin/tools_panel.py" line="+73"/>
        <source>Print tickets…</source>
        <translation>打印准考证…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station draw…</source>
        <translation>工位抽签…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export no-show list…</source>
        <translation>导出缺考名单…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark absentees…</source>
        <translation>标记缺考…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scanner self-test…</source>
        <translation>扫码枪自检…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mark them absent</source>
        <translation>确认标记缺考</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Sound after each scan</source>
        <translation>扫码后播放提示音</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Save the no-show list as</source>
        <translation>缺考名单保存为</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No-show list saved ({n} contestants): {path}</source>
        <translation>缺考名单已保存（{n} 人）：{path}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>After the check-in cut-off: mark the {n} contestant(s) not checked in as absent? An administrator can reinstate a mistake.</source>
        <translation>检录截止后：把 {n} 名仍未检录的选手标记为缺考？如有差错，管理员可以恢复。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{n} contestant(s) marked absent.</source>
        <translation>已将 {n} 名选手标记为缺考。</translation>
    </message>
</context>
<context>
    <name>UpdatesModel</name>
    <message>
        <location filename="../../ui/registration/models.py" line="+265"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Old value → new value</source>
        <translation>原值 → 新值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../../ui/users_page.py" line="-156"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location line="+153"/>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everyone who uses this computer signs in with their own account. Roles decide what each person may do.</source>
        <translation>每位使用本机的人员都用自己的账号登录，角色决定其可以做什么。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Reset PIN…</source>
        <translation>重置 PIN…</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Added {name} ({username}) as {roles}.</source>
        <translation>已添加 {name}（{username}），角色：{roles}。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select an account in the list first.</source>
        <translation>请先在列表中选择一个账号。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The PIN of {name} was reset.</source>
        <translation>已重置 {name} 的 PIN。</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <location filename="../../ui/checkin/verdict_panel.py" line="+120"/>
        <source>✔ Checked in</source>
        <extracomment>panel style per look: (band/solid colour, light background)</extracomment>
        <translation>✔ 检录成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already checked in</source>
        <translation>已检录（重复扫码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✖ Not a ticket</source>
        <translation>✖ 无法识别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✖ Invalid ticket</source>
        <translation>✖ 无效准考证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✖ Wrong event</source>
        <translation>✖ 非本场次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✖ Not registered here</source>
        <translation>✖ 查无此考生</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✖ Withdrawn</source>
        <translation>✖ 已退赛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✖ Disqualified</source>
        <translation>✖ 已取消资格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✖ Ticket cancelled</source>
        <translation>✖ 准考证已作废</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket expired</source>
        <translation>准考证已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not open yet</source>
        <translation>检录尚未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check-in closed</source>
        <translation>检录已截止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare the last 4 ID characters and the photo with the ID card, then let the contestant in.</source>
        <translation>请核对身份证后4位和照片与本人身份证一致后放行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is not a kmjudge ticket code. If the person is registered, check the ID card and use manual check-in.</source>
        <translation>这不是本系统的准考证二维码。如确已报名，请核对身份证后手工检录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Do not admit with this ticket. Call the organiser.</source>
        <translation>不能凭此证入场，请联系管理员。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the contestant to the right event or venue.</source>
        <translation>请引导选手到正确的场次或考场。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ticket is genuine, but this computer has no such registration. Check with the organiser.</source>
        <translation>准考证是真的，但本机没有该报名记录。请与管理员核实。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Do not admit. An administrator can reinstate a mistake.</source>
        <translation>不能入场。如有差错，管理员可以恢复。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A newer ticket was issued. Ask for it, or check the ID card and use manual check-in.</source>
        <translation>已补发新准考证。请出示新证，或核对身份证后手工检录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check this computer&apos;s date, then the ticket.</source>
        <translation>请检查本机日期，再核对准考证。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check this computer&apos;s date and the check-in times.</source>
        <translation>请检查本机日期和检录时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Late arrivals need an administrator (manual check-in).</source>
        <translation>迟到者须由管理员办理（手工检录）。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>ID card, last 4</source>
        <translation>身份证后4位</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Station</source>
        <translation>工位号</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scan a ticket&apos;s QR code</source>
        <translation>请扫描准考证二维码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Just scan: there is no need to click anywhere first. Without a ticket: find the person under Manual look-up on the right.</source>
        <translation>直接扫码即可，无需先点击。没有准考证的选手：在右侧“手工检录”中查找。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Ticket {no}</source>
        <translation>准考证 {no}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manual check-in</source>
        <translation>手工检录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not drawn</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <location filename="../../ui/registration/walkin_dialog.py" line="+62"/>
        <location line="+37"/>
        <source>Walk-in entry</source>
        <extracomment>check_walkin names each field in ``Issue.where``; these are the keys of our fields.</extracomment>
        <translation>现场报名</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register another</source>
        <translation>继续登记下一位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Register</source>
        <translation>报名</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Check the ID card and type the 18-character number; gender and birth date are read from it. Fields marked * are required.</source>
        <translation>请核对身份证，输入 18 位号码；性别和出生日期由证号自动识别。带 * 的为必填项。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>18 characters, the last may be X</source>
        <translation>18 位，最后一位可以是 X</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read from the ID number</source>
        <translation>由证号自动识别</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+151"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location line="-150"/>
        <location line="+150"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Mobile (11 digits) or landline</source>
        <translation>手机 11 位或座机号码</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number *</source>
        <translation>身份证号码 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District</source>
        <translation>所属区县</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Ticket number</source>
        <translation>准考证号</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tell the contestant this number; the admission ticket can be printed now.</source>
        <translation>请把准考证号告诉选手；现在可以打印准考证。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>✓ {gender} · born {birth} · {age} years old</source>
        <translation>✓ {gender} · {birth} 出生 · {age} 岁</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Registering…</source>
        <translation>正在报名……</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✓  {name} is registered</source>
        <translation>✓  {name} 报名成功</translation>
    </message>
</context>
</TS>
