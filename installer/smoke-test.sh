#!/usr/bin/env bash
# Smoke test of the frozen kmjudge: a clean environment, no display, a fresh data folder.
#
#   bash installer/smoke-test.sh                 the bundle in dist/kmjudge
#   bash installer/smoke-test.sh DIR             a bundle somewhere else (e.g. unpacked)
#   bash installer/smoke-test.sh --installed     the installed .deb (/usr/bin/kmjudge{,-gui})
#
# Every program runs under `env -i` with only PATH, HOME and KMJUDGE_HOME (a new temporary
# folder), LANG=C.UTF-8 and QT_QPA_PLATFORM=offscreen: nothing from the build machine's
# environment or Python is used.  Steps (the first failure stops it, exit 1):
#   1. kmjudge --version prints the package version
#   2. kmjudge demo builds the demo database (two events; one finished, not yet locked)
#   3. the chief judge locks the finished event and releases its results; the admin writes
#      the certificates PDF (kmjudge certificates EVENT --out F.pdf) with the bundle's fonts
#      and portrait layout, its QR caption changed to 玥赟协会扫码核验 (Song text with
#      characters that are neither in GB 2312 nor in kmjudge's own text, so not in the
#      bundle's UMing subset; KMJUDGE_RESOURCES points to a copy of the resources whose
#      fonts are the bundle's).  With a kmjudge that has no certificates command yet, it writes the admission
#      tickets PDF instead and says so.
#   4. the PDF is a PDF and embeds AR PL UKai and AR PL UMing (pdffonts when installed,
#      otherwise the embedded /FontFile2 streams and font names in the file); pdftotext (when
#      installed) finds 玥赟 in it: UKai drew what the UMing subset lacks.  The bundle's
#      uming.ttc is the subset, with its licence notice beside it.
#   5. kmjudge-gui --demo --smoke signs in, shows the main window, saves a screenshot, exit 0
#   6. the rotating log is in the data folder
#   7. kmjudge-gui --check-webcam: the webcam add-on.  Without it (no plugins/multimedia in
#      the bundle) the check-in's webcam switch is greyed out with a tooltip, and no FFmpeg is
#      loaded; with it the FFmpeg back end loads (no camera needed).  KMJUDGE_SMOKE_WEBCAM=
#      absent|present says which to expect (default: what the bundle's files say).
#   8. start-up time: kmjudge-gui --smoke (to the login window; KMJUDGE_SMOKE_DROP_CACHES=1 as
#      root drops the page cache before it, for a real cold start), then --demo --smoke twice
#      (signed in, to the main window); printed.
# --installed also checks the desktop entry and the icons.  Output: one line per step, then
# a summary; KMJUDGE_SMOKE_KEEP=1 keeps the temporary folder (PDF, screenshot, logs);
# KMJUDGE_SMOKE_VERSION=X.Y.Z is the version to expect (default: kmjudge/__init__.py beside).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode="bundle"
bundle="$root/dist/kmjudge"
case "${1:-}" in
--installed) mode="installed" ;;
-h | --help)
    sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
"") ;;
*) bundle="$(cd "$1" && pwd)" ;;
esac

if [ "$mode" = installed ]; then
    CLI=/usr/bin/kmjudge
    GUI=/usr/bin/kmjudge-gui
else
    CLI="$bundle/kmjudge"
    GUI="$bundle/kmjudge-gui"
fi

