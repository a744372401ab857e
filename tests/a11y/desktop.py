"""A private desktop for the screen-reader check: a virtual display, D-Bus, the AT-SPI bus.

Nothing here is shared with other runs on the machine: the display number is
the one Xvfb picks (``-displayfd``), the session bus and the accessibility bus
are this run's own, and all of them stop with :meth:`Desktop.close`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

AT_SPI_BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


class Desktop:
    """Xvfb, ``dbus-launch`` and ``at-spi-bus-launcher``; :attr:`env` reaches them."""

    def __init__(self, runtime_dir: Path, width: int = 1280, height: int = 800) -> None:
        self.env = dict(os.environ)
        runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.env["XDG_RUNTIME_DIR"] = str(runtime_dir)
        self._pids: list[int] = []
        self._procs: list[subprocess.Popen[bytes]] = []
        try:
            self._start_display(width, height)
            self._start_session_bus()
            self._start_accessibility_bus()
        except BaseException:
            self.close()
            raise

    def _start_display(self, width: int, height: int) -> None:
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        self._procs.append(xvfb)
        os.close(write)
        number = b""
        with os.fdopen(read, "rb") as pipe:
            while not number.endswith(b"\n"):
                chunk = pipe.read(1)
                if not chunk:
                    raise RuntimeError("Xvfb did not start")
                number += chunk
        self.env["DISPLAY"] = f":{int(number)}"
        for name in ("WAYLAND_DISPLAY", "AT_SPI_BUS_ADDRESS", "DBUS_SESSION_BUS_ADDRESS"):
            self.env.pop(name, None)

    def _start_session_bus(self) -> None:
        out = subprocess.run(
            ["dbus-launch", "--sh-syntax"], env=self.env, capture_output=True, text=True,
            check=True, timeout=60,
        ).stdout  # fmt: skip
        for line in out.splitlines():
            if "=" in line and line.startswith("DBUS_"):
                key, _, value = line.rstrip(";").partition("=")
                value = value.strip("'\"")
                self.env[key] = value
                if key == "DBUS_SESSION_BUS_PID":
                    self._pids.append(int(value))

    def _start_accessibility_bus(self) -> None:
        launcher = subprocess.Popen(
            [AT_SPI_BUS_LAUNCHER, "--launch-immediately"], env=self.env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        self._procs.append(launcher)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            asked = subprocess.run(
                ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus",
                 "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
                env=self.env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if asked.returncode == 0 and "unix:" in asked.stdout:
                self.env["GTK_A11Y"] = "atspi"
                return
            time.sleep(0.2)
        raise RuntimeError("the AT-SPI bus did not start")

    def close(self) -> None:
        for proc in reversed(self._procs):
            # The launcher's group holds its bus and registry too.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGTERM)
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        for pid in self._pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        self._procs.clear()
        self._pids.clear()


def scratch_home(root: Path) -> dict[str, str]:
    """Environment that keeps the app's data and settings in ``root``."""
    return {
        "SPASMTIMER_DATA_DIR": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "HOME": str(root / "home"),
    }
