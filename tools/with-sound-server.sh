#!/usr/bin/env bash
# Run a command with a private PulseAudio server (a null sink) that the sound
# tests play into and record from; the server is stopped afterwards.
# Placeholder until the audio work lands: runs the command as it is.
exec "$@"
