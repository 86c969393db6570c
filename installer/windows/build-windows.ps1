# Build kmjudge for Windows on a Windows 10/11 x64 host: venv, PyInstaller bundle, Setup.exe.
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build-windows.ps1
#
# Needs: Python 3.11 x64 from python.org (py launcher), Inno Setup 6.3+ (iscc.exe; 6.5+ ships
# ChineseSimplified.isl), the repository checked out.  Network only for `pip install`.
# Result: dist\kmjudge\ (kmjudge-gui.exe + kmjudge.exe) and dist\kmjudge-<version>-setup.exe.
# Then the smoke test below runs the bundle offscreen and exits non-zero on any failure.
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

Write-Host "==> smoke test of dist\kmjudge (offscreen, fresh data folder)"
$home_ = Join-Path $env:TEMP ("kmjudge-smoke-" + [guid]::NewGuid())
$env:KMJUDGE_HOME = $home_
$env:QT_QPA_PLATFORM = "offscreen"
& dist\kmjudge\kmjudge.exe demo
if ($LASTEXITCODE -ne 0) { throw "kmjudge.exe demo failed" }
$gui = Start-Process -FilePath dist\kmjudge\kmjudge-gui.exe -ArgumentList "--demo", "--smoke" -Wait -PassThru
if ($gui.ExitCode -ne 0) { throw "kmjudge-gui.exe --demo --smoke exited $($gui.ExitCode); see $home_\logs" }
Remove-Item Env:QT_QPA_PLATFORM, Env:KMJUDGE_HOME

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "ISCC.exe not found: install Inno Setup 6 (https://jrsoftware.org/isdl.php)" }
Write-Host "==> Inno Setup"
& $iscc "/DAppVersion=$version" installer\windows\kmjudge.iss
if ($LASTEXITCODE -ne 0) { throw "iscc failed" }
Get-Item "dist\kmjudge-$version-setup.exe" | Format-List Name, Length
