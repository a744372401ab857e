#!/usr/bin/env bash
# Install the Debian packages SpasmTimer needs, when they are missing.
#   tools/system-deps.sh run    what the app needs (Qt's xcb platform, sound)
#   tools/system-deps.sh test   that, plus what `make test` needs
#   tools/system-deps.sh package / package-test   what `make package` / `make package-test` need
# As root, or with sudo that needs no password, it installs them; otherwise it
# prints the exact apt-get line to run and fails.
set -euo pipefail

# QtMultimedia loads libpulse; the xcb platform plugin needs the icccm and
# keysyms libraries (its error message wrongly blames libxcb-cursor0).
run_pkgs=(libpulse0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0
          libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libegl1 libgl1
          libfontconfig1 libdbus-1-3 fonts-dejavu-core)
# A virtual display, private sound servers (PulseAudio; PipeWire with its
# PulseAudio server, session manager and a D-Bus session for them) and the
# recorder, PDF to PNG; tzdata for the clock-change tests; a private D-Bus
# session bus and an MPRIS client for the desktop tests; for the
# screen-reader check, the AT-SPI bus and pyatspi for the system Python (it
# is not on PyPI; dbus-x11's dbus-launch starts its D-Bus session).
test_pkgs=(xvfb xauth pulseaudio pulseaudio-utils pipewire pipewire-pulse wireplumber dbus-x11
           poppler-utils tzdata dbus-daemon playerctl at-spi2-core python3-pyatspi
           gir1.2-atspi-2.0)

# make package: the tools that build and check the .deb, and the libraries
# the bundled Qt plugins link (dpkg-shlibdeps turns them into Depends).
package_pkgs=(dpkg-dev binutils patchelf lintian desktop-file-utils appstream help2man
              librsvg2-bin libwayland-cursor0 libwayland-egl1 libgtk-3-0 libspeechd2)
# make package-test: a clean Debian root to install it into.
package_test_pkgs=(debootstrap)

want=("${run_pkgs[@]}")
case "${1:-run}" in
    test) want+=("${test_pkgs[@]}") ;;
    package) want+=("${package_pkgs[@]}") ;;
    package-test) want+=("${test_pkgs[@]}" "${package_pkgs[@]}" "${package_test_pkgs[@]}") ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "system-deps: not a Debian-like system; make sure the equivalents of these are installed: ${want[*]}" >&2
    exit 0
fi

missing=()
for pkg in "${want[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
else
    echo "SpasmTimer needs these Debian packages; please run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt-get (a second checkout's make, the desktop's updater) may hold
# the dpkg lock for a while: wait for it rather than fail.
lock=(-o DPkg::Lock::Timeout=600)
"${sudo[@]}" apt-get "${lock[@]}" update -qq
"${sudo[@]}" apt-get "${lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
