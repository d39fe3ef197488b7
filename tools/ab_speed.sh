#!/usr/bin/env bash
# Speed A/B of two newsgraph binaries on one corpus, interleaved, three runs
# each (runs on a shared machine vary by 5-15%, so never compare runs made
# at different times). Prints wall, user and system seconds and peak memory.
#   tools/ab_speed.sh OLD_BINARY NEW_BINARY CORPUS_DIR
# The README's 100 MB corpus: `newsgraph gen-corpus --mb 100 --out DIR`.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY CORPUS_DIR" >&2; exit 2; }
old=$1 new=$2 corpus=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in 1 2 3; do
  for v in old new; do
    bin=$old; [ "$v" = new ] && bin=$new
    rm -rf "$out/g"
    /usr/bin/time -f "$v run$i %e s wall %U s user %S s sys %M KB" "$bin" build "$corpus" --out "$out/g" -q
  done
done