work="$(mktemp -d /tmp/kmjudge-smoke.XXXXXX)"
cleanup() { [ "${KMJUDGE_SMOKE_KEEP:-}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT
HOME_="$work/home"
DATA="$work/home/data"
mkdir -p "$HOME_"

passed=0
ok() {
    passed=$((passed + 1))
    printf 'ok    %s\n' "$*"
}
fail() {
    printf 'FAIL  %s\n' "$*"
    [ -s "$work/err" ] && sed 's/^/      | /' "$work/err" | tail -n 20
    printf '\nsmoke test FAILED after %d passed step(s) (files kept in %s)\n' "$passed" "$work"
    trap - EXIT
    exit 1
}
# A clean environment: nothing but these variables.
clean() {
    env -i PATH=/usr/bin:/bin HOME="$HOME_" KMJUDGE_HOME="$DATA" LANG=C.UTF-8 \
        QT_QPA_PLATFORM=offscreen "$@"
}
now_ms() { date +%s%3N; }

echo "kmjudge smoke test: $mode ($([ "$mode" = installed ] && echo /usr/bin || echo "$bundle"))"
echo "data folder: $DATA"
[ -x "$CLI" ] && [ -x "$GUI" ] || fail "programs not found: $CLI, $GUI"
# the bundle's data folder (PyInstaller's _internal), wherever the programs are linked from
app="$(dirname "$(readlink -f "$GUI")")/_internal"
[ -d "$app/resources" ] || fail "no $app/resources beside $(readlink -f "$GUI")"

# 1. version
want="${KMJUDGE_SMOKE_VERSION:-$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/kmjudge/__init__.py" 2>/dev/null || true)}"
got="$(clean "$CLI" --version 2>"$work/err")" || fail "kmjudge --version exited $?"
if [ -n "$want" ] && [ "$got" != "kmjudge $want" ]; then
    fail "kmjudge --version says '$got', the source says $want"
fi
ok "kmjudge --version: $got"

# 2. demo database
clean "$CLI" demo --json >"$work/demo.json" 2>"$work/err" || fail "kmjudge demo exited $?"
[ -s "$DATA/demo.sqlite3" ] || fail "kmjudge demo wrote no $DATA/demo.sqlite3"
ok "kmjudge demo: $(tr -d '\n' <"$work/demo.json")"

# 3. certificates (or tickets) PDF
export KMJUDGE_DB="$DATA/demo.sqlite3"
cli() { clean KMJUDGE_DB="$KMJUDGE_DB" KMJUDGE_SECRET=2580 "$CLI" "$@"; }
cli event list --json >"$work/events.json" 2>"$work/err" || fail "kmjudge event list exited $?"
# events are flat JSON objects: the finished one is the event with contestants checked in
finished="$(tr '{' '\n' <"$work/events.json" | grep -E '"checked_in": [1-9]' |
    grep -o '"id": "[^"]*"' | head -n 1 | cut -d'"' -f4 || true)"
