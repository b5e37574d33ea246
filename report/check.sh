#!/usr/bin/env bash
# Checks an assembled gigasim HTML report in headless Chromium:
#   report/check.sh REPORT.html OUTDIR [SECTION...]
# Writes OUTDIR/dom.html (the DOM after the scripts ran), OUTDIR/report.png (1400x6000
# screenshot) and OUTDIR/console.log (Chromium's log of both runs), and fails when
#   - the report refers to http(s) or protocol-relative URLs in src/href/url()/@import,
#   - Chromium fails or writes no DOM or no screenshot,
#   - <body> has no data-rendered (the page never finished drawing),
#   - <body data-errors> is not 0 (errors the page caught: uncaught exceptions, rejected
#     promises, console.error calls, content-policy violations, section failures),
#   - the console log shows a page error (see page_errors below),
#   - a SECTION named on the command line is not in data-rendered.
# $CHROMIUM overrides the browser binary (default: chromium).
set -uo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 REPORT.html OUTDIR [SECTION...]" >&2
  exit 2
fi
report=$1
outdir=$2
shift 2
if [[ ! -f $report ]]; then
  echo "$0: no such report: $report" >&2
  exit 2
fi
browser=${CHROMIUM:-chromium}
if ! command -v "$browser" > /dev/null; then
  echo "$0: '$browser' not found (install Debian's chromium: apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 2
fi
mkdir -p "$outdir"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# 1. No network references in the file itself.
url_pattern='((src|href)[[:space:]]*=[[:space:]]*["'\'']?[[:space:]]*|url\([[:space:]]*["'\'']?|@import[[:space:]]+["'\'']?)(https?:)?//'
if grep -Eno "$url_pattern.{0,60}" "$report" > "$outdir/urls.txt"; then
  fail "the report refers to network resources (the first ones below; all in $outdir/urls.txt):"
  head -5 "$outdir/urls.txt" | cut -c1-160 >&2
fi

# 2. Render it twice: once for the DOM, once for the screenshot.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
url="file://$(realpath "$report")"
common=(--headless=new --no-sandbox --disable-gpu --virtual-time-budget=10000
        --user-data-dir="$profile" --no-first-run --no-default-browser-check --disable-extensions
        --hide-scrollbars --window-size=1400,6000 --enable-logging=stderr --v=0)
: > "$outdir/console.log"
run_browser() {   # label, extra args...
  local label=$1
  shift
  echo "=== chromium $label ===" >> "$outdir/console.log"
  timeout 180 "$browser" "${common[@]}" "$@" 2>> "$outdir/console.log"
  local rc=$?
  [[ $rc -eq 0 ]] || fail "chromium ($label) exited with status $rc (see $outdir/console.log)"
}
run_browser --dump-dom --dump-dom "$url" > "$outdir/dom.html"
rm -f "$outdir/report.png"
run_browser --screenshot --screenshot="$outdir/report.png" "$url" > /dev/null
[[ -s $outdir/report.png ]] || fail "no screenshot written to $outdir/report.png"

# 3. Page errors in the console log. This Chromium logs every console message of the page
# as "INFO:CONSOLE..." whatever its level, so the level cannot tell console.error from
# console.log; errors are recognised by their text instead: uncaught exceptions and
# rejections, content-policy refusals, failed loads, and any line an older or newer
# Chromium logs at ERROR/FATAL level for CONSOLE. (console.error itself is counted by the
# page in data-errors.) Chromium's own messages (dbus, gpu, sandbox...) never carry
# CONSOLE and are ignored.
error_pattern='(ERROR|FATAL)[^]]*:CONSOLE|"Uncaught|Uncaught \(in promise\)|"Refused to|Content Security Policy|Failed to load|net::ERR_'
page_errors=$(grep -E ':CONSOLE' "$outdir/console.log" | grep -E "$error_pattern" || true)
if [[ -n $page_errors ]]; then
  fail "console errors from the page:"
  printf '%s\n' "$page_errors" | cut -c1-400 >&2
fi
other=$(grep -E ':CONSOLE' "$outdir/console.log" | grep -vE "$error_pattern" || true)
if [[ -n $other ]]; then
  echo "note: other console messages from the page (not failures):" >&2
  printf '%s\n' "$other" | cut -c1-300 | head -20 >&2
fi

# 4. What the page says about itself.
body=$(grep -o '<body[^>]*>' "$outdir/dom.html" | head -1)
if [[ -z $body ]]; then
  fail "no <body> in $outdir/dom.html (the page did not load)"
fi
rendered_attr=$(grep -o 'data-rendered="[^"]*"' <<< "$body" || true)
rendered=$(sed -E 's/^data-rendered="(.*)"$/\1/' <<< "$rendered_attr")
errors=$(grep -o 'data-errors="[^"]*"' <<< "$body" | sed -E 's/^data-errors="(.*)"$/\1/' || true)
if [[ -z $rendered_attr ]]; then
  fail "<body> has no data-rendered: the report did not finish rendering"
fi
if [[ -n $errors && $errors != 0 ]]; then
  fail "the page reports $errors error(s) (data-errors); #gigasim-errors says:"
  sed -n '/<pre id="gigasim-errors"/,/<\/pre>/p' "$outdir/dom.html" | sed -E 's/<[^>]*>//g' | head -20 | cut -c1-300 >&2
fi
for section in "$@"; do
  [[ ,$rendered, == *,"$section",* ]] || fail "section '$section' was not rendered (rendered: ${rendered:-none})"
done

if [[ $failures -gt 0 ]]; then
  echo "check.sh: $report: $failures problem(s); outputs in $outdir" >&2
  exit 1
fi
echo "check.sh: $report OK; rendered: ${rendered:-none}; screenshot $outdir/report.png"
