<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about.py" line="+106"/>
        <source>Font for the screens; dual-licensed Apache-2.0 or GPL-3+ with font exception, used under Apache-2.0.</source>
        <translation>界面字体；双许可（Apache-2.0 或带字体例外的 GPL-3+），本软件按 Apache-2.0 使用。</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Dynamically linked libraries in the installation folder (the installers strip their symbol tables and trim ICU&apos;s data, nothing else); you may replace them with your own compatible build. Source code: download.qt.io.</source>
        <translation>以动态链接库的形式放在安装目录中（安装包仅去除了符号表并精简了 ICU 数据，别无改动）；您可以替换为自行编译的兼容版本。源代码：download.qt.io。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Shipped with Qt Multimedia for the webcam (the optional webcam add-on of the installers).</source>
        <translation>随 Qt Multimedia 提供，用于摄像头扫码（安装包中的可选摄像头组件）。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Fonts for certificates and other documents. UKai unmodified; the installers carry a subset of UMing (GB 2312 and the app&apos;s own text, see uming.SUBSET-NOTICE.txt).</source>
        <translation>证书等文档使用的字体。楷体（UKai）未经修改；安装包中的明体（UMing）为子集（GB 2312 及本软件自身用字，见 uming.SUBSET-NOTICE.txt）。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>About kmjudge</source>
        <translation>关于 kmjudge</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Kunming Worker Skills Competition On-site Judging System</source>
        <translation>昆明市职工技能大赛现场评审系统</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Data folder (database, backups, logs): {path}</source>
        <translation>数据文件夹（数据库、备份、日志）：{path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Licences of the components kmjudge ships:</source>
        <translation>kmjudge 所含组件的许可证：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy version information</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open licence texts</source>
        <translation>打开许可证全文</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kmjudge itself: proprietary licence (as declared in its package data).</source>
        <translation>kmjudge 本身：专有许可（见软件包信息）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Full licence texts: {path}</source>
        <translation>许可证全文：{path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full licence texts: see the licenses folder of the installation.</source>
        <translation>许可证全文：见安装目录中的 licenses 文件夹。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Font licence files: {path}</source>
        <translation>字体许可证文件：{path}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
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
        <location filename="../../ui/app.py" line="+109"/>
        <source>kmjudge — not done</source>
        <translation>kmjudge — 操作未完成</translation>
    </message>
    <message>
        <location line="+13"/>
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
    <name>AppealsTab</name>
    <message>
        <location filename="../../ui/judging/chief_appeals.py" line="+58"/>
        <source>Record a written appeal</source>
        <translation>登记书面申诉</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>contestant or team leader</source>
        <translation>选手本人或领队</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted by:</source>
        <translation>申诉人：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(none)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station:</source>
        <translation>工位号：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Handed in at:</source>
        <translation>递交时间：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The appeal as written</source>
        <translation>照书面申诉录入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text:</source>
        <translation>申诉内容：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the appeal</source>
        <translation>登记申诉</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Decide the selected appeal</source>
        <translation>处理所选申诉</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rejected</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upheld</source>
        <translation>申诉成立</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome:</source>
        <translation>处理结果：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Written decision (required)</source>
        <translation>书面处理意见（必填）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision:</source>
        <translation>处理意见：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the decision</source>
        <translation>记录处理结果</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Handed in</source>
        <translation>递交时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>申诉人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appeal</source>
        <translation>申诉内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided by</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided at</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Appeals</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appeals ({n} pending)</source>
        <translation>申诉（{n} 件待处理）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The event has no end time, so the appeal deadline is unknown and appeals cannot be recorded: set the end time under Competition setup.</source>
        <translation>本场次未设置比赛结束时间，无法确定申诉时限，不能登记申诉：请在“竞赛设置”中填写结束时间。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Appeals are open: the event ended {end}, written appeals are accepted until {due} — {left} left.</source>
        <translation>申诉受理中：比赛于 {end} 结束，书面申诉受理至 {due}，还剩 {left}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The appeal window closed at {due} ({ago} ago; the event ended {end}). New appeals are refused.</source>
        <translation>申诉时限已于 {due} 截止（已过 {ago}；比赛于 {end} 结束），不再受理新的申诉。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>upheld</source>
        <translation>申诉成立</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>pending (waiting {t})</source>
        <translation>待处理（已等 {t}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select an appeal on the list.</source>
        <translation>请在列表中选择一件申诉。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Selected: {who}, station {st}, handed in {at}.</source>
        <translation>所选：{who}，{st} 号工位，{at} 递交。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Selected: {who}, station {st} — decided already.</source>
        <translation>所选：{who}，{st} 号工位——已处理。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enter who handed the appeal in.</source>
        <translation>请填写申诉人。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the appeal&apos;s written text.</source>
        <translation>请录入书面申诉内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The time handed in cannot be in the future.</source>
        <translation>递交时间不能晚于现在。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Appeal from {who} recorded.</source>
        <translation>已登记 {who} 的申诉。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select an appeal on the list first.</source>
        <translation>请先在列表中选择一件申诉。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This appeal was decided already.</source>
        <translation>该申诉已处理，不能再改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the decision.</source>
        <translation>请填写书面处理意见。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Decision on the appeal from {who} recorded.</source>
        <translation>{who} 的申诉处理结果已记录。</translation>
    </message>
</context>
<context>
    <name>AssignPage</name>
    <message>
        <location filename="../../ui/judging/assign_page.py" line="+59"/>
        <source>Judges and assignments</source>
        <translation>裁判分工</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Judge accounts and what they mark</source>
        <translation>裁判账号及评分范围</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Judge</source>
        <translation>裁判</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Marks</source>
        <translation>评分范围</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+66"/>
        <source>Assignments</source>
        <translation>分工明细</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ranking group</source>
        <translation>组别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the selected assignment</source>
        <translation>取消所选分工</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add an assignment</source>
        <translation>增加分工</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Judge:</source>
        <translation>裁判：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Marks:</source>
        <translation>评分范围：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ranking group:</source>
        <translation>组别：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainee (见习): marks are kept, never counted</source>
        <translation>见习裁判：评分保留，但不计入成绩</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add</source>
        <translation>增加</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chief judge</source>
        <translation>裁判长</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Account:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name as this event&apos;s chief judge</source>
        <translation>指定为本场次裁判长</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Judges per aspect</source>
        <translation>各评分项裁判人数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aspect</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counting</source>
        <translation>正式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainees</source>
        <translation>见习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needed</source>
        <translation>至少需要</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Conflicts of interest (回避)</source>
        <translation>回避</translation>
    </message>
    <message>
        <location line="+55"/>
        <location line="+65"/>
        <source>aspect {c} {t}</source>
        <translation>评分项 {c} {t}</translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+58"/>
        <source>criterion {c} {t}</source>
        <translation>模块 {c} {t}</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+52"/>
        <source>the whole event</source>
        <translation>整场（全部评分项）</translation>
    </message>
    <message>
        <location line="-38"/>
        <source> (trainee)</source>
        <translation>（见习）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>account disabled</source>
        <translation>账号已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>assigned</source>
        <translation>已分工</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UNASSIGNED — sees nothing to mark</source>
        <translation>未分工——看不到任何评分任务</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+167"/>
        <source>chief judge</source>
        <translation>裁判长</translation>
    </message>
    <message>
        <location line="-165"/>
        <source>trainee</source>
        <translation>见习</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>counting</source>
        <translation>正式</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Named: {who}. Only they may review, lock and unlock this event.</source>
        <translation>已指定：{who}。只有其本人可以审核、锁定和解除锁定本场次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>None named: any chief judge account may review this event.</source>
        <translation>尚未指定：任何裁判长账号都可以审核本场次。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(deduction)</source>
        <translation>（扣分项）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} judge account(s) · {u} unassigned · planned panel: {p} judges</source>
        <translation>裁判账号 {n} 个 · 未分工 {u} 个 · 每组计划 {p} 名裁判</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not assigned, so they see nothing to mark: {who}.</source>
        <translation>以下裁判尚未分工，登录后看不到任何评分任务：{who}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Aspects with too few counting judges: {what}.</source>
        <translation>以下评分项正式裁判人数不足（现有/至少）：{what}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fewer judges than planned per panel: {what}.</source>
        <translation>以下评分项裁判人数少于计划（现有/计划）：{what}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} judge–contestant pair(s) from the same employer not yet excluded (see 回避).</source>
        <translation>有 {n} 对裁判与选手来自同一工作单位，尚未回避（见“回避”页）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The event is locked: assignments cannot change.</source>
        <translation>本场次成绩已锁定，不能再调整裁判分工。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Choose a judge first.</source>
        <translation>请先选择裁判。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{judge} now marks {scope}.</source>
        <translation>已为 {judge} 分配：{scope}。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select an assignment first.</source>
        <translation>请先选择一项分工。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Assignment removed: {judge}, {scope}.</source>
        <translation>已取消分工：{judge}，{scope}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no chief judge account; create one first.</source>
        <translation>还没有裁判长账号，请先在“账号管理”中创建。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{who} is this event&apos;s chief judge.</source>
        <translation>{who} 已被指定为本场次裁判长。</translation>
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
    <name>BatchTab</name>
    <message>
        <location filename="../../ui/certificates/batch_tab.py" line="+68"/>
        <source>Print:</source>
        <translation>打印：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reprint certificates already issued (补发)</source>
        <translation>补发已发证书</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>I have read the warnings in red. Print anyway: those characters will be missing on paper and must be written in by hand.</source>
        <translation>我已看过红色警告，仍要打印：这些字在证书上会缺失，需要手写补上。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reason for the reprints:</source>
        <translation>补发原因：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. the first print was damaged</source>
        <translation>例如：第一次打印的证书损坏</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 certificate(s) to print</source>
        <translation>待打印 %1 张</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> — %1 new, %2 reprint(s)</source>
        <translation> — 新发 %1 张，补发 %2 张</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Everyone listed already holds a certificate; nothing to print.</source>
        <translation>名单上的人都已领过证书，没有需要打印的。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody in the chosen tiers.</source>
        <translation>所选奖项中没有人。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Nothing to print.</source>
        <translation>没有需要打印的证书。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the warnings in red and tick the box before printing.</source>
        <translation>请先看红色警告并勾选确认，再打印。</translation>
    </message>
