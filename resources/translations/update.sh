#!/usr/bin/env bash
# Refresh the Chinese translation catalogue from the source and compile it:
#
#   bash resources/translations/update.sh
#
# 1. pyside6-lupdate scans every .py file under ui/ (self.tr(), QCoreApplication.translate(),
#    QT_TRANSLATE_NOOP) into kmjudge_zh_CN.ts; existing translations are kept, strings that
#    disappeared from the code are dropped (-no-obsolete).
# 2. Entries still untranslated are filled from the translation tables beside this script
#    (*_zh.tsv: context<TAB>source<TAB>translation, e.g. pages_zh.tsv of the registration and
#    set-up pages) by merge_tsv.py; what is left, translate with pyside6-linguist or an editor.
# 3. pyside6-lrelease compiles the .ts into kmjudge_zh_CN.qm, which the app loads.
# Run it again after translating; tests/ui/test_i18n.py fails while anything is unfinished or
# the .qm is stale.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${KMJUDGE_VENV:-$root/.venv}/bin"
lupdate="$bin/pyside6-lupdate"
lrelease="$bin/pyside6-lrelease"
[ -x "$lupdate" ] || lupdate="$(command -v pyside6-lupdate)"
[ -x "$lrelease" ] || lrelease="$(command -v pyside6-lrelease)"
cd "$root"
# lupdate does not recurse into directories for .py files: list them (sorted, stable output).
mapfile -t sources < <(find ui -name '*.py' -not -path '*/__pycache__/*' | LC_ALL=C sort)
python="${KMJUDGE_VENV:-$root/.venv}/bin/python"
[ -x "$python" ] || python="$(command -v python3)"
"$lupdate" -locations relative -no-obsolete "${sources[@]}" -ts "$here/kmjudge_zh_CN.ts"
shopt -s nullglob
tables=("$here"/*_zh.tsv)
if [ "${#tables[@]}" -gt 0 ]; then
    "$python" "$here/merge_tsv.py" "$here/kmjudge_zh_CN.ts" "${tables[@]}"
    # lupdate again only to write the file back in its own stable layout
    "$lupdate" -silent -locations relative -no-obsolete "${sources[@]}" -ts "$here/kmjudge_zh_CN.ts"
fi
"$lrelease" -removeidentical "$here/kmjudge_zh_CN.ts" -qm "$here/kmjudge_zh_CN.qm"
# Report what is still untranslated.
left="$(grep -c 'type="unfinished"' "$here/kmjudge_zh_CN.ts" || true)"
if [ "$left" != 0 ]; then
    echo "update.sh: $left string(s) still untranslated in kmjudge_zh_CN.ts" >&2
fi
