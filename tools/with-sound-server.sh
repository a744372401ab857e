#!/usr/bin/env bash
# Run a command with a private PulseAudio server whose only sink is a null
# sink ("spasm_null"), which the sound tests play into and record from.
#
#   tools/with-sound-server.sh .venv/bin/pytest -q
#
# The server lives in a private runtime folder (as root, PulseAudio insists on
# its own XDG_RUNTIME_DIR), reads no user or system configuration, and is
# stopped when the command ends, whatever happens (trap), leaving no daemon
# behind. The child sees PULSE_SERVER / PULSE_RUNTIME_PATH pointing at it and
# SPASMTIMER_TEST_PULSE=1; the sound tests skip without it. When PulseAudio
# is not installed, or does not start, the command runs anyway with
# SPASMTIMER_TEST_PULSE unset and SPASMTIMER_TEST_PULSE_REASON saying why.
# The command's exit status is passed on.
set -uo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

if ! command -v pulseaudio >/dev/null 2>&1 || ! command -v pactl >/dev/null 2>&1; then
    reason="PulseAudio (pulseaudio, pulseaudio-utils) is not installed"
    export SPASMTIMER_TEST_PULSE_REASON="$reason"
    unset SPASMTIMER_TEST_PULSE
    echo "with-sound-server: $reason; sound tests will be skipped" >&2
    "$@"
    exit $?
fi

runtime=$(mktemp -d "${TMPDIR:-/tmp}/spasm-pulse.XXXXXX")
chmod 700 "$runtime"
pid=""

cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
    rm -rf "$runtime"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cat >"$runtime/server.pa" <<'EOF'
load-module module-native-protocol-unix auth-anonymous=1
load-module module-null-sink sink_name=spasm_null rate=48000 channels=2 sink_properties=device.description=SpasmTimer-test-sink
set-default-sink spasm_null
EOF
export XDG_RUNTIME_DIR="$runtime"
export PULSE_RUNTIME_PATH="$runtime/pulse"
export PULSE_STATE_PATH="$runtime/state"
export PULSE_CONFIG_PATH="$runtime"
mkdir -p "$PULSE_RUNTIME_PATH" "$PULSE_STATE_PATH"

pulseaudio --daemonize=no --system=no --exit-idle-time=-1 --disallow-exit=no \
    --use-pid-file=no --log-target=file:"$runtime/pulse.log" --log-level=notice \
    -n -F "$runtime/server.pa" >/dev/null 2>&1 &
pid=$!
export PULSE_SERVER="unix:$PULSE_RUNTIME_PATH/native"

ready=""
for _ in $(seq 100); do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if pactl info >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.05
done

if [ -z "$ready" ]; then
    reason="the private PulseAudio server did not start ($(tail -n 3 "$runtime/pulse.log" 2>/dev/null | tr '\n' ' '))"
    export SPASMTIMER_TEST_PULSE_REASON="$reason"
    unset SPASMTIMER_TEST_PULSE PULSE_SERVER
    echo "with-sound-server: $reason; sound tests will be skipped" >&2
    "$@"
    exit $?
fi

export SPASMTIMER_TEST_PULSE=1
export SPASMTIMER_TEST_SINK=spasm_null
"$@"
exit $?
