#!/usr/bin/env bash
# make package-test: the .deb proven on a clean Debian 12, as a new user gets it.
#
#   packaging/test_deb.sh [dist/spasmtimer_VERSION_amd64.deb]
#
# 1. A minimal Debian 12 root (debootstrap --variant=minbase), made once and
#    cached as a tarball in ${XDG_CACHE_HOME:-~/.cache}/spasmtimer-package-test;
#    the mirror is the one this machine's apt uses.
# 2. `apt-get install ./spasmtimer_….deb` in it, nothing else added first: its
#    Depends must bring every library the app needs.
# 3. Inside it: --version, list, validate, plan, handout; then a whole short
#    routine with `start --exit-when-done` under Xvfb (xvfb and xauth are
#    the only test tools added), its sound played into this machine's private
#    PulseAudio null sink and content-checked by bench/audio_content.py as
#    `make test` does.
# 4. A user's history, settings and own routine survive an upgrade to a newer
#    version of the package; `apt-get purge` then leaves no file of ours
#    outside the user's data.
# Runs as root (chroot, mount). Prints "package-test: N passed, M failed".
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
deb=${1:-$(ls "$top"/dist/spasmtimer_*_amd64.deb 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
    echo "package-test: no .deb; run make package first" >&2
    exit 2
fi
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
if [ "$(id -u)" -ne 0 ]; then
    echo "package-test: needs root (debootstrap, chroot, mount)" >&2
    exit 2
fi
version=$(dpkg-deb -f "$deb" Version)

# The mirror this machine's apt uses (deb822 .sources or a one-line list).
mirror() {
    local uri
    uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
          | awk '{print $2}' | grep -v security | head -n 1)
    [ -n "$uri" ] || uri=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null \
                           | awk '{print $2}' | grep -v security | head -n 1)
    echo "${uri:-http://deb.debian.org/debian}"
}

cache=${XDG_CACHE_HOME:-$HOME/.cache}/spasmtimer-package-test
base=$cache/bookworm-minbase.tar.gz
if [ ! -f "$base" ]; then
    mkdir -p "$cache"
    echo "package-test: making a minimal Debian 12 root from $(mirror) (once; cached)"
    rm -rf "$cache/root.tmp"
    if ! debootstrap --variant=minbase bookworm "$cache/root.tmp" "$(mirror)" >"$cache/debootstrap.log" 2>&1; then
        tail -n 20 "$cache/debootstrap.log" >&2
        echo "package-test: debootstrap failed" >&2
        exit 1
    fi
    tar -C "$cache/root.tmp" -czf "$base.tmp" . && mv "$base.tmp" "$base"
    rm -rf "$cache/root.tmp"
fi

work=$(mktemp -d /var/tmp/spasm-package-test.XXXXXX)
root=$work/root
mounted=()
cleanup() {
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount -l "${mounted[i]}" 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$root"
tar -C "$root" -xzf "$base"
for m in proc sys dev tmp; do
    case $m in
        proc) mount -t proc proc "$root/proc" ;;
        *) mount --rbind "/$m" "$root/$m" && mount --make-rslave "$root/$m" ;;
    esac && mounted+=("$root/$m")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The same package sources as this machine (its mirror and security updates).
if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
    rm -f "$root/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/"
fi
# No services start inside the test root.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

inside() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
as_user() {  # a plain user, with a home of their own
    chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/patient LANG=C.UTF-8 \
        QT_QPA_PLATFORM=offscreen /usr/sbin/runuser -u patient -- "$@"
}

passed=0
failed=0
log=$work/log
check() {  # check NAME COMMAND...: run it, count it, show its output on failure
    local name=$1
    shift
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        echo "  ok    $name"
    else
        failed=$((failed + 1))
        echo "  FAIL  $name"
        sed 's/^/        /' "$log" | tail -n 30
    fi
}

echo "package-test: $(basename "$deb") on a clean Debian $(cat "$root/etc/debian_version")"
cp "$deb" "$root/root/"
inside apt-get -qq update >"$log" 2>&1 || { cat "$log"; exit 1; }
before=$(inside dpkg-query -W -f '${Package}\n' | wc -l)
check "apt-get install ./$(basename "$deb") (its Depends only)" \
    inside apt-get install -y -qq --no-install-recommends "/root/$(basename "$deb")"
after=$(inside dpkg-query -W -f '${Package}\n' | wc -l)
echo "        $((after - before)) packages installed with it; $(du -sh "$root/usr/lib/spasmtimer" | cut -f1) in /usr/lib/spasmtimer"

