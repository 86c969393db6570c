#!/usr/bin/env bash
# Build the Linux one-folder bundle and the .deb:
#
#   bash installer/build-linux.sh            bundle + .deb
#   bash installer/build-linux.sh --bundle   bundle only
#
# 1. build venv: build/installer/venv with `pip install -e ".[build]"` (kmjudge's runtime
#    dependencies + PyInstaller; nothing from the test extra).  Skipped while its stamp is
#    newer than pyproject.toml.  KMJUDGE_PYTHON picks the interpreter (Python >= 3.11 with a
#    shared libpython, as Debian's python3.11 and pyenv builds have).
# 2. PyInstaller: installer/kmjudge.spec -> dist/kmjudge/ (kmjudge-gui + kmjudge) and the
#    webcam add-on dist/kmjudge-webcam/ (Qt's FFmpeg camera back end with FFmpeg and
#    QtQuick/QML, in the same relative paths); AR PL UMing is bundled as a subset.
# 3. .deb: dist/kmjudge_<version>-1_<arch>.deb installing the bundle to /opt/kmjudge,
#    /usr/bin/kmjudge{,-gui}, a desktop entry, hicolor icons and the licence notices.
#    Depends = dpkg-shlibdeps over every ELF file in the bundle (versioned, e.g.
#    libc6 (>= 2.35)) merged with the runtime list of scripts/system-deps.sh.
#    dist/kmjudge-webcam_<version>-1_<arch>.deb adds the add-on's files to /opt/kmjudge;
#    Depends: kmjudge (= the same version) and what its ELF files link.
# 4. prints the unpacked sizes, the .debs' sizes and their Depends.
#
# Needs: dpkg-dev (dpkg-shlibdeps), binutils (strip), a C library with readelf.  Runs as any
# user (dpkg-deb --root-owner-group makes root-owned files).  Logs: build/logs/installer-*.log
# Then: bash installer/smoke-test.sh (the bundle) and bash installer/test-deb-chroot.sh (the
# .debs on a fresh Debian 12).
set -euo pipefail
# shellcheck source=scripts/_common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/_common.sh"
cd "$KMJ_ROOT"

bundle_only=''
for arg in "$@"; do
    case "$arg" in
    --bundle) bundle_only=1 ;;
    -h | --help)
        sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown argument '$arg' (use --bundle or nothing)" ;;
    esac
done

BUILD="$KMJ_ROOT/build/installer"
VENV="$BUILD/venv"
DIST="$KMJ_ROOT/dist"
BUNDLE="$DIST/kmjudge"
ADDON="$DIST/kmjudge-webcam"
mkdir -p "$BUILD" "$DIST"
trap 'print_summary "kmjudge build-linux.sh"' EXIT

# ------------------------------------------------------------------ 1. build venv
stage_begin "build venv"
stamp="$VENV/.kmjudge-build.stamp"
if [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ] && "$VENV/bin/python" -m PyInstaller --version >/dev/null 2>&1; then
    stage_end ok "up to date ($VENV)"
else
    find_python
    "$KMJ_PY" -c 'import sysconfig, sys; sys.exit(not sysconfig.get_config_var("Py_ENABLE_SHARED"))' ||
        die "$KMJ_PY has no shared libpython; PyInstaller needs one (Debian's python3.11 or pyenv with --enable-shared)"
    run_logged "$KMJ_LOGS/installer-venv.log" "$KMJ_PY" -m venv --clear "$VENV" ||
        die "python -m venv failed (log: $KMJ_LOGS/installer-venv.log)"
    run_logged "$KMJ_LOGS/installer-pip.log" "$VENV/bin/python" -m pip install \
        --disable-pip-version-check --no-input -e ".[build]" ||
        die "pip install -e .[build] failed (log: $KMJ_LOGS/installer-pip.log)"
    touch "$stamp"
    stage_end ok "created with $("$KMJ_PY" -V 2>&1), PyInstaller $("$VENV/bin/python" -m PyInstaller --version)"
