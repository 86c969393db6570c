# shellcheck shell=bash disable=SC2034 # KMJ_VENV_DETAIL etc. are read by the sourcing script
# Helpers shared by scripts/run.sh, scripts/test.sh and scripts/system-deps.sh.
# Source it; do not run it.  Nothing here changes anything until a function is called.

KMJ_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KMJ_VENV="$KMJ_ROOT/.venv"
KMJ_LOGS="$KMJ_ROOT/build/logs" # build/ is in .gitignore
mkdir -p "$KMJ_LOGS"

if [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then
    _kmj_b=$'\033[1m' _kmj_r=$'\033[31m' _kmj_y=$'\033[33m' _kmj_g=$'\033[32m' _kmj_0=$'\033[0m'
else
    _kmj_b='' _kmj_r='' _kmj_y='' _kmj_g='' _kmj_0=''
fi

say() { printf '%s==>%s %s\n' "$_kmj_b" "$_kmj_0" "$*" >&2; }
note() { printf '    %s\n' "$*" >&2; }
warn() { printf '%sWARNING:%s %s\n' "$_kmj_y" "$_kmj_0" "$*" >&2; }
die() {
    printf '%sERROR:%s %s\n' "$_kmj_r" "$_kmj_0" "$*" >&2
    exit 1
}

now_ms() { date +%s%3N; }
fmt_ms() { printf '%d.%01ds' "$(($1 / 1000))" "$((($1 % 1000) / 100))"; }

# Stage bookkeeping for the closing summary: stage_begin NAME; ...; stage_end STATUS [DETAIL]
KMJ_SUMMARY=()
_kmj_stage_name=''
_kmj_stage_t0=0
_kmj_stage_open=''
stage_begin() {
    _kmj_stage_name="$1"
    _kmj_stage_open=1
    _kmj_stage_t0=$(now_ms)
    say "$1"
}
stage_end() { # STATUS (ok|FAIL|skip|warn) [detail]
    local dt colour
    _kmj_stage_open=''
    dt=$(($(now_ms) - _kmj_stage_t0))
    case "$1" in ok) colour=$_kmj_g ;; FAIL) colour=$_kmj_r ;; *) colour=$_kmj_y ;; esac
    KMJ_SUMMARY+=("$(printf '  %-18s %s%-5s%s %7s  %s' "$_kmj_stage_name" "$colour" "$1" "$_kmj_0" \
        "$(fmt_ms "$dt")" "${2:-}")")
    note "-> $1 in $(fmt_ms "$dt")${2:+ ($2)}"
}
print_summary() { # TITLE
    [ -n "$_kmj_stage_open" ] && stage_end FAIL "interrupted"
    printf '\n%s%s%s\n' "$_kmj_b" "$1" "$_kmj_0" >&2
    local line
    for line in "${KMJ_SUMMARY[@]}"; do printf '%s\n' "$line" >&2; done
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command with its output going to a log file; on failure show the log's tail.
run_logged() { # LOGFILE CMD...
    local log="$1"
    shift
    if "$@" >"$log" 2>&1; then
        return 0
    else
        local rc=$?
        warn "'$*' failed (exit $rc); last lines of $log:"
        tail -n 25 "$log" | sed 's/^/    | /' >&2
        return "$rc"
    fi
}

# --- Python and the virtualenv -------------------------------------------------------------

# Set by ensure_venv for the callers' summary line.
KMJ_VENV_DETAIL=''

# Sets KMJ_PY to a Python >= 3.11 (KMJUDGE_PYTHON overrides).
find_python() {
    local c
    for c in ${KMJUDGE_PYTHON:-} python3.11 python3 python; do
        if command -v "$c" >/dev/null 2>&1 &&
            "$c" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            KMJ_PY="$(command -v "$c")"
            return 0
        fi
    done
    die "no Python >= 3.11 found (tried ${KMJUDGE_PYTHON:-} python3.11 python3 python); install python3 or set KMJUDGE_PYTHON"
}

_venv_ok() {
    [ -x "$KMJ_VENV/bin/python" ] &&
        "$KMJ_VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null &&
        "$KMJ_VENV/bin/python" -m pip --version >/dev/null 2>&1
}

# ensure_venv EXTRA   (EXTRA = "" for the app, "test" for the test tools)
# Creates .venv if needed and runs `pip install -e .[EXTRA]` unless a stamp newer than
# pyproject.toml says it has already been done.  Sets KMJ_VENV_DETAIL for the summary.
ensure_venv() {
    local extra="$1" spec='.' stamp created=''
    [ -n "$extra" ] && spec=".[$extra]"
    stamp="$KMJ_VENV/.kmjudge-pip-${extra:-runtime}.stamp"

    if ! _venv_ok; then
        find_python
        if ! "$KMJ_PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
            # Debian's own python3 ships venv/ensurepip separately.
            warn "$KMJ_PY has no ensurepip/venv module; installing python3-venv"
            bash "$KMJ_ROOT/scripts/system-deps.sh" python-venv ||
                die "cannot create a virtualenv: install the python3-venv package (apt-get install python3-venv)"
        fi
        note "creating virtualenv .venv with $KMJ_PY ($("$KMJ_PY" -V 2>&1))"
        run_logged "$KMJ_LOGS/venv.log" "$KMJ_PY" -m venv --clear "$KMJ_VENV" ||
            die "python -m venv failed (log: $KMJ_LOGS/venv.log)"
        created=1
    fi

    # A test install also covers the app's own dependencies.
    local s
    for s in "$stamp" "$KMJ_VENV/.kmjudge-pip-test.stamp"; do
        if [ -z "$created" ] && [ -f "$s" ] && [ "$s" -nt "$KMJ_ROOT/pyproject.toml" ] &&
            "$KMJ_VENV/bin/python" -c 'import importlib.metadata as m; m.version("kmjudge")' 2>/dev/null; then
            KMJ_VENV_DETAIL="up to date ($(basename "$s") newer than pyproject.toml; pip skipped)"
            return 0
        fi
    done

    note "pip install -e \"$spec\" (log: build/logs/pip-${extra:-runtime}.log)"
    if ! (cd "$KMJ_ROOT" && run_logged "$KMJ_LOGS/pip-${extra:-runtime}.log" \
        "$KMJ_VENV/bin/python" -m pip install --disable-pip-version-check --no-input \
        -e "$spec"); then
        die "pip install -e \"$spec\" failed (full log: $KMJ_LOGS/pip-${extra:-runtime}.log)"
    fi
    touch "$stamp"
    KMJ_VENV_DETAIL="installed -e \"$spec\"${created:+ into a new .venv}"
}
