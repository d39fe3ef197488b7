#!/usr/bin/env bash
# How long the HTML view takes to open on a large graph, in headless
# Chromium. Generates a news-like corpus (`newsgraph gen-corpus`, from the
# sentences of ../shared/corpora/conll2003/train.txt) big enough for about
# 10,000 nodes, builds graph.html from it, and opens it RUNS times. "ready"
# is the page's own clock (performance.now() from navigation start until
# the first drawing is done and every control works: read from the
# data-ready attribute it sets on <html>); "wall" is the whole headless run
# (browser start, page, DOM dump, exit).
#
#   tools/bench_html.sh [MB] [RUNS]        # default 7 MB (about 10,000 nodes), 3 runs
#   NEWSGRAPH_BIN=target/debug/newsgraph tools/bench_html.sh   # the page is the same from any build
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${1:-7}"
RUNS="${2:-3}"
BIN="${NEWSGRAPH_BIN:-target/release/newsgraph}"
if [ ! -x "$BIN" ]; then cargo build --release; fi
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install chromium" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$BIN" gen-corpus --out "$work/corpus" --mb "$MB" --seed 1 >/dev/null
"$BIN" build "$work/corpus" --out "$work/out" --format html 2>&1 | tail -1
page="$work/out/graph.html"
echo "graph.html: $(du -h "$page" | cut -f1)"
for i in $(seq "$RUNS"); do
  start=$(date +%s.%N)
  dom=$(chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$work/profile" --dump-dom "file://$page" 2>/dev/null | head -c 2000)
  end=$(date +%s.%N)
  ready=$(grep -o 'data-ready="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || echo "?")
  drawn=$(grep -o 'data-drawn-nodes="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || echo "?")
  errors=$(grep -o 'data-errors="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || echo "?")
  printf 'run %s: ready %s ms, wall %.1f s, %s nodes drawn, %s script errors\n' \
    "$i" "$ready" "$(echo "$end - $start" | bc)" "$drawn" "$errors"
done