fi
PY="$VENV/bin/python"
VERSION="$("$PY" -c 'import sys; sys.path.insert(0, "installer"); import bundle_layout as L; print(L.version())')"

# ------------------------------------------------------------------ build tools
# dpkg-shlibdeps (dpkg-dev), strip/readelf (binutils), icupkg (icu-devtools: trims Qt's ICU
# data to the Chinese and English locales), a C compiler (wraps the trimmed ICU data).
stage_begin "build tools"
need=()
command -v dpkg-shlibdeps >/dev/null || need+=(dpkg-dev)
command -v strip >/dev/null && command -v readelf >/dev/null || need+=(binutils)
command -v icupkg >/dev/null || need+=(icu-devtools)
command -v cc >/dev/null || need+=(gcc)
if [ "${#need[@]}" -gt 0 ] && is_root && command -v apt-get >/dev/null; then
    run_logged "$KMJ_LOGS/installer-apt.log" apt-get install -y -q --no-install-recommends "${need[@]}" ||
        { run_logged "$KMJ_LOGS/installer-apt-update.log" apt-get update -q || true
          run_logged "$KMJ_LOGS/installer-apt.log" apt-get install -y -q --no-install-recommends "${need[@]}"; } ||
        die "apt-get install ${need[*]} failed (log: $KMJ_LOGS/installer-apt.log)"
    stage_end ok "installed ${need[*]}"
elif [ "${#need[@]}" -gt 0 ]; then
    stage_end warn "missing ${need[*]} (not root): the .deb or the ICU trimming may fail"
else
    stage_end ok "dpkg-shlibdeps, strip, icupkg, cc"
fi

# ------------------------------------------------------------------ 2. PyInstaller
stage_begin "pyinstaller"
rm -rf "$BUNDLE" "$ADDON"
if ! run_logged "$KMJ_LOGS/installer-pyinstaller.log" "$PY" -m PyInstaller --noconfirm --clean \
    --log-level WARN --distpath "$DIST" --workpath "$BUILD/work" installer/kmjudge.spec; then
    die "PyInstaller failed (log: $KMJ_LOGS/installer-pyinstaller.log)"
fi
[ -x "$BUNDLE/kmjudge-gui" ] && [ -L "$BUNDLE/kmjudge" ] || die "the bundle has no kmjudge-gui/kmjudge"
# The trimmed ICU data must still sort Chinese by pinyin (QCollator): load the bundle's
# libicudata in place of the wheel's and compare with the order the full data gives.
icu="$(find "$BUNDLE/_internal" -name 'libicudata.so.*' -type f | head -n 1)"
if [ -n "$icu" ]; then
    check='from PySide6.QtCore import QCollator, QLocale
c = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
print(" ".join(sorted(["张三", "李四", "王五", "赵六", "阿明"], key=c.sortKey)))'
    want_order="$("$PY" -c "$check" 2>&1)"
    got_order="$(LD_PRELOAD="$icu" "$PY" -c "$check" 2>&1)"
    [ "$got_order" = "$want_order" ] && [ "$want_order" = "阿明 李四 王五 张三 赵六" ] ||
        die "the bundle's ICU data sorts Chinese as '$got_order', expected '$want_order'"
    note "ICU data in the bundle: $(($(stat -c %s "$icu") / 1000000)) MB, pinyin collation checked"
fi
grep -E '^kmjudge.spec: webcam|^bundle_layout: ' "$KMJ_LOGS/installer-pyinstaller.log" |
    sed 's/^/    /' >&2 || true
bundle_mb=$(($(du -sb "$BUNDLE" | cut -f1) / 1000000))
addon_mb=0
[ -d "$ADDON" ] && addon_mb=$(($(du -sb "$ADDON" | cut -f1) / 1000000))
stage_end ok "dist/kmjudge: ${bundle_mb} MB unpacked, dist/kmjudge-webcam: ${addon_mb} MB, kmjudge $VERSION"
if [ -n "$bundle_only" ]; then
    exit 0
fi

