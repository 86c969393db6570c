#!/usr/bin/env bash
# Install the .debs on a fresh Debian 12 and run the smoke test there, with no network.
#
#   sudo bash installer/test-deb-chroot.sh [dist/kmjudge_X.Y.Z-1_amd64.deb [dist/kmjudge-webcam_X.Y.Z-1_amd64.deb]]
#
# 1. A bare Debian 12 (bookworm) made by `debootstrap --variant=minbase` (no X, no Qt, no
#    fonts, no Python) is kept in $KMJUDGE_CHROOT_BASE (default /var/tmp/kmjudge-chroot/base)
#    and never changed; every run starts from a fresh copy of it.
# 2. `apt-get install ./kmjudge_*.deb` in the copy: apt fetches only the .deb's declared
#    dependencies from the Debian mirror (KMJUDGE_DEBIAN_MIRROR, default deb.debian.org).
# 3. installer/smoke-test.sh --installed runs inside the copy in a network namespace with no
#    network at all (unshare --net): env -i, offscreen, fresh data folder, certificates PDF,
#    GUI --smoke, the webcam add-on absent (greyed-out switch, no FFmpeg loaded), start-up
#    time.  The host's pdffonts then lists the PDF's embedded fonts and pdftotext reads back
#    the characters only UKai has.
# 4. The webcam add-on (kmjudge-webcam_*.deb, when there is one): `apt-get install` it, then
#    the smoke test again with no network, now expecting the FFmpeg back end to load.
# 5. `apt-get purge kmjudge` (which takes the add-on with it): /opt/kmjudge and
#    /usr/bin/kmjudge* are gone, the user's data folder (database, backups, logs) is still
#    there.
# Needs root, debootstrap, mount.  KMJUDGE_CHROOT_KEEP=1 keeps the copy for a look.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap, chroot, mount)" >&2; exit 1; }
deb="${1:-$(ls -t "$root"/dist/kmjudge_*.deb 2>/dev/null | head -n 1)}"
[ -f "$deb" ] || { echo "no .deb: run bash installer/build-linux.sh first" >&2; exit 1; }
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
version="$(dpkg-deb -f "$deb" Version)"
webcam="${2:-$(dirname "$deb")/kmjudge-webcam_${version}_$(dpkg-deb -f "$deb" Architecture).deb}"
[ -f "$webcam" ] || webcam=""
mirror="${KMJUDGE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
top="${KMJUDGE_CHROOT_DIR:-/var/tmp/kmjudge-chroot}"
base="${KMJUDGE_CHROOT_BASE:-$top/base}"
now_ms() { date +%s%3N; }
say() { printf '==> %s\n' "$*"; }

if [ ! -x "$base/usr/bin/apt-get" ]; then
    command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
    say "debootstrap --variant=minbase bookworm $base ($mirror)"
    mkdir -p "$top"
    debootstrap --variant=minbase bookworm "$base" "$mirror" >"$top/debootstrap.log" 2>&1 ||
        { tail -n 20 "$top/debootstrap.log"; exit 1; }
fi

run="$(mktemp -d "$top/run.XXXXXX")"
mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
    if [ "${KMJUDGE_CHROOT_KEEP:-}" = 1 ]; then echo "kept: $run"; else rm -rf "$run"; fi
}
trap cleanup EXIT
say "fresh copy of the bare Debian 12: $run"
cp -a "$base/." "$run/"
for m in proc dev dev/pts sys; do
    mkdir -p "$run/$m"
    case "$m" in
    proc) mount -t proc proc "$run/proc" ;;
    *) mount --bind "/$m" "$run/$m" ;;
    esac
    mounted+=("$run/$m")
