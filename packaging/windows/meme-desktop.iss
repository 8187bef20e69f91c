; Inno Setup script: the Windows installer for Meme Desktop (Inno Setup 6.3 or later).
;
; 1. Build the bundle on Windows (see packaging\windows\build.ps1, or run
;      pyinstaller --noconfirm --distpath packaging\dist --workpath packaging\build packaging\meme-desktop.spec
;    from the checkout), which makes packaging\dist\meme-desktop\meme-desktop.exe.
; 2. Compile this script:  iscc packaging\windows\meme-desktop.iss
;    (pass /DAppVersion=X.Y.Z to override the version below; keep it equal to
;    meme_desktop.__version__ -- tests/packaging checks that it is).
; Output: packaging\dist\MemeDesktop-<version>-setup.exe
;
; The installer is per-user by default (no administrator rights; "install for all users" is
; offered in a dialog). It installs the whole one-folder bundle, a Start-menu entry and,
; optionally, a desktop shortcut. Uninstalling keeps the user's projects, which live in
; %LOCALAPPDATA%\meme-desktop (platformdirs), not in the program folder.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Meme Desktop"
#define AppExe "meme-desktop.exe"
#define BundleDir "..\dist\meme-desktop"

[Setup]
AppId={{8B1D6C2E-5F3A-4C7B-9E21-6A0D4F9B3C71}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Meme Desktop contributors
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=MemeDesktop-{#AppVersion}-setup
SetupIconFile=..\icons\meme-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Restart Manager closes the window and its engine child (both use files in {app})
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole bundle: meme-desktop.exe (windowed), meme-desktop-cli.exe (console), _internal\
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

