"""The bundled routines and assets are found from a checkout and from a wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from spasmtimer import resources

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_finds_bundled_folders() -> None:
    assert resources.bundled_routines_dir() == ROOT / "routines"
    assert resources.assets_dir() == ROOT / "assets"


@pytest.mark.slow
def test_wheel_carries_routines_and_assets(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("spasmtimer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("routines", "assets"):
        bundled = {
            f"spasmtimer/{folder}/{p.relative_to(ROOT / folder).as_posix()}"
            for p in (ROOT / folder).rglob("*")
            if p.is_file()
        }
        assert bundled, f"nothing bundled in {folder}/"
        assert bundled <= names, f"missing from the wheel: {sorted(bundled - names)[:5]}"
    # Installed from that wheel, the resources module looks inside the package.
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from spasmtimer import resources as r;"
            "print(r.bundled_routines_dir()); print(r.assets_dir())",
        ],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert out == [str(target / "spasmtimer" / "routines"), str(target / "spasmtimer" / "assets")]
