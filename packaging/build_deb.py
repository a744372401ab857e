"""Build ``dist/spasmtimer_VERSION_amd64.deb`` and the matching ``.tar.gz``.

Run by ``make package`` (see ``packaging/README.md``). Steps:

1. PyInstaller freezes the app into one folder (``packaging/spasmtimer.spec``).
2. The folder is pruned: Qt parts the app never loads (Qt Quick/QML, the
   virtual keyboard, EGLFS/VNC/linuxfb platforms, the FFmpeg media plugin and
   its libraries, TLS), and every system library PyInstaller copied from a
   Debian package: the .deb depends on those packages instead, so they get
   security updates. What is left must link: every ELF file's NEEDED entries
   resolve inside the bundle or to a library of the system (checked).
3. The tree is staged: the bundle in ``/usr/lib/spasmtimer``, ``/usr/bin``,
   the desktop entry, the icon in the hicolor theme (SVG and PNGs), AppStream
   metainfo, a man page from the command's own ``--help``, bash completion,
   the copyright file and changelog.
4. ``Depends`` is computed by ``dpkg-shlibdeps`` from what the bundle links.
5. ``dpkg-deb`` packs it; ``lintian`` checks it.
"""

# ruff: noqa: T201 (a build script: it reports what it does on stdout)

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOP))
sys.path.insert(0, str(TOP / "packaging"))

import metadata  # noqa: E402  (packaging/metadata.py)

APP_ID = metadata.APP_ID
ICON = metadata.ICON
PREFIX = "usr/lib/spasmtimer"

# Qt parts the app does not use, relative to PySide6/Qt in the bundle.
QT_PRUNE = [
    "lib/libQt6Quick*",
    "lib/libQt6Qml*",
    "lib/libQt6VirtualKeyboard*",
    "lib/libQt6Pdf*",
    "lib/libQt6EglFs*",
    "lib/libQt6EglFS*",
    "lib/libQt6FFmpegStub*",
    "lib/libav*",
    "lib/libsw*",
    "lib/libQt6WlShellIntegration*",
    "lib/libQt6MultimediaWidgets*",
    "plugins/multimedia",
    "plugins/egldeviceintegrations",
    "plugins/tls",
    "plugins/networkinformation",
    "plugins/platforms/libqeglfs.so",
    "plugins/platforms/libqlinuxfb.so",
    "plugins/platforms/libqminimalegl.so",
    "plugins/platforms/libqvkkhrdisplay.so",
    "plugins/platforms/libqvnc.so",
    "plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "plugins/generic",
    "plugins/texttospeech/libqtexttospeech_mock.so",
    "plugins/imageformats/libqpdf.so",
    "plugins/imageformats/libqicns.so",
    "plugins/imageformats/libqtga.so",
    "plugins/imageformats/libqtiff.so",
    "plugins/imageformats/libqwbmp.so",
    "plugins/wayland-graphics-integration-client/libvulkan-server.so",
    "plugins/wayland-shell-integration/libivi-shell.so",
    "plugins/wayland-shell-integration/libwl-shell-plugin.so",
    "plugins/wayland-shell-integration/libfullscreen-shell-v1.so",
    "qml",
    "translations/qtwebengine*",
    "translations/qtquick*",
]
# Python bindings of the modules above, beside the Qt libraries.
PYSIDE_PRUNE = ["QtQml*", "QtQuick*", "QtPdf*", "QtMultimediaWidgets*", "QtOpenGLWidgets*"]


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, text=True, **kw)  # type: ignore[call-overload]


def freeze(build: Path) -> Path:
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(build / "pyinstaller"),
            "--workpath",
            str(build / "pyinstaller-work"),
            str(TOP / "packaging" / "spasmtimer.spec"),
        ]
    )
    return build / "pyinstaller" / "spasmtimer"


def _elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


def _system_package(name: str) -> str | None:
    """The Debian package that ships a library of this file name, if any."""
    for folder in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"):
        found = subprocess.run(
            ["dpkg", "-S", f"{folder}/{name}"], check=False, capture_output=True, text=True
        )
        if found.returncode == 0:
            return found.stdout.split(":", 1)[0]
    return None


