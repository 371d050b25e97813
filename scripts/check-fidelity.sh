#!/usr/bin/env bash
# Emulator fidelity check: runs the ___TESTS___ scenarios of published third-party templates that
# live OUTSIDE this repository (never copied in) and prints pass counts per template.
#   scripts/check-fidelity.sh [DIR]   (default $GTM_EXTERNAL_TEMPLATES; also DIR/more/*.tpl)
# Exit status 1 when a scenario of DIR/*.tpl fails (DIR/more/ is a wider set, reported only).
set -u
dir="${1:-${GTM_EXTERNAL_TEMPLATES:-}}"
if [ -z "$dir" ]; then
  echo "no folder given and GTM_EXTERNAL_TEMPLATES is unset: set it to a folder of published .tpl files to run this check" >&2
  exit 0
fi
if [ ! -d "$dir" ]; then
  echo "no external templates at $dir: nothing to check" >&2
  exit 0
fi
cd "$(dirname "$0")/.."
status=0
for group in "$dir" "$dir/more"; do
  [ -d "$group" ] || continue
  echo "== $group"
  for file in "$group"/*.tpl; do
    [ -e "$file" ] || continue
    summary=$(node bin/gtm-tpl.js test "$file" | tail -n 1)
    printf '%-90s %s\n' "$(basename "$file")" "$summary"
    case "$summary" in *" 0 failed") ;; *) [ "$group" = "$dir" ] && status=1 ;; esac
  done
done
exit $status