</context>
<context>
    <name>BoardPageModel</name>
    <message>
        <location filename="../../ui/results/models.py" line="+158"/>
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
    <name>CalibrationTab</name>
    <message>
        <location filename="../../ui/certificates/tabs.py" line="+67"/>
        <source>For pre-printed certificate stock every printer shifts the print a little.
1. Print the calibration page at actual size (100 %, not “fit to page”) on plain paper.
2. Measure the distance of the top-left cross from the left and from the top edge of the paper: both should be 30 mm.
3. New X = current X + (30 − measured left distance); new Y = current Y + (30 − measured top distance), in millimetres (+ moves the print right / down). Save, and print the page again to check: the crosses now land where their labels say.</source>
        <translation>在预印证书纸上套打时，每台打印机都会有少许偏移。
1. 用普通纸按“实际大小 / 100%”（不要选“适合页面”）打印校准页。
2. 用直尺量左上角十字中心到纸张左边缘、上边缘的距离，都应为 30 毫米。
3. 新 X = 当前 X +（30 − 实测左距）；新 Y = 当前 Y +（30 − 实测上距），单位毫米（正数向右 / 向下移动）。保存后再打印一次核对：十字应正好落在标注的位置。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Offsets for the selected printer</source>
        <translation>所选打印机的偏移</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Printer:</source>
        <translation>打印机：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>X offset (+ right):</source>
        <translation>X 偏移（正数向右）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Y offset (+ down):</source>
        <translation>Y 偏移（正数向下）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save offsets for this printer</source>
        <translation>保存这台打印机的偏移</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save calibration page PDF…</source>
        <translation>保存校准页 PDF…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print calibration page…</source>
        <translation>打印校准页…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Enter the printer&apos;s name first.</source>
        <translation>请先填写打印机名称。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Offsets for %1 saved: X %2 mm, Y %3 mm.</source>
        <translation>已保存 %1 的偏移：X %2 毫米，Y %3 毫米。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save the calibration page as</source>
        <translation>校准页另存为</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Calibration page saved: %1</source>
        <translation>校准页已保存：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Print the calibration page</source>
        <translation>打印校准页</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Printing the calibration page…</source>
        <translation>正在打印校准页……</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Calibration page sent to the printer. Measure the top-left cross: new X = current X + (30 − distance from the left edge), new Y = current Y + (30 − distance from the top edge).</source>
        <translation>校准页已发送到打印机。请量左上角的十字：新 X = 当前 X +（30 − 到左边缘的距离），新 Y = 当前 Y +（30 − 到上边缘的距离）。</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <location filename="../../ui/checkin/camera.py" line="+195"/>
        <source>Scan with the webcam</source>
        <translation>用摄像头扫码</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The webcam add-on (kmjudge-webcam) is not installed on this computer: scan with the USB scanner instead.</source>
        <translation>本机未安装摄像头扫码组件（kmjudge-webcam），请使用 USB 扫码枪扫码。</translation>
    </message>
    <message>
        <location line="+28"/>
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
    <name>CertTier</name>
    <message>
        <location filename="../../ui/certificates/batch_tab.py" line="-220"/>
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
        <location line="+1"/>
        <source>Participation</source>
        <translation>参赛证书</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <location filename="../../ui/certificates/page.py" line="+102"/>
        <source>Certificates</source>
        <translation>证书打印</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open chief judge review</source>
        <translation>打开裁判长审核</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Layout:</source>
        <translation>版式：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Printer (offsets):</source>
        <translation>打印机（偏移）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>printer name</source>
        <translation>打印机名称</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Batch</source>
        <translation>批量打印</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calibration</source>
        <translation>套打校准</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued</source>
        <translation>已发证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print log</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show what the stock has pre-printed (grey)</source>
        <translation>显示证书纸上已预印的内容（灰色）</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>X %1 mm, Y %2 mm</source>
        <translation>X %1 毫米，Y %2 毫米</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not saved)</source>
        <translation>（未保存）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(offsets apply to stock only)</source>
        <translation>（偏移只用于预印证书纸套打）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changed, not saved yet.</source>
        <translation>已修改，尚未保存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The chosen layout prints the whole design on blank paper: offsets are used only with a layout for pre-printed stock.</source>
        <translation>当前版式在白纸上打印整张证书：偏移只在选择“套打（预印证书纸）”版式时使用。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Only the chief judge and the administrator print certificates.</source>
        <translation>只有裁判长和管理员可以打印证书。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose an event first.</source>
        <translation>请先选择竞赛场次。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Results locked on %1: certificates can be issued.</source>
        <translation>成绩已于 %1 锁定，可以发放证书。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The results of this event are not locked yet, so no certificate can be issued: certificates are printed only from locked results. The chief judge locks them on “Chief judge review” → Lock. You can already choose the layout and calibrate the printer.</source>
        <translation>本场次成绩尚未锁定，不能发放证书：证书只能根据已锁定的成绩打印。请裁判长在“裁判长审核”→“锁定”中锁定成绩。现在可以先选择版式、校准打印机。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing can be issued before the lock.</source>
        <translation>锁定之前不能发放证书。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Preview: %1 · %2</source>
        <translation>预览：%1 · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview: a sample certificate</source>
        <translation>预览：示例证书</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Nothing can be issued until the results are locked.</source>
        <translation>成绩锁定之前不能发放证书。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Please give the reason for the reprints (补发).</source>
        <translation>请填写补发原因。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save the certificates as</source>
        <translation>证书另存为</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Print the certificates</source>
        <translation>打印证书</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Making the certificates…</source>
        <translation>正在生成证书……</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+146"/>
        <source>Certificate %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sending the certificates to the printer…</source>
        <translation>正在把证书发送到打印机……</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 new certificate(s) and %2 reprint(s), %3 page(s).</source>
        <translation>新发 %1 张，补发 %2 张，共 %3 页。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Numbers: %1</source>
        <translation>编号：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sent to the printer: %1 page(s).</source>
        <translation>已发送到打印机：%1 页。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Overlay offsets used: X %1 mm, Y %2 mm.</source>
        <translation>套打偏移：X %1 毫米，Y %2 毫米。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>printing was cancelled</source>
        <translation>打印已取消</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The certificates were issued and logged (%1), but %2. The PDF is kept at %3: print the missing pages from it; do not issue them again.</source>
        <translation>证书已发放并记录（%1），但%2。PDF 保存在 %3：请用它补打缺少的页，不要重新发证。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelled. No file was written and nothing was issued.</source>
        <translation>已取消。没有生成文件，也没有发放证书。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reprint certificate %1 (补发)</source>
        <translation>补发证书 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1&apos;s certificate %2 is printed again with the same number and QR code, marked 补发 with today&apos;s date. The reprint is logged with your name and the reason.</source>
        <translation>%1 的证书 %2 将以相同编号和二维码重新打印，并标注“补发”和今天的日期。补发会连同您的姓名和原因记入打印记录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Print the reprint</source>
        <translation>打印补发证书</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the reprint as</source>
        <translation>补发证书另存为</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Making the reprint…</source>
        <translation>正在生成补发证书……</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Print anyway?</source>
        <translation>仍要打印吗？</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Revoke certificate %1</source>
        <translation>作废证书 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After revoking, %1&apos;s certificate %2 verifies as revoked wherever this database is known, and a new certificate can be issued (with a new number). This cannot be undone.</source>
        <translation>作废后，%1 的证书 %2 在使用本数据库的地方查验时显示“已作废”，之后可以重新发证（新编号）。此操作不能撤销。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revoke</source>
        <translation>作废</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The award was changed after an appeal</source>
        <translation>申诉后奖项有变动</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wrong name printed</source>
        <translation>姓名印错</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Certificate %1 is revoked.</source>
        <translation>证书 %1 已作废。</translation>
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
        <location filename="../../ui/judging/chief_page.py" line="+72"/>
        <source>Chief judge review</source>
        <translation>裁判长审核</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import theory scores…</source>
        <translation>导入理论成绩…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+81"/>
        <source>Criterion</source>
        <translation>模块</translation>
    </message>
    <message>
        <location line="-80"/>
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
        <location line="+8"/>
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
        <location line="+3"/>
        <source>Accept as scored</source>
        <translation>维持原评分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Correct a judge&apos;s mark…</source>
        <translation>更正某位裁判的评分…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Spread flags</source>
        <translation>评分差异</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recheck</source>
        <translation>复核</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appeals</source>
        <translation>申诉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Corrections and reopening</source>
        <translation>更正与重新打开</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+98"/>
        <source>Lock the event</source>
        <translation>锁定本场次成绩</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>One criterion:</source>
        <translation>单个模块：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lock this criterion</source>
        <translation>锁定该模块</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unlock (needs your PIN and a reason)</source>
        <translation>解除锁定（需输入 PIN 并填写理由）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What:</source>
        <translation>解除范围：</translation>
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
        <location line="+6"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The whole event</source>
        <translation>整个场次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (locked)</source>
        <translation>（已锁定）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Criterion {c}</source>
        <translation>模块 {c}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing is locked yet.</source>
        <translation>尚未锁定任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The event is locked</source>
        <translation>本场次已锁定</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing to mark yet</source>
        <translation>尚无可评</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>complete</source>
        <translation>已评完</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open</source>
        <translation>未评完</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <location line="+7"/>
        <source>Every judge has submitted (signed) every criterion.</source>
        <translation>全部裁判已签名提交各自的模块。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not yet submitted (signed) by the judge: {list}</source>
        <translation>尚未签名提交的裁判及模块：{list}</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+22"/>
        <source>Select a flagged panel first.</source>
        <translation>请先选择一处评分差异。</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Write the reason for accepting these grades.</source>
        <translation>请填写维持原评分的书面理由。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Criterion {c} is locked.</source>
        <translation>模块 {c} 已锁定。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Write the reason for unlocking.</source>
        <translation>请填写解除锁定的理由。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter your PIN to unlock.</source>
        <translation>请输入您的 PIN 以解除锁定。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Criterion {c} is unlocked.</source>
        <translation>模块 {c} 已解除锁定。</translation>
    </message>
    <message>
        <location line="+26"/>
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
        <location line="+21"/>
        <source>The event cannot be locked yet:</source>
        <translation>本场次暂不能锁定，原因如下：</translation>
    </message>