def prune(bundle: Path) -> None:
    internal = bundle / "_internal"
    qt = internal / "PySide6" / "Qt"
    for pattern in QT_PRUNE:
        for path in qt.glob(pattern):
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    for pattern in PYSIDE_PRUNE:
        for path in (internal / "PySide6").glob(pattern):
            path.unlink()
    # System libraries copied beside the app: depend on their packages instead.
    for path in sorted(internal.glob("*.so*")):
        if path.is_symlink():
            continue
        if path.name.startswith("libpython") or _system_package(path.name) is None:
            continue
        path.unlink()
    # Links left pointing at what was removed.
    for path in internal.rglob("*"):
        if path.is_symlink() and not path.exists():
            path.unlink()


def _runpath(path: Path) -> str:
    out = subprocess.run(
        ["readelf", "-d", str(path)], check=False, capture_output=True, text=True
    ).stdout
    match = re.search(r"\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[([^\]]*)\]", out)
    return match.group(1) if match else ""


def tidy(bundle: Path, elves: list[Path]) -> None:
    """Strip the libraries and drop search paths into the build machine.

    The launcher is left as it is: PyInstaller appends the app's archive to it,
    and strip would cut that off.
    """
    launcher = bundle / "spasmtimer"
    libraries = [p for p in elves if p != launcher]
    # Libraries a wheel bundles (auditwheel's ``*.libs`` folders, NumPy's OpenBLAS)
    # were rewritten by patchelf; strip then misaligns their load segments and
    # they no longer load ("ELF load command address/offset not page-aligned").
    strippable = [p for p in libraries if not any(d.endswith(".libs") for d in p.parts)]
    for path in libraries:
        runpath = _runpath(path)
        if runpath and any(not part.startswith("$ORIGIN") for part in runpath.split(":")):
            subprocess.run(["patchelf", "--remove-rpath", str(path)], check=True)
    for chunk in range(0, len(strippable), 200):
        subprocess.run(
            ["strip", "--strip-unneeded", *map(str, strippable[chunk : chunk + 200])], check=True
        )


