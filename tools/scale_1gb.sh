#!/usr/bin/env bash
# Issue 23 measurement: 10 parts of 100 MB merged vs one build of 1 GB.
# Usage: NG=path/to/newsgraph tools/scale_1gb.sh WORKDIR (needs ~8 GB of disk).
set -u
cd "${1:-.}"
NG=${NG:-newsgraph}
[ -d corpus ] || $NG gen-corpus --mb 1000 --out corpus --seed 1
# Deal the corpus's folders into 10 shards (document ids come from paths
# relative to the inputs, as in build's run over the same folders).
if [ ! -d shards ]; then
  mkdir shards; for i in $(seq 0 9); do mkdir shards/s$i; done
  i=0; for d in $(ls corpus | sort); do mv corpus/$d shards/s$((i%10))/; i=$((i+1)); done
fi
du -sh shards shards/s0
rm -rf out-build; /usr/bin/time -f "build 1GB: %e s wall %U u %S s %M KB" $NG build shards/s0 shards/s1 shards/s2 shards/s3 shards/s4 shards/s5 shards/s6 shards/s7 shards/s8 shards/s9 --out out-build --format graphml --quiet
for i in $(seq 0 9); do /usr/bin/time -f "extract s$i: %e s wall %U u %S s %M KB" $NG extract shards/s$i --out p$i.ngp --quiet; done
ls -la p*.ngp | awk '{s+=$5} END {print "parts bytes", s}'
rm -rf out-merge; /usr/bin/time -f "merge 10 parts: %e s wall %U u %S s %M KB" $NG merge $(ls p*.ngp | shuf --random-source=<(yes)) --out out-merge --format graphml
cmp out-build/graph.graphml out-merge/graph.graphml && echo IDENTICAL
rm -rf out-build out-merge