</context>
<context>
    <name>ChiefText</name>
    <message>
        <location filename="../../ui/judging/chief_common.py" line="+47"/>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小时 {m:02d} 分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
</context>
<context>
    <name>CityPage</name>
    <message>
        <location filename="../../ui/sync/city_page.py" line="+92"/>
        <source>City office overview</source>
        <translation>市级办公室汇总</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Everything here is computed from the packages imported from the venues (Data exchange). Targets and training head counts are loaded from files for each year.</source>
        <translation>这里的所有数字都由从各赛点导入的数据包（数据交换）算出。年度目标和培训人数按年度从文件导入。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Load the year&apos;s targets…</source>
        <translation>导入年度目标……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import training head counts…</source>
        <translation>导入培训人数……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save as Excel…</source>
        <translation>导出 Excel……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save as PDF…</source>
        <translation>导出 PDF……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+26"/>
        <location line="+18"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Competitions</source>
        <translation>竞赛数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trades</source>
        <translation>工种数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trained</source>
        <translation>培训人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets met</source>
        <translation>是否达标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events</source>
        <translation>竞赛场次</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Progress against targets</source>
        <translation>目标完成情况</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+16"/>
        <source>Event</source>
        <translation>竞赛场次</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trade</source>
        <translation>工种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Results</source>
        <translation>成绩状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entered</source>
        <translation>参赛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ranked</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1st / 2nd / 3rd prizes</source>
        <translation>一 / 二 / 三等奖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open conflicts</source>
        <translation>待处理冲突</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Results per event</source>
        <translation>各场次成绩</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rank</source>
        <translation>名次</translation>
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
        <location line="+2"/>
        <source>Total</source>
        <translation>总成绩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Award / title</source>
        <translation>奖项 / 称号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Winners (通报)</source>
        <translation>获奖名单（通报）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Qualification upgrades</source>
        <translation>晋升职业资格等级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nomination candidates</source>
        <translation>推荐人选</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Adding up the venues&apos; results…</source>
        <translation>正在汇总各赛点的成绩……</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{n} workers trained (target {goal})</source>
        <translation>培训 {n} 人（目标 {goal} 人）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} workers trained</source>
        <translation>培训 {n} 人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{year}: {events} events imported; city level {comps} competitions in {trades} trades; {trained}; {winners} prize winners.</source>
        <translation>{year} 年：已导入 {events} 个竞赛场次；市级竞赛 {comps} 项、{trades} 个工种；{trained}；获奖 {winners} 人。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No targets for {year} yet: load the year&apos;s targets file (TOML or CSV).</source>
        <translation>{year} 年还没有目标：请导入年度目标文件（TOML 或 CSV）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>comp.</source>
        <translation>竞赛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trades</source>
        <translation>工种</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>trained</source>
        <translation>培训</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no target)</source>
        <translation>（无目标）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>City level</source>
        <translation>市级</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>已达标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not yet</source>
        <translation>尚未达标</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The year&apos;s targets</source>
        <translation>年度目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Targets (*.toml *.csv);;All files (*)</source>
        <translation>目标文件 (*.toml *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Targets for {year} loaded.</source>
        <translation>{year} 年的目标已导入。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Training head counts</source>
        <translation>培训人数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sheets (*.xlsx *.csv);;All files (*)</source>
        <translation>表格 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>This sheet was imported before: nothing changed.</source>
        <translation>此表此前已导入：没有任何改动。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{rows} row(s) imported: {people} workers trained.</source>
        <translation>已导入 {rows} 行：培训 {people} 人。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the report</source>
        <translation>保存汇总报告</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Writing the report…</source>
        <translation>正在生成汇总报告……</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Report written: {path}</source>
        <translation>汇总报告已生成：{path}</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../ui/sync/conflicts_page.py" line="+88"/>
        <source>Name</source>
        <extracomment>Columns shown for context under the differing ones, in this order (when the row has them).</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
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
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket no.</source>
        <translation>准考证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>工位号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark</source>
        <translation>分值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last changed</source>
        <translation>最后修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check-in</source>
        <translation>检录</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+62"/>
        <source>Event</source>
        <translation>竞赛场次</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Venue</source>
        <translation>赛点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked in at</source>
        <translation>检录时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Personal data differ</source>
        <translation>个人信息不同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked in twice</source>
        <translation>重复检录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two values for one mark</source>
        <translation>同一评分两个分值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed on two devices</source>
        <translation>两台设备改得不同</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Conflicts from imported packages</source>
        <translation>导入数据包发现的冲突</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>When two laptops disagree, kmjudge keeps what this database had and lists the difference here. Compare the two versions, choose the right one and say why; the choice is recorded in the audit log.</source>
        <translation>两台电脑的数据不一致时，kmjudge 保留本库原有的数据，并把差异列在这里。请对照两个版本，选定正确的一个并说明原因；处理结果记入审计日志。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>every kind</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Data exchange…</source>
        <translation>数据交换……</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About</source>
        <translation>涉及</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device here</source>
        <translation>本库设备</translation>
    </message>
    <message>
        <location line="+303"/>
        <source>This database</source>
        <translation>本库</translation>
    </message>
    <message>
        <location line="-302"/>
        <source>Incoming from</source>
        <translation>传入设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+266"/>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="-232"/>
        <source>Why (e.g. checked with the chief judge&apos;s paper sheet)</source>
        <translation>原因（例如：已与裁判长的纸质评分表核对）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve</source>
        <translation>确认处理</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Your account may look at conflicts but not resolve them (administrator or city office).</source>
        <translation>您的账号可以查看冲突，但不能处理（需要管理员或市级办公室）。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kept this database&apos;s</source>
        <translation>保留本库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>took the incoming</source>
        <translation>采用传入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{how} · {who} · {when}</source>
        <translation>{how} · {who} · {when}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{n} listed, {open} open</source>
        <translation>共 {n} 条，{open} 条待处理</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>No conflicts.</source>
        <translation>没有冲突。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a conflict.</source>
        <translation>请选择一条冲突。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This database ({device})</source>
        <translation>本库（{device}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Incoming ({device})</source>
        <translation>传入（{device}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Incoming</source>
        <translation>传入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keep the check-in here ({device}), undo the incoming one</source>
        <translation>保留本库的检录（{device}），撤销传入的检录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the incoming check-in ({device}), undo the one here</source>
        <translation>保留传入的检录（{device}），撤销本库的检录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keep this database&apos;s version ({device})</source>
        <translation>保留本库的版本（{device}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep this database&apos;s version</source>
        <translation>保留本库的版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take the incoming version ({device})</source>
        <translation>采用传入的版本（{device}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the incoming version</source>
        <translation>采用传入的版本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resolved by {who} on {when}: {how}. Reason: {note}</source>
        <translation>已由 {who} 于 {when} 处理：{how}。原因：{note}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>kept this database&apos;s version</source>
        <translation>保留了本库的版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>took the incoming version</source>
        <translation>采用了传入的版本</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+7"/>
        <source>Choose a version and give the reason.</source>
        <translation>请选定一个版本并填写原因。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saving…</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resolved: {subject}. {n} left open.</source>
        <translation>已处理：{subject}。还有 {n} 条待处理。</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <location filename="../../ui/judging/assign_conflicts.py" line="+32"/>
        <source>Judges and contestants from the same employer. &quot;Same&quot; matches after ignoring spaces, brackets and full-width characters; &quot;contains&quot; means one name contains the other — worth a look. Excluding removes the contestant from the judge&apos;s grid (marks already given are deleted and kept in the audit trail).</source>
        <translation>与选手来自同一工作单位的裁判。“相同”指忽略空格、括号和全角字符后单位名称一致；“包含”指一方名称包含另一方，请核实。回避后该选手将从该裁判的评分表中移除（已给出的评分会被删除，并保留在审计记录中）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+27"/>
        <source>Judge</source>
        <translation>裁判</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Judge&apos;s employer</source>
        <translation>裁判单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>Ticket</source>
        <translation>准考证号</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>Contestant</source>
        <translation>选手</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Contestant&apos;s employer</source>
        <translation>选手单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+85"/>
        <source>same employer</source>
        <translation>同一工作单位</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Exclude the judge from this contestant</source>
        <translation>该裁判对此选手回避</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exclusions (回避) in force</source>
        <translation>已生效的回避</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reason for lifting the exclusion (required)</source>
        <translation>撤销回避的理由（必填）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lift the selected exclusion</source>
        <translation>撤销所选回避</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>excluded</source>
        <translation>已回避</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not excluded</source>
        <translation>未回避</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Conflicts of interest (回避): {n} open</source>
        <translation>回避（{n} 项待处理）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Exclusions (回避) in force: {n}</source>
        <translation>已生效的回避：{n} 项</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a conflict first.</source>
        <translation>请先选择一项需回避的情况。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This judge is excluded from that contestant already.</source>
        <translation>该裁判对此选手已回避。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{judge} is excluded from station {s} ({name}).</source>
        <translation>{judge} 已对 {s} 号工位（{name}）回避。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select an exclusion first.</source>
        <translation>请先选择一项回避记录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the reason for lifting the exclusion.</source>
        <translation>请填写撤销回避的理由。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exclusion lifted: {judge}, station {s}.</source>
        <translation>已撤销回避：{judge}，{s} 号工位。</translation>
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
    <name>CorrectionPanel</name>
    <message>
        <location filename="../../ui/judging/paper_corrections.py" line="+74"/>
        <source>Cells where the two passes differ (or agree but differ from a mark the judge gave on screen). Look at the paper sheet, then decide the value with a written reason.</source>
        <translation>以下各格两遍录入不一致（或两遍一致但与裁判在屏幕上录入的分数不同）。请对照纸质评分表，填写裁定分数和书面理由。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cells where the two passes differ. The values are hidden: take the paper sheet and type the cell a third time. If it matches one of the passes, that value counts; otherwise the chief judge decides. Only a clerk who typed neither pass can do this.</source>
        <translation>以下各格两遍录入不一致。分数不显示：请对照纸质评分表做第三遍录入。与其中一遍一致即生效，否则交裁判长裁定。须由两遍都未录入过的录分员完成。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sheet</source>
        <translation>评分表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Judge</source>
        <translation>裁判</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aspect</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass 1</source>
        <translation>第一遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass 2</source>
        <translation>第二遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Third entry</source>
        <translation>第三遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark on screen</source>
        <translation>屏幕录入分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Selected cell</source>
        <translation>选中的格</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+125"/>
        <source>Select a cell in the list.</source>
        <translation>请在列表中选择一格。</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>Value on the paper:</source>
        <translation>纸质表上的分数：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decided value:</source>
        <translation>裁定分数：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. checked against the paper sheet: pass 1 is right</source>
        <translation>例如：对照纸质评分表，第一遍正确</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason (required):</source>
        <translation>理由（必填）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Decide</source>
        <translation>裁定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save third entry</source>
        <translation>保存第三遍录入</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>typed by {clerk}</source>
        <translation>{clerk} 已录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>passes differ</source>
        <translation>两遍不一致</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>passes agree, differ from the mark on screen</source>
        <translation>两遍一致，但与屏幕录入分不同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; third entry matches neither: chief judge decides</source>
        <translation>；第三遍与两遍都不同，待裁判长裁定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No. {no}</source>
        <translation>{no} 号</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Sheet {code} · judge {judge} · station {no} · {aspect} {title}</source>
        <translation>评分表 {code} · 裁判 {judge} · {no} 号工位 · {aspect} {title}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Use pass 1: {v}</source>
        <translation>采用第一遍：{v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use pass 2: {v}</source>
        <translation>采用第二遍：{v}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>You typed this cell, so you cannot decide it.</source>
        <translation>您录入过这一格，不能再裁定它。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You typed one of the passes of this cell; the third entry needs another clerk (nobody confirms their own entry).</source>
        <translation>您录入过这一格的其中一遍，第三遍须由另一名录分员录入（不能核对自己录入的成绩）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Both passes agree but differ from the mark the judge gave on screen: the chief judge decides.</source>
        <translation>两遍录入一致，但与裁判在屏幕上录入的分数不同，须由裁判长裁定。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{clerk} made the third entry and it matches neither pass: the chief judge decides.</source>
        <translation>{clerk} 已做第三遍录入，且与两遍都不同，须由裁判长裁定。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Type the value from the paper sheet.</source>
        <translation>请填写纸质评分表上的分数。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Write the reason for this decision.</source>
        <translation>请填写裁定理由。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Third entry saved for station {no} {aspect}, but it matches neither pass: the chief judge decides.</source>
        <translation>{no} 号工位 {aspect} 的第三遍已保存，但与两遍都不同，须由裁判长裁定。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Station {no} · {aspect}: {value} counts now.</source>
        <translation>{no} 号工位 · {aspect}：{value} 已生效。</translation>
    </message>
</context>
<context>
    <name>CorrectionsTab</name>
    <message>
        <location filename="../../ui/judging/chief_corrections.py" line="+48"/>
        <source>Judges asking to reopen a submitted criterion</source>
        <translation>裁判申请重新打开已提交的模块</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+21"/>
        <location line="+34"/>
        <source>Judge</source>
        <translation>裁判</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Criterion</source>
        <translation>模块</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Asked at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason for reopening (required)</source>
        <translation>重新打开的理由（必填）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reopen for the judge</source>
        <translation>为该裁判重新打开</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Corrections made (newest first)</source>
        <translation>已做的更正（最新在前）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aspect</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Was</source>
        <translation>原分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now</source>
        <translation>更正为</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Correct a judge&apos;s mark</source>
        <translation>更正裁判评分</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Station:</source>
        <translation>工位号：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aspect:</source>
        <translation>评分项：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the marks</source>
        <translation>查看各裁判评分</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mark</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Correct mark:</source>
        <translation>正确分值：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. the paper sheet says 9</source>
        <translation>如：纸质评分表上为 9 分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only for locked marks</source>
        <translation>仅更正已锁定的评分时需要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN:</source>
        <translation>PIN：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct the selected judge&apos;s mark</source>
        <translation>更正所选裁判的评分</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Judges asking to reopen a submitted criterion: {n}</source>
        <translation>裁判申请重新打开已提交的模块：{n} 件</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> [locked, PIN]</source>
        <translation>［锁定后更正，已验证 PIN］</translation>
    </message>
    <message>
        <location line="+37"/>
        <source> (trainee)</source>
        <translation>（见习）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>excluded (回避)</source>
        <translation>回避</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no mark yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{status} · {source} · version {v}</source>
        <translation>{status} · {source} · 第 {v} 版</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paper</source>
        <translation>纸质</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>screen</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a station and an aspect, then show the marks.</source>
        <translation>选择工位和评分项，然后点“查看各裁判评分”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> Locked: your PIN is needed.</source>
        <translation>已锁定：更正须输入您的 PIN。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station {s} · {a} {t} · allowed: {h}.</source>
        <translation>{s} 号工位 · {a} {t} · 可填：{h}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>entered</source>
        <translation>已录入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted by the chief</source>
        <translation>裁判长已认可</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a reopen request first.</source>
        <translation>请先选择一项重新打开申请。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write the reason for reopening.</source>
        <translation>请填写重新打开的理由。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Criterion {c} is open again for {j}.</source>
        <translation>已为 {j} 重新打开模块 {c}。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Show the marks and select the judge first.</source>
        <translation>请先查看评分并选择要更正的裁判。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter the correct mark.</source>
        <translation>请填写正确分值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the reason for the correction.</source>
        <translation>请填写更正理由。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>These marks are locked: enter your PIN.</source>
        <translation>这些评分已锁定：请输入您的 PIN。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Station {s} {a}: {j}&apos;s mark is now {v}.</source>
        <translation>{s} 号工位 {a}：{j} 的评分已更正为 {v}。</translation>
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
    <name>DevicesPanel</name>
    <message>
        <location filename="../../ui/sync/devices_panel.py" line="+57"/>
        <source>Packages (and certificates) signed by these laptops are accepted here. Stop trusting a laptop that was lost or given away: what it sent stays, new packages from it are refused.</source>
        <translation>本库接受下列电脑签名的数据包（和证书）。电脑丢失或转交他人时，请取消信任：它已送来的数据保留，今后的数据包一律拒绝。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted</source>
        <translation>已信任</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since</source>
        <translation>信任时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last package imported</source>
        <translation>最近导入的数据包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reason (e.g. laptop lost)</source>
        <translation>原因（例如：笔记本丢失）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop trusting this device</source>
        <translation>取消信任该设备</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trust from a key file…</source>
        <translation>从公钥文件信任设备……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save this computer&apos;s key file…</source>
        <translation>保存本机公钥文件……</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no. {seq}, {when}</source>
        <translation>第 {seq} 号，{when}</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>{name} is no longer trusted: its new packages will be refused.</source>
        <translation>已取消信任 {name}：今后它的数据包将被拒绝。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The other laptop&apos;s key file</source>
        <translation>对方电脑的公钥文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device key files (*.txt);;All files (*)</source>
        <translation>设备公钥文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A key file can be copied by anyone. Ask the person at that laptop to read the fingerprint from its Data exchange page, and type it below.</source>
        <translation>公钥文件谁都可以复制。请对方在那台电脑的“数据交换”页面上读出指纹，并在下面输入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trust this device</source>
        <translation>信任该设备</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing changed: the device was not trusted.</source>
        <translation>未做任何改动：没有信任该设备。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} is trusted now.</source>
        <translation>已信任 {name}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save this computer&apos;s key file</source>
        <translation>保存本机公钥文件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Key file saved: {path}</source>
        <translation>公钥文件已保存：{path}</translation>
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
        <location filename="../../ui/checkin/models.py" line="+198"/>
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
        <location filename="../../ui/setup/events_page.py" line="+67"/>
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
        <location line="+69"/>
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
    <name>ExchangePage</name>
    <message>
        <location filename="../../ui/sync/exchange_page.py" line="+32"/>
        <source>Data exchange</source>
        <translation>数据交换</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer: {name}</source>
        <translation>本机：{name}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This computer&apos;s key fingerprint</source>
        <translation>本机公钥指纹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Venues have no network: data travels as signed packages on a USB stick. Nothing is ever overwritten silently: differences between laptops are listed on the conflicts screen.</source>
        <translation>赛点没有网络：数据以签名数据包的形式用U盘传递。任何数据都不会被悄悄覆盖：电脑之间的差异列在“数据冲突”页面上。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted devices</source>
        <translation>信任的设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Package log</source>
        <translation>数据包记录</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <location filename="../../ui/sync/export_panel.py" line="+72"/>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Venue data: check-ins, marks, results inputs (to the city office or the chief judge&apos;s laptop)</source>
        <translation>赛点数据：检录、评分、成绩数据（交市级办公室或裁判长电脑）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Event set-up: events, schemes, contestants, judges (to a venue laptop)</source>
        <translation>竞赛设置：竞赛场次、评分标准、选手、裁判（发往赛点电脑）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All events</source>
        <translation>全部竞赛场次</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Only what changed since the last export</source>
        <translation>只导出上次导出以来的变化（增量）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything (a full package)</source>
        <translation>全部数据（完整数据包）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save to (a folder or a USB stick):</source>
        <translation>保存到（文件夹或U盘）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Browse…</source>
        <translation>浏览……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Look for USB sticks</source>
        <translation>查找U盘</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export package</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your account may not export packages: sign in as the administrator of this laptop or the city office.</source>
        <translation>您的账号不能导出数据包：请用本机管理员或市级办公室账号登录。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Package written</source>
        <translation>已写出的数据包</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>After the export, the package&apos;s file, its SHA-256 and this computer&apos;s fingerprint appear here. Read them to the receiving side or print the handover slip.</source>
        <translation>导出后，这里显示数据包文件、SHA-256 哈希和本机指纹。可念给接收方核对，或打印数据移交单。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SHA-256</source>
        <translation>SHA-256 哈希</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device fingerprint</source>
        <translation>设备指纹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events</source>
        <translation>竞赛场次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print handover slip…</source>
        <translation>打印数据移交单……</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>A set-up package is always complete.</source>
        <translation>竞赛设置数据包总是完整的。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No package exported from this computer yet: the first one is full.</source>
        <translation>本机还没有导出过数据包：第一个数据包是完整的。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Covers every change after package no. {seq} exported on {when} (the receiving side must have imported that one).</source>
        <translation>包含 {when} 导出的第 {seq} 号数据包之后的所有变化（接收方须已导入该数据包）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+72"/>
        <source>Choose at least one event.</source>
        <translation>请至少选择一个竞赛场次。</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>USB: {label} ({path}, {free} free)</source>
        <translation>U盘：{label}（{path}，剩余 {free}）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{n} USB stick(s) found; the first one is chosen.</source>
        <translation>找到 {n} 个U盘，已选中第一个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No USB stick found. Plug one in and press “Look for USB sticks”.</source>
        <translation>没有找到U盘。请插入U盘后点“查找U盘”。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Where to save the package</source>
        <translation>数据包保存位置</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose the folder or USB stick to save the package to.</source>
        <translation>请选择保存数据包的文件夹或U盘。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Writing and checking the package…</source>
        <translation>正在写入并校验数据包……</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Package no. {seq} written. Check the SHA-256 on the slip.</source>
        <translation>第 {seq} 号数据包已写出。请核对移交单上的 SHA-256 哈希。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>venue data</source>
        <translation>赛点数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>event set-up</source>
        <translation>竞赛设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full</source>
        <translation>完整</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>incremental</source>
        <translation>增量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no. {seq}, {kind}, {scope}, {size}, from {device}</source>
        <translation>第 {seq} 号，{kind}，{scope}，{size}，来自 {device}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{rows} rows: {detail}; {audit} audit entries</source>
        <translation>{rows} 条记录：{detail}；审计记录 {audit} 条</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing changed since the previous export. Hand this package over anyway: it keeps the sequence of packages unbroken.</source>
        <translation>自上次导出以来没有变化。仍请移交此数据包：它保证数据包编号连续。</translation>
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
        <location line="+51"/>
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
        <location line="+8"/>
        <source>Check contestants in by scanning their admission tickets; the station is drawn at check-in.</source>
        <translation>扫描准考证二维码为选手检录；检录时抽取工位号。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Assign the judges and settle conflicts of interest.</source>
        <translation>分配裁判的评分范围，处理回避。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Follow the marking: missing marks, spread flags, recheck; then lock.</source>
        <translation>跟进评分：缺评、评分差异、复核；完成后锁定成绩。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check the results, export them and release them.</source>
        <translation>核对成绩，导出公示表并公布。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mark the aspects assigned to you. You see station numbers only, never names; submit each criterion with your PIN when it is done.</source>
        <translation>为分配给您的评分项打分。屏幕上只显示工位号，不显示姓名；每个模块评完后输入 PIN 签名提交。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Type in the judges&apos; paper score sheets: scan the sheet&apos;s barcode; a second clerk types each sheet again, blind.</source>
        <translation>录入裁判的纸质评分表：扫描评分表条码；每张表由另一名录分员再盲录一遍。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import the venues&apos; signed packages and check them.</source>
        <translation>导入各赛点的签名数据包并核对。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Back up before the competition starts, and copy the backup to a USB stick.</source>
        <translation>比赛开始前备份一次，并把备份复制到 U 盘。</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Handle registrations and walk-ins.</source>
        <translation>处理报名和现场报名。</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <location filename="../../ui/sync/import_panel.py" line="+86"/>
        <source>Choose package files…</source>
        <extracomment>the next packages of a run, read in a second process while one merges</extracomment>
        <translation>选择数据包文件……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Each file is checked before anything is written: the signature, the SHA-256 of every part, the version and the sequence number. The database is backed up before the first package is merged.</source>
        <translation>写入之前逐个检查：签名、每一部分的 SHA-256 哈希、版本和编号。合并第一个数据包之前先备份数据库。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your account may not import packages: sign in as the administrator of this laptop or the city office.</source>
        <translation>您的账号不能导入数据包：请用本机管理员或市级办公室账号登录。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted</source>
        <translation>已信任</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Choose a package in the list to see details.</source>
        <translation>在列表中选择一个数据包查看详情。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose the packages to import</source>
        <translation>选择要导入的数据包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kmjudge packages (*.zip);;All files (*)</source>
        <translation>kmjudge 数据包 (*.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checking the packages…</source>
        <translation>正在检查数据包……</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>New device(s): {names}. You will be asked to compare the fingerprint before importing.</source>
        <translation>新设备：{names}。导入前会请您核对指纹。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Not a package: </source>
        <translation>不是数据包：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FOREIGN KEY</source>
        <translation>公钥不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes (confirmed now)</source>
        <translation>是（本次确认）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new device</source>
        <translation>新设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>venue data</source>
        <translation>赛点数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>event set-up</source>
        <translation>竞赛设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full</source>
        <translation>完整</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>incremental</source>
        <translation>增量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no. {seq} · {kind} · {scope}</source>
        <translation>第 {seq} 号 · {kind} · {scope}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>will be refused: </source>
        <translation>将被拒绝：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting: fingerprint to compare</source>
        <translation>等待导入：需核对指纹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting</source>
        <translation>等待导入</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>SHA-256: {sha}</source>
        <translation>SHA-256：{sha}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size: {size}</source>
        <translation>大小：{size}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device: {name} ({id})</source>
        <translation>设备：{name}（{id}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint: {fp}</source>
        <translation>指纹：{fp}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported: {when}, kmjudge {app}, schema {schema}</source>
        <translation>导出时间：{when}，kmjudge {app}，数据结构 {schema}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sequence: no. {seq}; imported here so far: up to no. {last}</source>
        <translation>编号：第 {seq} 号；本库已导入到第 {last} 号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signature: {ok}</source>
        <translation>签名：{ok}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>INVALID</source>
        <translation>无效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contents: {counts}</source>
        <translation>内容：{counts}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Event: {name}</source>
        <translation>竞赛场次：{name}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Table: added / updated / unchanged / older / in conflict / skipped</source>
        <translation>数据表：新增 / 更新 / 未变 / 较旧 / 冲突 / 跳过</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Backup made before the import: {path}</source>
        <translation>导入前的备份：{path}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Refused, nothing written: {why}</source>
        <translation>拒绝导入，未写入任何内容：{why}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not imported: the device was not trusted.</source>
        <translation>未导入：该设备未被信任。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Refused, nothing written: package(s) no. {nums} of {device} are missing (imported here up to no. {last}, this is no. {seq}). Import the missing ones first, or ask for a full package.</source>
        <translation>拒绝导入，未写入任何内容：缺少 {device} 的第 {nums} 号数据包（本库已导入到第 {last} 号，此包是第 {seq} 号）。请先导入缺少的数据包，或请对方导出完整数据包。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Not imported: the fingerprint was not confirmed. Nothing was written.</source>
        <translation>未导入：指纹未确认，未写入任何内容。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}……</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Already imported: nothing changed.</source>
        <translation>此前已导入：没有任何改动。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Older than what is imported here: nothing changed.</source>
        <translation>比本库已导入的旧：没有任何改动。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Imported: {added} added, {updated} updated, {unchanged} unchanged</source>
        <translation>已导入：新增 {added} 条，更新 {updated} 条，未变 {unchanged} 条</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; {n} conflict(s) to resolve</source>
        <translation>；{n} 处冲突待处理</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Refused: {why}</source>
        <translation>拒绝导入：{why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed, nothing written: {why}</source>
        <translation>导入失败，未写入任何内容：{why}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{imported} imported, {same} already imported (nothing changed), {refused} refused.</source>
        <translation>{imported} 个已导入，{same} 个此前已导入（没有改动），{refused} 个被拒绝。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} conflict(s) found: resolve them on the conflicts screen.</source>
        <translation>发现 {n} 处冲突：请在“数据冲突”页面处理。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve {n} conflict(s)</source>
        <translation>处理 {n} 处冲突</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/registration/import_wizard.py" line="+203"/>
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
        <location line="+25"/>
        <source>Choose the registration sheet</source>
        <translation>选择报名表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registration sheets (*.xlsx *.xlsm *.csv);;All files (*)</source>
        <translation>报名表 (*.xlsx *.xlsm *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location filename="../../ui/registration/models.py" line="+227"/>
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
    <name>IssuedModel</name>
    <message>
        <location filename="../../ui/certificates/models.py" line="+106"/>
        <source>Number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>Issued</source>
        <translation>发证时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>发证人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed</source>
        <translation>打印次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1×</source>
        <translation>%1 次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoked</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>valid</source>
        <translation>有效</translation>
    </message>
</context>
<context>
    <name>IssuedTab</name>
    <message>
        <location filename="../../ui/certificates/tabs.py" line="+22"/>
        <source>Reprint (补发)…</source>
        <translation>补发…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoke…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 certificate(s) issued, %2 revoked</source>
        <translation>已发证书 %1 张，作废 %2 张</translation>
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
    <name>JobProgress</name>
    <message>
        <location filename="../../ui/certificates/jobs.py" line="+158"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Cancelling…</source>
        <translation>正在取消……</translation>
    </message>
</context>
<context>
    <name>JudgeGridModel</name>
    <message>
        <location filename="../../ui/judging/models.py" line="+176"/>
        <source>grade 0–3 · {max}</source>
        <translation>评价 0–3 · 满分 {max}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>count · −{max} each</source>
        <translation>填次数 · 每次扣 {max}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max {max}</source>
        <translation>满分 {max}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Station {no}</source>
        <translation>工位 {no}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Judges disagree by more than the limit: please re-score</source>
        <translation>裁判评分差异超过上限：请重新评分</translation>
    </message>
</context>
<context>
    <name>JudgePage</name>
    <message>
        <location filename="../../ui/judging/judge_page.py" line="+183"/>
        <source>Marking</source>
        <translation>评分</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Blind marking: contestants are shown by station number only. Type a mark and press Enter to store it and move on; judgement columns take the keys 0–3 directly.</source>
        <translation>加密评分：选手只以工位号显示。输入分数后按回车保存并跳到下一格；评价类评分项直接按 0–3 键即可。</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Criterion:</source>
        <translation>模块：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Submit this criterion…</source>
        <translation>提交本模块…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ask the chief judge to reopen…</source>
        <translation>申请裁判长重开…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A submitted criterion can only be changed after the chief judge reopens it.</source>
        <translation>已提交的模块须经裁判长重开后才能修改。</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>All criteria</source>
        <translation>全部模块</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (locked)</source>
        <translation>（已锁定）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (submitted, reopen asked)</source>
        <translation>（已提交，已申请重开）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (submitted)</source>
        <translation>（已提交）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No contestant has a station yet: stations are drawn when contestants check in. Press Refresh (F5) once check-in has started.</source>
        <translation>还没有选手分到工位：工位号在检录时抽取。检录开始后请按“刷新”（F5）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing of yours to mark in this criterion.</source>
        <translation>本模块没有分配给您的评分项。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Station {no} · &lt;b&gt;{code} {title}&lt;/b&gt; · {rule}</source>
        <translation>工位 {no} · &lt;b&gt;{code} {title}&lt;/b&gt; · {rule}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Judges disagree by more than the limit: please re-score</source>
        <translation>裁判评分差异超过上限：请重新评分</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{n} mark(s) still to give</source>
        <translation>尚有 {n} 项未评</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Criterion {code} is locked</source>
        <translation>模块 {code} 已锁定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Criterion {code} submitted</source>
        <translation>模块 {code} 已提交</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} mark(s) still to give in criterion {code}</source>
        <translation>模块 {code} 尚有 {n} 项未评</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Criterion {code} fully marked: check it, then submit it</source>
        <translation>模块 {code} 已全部评完：核对后请提交</translation>
    </message>
    <message>
        <location line="+82"/>
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
        <location line="+32"/>
        <source>Choose one criterion to submit it.</source>
        <translation>请先选择一个模块，再提交。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing to submit yet: no contestant has a station.</source>
        <translation>尚无可提交的内容：还没有选手分到工位。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give every mark of this criterion first; then submit it.</source>
        <translation>本模块全部评完后才能提交。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign this criterion off with your PIN; its marks then cannot change.</source>
        <translation>输入 PIN 签名提交本模块；提交后不能再修改。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Submit criterion {code}? After submitting you cannot change its marks; enter your PIN to sign.</source>
        <translation>提交模块 {code}？提交后不能再修改本模块的评分。请输入 PIN 确认。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Ask to reopen</source>
        <translation>申请重开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why must criterion {code} be reopened (station, aspect, what is wrong)?</source>
        <translation>模块 {code} 为什么需要重开？（工位、评分项、哪里有误）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Asked the chief judge to reopen criterion {code}; it stays read-only until then.</source>
        <translation>已申请裁判长重开模块 {code}；重开前仍不能修改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Criterion {code} submitted.</source>
        <translation>模块 {code} 已提交。</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location filename="../../ui/certificates/models.py" line="+28"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count</source>
        <translation>张数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>reprint (补发)</source>
        <translation>补发</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>batch</source>
        <translation>批量打印</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../../ui/sync/devices_panel.py" line="+19"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256 哈希</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set-up exported</source>
        <translation>导出竞赛设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set-up imported</source>
        <translation>导入竞赛设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>full</source>
        <translation>完整</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>incremental</source>
        <translation>增量</translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message>
        <location filename="../../ui/certificates/tabs.py" line="+45"/>
        <source>%1 certificate(s) printed in %2 run(s), of which %3 reprint(s) (补发)</source>
        <translation>共打印 %1 张（%2 次），其中补发 %3 张</translation>
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
        <location filename="../../ui/mainwindow.py" line="+137"/>
        <location line="+57"/>
        <location line="+182"/>
        <source>kmjudge on-site judging</source>
        <translation>kmjudge 竞赛现场评分系统</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Event:</source>
        <translation>竞赛场次：</translation>
    </message>
    <message>
        <location line="+15"/>
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
        <source>About kmjudge</source>
        <translation>关于 kmjudge</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <location line="+67"/>
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
</context>
<context>
    <name>Nav</name>
    <message>
        <location line="-371"/>
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
        <source>Judges</source>
        <translation>裁判分工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chief judge review</source>
        <translation>裁判长审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper sheets</source>
        <translation>纸质评分表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Results</source>
        <translation>成绩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates</source>
        <translation>证书打印</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify certificate</source>
        <translation>证书查验</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Data exchange</source>
        <translation>数据交换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts</source>
        <translation>数据冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City overview</source>
        <translation>市级汇总</translation>
    </message>
    <message>
        <location line="+2"/>
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
    <name>PaperEntryPanel</name>
    <message>
        <location filename="../../ui/judging/paper_entry.py" line="+214"/>
        <source>Sheet barcode:</source>
        <translation>评分表条码：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scan the barcode of the sheet, or type its code</source>
        <translation>扫描评分表上的条码，或输入编号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No sheet open.</source>
        <translation>尚未打开评分表。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You are typing:</source>
        <translation>当前录入：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pass 1</source>
        <translation>第一遍</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pass 2 (blind)</source>
        <translation>第二遍（盲录）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+178"/>
        <source>Save pass</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>Sheet {code} has {n} value(s) not saved yet. Save them first (Ctrl+S); to drop them, scan {new} once more.</source>
        <translation>评分表 {code} 还有 {n} 个数值尚未保存。请先保存（Ctrl+S）；如要放弃，请再扫描一次 {new}。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>No sheet open. Scan the barcode at the top right of a sheet.</source>
        <translation>尚未打开评分表。请扫描评分表右上角的条码。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sheet {code} · criterion {crit} {title} · judge {judge} · stations {first}–{last}</source>
        <translation>评分表 {code} · 模块 {crit} {title} · 裁判 {judge} · {first}–{last} 号工位</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>pass {n}: typed by {who}</source>
        <translation>第 {n} 遍：{who} 已录入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pass {n}: not typed</source>
        <translation>第 {n} 遍：未录入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{ok} confirmed, {diff} in the correction list</source>
        <translation>已生效 {ok} 格，待核对差异 {diff} 格</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>You can look at this sheet; typing it is for the score clerks (录分员).</source>
        <translation>您可以查看这张评分表；录入由录分员完成。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save pass {n}  (Ctrl+S)</source>
        <translation>保存第 {n} 遍（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+30"/>
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
        <translation>{no} 号工位 · {code} {title} · {value}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{typed} of {total} cells filled · {dirty} not saved</source>
        <translation>已填 {typed}/{total} 格 · 未保存 {dirty} 格</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · {n} mark(s) still empty</source>
        <translation> · 还有 {n} 个分数未填</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Choose pass 1 or pass 2 first.</source>
        <translation>请先选择第一遍或第二遍。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saving…</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pass {n} of sheet {code} saved: {saved} value(s).</source>
        <translation>评分表 {code} 第 {n} 遍已保存：{saved} 个数值。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} cell(s) agree with the other pass and count now.</source>
        <translation>{n} 格与另一遍一致，已生效。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No. {no} {code}</source>
        <translation>{no} 号 {code}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} cell(s) differ from the other pass and go to the correction list: {cells}.</source>
        <translation>{n} 格与另一遍不一致，已转入差异核对：{cells}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} cell(s) wait for the other pass.</source>
        <translation>{n} 格等待另一遍录入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the next sheet.</source>
        <translation>请扫描下一张评分表。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your values are still here: choose pass {n} and save again.</source>
        <translation>您录入的数值仍保留在表中：请选择第 {n} 遍后再保存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was saved.</source>
        <translation>未保存任何数值。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unsaved values dropped.</source>
        <translation>已放弃未保存的数值。</translation>
    </message>
