#!/usr/bin/env bash
# shellcheck disable=SC2317 # finish/pg_stop are called from the EXIT trap
# Set up everything the tests need and run the whole check suite:
#
#   bash scripts/test.sh [pytest args...]        e.g. bash scripts/test.sh -k scheme -x
#
# Stages: Debian packages (scripts/system-deps.sh test) -> .venv + pip install -e ".[test]"
# -> ruff check -> mypy -> lint-imports -> throwaway PostgreSQL server -> pytest.
# Every stage runs even if an earlier check failed; the exit status is non-zero if any failed.
#
# Environment:
#   KMJUDGE_TEST_NO_PG=1     run without PostgreSQL (postgres-marked tests skip themselves)
#   KMJUDGE_TEST_PG_URL=...  use this existing server instead of starting one
#   KMJUDGE_PYTHON=...       interpreter used to create .venv (default python3.11/python3)
# Logs: build/logs/ (apt, pip, postgres-test.log of the last throwaway server).
set -uo pipefail
# shellcheck source=scripts/_common.sh
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
cd "$KMJ_ROOT" || exit 1

T_START=$(now_ms)
FAILED=()

finish() { # exit status
    trap - EXIT
    [ "$1" -ge 128 ] && FAILED+=("interrupted by a signal (exit $1)")
    pg_stop
    print_summary "kmjudge test.sh summary (total $(fmt_ms $(($(now_ms) - T_START))))"
    if [ "$1" -ne 0 ] || [ "${#FAILED[@]}" -ne 0 ]; then
        printf '%sFAILED:%s %s\n' "$_kmj_r" "$_kmj_0" "${FAILED[*]:-stopped early (exit $1)}" >&2
        [ "$1" -ne 0 ] && exit "$1"
        exit 1
    fi
    printf '%sALL STAGES PASSED%s\n' "$_kmj_g" "$_kmj_0" >&2
    exit 0
}
trap 'finish $?' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# --- throwaway PostgreSQL -----------------------------------------------------------------
PG_DIR='' PG_BIN='' PG_AS=()

pg_find_bin() {
    local d
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        PG_BIN="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
        return 0
    fi
    # Debian keeps the server binaries off PATH; take the newest version.
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            PG_BIN="$d"
            return 0
        fi
    done
    return 1
}

# Run a PostgreSQL server binary as an unprivileged user (postgres refuses to run as root).
pg_run() {
    (cd "$PG_DIR" && "${PG_AS[@]}" "$@")
}

pg_free_port() {
    "$KMJ_VENV/bin/python" - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
EOF
}

pg_start() {
    if is_root; then
        if ! id -u postgres >/dev/null 2>&1; then
            note "creating system user 'postgres' to run the test server"
            useradd --system --no-create-home --shell /usr/sbin/nologin postgres ||
                return 1
        fi
        if command -v runuser >/dev/null 2>&1; then
            PG_AS=(runuser -u postgres --)
        else
            PG_AS=(setpriv --reuid=postgres --regid=postgres --init-groups --)
        fi
    fi
    PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kmjudge-pg.XXXXXX")" || return 1
    chmod 700 "$PG_DIR"
    is_root && chown postgres: "$PG_DIR"
    if ! pg_run "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C \
        --no-sync --no-instructions >"$KMJ_LOGS/postgres-initdb.log" 2>&1; then
        warn "initdb failed; last lines of build/logs/postgres-initdb.log:"
        tail -n 15 "$KMJ_LOGS/postgres-initdb.log" | sed 's/^/    | /' >&2
        return 1
    fi
    local try
    for try in 1 2 3; do
        PG_PORT="$(pg_free_port)" || return 1
        if pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null 2>&1; then
            break
        fi
        warn "PostgreSQL did not start on port $PG_PORT (try $try); server log:"
        tail -n 10 "$PG_DIR/postgres.log" 2>/dev/null | sed 's/^/    | /' >&2
        [ "$try" -eq 3 ] && return 1
    done
    PG_VERSION="$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -XAtc 'select version()')" ||
        return 1
    export KMJUDGE_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
}

