# Build Meme Desktop on Windows: the one-folder bundle, then the installer if Inno Setup is
# installed.  Run from anywhere:  powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Output: packaging\dist\meme-desktop\meme-desktop.exe (+ meme-desktop-cli.exe) and
#         packaging\dist\MemeDesktop-<version>-setup.exe
$ErrorActionPreference = "Stop"
$Packaging = Split-Path -Parent $PSScriptRoot
$Root = Split-Path -Parent $Packaging
$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }
Set-Location $Root

& $Python -c "import meme_desktop, PySide6, av, imageio_ffmpeg, uvicorn" 2>$null
if ($LASTEXITCODE -ne 0) { & $Python -m pip install -e $Root; if ($LASTEXITCODE -ne 0) { exit 1 } }
& $Python -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) { & $Python -m pip install "pyinstaller>=6.5"; if ($LASTEXITCODE -ne 0) { exit 1 } }

$env:PYINSTALLER_CONFIG_DIR = Join-Path $Packaging "build\pyinstaller-config"
& $Python -m PyInstaller --noconfirm --log-level WARN `
    --distpath (Join-Path $Packaging "dist") --workpath (Join-Path $Packaging "build") `
    (Join-Path $Packaging "meme-desktop.spec")
if ($LASTEXITCODE -ne 0) { exit 1 }
& (Join-Path $Packaging "dist\meme-desktop\meme-desktop-cli.exe") --version
if ($LASTEXITCODE -ne 0) { exit 1 }

$Version = & $Python -c "import meme_desktop; print(meme_desktop.__version__)"
$Iscc = Get-Command iscc -ErrorAction SilentlyContinue
if (-not $Iscc) {
    $Candidate = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
    if (Test-Path $Candidate) { $Iscc = $Candidate }
}
if ($Iscc) {
    & $Iscc "/DAppVersion=$Version" (Join-Path $PSScriptRoot "meme-desktop.iss")
    if ($LASTEXITCODE -ne 0) { exit 1 }
} else {
    Write-Host "Inno Setup not found: the bundle is built, the installer is not."
}