first="$(grep -o '"id": "[^"]*"' "$work/events.json" | head -n 1 | cut -d'"' -f4 || true)"
pdf="$work/certificates.pdf"
rare="玥赟" # not GB 2312, not in kmjudge's text: not in the bundle's UMing subset; UKai has them
if cli certificates -h >/dev/null 2>&1 && [ -n "$finished" ]; then
    cli judging lock "$finished" --user chief --json >"$work/lock.json" 2>"$work/err" ||
        fail "kmjudge judging lock (chief) exited $?"
    ok "chief judge locked the finished event ${finished:0:8}"
    cli results "$finished" --user chief --release --json >"$work/results.json" 2>"$work/err" ||
        fail "kmjudge results --release (chief) exited $?"
    ok "results released"
    # the bundle's resources (its fonts) with Song text the UMing subset lacks in the
    # portrait layout (see the header), through KMJUDGE_RESOURCES
    res="$work/resources"
    mkdir -p "$res/certificates"
    for item in "$app/resources"/*; do
        [ "$(basename "$item")" = certificates ] || ln -s "$item" "$res/$(basename "$item")"
    done
    cp "$app/resources/certificates"/* "$res/certificates/"
    sed -i 's/^caption = "扫码核验"$/caption = "'"$rare"'协会扫码核验"/' "$res/certificates/portrait.toml"
    grep -q "$rare" "$res/certificates/portrait.toml" || fail "no QR caption to change in $app/resources/certificates/portrait.toml"
    cli_res() { clean KMJUDGE_DB="$KMJUDGE_DB" KMJUDGE_SECRET=2580 KMJUDGE_RESOURCES="$res" "$CLI" "$@"; }
    cli_res certificates "$finished" --user admin --layout portrait --out "$pdf" --json \
        >"$work/cert.json" 2>"$work/err" || fail "kmjudge certificates exited $?"
    n="$(grep -o '"new": [0-9]*' "$work/cert.json" | head -n 1 | grep -o '[0-9]*' || echo '?')"
    ok "kmjudge certificates wrote $(basename "$pdf") ($n certificates; QR caption ${rare}协会扫码核验 in Song)"
else
    echo "NOTE  certificates CLI not present yet (or no finished demo event): writing the tickets PDF instead"
    pdf="$work/tickets.pdf"
    [ -n "$first" ] || fail "no event in the demo database"
    cli tickets "$first" --user registrar --out "$pdf" --json >"$work/tickets.json" 2>"$work/err" ||
        fail "kmjudge tickets exited $?"
    ok "kmjudge tickets wrote $(basename "$pdf")"
fi

# 4. the PDF and its embedded Chinese fonts
[ "$(head -c 5 "$pdf" 2>/dev/null)" = "%PDF-" ] || fail "$pdf is not a PDF"
size=$(stat -c %s "$pdf")
[ "$size" -gt 10000 ] || fail "$pdf is only $size bytes"
cjk='UKai|UMing|WenQuanYi|WenQuanYiMicroHei'
if command -v pdffonts >/dev/null 2>&1; then
    pdffonts "$pdf" >"$work/fonts.txt" 2>"$work/err" || fail "pdffonts cannot read $pdf"
    # columns: name type encoding emb sub uni ...; the embedded ones say "yes" in emb
    emb="$(awk 'NR > 2 && $(NF-4) == "yes" { print $1 }' "$work/fonts.txt" | grep -E "$cjk" | sort -u | tr '\n' ' ')"
    [ -n "$emb" ] || { cp "$work/fonts.txt" "$work/err"; fail "no embedded CJK font in $pdf"; }
    if [ "$(basename "$pdf")" = certificates.pdf ]; then
        for want_font in UKai UMing; do
            grep -q "$want_font" <<<"$emb" || { cp "$work/fonts.txt" "$work/err"; fail "$want_font is not embedded in $pdf"; }
        done
    fi
    ok "PDF ($size bytes) embeds: $emb(pdffonts)"
else
    grep -aq '/FontFile2' "$pdf" || fail "no embedded TrueType font (/FontFile2) in $pdf"
    emb="$(grep -aoE "/BaseFont */[A-Z]{6}\+($cjk)[^/ >]*" "$pdf" | sed 's|.*/||' | sort -u | tr '\n' ' ')"
    [ -n "$emb" ] || fail "no CJK font name in $pdf"
    ok "PDF ($size bytes) embeds: $emb(no pdffonts here; read from the file)"
fi
if [ "$(basename "$pdf")" = certificates.pdf ]; then
    if command -v pdftotext >/dev/null 2>&1; then
        pdftotext "$pdf" "$work/cert.txt" 2>"$work/err" || fail "pdftotext cannot read $pdf"
        grep -q "${rare}协会扫码核验" "$work/cert.txt" || fail "pdftotext does not find ${rare}协会扫码核验 in $pdf"
        ok "pdftotext finds ${rare}协会扫码核验 (characters outside the UMing subset, drawn in UKai)"
    else
        echo "NOTE  no pdftotext here: the text of $pdf is not read back (test-deb-chroot.sh does it on the host)"
    fi
fi
uming="$app/resources/fonts/uming.ttc"
uming_bytes=$(stat -c %s "$uming" 2>/dev/null || echo 0)
if [ -f "$app/resources/fonts/uming.SUBSET-NOTICE.txt" ]; then
    if [ "$uming_bytes" -lt 1000000 ] || [ "$uming_bytes" -gt 10000000 ]; then
        fail "uming.ttc is $uming_bytes bytes: not the subset the notice describes"
    fi
    ok "uming.ttc is the build's subset ($((uming_bytes / 1000)) kB) with its licence notice (uming.SUBSET-NOTICE.txt)"
else
    [ "$uming_bytes" -gt 0 ] || fail "no $uming"
    echo "NOTE  uming.ttc is the whole font ($((uming_bytes / 1000000)) MB): built with KMJUDGE_BUNDLE_FONT_SUBSET=0"
fi

# 5. the GUI, offscreen
shot="$work/smoke.png"
clean KMJUDGE_SMOKE_SHOT="$shot" "$GUI" --demo --smoke >"$work/gui.out" 2>"$work/err" ||
    fail "kmjudge-gui --demo --smoke exited $?"
[ "$(stat -c %s "$shot" 2>/dev/null || echo 0)" -gt 10000 ] || fail "no screenshot from the GUI"
ok "kmjudge-gui --demo --smoke: $(tail -n 1 "$work/gui.out")"

# 6. the rotating log in the data folder
[ -s "$DATA/logs/kmjudge.log" ] || fail "no log file $DATA/logs/kmjudge.log"
ok "log: $DATA/logs/kmjudge.log ($(wc -l <"$DATA/logs/kmjudge.log") lines)"

# 7. the webcam add-on: absent (greyed-out switch, no FFmpeg) or present (FFmpeg loads)
expect="${KMJUDGE_SMOKE_WEBCAM:-}"
if [ -z "$expect" ]; then
    if compgen -G "$app/PySide6/Qt/plugins/multimedia/*" >/dev/null; then expect=present; else expect=absent; fi
fi
clean "$GUI" --check-webcam >"$work/webcam.out" 2>"$work/err" || fail "kmjudge-gui --check-webcam exited $?"
line="$(grep '^webcam back end:' "$work/webcam.out" || true)"
[ -n "$line" ] || { cat "$work/webcam.out" >>"$work/err"; fail "kmjudge-gui --check-webcam printed no result"; }
! grep -q Traceback "$work/err" || fail "kmjudge-gui --check-webcam raised an exception"
case "$expect" in
absent)
    if ! grep -q 'back end: not installed; FFmpeg plugin loaded: no;' <<<"$line" ||
        ! grep -q 'webcam switch shown, disabled, tooltip: .*kmjudge-webcam' <<<"$line"; then
        echo "$line" >>"$work/err"
        fail "without the webcam add-on: $line"
    fi
    ok "no webcam add-on, as expected: $line"
    ;;