# ------------------------------------------------------------------ 3. .deb
stage_begin "deb"
command -v dpkg-shlibdeps >/dev/null || die "dpkg-shlibdeps not found: apt-get install dpkg-dev"
ARCH="$(dpkg --print-architecture)"
DEB_VERSION="${VERSION}-1"
ROOT="$BUILD/deb-root"
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
    "$ROOT/usr/share/doc/kmjudge" "$ROOT/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$ROOT/opt/kmjudge"
ln -s /opt/kmjudge/kmjudge-gui "$ROOT/usr/bin/kmjudge-gui"
ln -s /opt/kmjudge/kmjudge "$ROOT/usr/bin/kmjudge"
install -m 0644 installer/linux/kmjudge.desktop "$ROOT/usr/share/applications/kmjudge.desktop"
for size in 16 24 32 48 64 128 256; do
    dir="$ROOT/usr/share/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    install -m 0644 "resources/icons/kmjudge-$size.png" "$dir/kmjudge.png"
done
install -m 0644 resources/icons/kmjudge.svg "$ROOT/usr/share/icons/hicolor/scalable/apps/kmjudge.svg"
install -m 0644 installer/licenses/NOTICE.txt "$ROOT/usr/share/doc/kmjudge/copyright"

# Depends: what the ELF files in a tree link against, as Debian's own tool computes it.
# shlib_depends NAME TREE [LIBTREE...]: the ELF files of TREE; libraries are also looked up
# in the LIBTREEs (the add-on links the main bundle's Qt libraries).
shlib_depends() {
    local name="$1" tree="$2" shl="$BUILD/shlibdeps-$1" d f
    shift 2
    rm -rf "$shl"
    mkdir -p "$shl/debian"
    printf 'Source: kmjudge\n\nPackage: %s\nArchitecture: any\n' "$name" >"$shl/debian/control"
    local elves=() libdirs=() shl_args=()
    mapfile -t elves < <(find "$tree" -type f -print0 |
        xargs -0 -r sh -c 'for f; do [ "$(head -c 4 "$f")" = "$(printf "\177ELF")" ] && echo "$f"; done' _)
    mapfile -t libdirs < <({
        printf '%s\n' "${elves[@]}"
        [ "$#" -eq 0 ] || find "$@" -name '*.so*'
    } | xargs -r -n1 dirname | sort -u)
    for d in "${libdirs[@]}"; do shl_args+=("-l$d"); done
    for f in "${elves[@]}"; do shl_args+=("-e$f"); done
    if ! (cd "$shl" && dpkg-shlibdeps -O --ignore-missing-info -x"$name" -xkmjudge "${shl_args[@]}" \
        >"$shl/out" 2>"$KMJ_LOGS/installer-shlibdeps-$name.log"); then
        tail -n 20 "$KMJ_LOGS/installer-shlibdeps-$name.log" >&2
        die "dpkg-shlibdeps failed (log: $KMJ_LOGS/installer-shlibdeps-$name.log)"
    fi
    sed -n 's/^shlibs:Depends=//p' "$shl/out"
}
shlib_depends="$(shlib_depends kmjudge "$ROOT/opt/kmjudge")"
# Merge the runtime list of scripts/system-deps.sh (the run-from-source install uses the same
# packages); Xvfb/xauth are only for machines without a screen and are not needed here.
mapfile -t runtime < <(sed -n '/^RUNTIME_PKGS=(/,/^)/p' scripts/system-deps.sh |
    sed '1d;$d' | tr ' ' '\n' | sed '/^$/d' | grep -vxE 'xvfb|xauth')
depends="$shlib_depends"
for p in "${runtime[@]}"; do
    grep -qE "(^|, )$p( |,|$)" <<<"$depends" || depends="$depends, $p"