done
cp /etc/resolv.conf "$run/etc/resolv.conf"
echo "deb $mirror bookworm main" >"$run/etc/apt/sources.list"
cp "$deb" "$run/tmp/"
[ -z "$webcam" ] || cp "$webcam" "$run/tmp/"
cp "$here/smoke-test.sh" "$run/tmp/smoke-test.sh"
inchroot() { chroot "$run" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

echo "before: $(inchroot dpkg-query -W -f='.' | wc -c) packages; python3: $(inchroot sh -c 'command -v python3 || echo none'); fonts: $(inchroot sh -c 'ls /usr/share/fonts 2>/dev/null | wc -l')"
say "apt-get install ./$(basename "$deb")"
t0=$(now_ms)
inchroot apt-get update -q >"$run/tmp/apt-update.log" 2>&1 || { tail "$run/tmp/apt-update.log"; exit 1; }
if ! inchroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "/tmp/$(basename "$deb")" >"$run/tmp/apt-install.log" 2>&1; then
    tail -n 30 "$run/tmp/apt-install.log"
    exit 1
fi
added="$(grep -c '^Setting up ' "$run/tmp/apt-install.log" || true)"
echo "installed kmjudge $version and $((added - 1)) packages it depends on (declared Depends and theirs) in $((($(now_ms) - t0) / 1000)) s"
inchroot dpkg -s kmjudge | grep -E '^(Status|Version|Installed-Size):'

smoke() { # LOG WEBCAM(absent|present)
    unshare --net chroot "$run" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root \
        KMJUDGE_SMOKE_KEEP=1 KMJUDGE_SMOKE_VERSION="${version%-*}" KMJUDGE_SMOKE_WEBCAM="$2" \
        bash /tmp/smoke-test.sh --installed | tee "$run/tmp/$1"
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "smoke test failed in the chroot"; exit 1; }
}
say "smoke test inside the chroot, no network (unshare --net), no webcam add-on"
smoke smoke.log absent
work="$(ls -td "$run"/tmp/kmjudge-smoke.* | tail -n 1)"
pdf="$(ls "$work"/*.pdf | head -n 1)"
if command -v pdffonts >/dev/null; then
    say "pdffonts $(basename "$pdf") (written in the chroot)"
    pdffonts "$pdf"
fi
if command -v pdftotext >/dev/null; then
    rare="$(pdftotext "$pdf" - | grep -o '玥赟协会扫码核验' | sort | uniq -c)"
    [ -n "$rare" ] || { echo "FAIL: pdftotext does not find 玥赟协会扫码核验 in $pdf"; exit 1; }
    echo "ok    pdftotext (host) finds 玥赟协会扫码核验 on the certificates: $rare"
fi

if [ -n "$webcam" ]; then
    say "apt-get install ./$(basename "$webcam") (the webcam add-on)"
    t0=$(now_ms)
    if ! inchroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "/tmp/$(basename "$webcam")" >"$run/tmp/apt-install-webcam.log" 2>&1; then
        tail -n 30 "$run/tmp/apt-install-webcam.log"
        exit 1
    fi
    added="$(grep -c '^Setting up ' "$run/tmp/apt-install-webcam.log" || true)"
    echo "installed kmjudge-webcam and $((added - 1)) more packages in $((($(now_ms) - t0) / 1000)) s"
    inchroot dpkg -s kmjudge-webcam | grep -E '^(Status|Version|Installed-Size|Depends):'
    say "smoke test again, no network, with the webcam add-on"
    smoke smoke-webcam.log present
else
    echo "NOTE  no kmjudge-webcam_${version}_*.deb next to $(basename "$deb"): the add-on is not tested"
fi

say "apt-get purge kmjudge: the program (and the add-on) goes, the data stays"
inchroot apt-get purge -y -q kmjudge >"$run/tmp/apt-purge.log" 2>&1 || { tail "$run/tmp/apt-purge.log"; exit 1; }
if inchroot dpkg -s kmjudge-webcam >/dev/null 2>&1 && ! inchroot dpkg -s kmjudge-webcam | grep -q 'Status: deinstall\|Status: purge'; then
    echo "FAIL: kmjudge-webcam is still installed after purging kmjudge"
    exit 1
fi
[ ! -e "$run/opt/kmjudge" ] && [ ! -e "$run/usr/bin/kmjudge" ] && [ ! -e "$run/usr/bin/kmjudge-gui" ] ||
    { echo "FAIL: files left after purge"; exit 1; }
data="$work/home/data"
[ -s "$data/demo.sqlite3" ] && [ -d "$data/backups" ] && [ -s "$data/logs/kmjudge.log" ] ||
    { echo "FAIL: the data folder did not survive the purge"; exit 1; }
echo "ok    purged; data kept: $(cd "$data" && ls | tr '\n' ' ')"
say "installed and ran on a fresh Debian 12 without network: $(basename "$deb")${webcam:+ and $(basename "$webcam")}"