present)
    if ! grep -q 'back end: installed; FFmpeg plugin loaded: yes;' <<<"$line" ||
        grep -q 'decodable formats: 0;' <<<"$line"; then
        echo "$line" >>"$work/err"
        fail "with the webcam add-on: $line"
    fi
    ok "webcam add-on: $line"
    ;;
*) fail "KMJUDGE_SMOKE_WEBCAM=$expect: use absent or present" ;;
esac

if [ "$mode" = installed ]; then
    [ -f /usr/share/applications/kmjudge.desktop ] || fail "no /usr/share/applications/kmjudge.desktop"
    grep -qx 'Exec=kmjudge-gui' /usr/share/applications/kmjudge.desktop || fail "desktop entry does not start kmjudge-gui"
    [ -f /usr/share/icons/hicolor/256x256/apps/kmjudge.png ] && [ -f /usr/share/icons/hicolor/scalable/apps/kmjudge.svg ] ||
        fail "icons missing from /usr/share/icons/hicolor"
    ok "desktop entry and icons installed"
fi

# 8. start-up time (each run includes the smoke mode's 0.4 s idle wait and the exit)
if [ "${KMJUDGE_SMOKE_DROP_CACHES:-}" = 1 ] && [ -w /proc/sys/vm/drop_caches ]; then
    sync
    echo 3 >/proc/sys/vm/drop_caches
    cold="cold: page cache dropped"
else
    cold="page cache not dropped; KMJUDGE_SMOKE_DROP_CACHES=1 as root for a cold start"
fi
t0=$(now_ms)
clean "$GUI" --smoke >/dev/null 2>"$work/err" || fail "kmjudge-gui --smoke (timing run) exited $?"
first_window=$(($(now_ms) - t0))
times=()
for _ in 1 2; do
    t0=$(now_ms)
    clean "$GUI" --demo --smoke >/dev/null 2>"$work/err" || fail "kmjudge-gui --demo --smoke (timing run) exited $?"
    times+=("$(($(now_ms) - t0))")
done
ok "start-up: ${first_window} ms to the login window and exit ($cold); ${times[0]} ms, ${times[1]} ms signed in to the main window and exit"

printf '\nsmoke test passed: %d steps\n' "$passed"