says_version() { inside spasmtimer --version | grep -qx "spasmtimer $version"; }
lists() { inside spasmtimer list | grep -q 'Knee to chest'; }
check "spasmtimer --version says $version" says_version
check "spasmtimer list" lists
check "spasmtimer validate (the bundled routines)" \
    inside sh -c 'spasmtimer validate /usr/lib/spasmtimer/_internal/spasmtimer/routines/*.yaml'
plans() { inside spasmtimer plan 'Knee to chest' --json | grep -q '"total_seconds"'; }
check "spasmtimer plan --json" plans
check "spasmtimer handout (a PDF)" inside sh -c \
    'QT_QPA_PLATFORM=offscreen spasmtimer handout "Knee to chest" -o /root/handout.pdf && head -c 5 /root/handout.pdf | grep -q %PDF'
check "desktop entry, icons, metainfo, man page installed" inside sh -c \
    'test -f /usr/share/applications/spasmtimer.desktop &&
     test -f /usr/share/icons/hicolor/scalable/apps/spasmtimer.svg &&
     test -f /usr/share/icons/hicolor/48x48/apps/spasmtimer.png &&
     test -f /usr/share/metainfo/io.github.spasmtimer.SpasmTimer.metainfo.xml &&
     test -f /usr/share/man/man1/spasmtimer.1.gz'

# A whole routine under Xvfb, heard at this machine's private sound server.
inside apt-get install -y -qq --no-install-recommends xvfb xauth >"$log" 2>&1 || cat "$log"
app="chroot $root /usr/bin/env QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1280x800x24' spasmtimer"
check "a whole routine under Xvfb, its sound content-checked" \
    env SPASMTIMER_BENCH_APP="$app" "$top/tools/with-sound-server.sh" \
    "$top/.venv/bin/python" "$top/bench/audio_content.py"
grep -E '^(routine|parts found|stale|missing|start error)' "$log" | sed 's/^/        /'

# The user's own data, then an upgrade to a newer package, then a purge.
inside useradd --create-home --shell /bin/sh patient
cat >"$work/mine.yaml" <<'EOF'
format: 1
name: My two holds
exercises:
  - name: Pelvic tilt
    hold: 1
    reps: 2
    prepare: 1s
    rest: 1s
EOF
install -D -o 1000 -g 1000 -m 644 "$work/mine.yaml" "$root/home/patient/.local/share/spasmtimer/routines/mine.yaml"
# Settings the user chose (a quieter voice, counting up), as the app stores them.
install -D -m 644 /dev/stdin "$root/home/patient/.config/SpasmTimer/SpasmTimer.conf" <<'EOF'
[audio]
count_style=up
volume=0.4
EOF
uid=$(inside id -u patient)
chown -R "$uid:$uid" "$root/home/patient"
in_history() { as_user spasmtimer history | grep -q 'My two holds'; }
session_kept() { as_user spasmtimer start 'My two holds' --exit-when-done && in_history; }
check "a user's session is kept in their history" session_kept
user_data() {  # every file of the user's, with its checksum
    (cd "$root/home/patient" && find .local/share/spasmtimer .config/SpasmTimer -type f \
        ! -name '*-wal' ! -name '*-shm' -print0 | sort -z | xargs -0 sha256sum)
}
user_data >"$work/data-before"

newer=$work/newer
dpkg-deb -R "$deb" "$newer"
sed -i "s/^Version: .*/Version: $version+1/" "$newer/DEBIAN/control"
dpkg-deb --root-owner-group -Zgzip -z1 --build "$newer" "$root/root/spasmtimer_newer.deb" >/dev/null
rm -rf "$newer"
check "upgrade to $version+1" inside apt-get install -y -qq --no-install-recommends /root/spasmtimer_newer.deb
data_kept() {
    user_data | diff "$work/data-before" - && in_history && as_user spasmtimer list | grep -q 'My two holds'
}
check "the user's history, settings and routine survive the upgrade" data_kept

inside dpkg-query -L spasmtimer >"$work/files"
check "apt-get purge" inside apt-get purge -y -qq spasmtimer
leftover() {
    while read -r path; do
        [ -d "$root$path" ] && continue  # shared folders (usr/share/…) stay
        [ -e "$root$path" ] || [ -L "$root$path" ] && echo "$path"
    done <"$work/files"
    find "$root/usr" "$root/etc" "$root/opt" "$root/var/lib" -path "$root/var/lib/dpkg" -prune -o \
        -path "$root/var/lib/apt" -prune -o -iname '*spasmtimer*' -print 2>/dev/null | sed "s|^$root||"
}
purged() {
    local left
    left=$(leftover)
    [ -z "$left" ] || { echo "left behind: $left"; return 1; }
    test -f "$root/home/patient/.local/share/spasmtimer/history.sqlite3"
}
check "purge leaves no file of ours (the user's data stays)" purged

echo "package-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
