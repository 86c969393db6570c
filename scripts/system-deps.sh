#!/usr/bin/env bash
# Install the Debian/Ubuntu packages kmjudge needs that pip cannot provide.
#
#   bash scripts/system-deps.sh [runtime|test] [--check]
#
#   runtime  Qt's X11/GL/xcb libraries for the PySide6 wheels, the printing and multimedia
#            libraries Qt links, and Xvfb + xauth (virtual screen for machines with no display)
#   test     runtime + poppler-utils (pdftoppm), postgresql (throwaway test server),
#            imagemagick (`import` screenshots)
#   --check  only report what is missing; install nothing
#
# Installs only what dpkg says is missing, so a second run costs one dpkg-query.  Runs
# `apt-get update` only when something has to be installed.  When not root, or not on a
# dpkg/apt system, it prints what is missing and exits 0 so the caller can carry on.
# Progress goes to stderr; the last line on stdout is a one-line status for callers.
# docs/install-notes.md says which package is needed by what.  Log: build/logs/apt-MODE.log
set -euo pipefail
# shellcheck source=scripts/_common.sh
. "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

# What the PySide6 6.x wheels' Qt libraries and plugins link against (readelf -d NEEDED of
# libQt6{Core,Gui,Widgets,DBus,XcbQpa,OpenGL,PrintSupport,Svg,Network,Multimedia}, the xcb
# and offscreen platform plugins, the xcb GL integrations and the CUPS print plugin).
# libc6, libstdc++6, libgcc-s1, zlib1g and libzstd1 are on every Debian system.
RUNTIME_PKGS=(
    libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
    libegl1 libgl1 libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0
    libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
    libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
    libcups2
    libpulse0 libxrandr2 libxext6
    libgssapi-krb5-2 libbrotli1
    xvfb xauth
)
TEST_PKGS=(poppler-utils imagemagick)
[ "${KMJUDGE_TEST_NO_PG:-}" = 1 ] || TEST_PKGS+=(postgresql)

mode="runtime" check_only=''
for arg in "$@"; do
    case "$arg" in
    runtime | test | python-venv) mode="$arg" ;;
    --check) check_only=1 ;;
    -h | --help)
        sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown argument '$arg' (use: runtime | test [--check])" ;;
    esac
done

case "$mode" in
runtime) pkgs=("${RUNTIME_PKGS[@]}") ;;
test) pkgs=("${RUNTIME_PKGS[@]}" "${TEST_PKGS[@]}") ;;
python-venv) pkgs=(python3-venv) ;; # used by _common.sh when Debian's python3 lacks ensurepip
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    warn "not a dpkg-based system: make sure the equivalents of these are installed: ${pkgs[*]}"
    echo "not a dpkg system; not checked"
    exit 0
fi

# One dpkg-query for all packages; packages dpkg has never heard of print nothing.
installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${pkgs[@]}" 2>/dev/null |
    awk '$2 == "installed" { print $1 }' || true)
missing=()
for p in "${pkgs[@]}"; do
    grep -qxF "$p" <<<"$installed" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
    note "system packages ($mode): all ${#pkgs[@]} installed"
    echo "all ${#pkgs[@]} installed"
    exit 0
fi

note "system packages ($mode): missing ${#missing[@]} of ${#pkgs[@]}: ${missing[*]}"
if [ -n "$check_only" ]; then
    echo "missing: ${missing[*]}"
    exit 0
fi
if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
    warn "cannot install them (need root and apt-get). As root run:"
    warn "  apt-get update && apt-get install --no-install-recommends ${missing[*]}"
    echo "MISSING (not root, not installed): ${missing[*]}"
    exit 0
fi

log="$KMJ_LOGS/apt-$mode.log"
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0)
note "apt-get update (log: build/logs/apt-$mode.log)"
# A third-party source that cannot be reached makes update exit 100; the Debian lists may
# still be fine, so only warn and let the install decide.
run_logged "$log.update" apt-get -q -o DPkg::Lock::Timeout=300 update ||
    warn "apt-get update reported errors; trying the install anyway"
note "apt-get install ${missing[*]}"
t0=$(now_ms)
if ! run_logged "$log" apt-get install "${apt_opts[@]}" "${missing[@]}"; then
    die "apt-get install failed (log: $log)"
fi
note "installed ${#missing[@]} packages (plus their dependencies) in $(fmt_ms $(($(now_ms) - t0)))"
echo "installed ${#missing[@]} missing of ${#pkgs[@]}: ${missing[*]}"
