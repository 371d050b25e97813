#!/usr/bin/env bash
# Emulator fidelity check: runs the ___TESTS___ scenarios of published third-party templates that
# live OUTSIDE this repository (never copied in) and prints pass counts per template.
#   scripts/check-fidelity.sh [DIR]   (default /work/external-templates; also DIR/more/*.tpl)
set -u
dir="${1:-/work/external-templates}"
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
