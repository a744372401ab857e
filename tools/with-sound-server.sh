#!/usr/bin/env bash
# Run a command with a private sound server whose default sink is a 48 kHz
# null sink ("spasm_null"), which the sound tests play into and record from.
#
#   tools/with-sound-server.sh [--pulseaudio|--pipewire] COMMAND [ARG...]
#
# --pulseaudio (the default): a PulseAudio server. --pipewire: PipeWire with
# WirePlumber and pipewire-pulse (PipeWire's PulseAudio server), under a D-Bus
# session of their own; the null sink is loaded through pipewire-pulse with
# pactl, as a user's `pactl load-module module-null-sink` would.
#
# The server lives in a private runtime folder (XDG_RUNTIME_DIR: as root,
# PulseAudio insists on its own), reads no user configuration, and everything
# started here is stopped when the command ends, whatever happens (trap),
# leaving no daemon behind. The child sees PULSE_SERVER / PULSE_RUNTIME_PATH
# pointing at it, SPASMTIMER_TEST_PULSE=1 and SPASMTIMER_TEST_SERVER
# (pulseaudio or pipewire); the sound tests skip without them. When the server
# is not installed, or does not start, the command runs anyway with
# SPASMTIMER_TEST_PULSE unset and SPASMTIMER_TEST_PULSE_REASON saying why.
# The command's exit status is passed on.
set -uo pipefail

server=pulseaudio
case "${1:-}" in
    --pulseaudio) server=pulseaudio; shift ;;
    --pipewire) server=pipewire; shift ;;
esac

if [ $# -eq 0 ]; then
    echo "usage: $0 [--pulseaudio|--pipewire] COMMAND [ARG...]" >&2
    exit 2
fi

skip() {
    export SPASMTIMER_TEST_PULSE_REASON="$1"
    export SPASMTIMER_TEST_SERVER="$server"
    unset SPASMTIMER_TEST_PULSE PULSE_SERVER
    echo "with-sound-server: $1; sound tests will be skipped" >&2
    "${command[@]}"
    exit $?
}
command=("$@")

if [ "$server" = pulseaudio ]; then
    needed=(pulseaudio pactl)
    packages="PulseAudio (pulseaudio, pulseaudio-utils)"
else
    needed=(pipewire wireplumber pipewire-pulse pw-metadata dbus-launch pactl)
    packages="PipeWire (pipewire, pipewire-pulse, wireplumber, dbus-x11, pulseaudio-utils)"
fi
for tool in "${needed[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || skip "$packages is not installed ($tool is missing)"
done

runtime=$(mktemp -d "${TMPDIR:-/tmp}/spasm-sound.XXXXXX")
chmod 700 "$runtime"
pids=()
dbus_pid=""

stop_pid() {
    local pid=$1
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
}

cleanup() {
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[$i]}"; done
    # dbus-daemon was forked by dbus-launch: not our child, so no wait.
    if [ -n "$dbus_pid" ] && kill -0 "$dbus_pid" 2>/dev/null; then
        kill "$dbus_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$dbus_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$dbus_pid" 2>/dev/null
    fi
    rm -rf "$runtime"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export XDG_RUNTIME_DIR="$runtime"
export PULSE_RUNTIME_PATH="$runtime/pulse"
export PULSE_STATE_PATH="$runtime/state"
export PULSE_CONFIG_PATH="$runtime"
mkdir -p "$PULSE_RUNTIME_PATH" "$PULSE_STATE_PATH"
export PULSE_SERVER="unix:$PULSE_RUNTIME_PATH/native"
log="$runtime/server.log"

wait_for_pactl() {
    for _ in $(seq 200); do
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done
        pactl info >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    return 1
}

if [ "$server" = pulseaudio ]; then
    cat >"$runtime/server.pa" <<'EOF'
load-module module-native-protocol-unix auth-anonymous=1
load-module module-null-sink sink_name=spasm_null rate=48000 channels=2 sink_properties=device.description=SpasmTimer-test-sink
set-default-sink spasm_null
EOF
    pulseaudio --daemonize=no --system=no --exit-idle-time=-1 --disallow-exit=no \
        --use-pid-file=no --log-target=file:"$log" --log-level=notice \
        -n -F "$runtime/server.pa" >/dev/null 2>&1 &
    pids+=($!)
    wait_for_pactl || skip "the private PulseAudio server did not start ($(tail -n 3 "$log" 2>/dev/null | tr '\n' ' '))"
else
    # No user or system-wide overrides: the packaged defaults (48 kHz, a
    # quantum of 1024), under a private config home.
    export XDG_CONFIG_HOME="$runtime/config"
    export XDG_STATE_HOME="$runtime/state"
    export PIPEWIRE_RUNTIME_DIR="$runtime"
    mkdir -p "$XDG_CONFIG_HOME"
    eval "$(dbus-launch --sh-syntax)" || skip "dbus-launch failed"
    dbus_pid="${DBUS_SESSION_BUS_PID:-}"
    export DBUS_SESSION_BUS_ADDRESS
    pipewire >"$runtime/pipewire.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do [ -S "$runtime/pipewire-0" ] && break; sleep 0.05; done
    wireplumber >"$runtime/wireplumber.log" 2>&1 &
    pids+=($!)
    pipewire-pulse >"$runtime/pipewire-pulse.log" 2>&1 &
    pids+=($!)
    wait_for_pactl || skip "the private PipeWire server did not start ($(tail -n 3 "$runtime"/pipewire*.log 2>/dev/null | tr '\n' ' '))"
    pactl load-module module-null-sink sink_name=spasm_null rate=48000 channels=2 \
        sink_properties=device.description=SpasmTimer-test-sink >/dev/null \
        || skip "pipewire-pulse would not load a null sink"
    # WirePlumber makes the default-sink metadata known a moment after start.
    ok=""
    for _ in $(seq 100); do
        pactl set-default-sink spasm_null >/dev/null 2>&1 \
            && [ "$(pactl get-default-sink 2>/dev/null)" = spasm_null ] && { ok=1; break; }
        sleep 0.05
    done
    [ -n "$ok" ] || skip "the PipeWire null sink could not be made the default"
fi

export SPASMTIMER_TEST_PULSE=1
export SPASMTIMER_TEST_SERVER="$server"
export SPASMTIMER_TEST_SINK=spasm_null
"$@"
exit $?