pg_stop() {
    [ -n "$PG_DIR" ] || return 0
    local dir="$PG_DIR"
    if [ -f "$dir/data/postmaster.pid" ]; then
        if ! (cd "$dir" && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop) \
            >/dev/null 2>&1; then
            local pid
            pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
            [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
            warn "pg_ctl stop failed; killed postmaster $pid"
        fi
    fi
    cp "$dir/postgres.log" "$KMJ_LOGS/postgres-test.log" 2>/dev/null || true
    rm -rf "$dir"
    PG_DIR=''
    note "PostgreSQL test server stopped and $dir removed (log kept: build/logs/postgres-test.log)"
}

# --- stages -------------------------------------------------------------------------------
stage_begin "system packages"
deps_status="$(bash scripts/system-deps.sh test)"
rc=$?
deps_status="$(tail -n 1 <<<"$deps_status")"
if [ $rc -ne 0 ]; then
    stage_end warn "scripts/system-deps.sh test failed (exit $rc); continuing"
elif [[ "$deps_status" == MISSING* ]]; then
    stage_end warn "$deps_status"
else
    stage_end ok "$deps_status"
fi

stage_begin "python venv"
ensure_venv test # dies on failure: nothing below can run without it
stage_end ok "$KMJ_VENV_DETAIL"
export PATH="$KMJ_VENV/bin:$PATH"

check() { # NAME CMD...
    local name="$1"
    shift
    stage_begin "$name"
    if "$@"; then
        stage_end ok "$*"
    else
        stage_end FAIL "$* (exit $?)"
        FAILED+=("$name")
    fi
}

lint_paths=()
for p in kmjudge ui main.py tests; do
    if [ -e "$p" ]; then lint_paths+=("$p"); else warn "ruff: '$p' does not exist yet; not checked"; fi
done
check ruff ruff check "${lint_paths[@]}"
check mypy mypy
# --no-cache: no .import_linter_cache/ folder in the work tree (it is not in .gitignore)
check lint-imports lint-imports --no-cache

stage_begin "postgresql"
if [ "${KMJUDGE_TEST_NO_PG:-}" = 1 ]; then
    unset KMJUDGE_TEST_PG_URL
    stage_end skip "KMJUDGE_TEST_NO_PG=1: tests marked postgres will skip"
elif [ -n "${KMJUDGE_TEST_PG_URL:-}" ]; then
    stage_end ok "using the given KMJUDGE_TEST_PG_URL (no throwaway server)"
elif ! pg_find_bin; then
    stage_end FAIL "no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin"
    FAILED+=(postgresql)
    die "no PostgreSQL server binaries found, although the system packages stage ran (see its output and build/logs/apt-test.log). Install 'postgresql' or set KMJUDGE_TEST_NO_PG=1 to run without it."
elif ! pg_start; then
    stage_end FAIL "could not start a server with $PG_BIN"
    FAILED+=(postgresql)
    die "could not start the throwaway PostgreSQL server (logs in build/logs/). Set KMJUDGE_TEST_NO_PG=1 to run without it."
else
    stage_end ok "127.0.0.1:$PG_PORT in $PG_DIR; ${PG_VERSION%% on *}"
    note "KMJUDGE_TEST_PG_URL=$KMJUDGE_TEST_PG_URL"
fi

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# Two processes (pytest-xdist) unless the arguments choose: the suite takes ~6.5 min on 2 cores
# instead of ~18. KMJUDGE_TEST_WORKERS=0 runs in one process.
workers=(-n "${KMJUDGE_TEST_WORKERS:-auto}")
for a in "$@"; do case "$a" in -n|-n*|--numprocesses*|--pdb) workers=() ;; esac; done
[ "${KMJUDGE_TEST_WORKERS:-}" = 0 ] && workers=()
stage_begin "pytest"
pytest "${workers[@]}" "$@"
rc=$?
case $rc in
0) stage_end ok "pytest $*" ;;
5)
    stage_end FAIL "pytest collected no tests (exit 5)"
    FAILED+=("pytest: no tests were collected (exit 5) - check the tests/ folder and any -k/-m filter")
    ;;
*)
    stage_end FAIL "pytest $* (exit $rc)"
    FAILED+=(pytest)
    ;;
esac
exit 0 # finish() (EXIT trap) stops PostgreSQL, prints the summary and sets the real status