</context>
<context>
    <name>PaperPage</name>
    <message>
        <location filename="../../ui/judging/paper_page.py" line="+75"/>
        <source>Paper sheets</source>
        <translation>纸质评分表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print sheets…</source>
        <translation>打印评分表…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import theory scores…</source>
        <translation>导入理论成绩…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Type a sheet</source>
        <translation>录入</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All sheets</source>
        <translation>全部评分表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not finished</source>
        <translation>未完成的</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reprint selected…</source>
        <translation>补打选中的…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open for typing</source>
        <translation>打开录入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sheet</source>
        <translation>评分表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Criterion</source>
        <translation>模块</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Judge</source>
        <translation>裁判</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations</source>
        <translation>工位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass 1</source>
        <translation>第一遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass 2</source>
        <translation>第二遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marks in</source>
        <translation>已生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>Differences</source>
        <translation>差异核对</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Double-click a sheet (or select it and press Open for typing) to type it. “Marks in” counts the marks of the sheet that count already.</source>
        <translation>双击评分表（或选中后按“打开录入”）即可录入。“已生效”为该表中已计入成绩的分数个数。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sheets</source>
        <translation>评分表列表</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>not typed</source>
        <translation>未录入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one pass typed</source>
        <translation>已录一遍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>both passes under way</source>
        <translation>两遍录入中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>differences</source>
        <translation>有差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose an event at the top.</source>
        <translation>请在顶部选择场次。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Differences ({n})</source>
        <translation>差异核对（{n}）</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>No marking sheets for this event yet.</source>
        <translation>本场次还没有评分表。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print them with “Print sheets…”.</source>
        <translation>请用“打印评分表…”生成。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{total} sheet(s): {new} not typed · {one} waiting for the second pass · {both} under way · {diff} with differences ({cells} cell(s)) · {done} done</source>
        <translation>共 {total} 张评分表：{new} 未录入 · {one} 待录另一遍 · {both} 录入中 · {diff} 有差异（{cells} 格）· {done} 已完成</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Select the sheets to reprint in the list.</source>
        <translation>请先在列表中选择要补打的评分表。</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../ui/judging/sheets_dialog.py" line="+121"/>
        <source>Preview: {name}</source>
        <translation>预览：{name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved as {path}</source>
        <translation>已保存为 {path}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{n} page(s)</source>
        <translation>共 {n} 页</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open in the PDF viewer to print</source>
        <translation>用 PDF 阅读器打开并打印</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/judging/judge_page.py" line="-513"/>
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
    <name>PlanModel</name>
    <message>
        <location filename="../../ui/certificates/models.py" line="-155"/>
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
        <source>Number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>new</source>
        <translation>新发</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reprint (补发)</source>
        <translation>补发</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>issued, not printed</source>
        <translation>已发，本批不打印</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No installed font has “%1”: it would print as an empty box.</source>
        <translation>没有任何已安装的字体包含“%1”：打印出来会是空方框。</translation>
    </message>
</context>
<context>
    <name>PrintSheetsDialog</name>
    <message>
        <location filename="../../ui/judging/sheets_dialog.py" line="+47"/>
        <location line="+9"/>
        <source>Reprint marking sheets</source>
        <translation>补打评分表</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Print marking sheets</source>
        <translation>打印评分表</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The sheets are printed again with their own codes: {codes}. Values already typed from them are kept.</source>
        <translation>按原编号重新打印：{codes}。已录入的数值保持不变。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Print marking sheets (评分表)</source>
        <translation>打印评分表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One sheet per judge, criterion and block of stations, with a barcode the score clerks scan. Stations are shown by number only. Stations a judge may not mark (回避, 缺考, another group) print greyed.</source>
        <translation>每名裁判、每个模块、每组工位一张，带供录分员扫描的条码；只印工位号，不印选手姓名。裁判不评的格（回避、缺考、其他组别）印为灰色。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>All judges</source>
        <translation>全选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Every station the judge marks (still competing)</source>
        <translation>该裁判负责的全部工位（不含缺考、退赛）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These stations:</source>
        <translation>指定工位：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. 1-10,12</source>
        <translation>例如 1-10,12</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> stations per sheet</source>
        <translation> 个工位一张</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reprint these sheets</source>
        <translation>补打这些评分表</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Event:</source>
        <translation>场次：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Criterion:</source>
        <translation>模块：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Judges:</source>
        <translation>裁判：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations:</source>
        <translation>工位：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already printed:</source>
        <translation>已打印：</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <source>%v of %m sheets</source>
        <translation>%v / %m 张</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview the PDF</source>
        <translation>预览 PDF</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel printing</source>
        <translation>取消打印</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create and make the PDF</source>
        <translation>生成评分表</translation>
    </message>
    <message>
        <location line="+64"/>
        <source> (locked)</source>
        <translation>（已锁定）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This event is locked: no new sheets; existing ones can be reprinted.</source>
        <translation>本场次已锁定：不能再生成新评分表，已有的可以补打。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source> · trainee</source>
        <translation> · 见习</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>{n} sheet(s) for the chosen judge(s) and criterion: {codes}</source>
        <translation>所选裁判在该模块已有 {n} 张：{codes}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No such station here: {list}</source>
        <translation>本场次没有这些工位：{list}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} station(s)</source>
        <translation>{n} 个工位</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Save the sheets as</source>
        <translation>评分表保存为</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose where to save the PDF.</source>
        <translation>请选择 PDF 的保存位置。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Tick at least one judge.</source>
        <translation>请至少勾选一名裁判。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Type the stations, e.g. 1-10,12.</source>
        <translation>请填写工位，例如 1-10,12。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Cancelling…</source>
        <translation>正在取消……</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{n} sheet(s) reprinted.</source>
        <translation>已补打 {n} 张评分表。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} sheet(s) created: {codes}</source>
        <translation>已生成 {n} 张评分表：{codes}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved as {name} in {folder}</source>
        <translation>已保存为 {name}，位于 {folder}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cancelled. No file was written.</source>
        <translation>已取消，未生成文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The {n} sheet(s) created meanwhile exist; reprint them when needed (Reprint these sheets).</source>
        <translation>已生成的 {n} 张评分表仍然有效，需要时请补打（“补打这些评分表”）。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/certificates/dialogs.py" line="+42"/>
        <source>Reason (required, kept in the log):</source>
        <translation>原因（必填，记入日志）：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Please give the reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Certificate lost</source>
        <translation>证书遗失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate damaged</source>
        <translation>证书损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer jam or misprint</source>
        <translation>卡纸或打印错误</translation>
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
    <name>RecheckTab</name>
    <message>
        <location filename="../../ui/judging/chief_recheck.py" line="+55"/>
        <location line="+165"/>
        <source>Draw the recheck sample</source>
        <translation>抽取复核样本</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Print list (xlsx)…</source>
        <translation>打印复核清单（xlsx）…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why drawn</source>
        <translation>抽取原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>复核结果</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note</source>
        <translation>差错说明</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Checked by</source>
        <translation>复核人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>复核时间</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What was wrong (required for an error), e.g. B1.1 added up wrongly</source>
        <translation>差错内容（有差错时必填），如：B1.1 合计算错</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;No error</source>
        <translation>无误(&amp;N)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Found an &amp;error</source>
        <translation>有差错(&amp;E)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Everyone ranked 10 or better plus a random 15 % of the rest.</source>
        <translation>排名前 10 名全部复核，其余选手随机抽取 15%。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The sample has not been drawn yet.</source>
        <translation>尚未抽取复核样本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draw it once every mark is in. The event cannot be locked before the recheck is finished. The draw is random and happens only once.</source>
        <translation>请在全部评分录入后抽取。复核完成前不能锁定成绩。抽样为随机抽取，只能进行一次。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Checked {done} of {total} · sample {sample} (top {top} + random {random}) · errors {errors} · error rate {rate} % (limit {limit} %)</source>
        <translation>已复核 {done}/{total} · 样本 {sample} 人（前 10 名 {top} + 随机 {random}）· 差错 {errors} 处 · 差错率 {rate}%（上限 {limit}%）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Error rate {rate} % is above {limit} %: FULL RECHECK required. Every contestant still competing must be rechecked ({extra} added to the list). The event cannot be locked until all {total} are checked.</source>
        <translation>差错率 {rate}% 超过 {limit}%：须全部复核！所有仍在比赛的选手都要复核（已追加 {extra} 人）。{total} 人全部复核完成前，不能锁定成绩。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Recheck finished: it no longer stops the lock.</source>
        <translation>复核已完成，不再影响锁定。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{left} station(s) still to recheck; the event cannot be locked yet.</source>
        <translation>还有 {left} 个工位待复核，暂不能锁定成绩。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>to check</source>
        <translation>待复核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error found</source>
        <translation>有差错</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no error</source>
        <translation>无误</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Draw the recheck sample now? The draw is random and cannot be repeated: the top 10 and a random 15 % of the others will be on the list.</source>
        <translation>现在抽取复核样本吗？抽样为随机抽取，不能重抽：前 10 名及其余选手中随机 15% 将列入复核清单。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The recheck sample is drawn; work through the list below.</source>
        <translation>复核样本已抽取，请按下方清单逐一复核。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Select a station on the recheck list first.</source>
        <translation>请先在复核清单中选择一个工位。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Describe the error found at station {s} first.</source>
        <translation>请先写明 {s} 号工位发现的差错。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Station {s}: error recorded.</source>
        <translation>{s} 号工位：已记录差错。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station {s}: no error.</source>
        <translation>{s} 号工位：复核无误。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save the recheck list</source>
        <translation>保存复核清单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing the file…</source>
        <translation>正在写入文件……</translation>
    </message>