done
installed_kb=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
cat >"$ROOT/DEBIAN/control" <<EOF
Package: kmjudge
Version: $DEB_VERSION
Architecture: $ARCH
Maintainer: kmjudge maintainers <kmjudge@localhost>
Installed-Size: $installed_kb
Depends: $depends
Section: misc
Priority: optional
Homepage: https://localhost/kmjudge
Description: on-site judging for the Kunming worker skills competition
 昆明市职工技能大赛现场评审系统. Offline desktop application for a competition
 venue: registration, admission tickets and check-in, blind scoring,
 results and certificates, with the data in a SQLite file in each user's
 data folder (~/.local/share/kmjudge). Chinese interface by default.
 .
 Self-contained: Python, Qt (PySide6) and the CJK fonts are bundled in
 /opt/kmjudge; the user's data is never removed on uninstall.
EOF
deb="$DIST/kmjudge_${DEB_VERSION}_${ARCH}.deb"
rm -f "$deb"
if ! run_logged "$KMJ_LOGS/installer-dpkg-deb.log" dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$deb"; then
    die "dpkg-deb failed (log: $KMJ_LOGS/installer-dpkg-deb.log)"
fi
deb_mb=$(($(stat -c %s "$deb") / 1000000))
stage_end ok "$(basename "$deb"): ${deb_mb} MB"

# ------------------------------------------------------------------ 3b. the webcam add-on .deb
webcam_deb="$DIST/kmjudge-webcam_${DEB_VERSION}_${ARCH}.deb"
rm -f "$webcam_deb"
if [ -d "$ADDON/_internal" ]; then
    stage_begin "deb (webcam add-on)"
    AROOT="$BUILD/deb-root-webcam"
    rm -rf "$AROOT"
    mkdir -p "$AROOT/DEBIAN" "$AROOT/opt/kmjudge" "$AROOT/usr/share/doc/kmjudge-webcam"
    cp -a "$ADDON/." "$AROOT/opt/kmjudge/"
    install -m 0644 installer/licenses/NOTICE.txt "$AROOT/usr/share/doc/kmjudge-webcam/copyright"
    addon_depends="$(shlib_depends kmjudge-webcam "$AROOT/opt/kmjudge" "$ROOT/opt/kmjudge")"
    addon_depends="kmjudge (= $DEB_VERSION)${addon_depends:+, $addon_depends}"
    addon_kb=$(du -sk --exclude=DEBIAN "$AROOT" | cut -f1)
    cat >"$AROOT/DEBIAN/control" <<EOF
Package: kmjudge-webcam
Version: $DEB_VERSION
Architecture: $ARCH
Maintainer: kmjudge maintainers <kmjudge@localhost>
Installed-Size: $addon_kb
Depends: $addon_depends
Enhances: kmjudge
Section: misc
Priority: optional
Homepage: https://localhost/kmjudge
Description: webcam ticket scanning for kmjudge (optional add-on)
 摄像头扫码（可选组件）. Lets kmjudge's check-in desk and certificate check
 read QR codes with the laptop's webcam: Qt Multimedia's FFmpeg camera back
 end, with FFmpeg and the Qt Quick libraries it links, installed into
 /opt/kmjudge. Without it kmjudge works the same with a USB scanner or the
 manual look-up; the webcam switch is then greyed out.
EOF
    if ! run_logged "$KMJ_LOGS/installer-dpkg-deb-webcam.log" dpkg-deb --root-owner-group -Zxz --build "$AROOT" "$webcam_deb"; then
        die "dpkg-deb failed (log: $KMJ_LOGS/installer-dpkg-deb-webcam.log)"
    fi
    stage_end ok "$(basename "$webcam_deb"): $(($(stat -c %s "$webcam_deb") / 1000000)) MB"
fi

note "kmjudge Depends: $depends"
note "bundle: dist/kmjudge ${bundle_mb} MB unpacked (limit 150); .deb ${deb_mb} MB (limit 70)"
if [ -f "$webcam_deb" ]; then
    note "kmjudge-webcam Depends: $addon_depends"
    note "webcam add-on: dist/kmjudge-webcam ${addon_mb} MB unpacked; .deb $(($(stat -c %s "$webcam_deb") / 1000000)) MB"
fi
note "next: bash installer/smoke-test.sh && bash installer/test-deb-chroot.sh"

