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
        <location filename="../../ui/app.py" line="+96"/>
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
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="+126"/>
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
        <location line="-380"/>
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
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="+30"/>
        <source>This part of kmjudge is not available in this installation.</source>
        <translation>此功能在当前安装中暂不可用。</translation>
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