def _needed(path: Path) -> list[str]:
    out = subprocess.run(
        ["readelf", "-d", str(path)], check=False, capture_output=True, text=True
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def check_links(bundle: Path) -> list[Path]:
    """Every ELF file of the bundle; fails when one needs a library found nowhere."""
    system = subprocess.run(["ldconfig", "-p"], check=False, capture_output=True, text=True).stdout
    in_system = set(re.findall(r"^\s+(\S+) \(", system, re.M))
    in_bundle = {p.name for p in bundle.rglob("*.so*")}
    elves = [p for p in bundle.rglob("*") if _elf(p)]
    missing = sorted(
        f"{p.relative_to(bundle)} needs {lib}"
        for p in elves
        for lib in _needed(p)
        if lib not in in_bundle and lib not in in_system
    )
    if missing:
        raise SystemExit("the pruned bundle does not link:\n  " + "\n  ".join(missing))
    return elves


def depends(bundle: Path, elves: list[Path], work: Path) -> str:
    """``Depends`` as dpkg-shlibdeps computes it from what the bundle links."""
    debian = work / "shlibdeps" / "debian"
    debian.mkdir(parents=True, exist_ok=True)
    (debian / "control").write_text(
        "Source: spasmtimer\n\nPackage: spasmtimer\nArchitecture: amd64\n"
    )
    lib_dirs = sorted({str(p.parent) for p in bundle.rglob("*.so*")})
    out = subprocess.run(
        [
            "dpkg-shlibdeps",
            "-O",
            "--ignore-missing-info",
            "-xlibc6-dev",
            *(f"-l{d}" for d in lib_dirs),
            "-e",
            *map(str, elves),
        ],
        cwd=work / "shlibdeps",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"shlibs:Depends=(.*)", out)
    if not match:
        raise SystemExit("dpkg-shlibdeps found no dependencies")
    return match.group(1).strip()


def man_page(bundle: Path, dest: Path, version: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    text = subprocess.run(
        [
            "help2man",
            "--no-info",
            "--no-discard-stderr",
            "--version-string",
            version,
            "--name",
            metadata.SUMMARY_LOWER,
            str(bundle / "spasmtimer"),
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    dest.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(dest, "wb", mtime=0, compresslevel=9) as f:
        f.write(text.encode())


def icons(root: Path) -> None:
    svg = TOP / "assets" / "icons" / "spasmtimer.svg"
    hicolor = root / "usr/share/icons/hicolor"
    (hicolor / "scalable/apps").mkdir(parents=True, exist_ok=True)
    shutil.copy(svg, hicolor / f"scalable/apps/{ICON}.svg")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        out = hicolor / f"{size}x{size}/apps/{ICON}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        run(["rsvg-convert", "-w", str(size), "-h", str(size), "-o", str(out), str(svg)])


def stage(bundle: Path, root: Path, version: str) -> None:
    shutil.copytree(bundle, root / PREFIX, symlinks=True)
    (root / "usr/bin").mkdir(parents=True)
    os.symlink("../lib/spasmtimer/spasmtimer", root / "usr/bin/spasmtimer")
    apps = root / "usr/share/applications"
    apps.mkdir(parents=True)
    shutil.copy(TOP / "assets" / "spasmtimer.desktop", apps / metadata.DESKTOP_ID)
    icons(root)
    info = root / "usr/share/metainfo" / f"{APP_ID}.metainfo.xml"
    info.parent.mkdir(parents=True)
    info.write_text(metadata.metainfo(version))
    man_page(bundle, root / "usr/share/man/man1/spasmtimer.1.gz", version)
    completion = root / "usr/share/bash-completion/completions/spasmtimer"
    completion.parent.mkdir(parents=True)
    completion.write_text(metadata.bash_completion())
    doc = root / "usr/share/doc/spasmtimer"
    doc.mkdir(parents=True)
    shutil.copy(TOP / "packaging" / "copyright", doc / "copyright")
    with gzip.GzipFile(doc / "changelog.gz", "wb", mtime=0, compresslevel=9) as f:
        f.write(metadata.changelog(version).encode())
    overrides = root / "usr/share/lintian/overrides/spasmtimer"
    overrides.parent.mkdir(parents=True)
    shutil.copy(TOP / "packaging" / "lintian-overrides", overrides)
    for path in root.rglob("*"):  # what dpkg-deb and lintian expect of modes
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o644)
    (root / PREFIX / "spasmtimer").chmod(0o755)  # the one program; libraries are not run


def validate(root: Path) -> None:
    """The desktop entry and the AppStream metainfo, as software centres read them."""
    run(["desktop-file-validate", *map(str, (root / "usr/share/applications").glob("*.desktop"))])
    run(
        [
            "appstreamcli",
            "validate",
            "--no-net",
            "--explain",
            *map(str, (root / "usr/share/metainfo").glob("*.xml")),
        ]
    )


def installed_size(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
    return (total + 1023) // 1024


def control(root: Path, version: str, deps: str) -> None:
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(metadata.control(version, deps, installed_size(root)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=TOP / "build" / "package")
    parser.add_argument("--dist", type=Path, default=TOP / "dist")
    args = parser.parse_args()
    version = metadata.version()
    build: Path = args.build
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    bundle = freeze(build)
    prune(bundle)
    elves = check_links(bundle)
    tidy(bundle, elves)
    deps = depends(bundle, elves, build)
    root = build / "root"
    stage(bundle, root, version)
    validate(root)
    control(root, version, deps)
    args.dist.mkdir(parents=True, exist_ok=True)
    deb = args.dist / f"spasmtimer_{version}_amd64.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)])
    tarball = args.dist / f"spasmtimer-{version}-linux-x86_64.tar.gz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(bundle, arcname=f"spasmtimer-{version}")
    lint = subprocess.run(
        ["lintian", "--tag-display-limit", "0", str(deb)],
        check=False,
        capture_output=True,
        text=True,
    )
    print(lint.stdout + lint.stderr, end="")
    print(
        f"{deb.name}: {deb.stat().st_size / 1e6:.1f} MB, installs "
        f"{installed_size(root) / 1024:.0f} MiB; {tarball.name}: "
        f"{tarball.stat().st_size / 1e6:.1f} MB"
    )
    errors = [line for line in lint.stdout.splitlines() if line.startswith("E:")]
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
