#!/usr/bin/env bash
# shellcheck disable=SC2317 # stop_xvfb is called from the EXIT trap
# Install what the app needs and start it:
#
#   bash scripts/run.sh [app args...]          e.g. bash scripts/run.sh --demo
#
# 1. Debian packages for Qt (scripts/system-deps.sh runtime; needs root, else it only reports)
# 2. .venv in the repo + pip install -e .  (skipped while .venv/.kmjudge-pip-*.stamp is newer
#    than pyproject.toml)
# 3. .venv/bin/python main.py "$@"
#    - no DISPLAY/WAYLAND_DISPLAY: starts Xvfb on a free display and runs the app there
#    - KMJUDGE_RUN_CHECK=1: runs `main.py --smoke "$@"` with QT_QPA_PLATFORM=offscreen instead
#      (the app shows its main window and exits 0)
# Environment: KMJUDGE_XVFB_SCREEN (default 1600x900x24), KMJUDGE_PYTHON (interpreter for .venv)
# Logs: build/logs/ (apt-runtime.log, pip-runtime.log, xvfb.log)
set -euo pipefail
# shellcheck source=scripts/_common.sh
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
cd "$KMJ_ROOT"

stage_begin "system packages"
if deps_status="$(bash scripts/system-deps.sh runtime)"; then
    deps_status="$(tail -n 1 <<<"$deps_status")"
    if [[ "$deps_status" == MISSING* ]]; then stage_end warn "$deps_status"; else stage_end ok "$deps_status"; fi
else
    stage_end warn "scripts/system-deps.sh runtime failed; trying to start anyway"
fi

stage_begin "python venv"
ensure_venv ''
stage_end ok "$KMJ_VENV_DETAIL"

[ -f main.py ] || die "main.py not found in $KMJ_ROOT"
PY="$KMJ_VENV/bin/python"

if [ "${KMJUDGE_RUN_CHECK:-}" = 1 ]; then
    stage_begin "smoke run"
    note "QT_QPA_PLATFORM=offscreen .venv/bin/python main.py --smoke $*"
    set +e
    QT_QPA_PLATFORM=offscreen "$PY" main.py --smoke "$@"
    rc=$?
    set -e
    if [ $rc -eq 0 ]; then stage_end ok "main window shown, exit 0"; else stage_end FAIL "exit $rc"; fi
    print_summary "kmjudge run.sh check"
    exit $rc
fi

XVFB_PID=''
stop_xvfb() {
    if [ -n "$XVFB_PID" ]; then
        kill "$XVFB_PID" 2>/dev/null || true
        wait "$XVFB_PID" 2>/dev/null || true
        XVFB_PID=''
    fi
}

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    stage_begin "virtual screen"
    command -v Xvfb >/dev/null 2>&1 ||
        die "no DISPLAY and no Xvfb: install the xvfb package (bash scripts/system-deps.sh runtime as root), or run with KMJUDGE_RUN_CHECK=1"
    screen="${KMJUDGE_XVFB_SCREEN:-1600x900x24}"
    dfile="$(mktemp)"
    # -displayfd: Xvfb picks a free display number itself and writes it once it is ready.
    Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp 3>"$dfile" >"$KMJ_LOGS/xvfb.log" 2>&1 &
    XVFB_PID=$!
    trap 'stop_xvfb' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    for _ in $(seq 1 100); do
        [ -s "$dfile" ] && break
        kill -0 "$XVFB_PID" 2>/dev/null || break
        sleep 0.1
    done
    num="$(tr -dc '0-9' <"$dfile")"
    rm -f "$dfile"
    if [ -z "$num" ]; then
        tail -n 10 "$KMJ_LOGS/xvfb.log" | sed 's/^/    | /' >&2
        die "Xvfb did not start (log: build/logs/xvfb.log)"
    fi
    export DISPLAY=":$num"
    stage_end ok "Xvfb pid $XVFB_PID on $DISPLAY ($screen)"
    cat >&2 <<EOF

  No display was found, so kmjudge is running on a VIRTUAL screen (Xvfb $DISPLAY, $screen).
  You will not see the window. To take a screenshot of it, from another shell:
      DISPLAY=$DISPLAY import -window root /tmp/kmjudge-screenshot.png
  ('import' is in the imagemagick package.)  Close the app with Ctrl+C here.

EOF
fi

say "starting: .venv/bin/python main.py $*${DISPLAY:+ (DISPLAY=$DISPLAY)}"
if [ -z "$XVFB_PID" ]; then
    exec "$PY" main.py "$@"
fi
set +e
"$PY" main.py "$@"
rc=$?
set -e
exit $rc
