#!/usr/bin/env bash
# CI check: `./run app` opens the main window on a display (run under xvfb-run). The first
# start asks for the annotator's name; the settings answer it so the main window follows.
set -euo pipefail
export ANNOTATOR_HOME=${ANNOTATOR_HOME:-$(mktemp -d)} LANG=C.UTF-8  # xwininfo: UTF-8 titles
mkdir -p "$ANNOTATOR_HOME"
printf '[annotator]\nname=ci\n' > "$ANNOTATOR_HOME/window.ini"
./run app &
app=$!
for second in $(seq 120); do
  # main window title: "<document> — <project> — annotator"
  if windows=$(xwininfo -root -tree | grep '— annotator"'); then
    echo "$windows"
    echo "window open after $second s"
    kill "$app"; wait "$app" 2>/dev/null || true
    exit 0
  fi
  kill -0 "$app" 2>/dev/null || { echo "./run app exited without a window" >&2; exit 1; }
  sleep 1
done
echo "no window after 120 s" >&2
kill "$app"
exit 1