</context>
<context>
    <name>RegistrationTableModel</name>
    <message>
        <location filename="../../ui/registration/models.py" line="-216"/>
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
        <location filename="../../ui/results/results_page.py" line="+72"/>
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
        <location line="+233"/>
        <source>Release results</source>
        <translation>公布成绩</translation>
    </message>
    <message>
        <location line="-175"/>
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
        <location line="+14"/>
        <source>The chief judge locks the event first; then release.</source>
        <translation>须先由裁判长锁定成绩，才能公布。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish the locked results with names.</source>
        <translation>公布已锁定的成绩（含姓名）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No contestants in this event yet.</source>
        <translation>该场次还没有选手。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No scores yet: the provisional results appear here as soon as the judges mark and the theory scores are imported.</source>
        <translation>尚无成绩：裁判开始评分、导入理论成绩后，这里即显示暂定成绩。</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="-134"/>
        <location line="+138"/>
        <source>The results are released.</source>
        <translation>成绩已公布。</translation>
    </message>
</context>
<context>
    <name>ResultsTableModel</name>
    <message>
        <location filename="../../ui/results/models.py" line="-121"/>
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
        <translation>晋升资格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>说明</translation>
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
        <location line="+37"/>
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
    <name>SheetEntryModel</name>
    <message>
        <location filename="../../ui/judging/paper_models.py" line="+171"/>
        <source>No. {no}</source>
        <translation>{no} 号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (trainee)</source>
        <translation>（见习）</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Typed, not saved yet</source>
        <translation>已填写，尚未保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved</source>
        <translation>已保存</translation>
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
    <name>SlipDialog</name>
    <message>
        <location filename="../../ui/sync/slip_dialog.py" line="+53"/>
        <source>Handover slip</source>
        <translation>数据移交单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Handover slip (数据移交单)</source>
        <translation>数据移交单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print it and give it with the USB stick. The receiving side compares the fingerprint and the SHA-256 on it with their import screen; both sign.</source>
        <translation>打印后随U盘一起交付。接收方把单上的指纹和 SHA-256 哈希与导入界面核对；双方签字。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(left blank: signed by hand)</source>
        <translation>（留空：手写签名）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed over by</source>
        <translation>移交人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by</source>
        <translation>接收人</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Update names</source>
        <translation>更新姓名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print…</source>
        <translation>打印……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open in PDF viewer</source>
        <translation>用 PDF 阅读器打开</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save a copy…</source>
        <translation>另存一份……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Writing the handover slip…</source>
        <translation>正在生成数据移交单……</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Slip written: {path}</source>
        <translation>移交单已生成：{path}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save the handover slip</source>
        <translation>保存数据移交单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not save the copy: {error}</source>
        <translation>无法保存：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Print the handover slip</source>
        <translation>打印数据移交单</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Printing…</source>
        <translation>正在打印……</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The slip was sent to the printer.</source>
        <translation>移交单已送往打印机。</translation>
    </message>
