# Build kmjudge for Windows on a Windows 10/11 x64 host: venv, PyInstaller bundle, Setup.exe.
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build-windows.ps1
#
# Needs: Python 3.11 x64 from python.org (py launcher), Inno Setup 6.3+ (iscc.exe; 6.5+ ships
# ChineseSimplified.isl), the repository checked out.  Network only for `pip install` (the
# build extra: PyInstaller and fontTools, which writes the bundle's subset of AR PL UMing).
# Result: dist\kmjudge\ (kmjudge-gui.exe + kmjudge.exe), dist\kmjudge-webcam\ (the webcam
# add-on: Qt's camera back ends and FFmpeg, the Setup component 摄像头扫码) and
# dist\kmjudge-<version>-setup.exe.
# The smoke test below runs the bundle offscreen, without and with the add-on laid over it,
# and exits non-zero on any failure.
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

$venv = Join-Path $root "build\installer\venv-win"
if (-not (Test-Path (Join-Path $venv "Scripts\python.exe"))) {
    py -3.11 -m venv $venv
}
$py = Join-Path $venv "Scripts\python.exe"
& $py -m pip install --disable-pip-version-check -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

$version = & $py -c "import sys; sys.path.insert(0, 'installer'); import bundle_layout as L; print(L.version())"
Write-Host "==> PyInstaller (kmjudge $version)"
& $py -m PyInstaller --noconfirm --clean --distpath dist --workpath build\installer\work-win installer\kmjudge.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The bundle's uming.ttc must be the subset (installer\font_subset.py), with its notice.
$uming = Get-Item dist\kmjudge\_internal\resources\fonts\uming.ttc
if (-not (Test-Path dist\kmjudge\_internal\resources\fonts\uming.SUBSET-NOTICE.txt) -or $uming.Length -gt 10MB) {
    throw "dist\kmjudge has the whole uming.ttc ($($uming.Length) bytes), not the subset: is fontTools installed?"
}
if (-not (Test-Path dist\kmjudge-webcam\_internal)) { throw "no dist\kmjudge-webcam: the webcam add-on was not split off" }
if (Test-Path dist\kmjudge\_internal\PySide6\plugins\multimedia) { throw "dist\kmjudge still has the camera back end" }

Write-Host "==> smoke test of dist\kmjudge (offscreen, fresh data folder)"
$home_ = Join-Path $env:TEMP ("kmjudge-smoke-" + [guid]::NewGuid())
$env:KMJUDGE_HOME = $home_
$env:QT_QPA_PLATFORM = "offscreen"
& dist\kmjudge\kmjudge.exe demo
if ($LASTEXITCODE -ne 0) { throw "kmjudge.exe demo failed" }
$gui = Start-Process -FilePath dist\kmjudge\kmjudge-gui.exe -ArgumentList "--demo", "--smoke" -Wait -PassThru
if ($gui.ExitCode -ne 0) { throw "kmjudge-gui.exe --demo --smoke exited $($gui.ExitCode); see $home_\logs" }

# The webcam add-on: without it the switch is greyed out; laid over a copy of the bundle, Qt
# loads the FFmpeg back end.  kmjudge-gui.exe has no console: the line is in logs\console.log.
function Check-Webcam([string]$exe, [string]$want) {
    $p = Start-Process -FilePath $exe -ArgumentList "--check-webcam" -Wait -PassThru
    if ($p.ExitCode -ne 0) { throw "$exe --check-webcam exited $($p.ExitCode)" }
    $line = (Select-String -Path (Join-Path $home_ "logs\console.log") -Pattern "^webcam back end:" | Select-Object -Last 1).Line
    if ($line -notmatch $want) { throw "$exe --check-webcam: '$line' (expected /$want/)" }
    Write-Host "    $line"
}
Check-Webcam dist\kmjudge\kmjudge-gui.exe "back end: not installed; .*switch shown, disabled"
$overlay = Join-Path $env:TEMP ("kmjudge-webcam-" + [guid]::NewGuid())
Copy-Item -Recurse dist\kmjudge $overlay
$addonRoot = (Resolve-Path dist\kmjudge-webcam).Path
Get-ChildItem -Recurse -File $addonRoot | ForEach-Object {  # file by file: Setup.exe does the same
    $to = Join-Path $overlay $_.FullName.Substring($addonRoot.Length + 1)
    New-Item -ItemType Directory -Force (Split-Path $to) | Out-Null
    Copy-Item $_.FullName $to -Force
}
Check-Webcam (Join-Path $overlay "kmjudge-gui.exe") "back end: installed; FFmpeg plugin loaded: yes"
Remove-Item -Recurse -Force $overlay
Remove-Item Env:QT_QPA_PLATFORM, Env:KMJUDGE_HOME

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "ISCC.exe not found: install Inno Setup 6 (https://jrsoftware.org/isdl.php)" }
Write-Host "==> Inno Setup"
& $iscc "/DAppVersion=$version" installer\windows\kmjudge.iss
if ($LASTEXITCODE -ne 0) { throw "iscc failed" }
Get-Item "dist\kmjudge-$version-setup.exe" | Format-List Name, Length
# Sizes for installer\README.md: the bundle and the add-on, unpacked
foreach ($d in "dist\kmjudge", "dist\kmjudge-webcam") {
    $bytes = (Get-ChildItem -Recurse -File $d | Measure-Object -Sum Length).Sum
    Write-Host ("{0}: {1:N1} MB unpacked" -f $d, ($bytes / 1e6))
}
