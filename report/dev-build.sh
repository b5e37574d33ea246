#!/usr/bin/env bash
# Assembles a report the way the C++ side does, for developing the report without a run:
#   report/dev-build.sh OUT.html [DATA.json]
# DATA defaults to report/sample-data.json. echarts.min.js comes from $ECHARTS, or else from
# report/node_modules (run `npm ci` in report/ first).
# Each placeholder comment sits on its own line in template.html and is replaced by a whole
# file; in the data, "</" becomes "<\/" (still valid JSON) so it cannot close the <script>.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 OUT.html [DATA.json]" >&2
  exit 2
fi
out=$1
data=${2:-$here/sample-data.json}
echarts=${ECHARTS:-$here/node_modules/echarts/dist/echarts.min.js}
for f in "$here/template.html" "$here/app.js" "$data" "$echarts"; do
  if [[ ! -f $f ]]; then
    echo "$0: missing $f" >&2
    [[ $f == "$echarts" ]] && echo "  (run 'npm ci' in $here, or set ECHARTS=/path/to/echarts.min.js)" >&2
    exit 1
  fi
done
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed 's#</#<\\/#g' "$data" > "$tmp"
awk -v echarts="$echarts" -v app="$here/app.js" -v data="$tmp" '
  function emit(file,   line) {
    while ((getline line < file) > 0) print line
    close(file)
  }
  /^[[:space:]]*\/\*GIGASIM_ECHARTS\*\/[[:space:]]*$/ { emit(echarts); next }
  /^[[:space:]]*\/\*GIGASIM_APP\*\/[[:space:]]*$/     { emit(app); next }
  /^[[:space:]]*\/\*GIGASIM_DATA\*\/[[:space:]]*$/    { emit(data); next }
  { print }
' "$here/template.html" > "$out"
echo "$out: $(wc -c < "$out") bytes"