</context>
<context>
    <name>TheoryWizard</name>
    <message>
        <location filename="../../ui/judging/theory_wizard.py" line="+64"/>
        <source>Import theory scores</source>
        <translation>导入理论成绩</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>1  Choose file</source>
        <translation>1  选择文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2  Check</source>
        <translation>2  检查</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>3  Done</source>
        <translation>3  完成</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose another file</source>
        <translation>选择其他文件</translation>
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
        <location line="+20"/>
        <source>Drag the theory score export (.xlsx or .csv) here</source>
        <translation>把理论考试成绩导出文件（.xlsx 或 .csv）拖到这里</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The header row needs a 准考证号 (ticket number) or 身份证号 (ID number) column and a score column (理论成绩, 成绩, 分数 …); a 姓名 column is checked against the registration. Scores are 0–100 with at most two decimals; rows saying 缺考 are skipped. Nothing is saved until you confirm.</source>
        <translation>表头须有“准考证号”或“身份证号”列，以及成绩列（理论成绩、成绩、分数等）；如有“姓名”列，会与报名信息核对。成绩为 0–100 分，最多两位小数；写“缺考”的行跳过。确认导入前不会保存任何数据。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+68"/>
        <source>Unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Rejected rows</source>
        <translation>有误的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+67"/>
        <source>Absent (skipped)</source>
        <translation>缺考（跳过）</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+4"/>
        <location line="+10"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+14"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+14"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <source>Theory score</source>
        <translation>理论成绩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>原成绩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happens</source>
        <translation>处理</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>✓  Theory scores imported</source>
        <translation>✓  理论成绩已导入</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New scores</source>
        <translation>新增成绩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed scores</source>
        <translation>变更成绩</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rejected rows (not imported)</source>
        <translation>有误的行（未导入）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose the theory score file</source>
        <translation>选择理论成绩文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score files (*.xlsx *.xlsm *.csv);;All files (*)</source>
        <translation>成绩文件 (*.xlsx *.xlsm *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking “{name}”…</source>
        <translation>正在检查“{name}”……</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Checking the theory scores…</source>
        <translation>正在检查理论成绩……</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“{name}” cannot be imported:</source>
        <translation>“{name}”无法导入：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Columns found: {cols}</source>
        <translation>识别的列：{cols}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Rejected ({n})</source>
        <translation>有误（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To import ({n})</source>
        <translation>将导入（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Absent ({n})</source>
        <translation>缺考（{n}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is nothing to import: no row of this file is new or changed. Correct the rejected rows and import the file again.</source>
        <translation>没有可导入的成绩：文件中没有新增或变更的行。请改正有误的行后重新导入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every score in this file is already imported with the same value.</source>
        <translation>文件中的成绩均已导入，且分数相同。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Confirming imports {new} new and {update} changed score(s). The {n} rejected row(s) are not imported: correct them in the file and import it again (scores already imported stay as they are).</source>
        <translation>确认后将导入新增 {new} 个、变更 {update} 个成绩。有误的 {n} 行不导入：请在文件中改正后重新导入（已导入的成绩不受影响）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Confirming imports {new} new and {update} changed score(s).</source>
        <translation>确认后将导入新增 {new} 个、变更 {update} 个成绩。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Importing…</source>
        <translation>正在导入……</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} contestant(s)</source>
        <translation>{n} 人</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>{n} row(s)</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The theory scores count in the results from now on. Rejected rows can be corrected in the file and imported again; the import is recorded in the audit trail.</source>
        <translation>理论成绩从现在起计入总成绩。有误的行可在文件中改正后重新导入；本次导入已记入审计日志。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing was imported.</source>
        <translation>未导入任何成绩。</translation>
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
    <name>TrustDialog</name>
    <message>
        <location filename="../../ui/sync/trust_dialog.py" line="+44"/>
        <source>New device: compare the fingerprint</source>
        <translation>新设备：核对指纹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This laptop is not trusted here yet</source>
        <translation>本机尚未信任这台电脑</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Before anything from it is accepted, make sure the package really comes from that laptop. Ask the person who brought it to read the fingerprint from their screen (Data exchange page) or from the handover slip, and type it below.</source>
        <translation>接受它的任何数据之前，请确认数据包确实来自那台电脑：请送U盘的人从对方屏幕（“数据交换”页面）或数据移交单上读出指纹，并在下面输入。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fingerprint here</source>
        <translation>本机看到的指纹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 1A2B 3C4D 5E6F 7A8B</source>
        <translation>例如 1A2B 3C4D 5E6F 7A8B</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As read out / on the slip</source>
        <translation>对方读出的 / 移交单上的</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel: do not trust</source>
        <translation>取消：不信任</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trust and import</source>
        <translation>信任并导入</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The fingerprints match.</source>
        <translation>指纹一致。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The fingerprints do NOT match. Do not trust this package: it may not come from that laptop. Check what was read out, or call the venue.</source>
        <translation>指纹不一致！不要信任此数据包：它可能不是来自那台电脑。请核对读出的指纹，或打电话给赛点。</translation>
    </message>
