; Inno Setup script for kmjudge: dist\kmjudge (the PyInstaller bundle) -> dist\kmjudge-<version>-setup.exe
;
; Build on a Windows host (see installer\README.md, "Windows"), from the repository root:
;   installer\windows\build-windows.ps1            (venv, PyInstaller, this script)
; or by hand after PyInstaller:
;   iscc /DAppVersion=0.1.0 installer\windows\kmjudge.iss
;
; - Chinese installer UI (ChineseSimplified.isl: shipped with Inno Setup 6.5 and later; for an
;   older Inno Setup put the file from Inno Setup's translations next to this script).
; - Per-machine install to C:\Program Files\kmjudge when run as administrator; a person
;   without administrator rights may choose a per-user install (%LOCALAPPDATA%\Programs).
; - Start-menu entries (the app, the licence notices, uninstall) and a desktop shortcut.
; - The data (database, backups, device key, logs) lives in each user's %LOCALAPPDATA%\kmjudge,
;   never under {app}: uninstalling removes the program only and says so.
; - An upgrade replaces the bundle's _internal folder completely (no stale Qt DLLs).
; - Components: the program (fixed) and 摄像头扫码（可选）, the webcam add-on: Qt's camera
;   back ends with FFmpeg (dist\kmjudge-webcam, the same relative paths, about 40 MB), checked
;   in the default "full" type.  Without it the check-in works with the USB scanner and the
;   webcam switch is greyed out.  A bundle built with KMJUDGE_BUNDLE_WEBCAM=0 or =1 has no
;   dist\kmjudge-webcam: the component is then left out of Setup.exe.
; Keep this file UTF-8 WITH a byte-order mark and CRLF line ends: without the BOM Inno Setup
; reads it in the ANSI code page and the Chinese text turns into mojibake.

#define AppName "kmjudge"
#define AppNameZh "昆明市职工技能大赛现场评审系统"
#define AppExe "kmjudge-gui.exe"
#define Bundle "..\..\dist\kmjudge"
#define WebcamAddon "..\..\dist\kmjudge-webcam"
#define HaveWebcam DirExists(AddBackslash(SourcePath) + WebcamAddon)
#ifndef AppVersion
  ; the version PyInstaller wrote into kmjudge-gui.exe (from kmjudge/__init__.py), e.g. 0.1.0.0
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + Bundle + "\" + AppExe)
#endif
#if AppVersion == ""
  #error dist\kmjudge\kmjudge-gui.exe not found: run PyInstaller first (installer\README.md)
#endif

[Setup]
AppId={{D467AF28-CF98-4A9E-8E52-53414730B882}
AppName={#AppNameZh}
AppVersion={#AppVersion}
AppVerName={#AppNameZh} {#AppVersion}
AppPublisher=kmjudge
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppNameZh}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppNameZh}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=kmjudge-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\kmjudge.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppNameZh}
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=no
LanguageDetectionMethod=none

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chs"; MessagesFile: "ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found: use Inno Setup 6.5 or later, or copy the file into installer\windows\ (installer\README.md)
#endif

[CustomMessages]
chs.TypeFull=完全安装（含摄像头扫码）
chs.TypeCompact=精简安装（仅主程序）
chs.TypeCustom=自定义安装
chs.ComponentMain=昆明市职工技能大赛现场评审系统（主程序）
chs.ComponentWebcam=摄像头扫码（可选）：用笔记本电脑摄像头读取准考证和证书上的二维码。不安装时请使用 USB 扫码枪
chs.LicenceNotices=许可证与第三方声明
chs.DataKept=程序已卸载。%n%n您的数据（数据库、备份、设备密钥、日志）没有被删除，仍在每个 Windows 用户自己的数据文件夹 AppData\Local\kmjudge 中。%n%n重新安装后会继续使用这些数据。如需彻底删除，请先备份，再手动删除该文件夹。

[Types]
Name: "full"; Description: "{cm:TypeFull}"
Name: "compact"; Description: "{cm:TypeCompact}"
Name: "custom"; Description: "{cm:TypeCustom}"; Flags: iscustom

[Components]
Name: "main"; Description: "{cm:ComponentMain}"; Types: full compact custom; Flags: fixed
#if HaveWebcam
Name: "webcam"; Description: "{cm:ComponentWebcam}"; Types: full
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; an upgrade must not mix old and new Qt/Python libraries
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Components: main; Flags: ignoreversion recursesubdirs createallsubdirs
#if HaveWebcam
; the add-on's files go into the same tree (_internal\PySide6\plugins\multimedia, FFmpeg DLLs)
Source: "{#WebcamAddon}\*"; DestDir: "{app}"; Components: webcam; Flags: ignoreversion recursesubdirs createallsubdirs
#endif

[Icons]
Name: "{group}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{#AppNameZh}"
Name: "{group}\{cm:LicenceNotices}"; Filename: "{app}\_internal\licenses\NOTICE.txt"
Name: "{group}\{cm:UninstallProgram,{#AppNameZh}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppNameZh}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what it installed.  The data folder is
; %LOCALAPPDATA%\kmjudge (kmjudge/paths.py, platformdirs), outside {app}.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) then
    MsgBox(CustomMessage('DataKept'), mbInformation, MB_OK);
end;