</context>
<context>
    <name>UpdatesModel</name>
    <message>
        <location filename="../../ui/registration/models.py" line="+245"/>
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
    <name>VerifyPage</name>
    <message>
        <location filename="../../ui/certificates/verify_page.py" line="+59"/>
        <source>Verify a certificate</source>
        <translation>证书查验</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scan the QR code on the certificate (scanner or webcam), or paste its text. The check runs on this computer without any network, against the keys of the devices it trusts.</source>
        <translation>扫描证书上的二维码（扫码枪或摄像头），或粘贴二维码内容。查验在本机离线完成，依据本机信任的设备公钥。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Scan the certificate&apos;s QR code here</source>
        <translation>在此扫描证书二维码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan:</source>
        <translation>扫码：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>…or paste the code&apos;s text here</source>
        <translation>……或在此粘贴二维码内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verify</source>
        <translation>查验</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paste:</source>
        <translation>粘贴：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>optional: the name printed on the certificate, to check it belongs to the code</source>
        <translation>可选：证书上印的姓名，用于核对证书是否属于此二维码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Printed name:</source>
        <translation>证书姓名：</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Number:</source>
        <translation>证书编号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Award:</source>
        <translation>奖项：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event:</source>
        <translation>竞赛：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued on:</source>
        <translation>发证日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuing device:</source>
        <translation>签发设备：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key fingerprint:</source>
        <translation>公钥指纹：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed:</source>
        <translation>打印次数：</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Waiting for a scan</source>
        <translation>等待扫码</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not check</source>
        <translation>无法查验</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>(as the code claims; not verified)</source>
        <translation>（二维码所称，未核实）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 time(s)</source>
        <translation>%1 次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>key id %1 (not trusted here)</source>
        <translation>密钥标识 %1（本机未信任）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Certificate valid</source>
        <translation>证书有效</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Genuine: signed by the device shown and not changed. This computer does not hold the certificate&apos;s record, and the QR code carries no name: type the printed name above to check that the certificate belongs to this code.</source>
        <translation>证书真实：由上面显示的设备签发，内容未被改动。本机没有这张证书的记录，二维码里也不含姓名：请在上方输入证书上印的姓名，核对证书是否属于此二维码。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Genuine: signed by the device shown and not changed. Compare the number and the award with the printed certificate.</source>
        <translation>证书真实：由上面显示的设备签发，内容未被改动。请核对证书上印的编号和奖项是否一致。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name does not match</source>
        <translation>姓名不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The code is genuine, but it was issued to someone else: the name printed on this certificate is not the name it was issued to. Do not accept it.</source>
        <translation>二维码是真的，但发给的是别人：证书上印的姓名与发证时的姓名不一致。请勿认可。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Issuing device not trusted</source>
        <translation>签发设备未受信任</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This computer does not know the laptop that issued the certificate, so it cannot say whether it is genuine. Ask the administrator to trust that laptop&apos;s device key (its fingerprint confirmed with the issuing venue), then scan again.</source>
        <translation>本机不认识签发这张证书的电脑，无法判断真伪。请管理员导入并信任该电脑的设备公钥（与发证考场核对指纹），然后再扫一次。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revoked</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The certificate was genuine but has been revoked (for example after an appeal changed the award). Ask the organiser for the current certificate.</source>
        <translation>证书曾经有效，但已被作废（例如申诉后奖项有变动）。请向主办方索取现行证书。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Invalid / forged</source>
        <translation>无效/伪造</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The signature does not match: the code was altered or made up. Do not accept the certificate; keep it and report it to the organiser.</source>
        <translation>签名不符：二维码被改动过或是伪造的。请勿认可该证书，留存并报告主办方。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not a certificate code</source>
        <translation>不是证书二维码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not the QR code of a kmjudge certificate (an admission ticket, a web link, or a damaged scan). Scan the code beside “扫码核验” again.</source>
        <translation>这不是 kmjudge 证书的二维码（可能是准考证、网址，或扫描不完整）。请重新扫描证书上“扫码核验”旁的二维码。</translation>
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
