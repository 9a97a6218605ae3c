#!/usr/bin/env bash
# One MI matrix three ways, compared byte for byte (docs/benchmarks.md, "MI matrix"): a single process; 4 shards
# (--shard i/4) joined by merge; a BullMQ run on 2 workers, one killed with SIGKILL once it has done a tile.
#   scripts/matrix-three-ways.sh FILE redis://127.0.0.1:6379 [matrix flags…]
# Needs a built CLI (npm run build) and a Redis that answers at the URL. Prints the load average, each time and each
# step's peak RSS. KEEP=DIR keeps the three outputs (single.json, merged.json, queue.json) in DIR for a diff.
set -euo pipefail
file=$1
queue=$2
shift 2
bin="node $(dirname "$0")/../dist/src/cli/bin.js"
dir=${KEEP:-$(mktemp -d)}
mkdir -p "$dir"
trap 'kill -9 ${w1:-} ${w2:-} 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
echo "load: $(uptime)"
t0=$(date +%s.%N)
/usr/bin/time -f %M -o "$dir/single.rss" $bin matrix "$file" "$@" --json --quiet >"$dir/single.json"
t1=$(date +%s.%N)
for i in 0 1 2 3; do $bin matrix "$file" "$@" --shard "$i/4" --out "$dir/part-$i.json" --quiet; done
$bin merge "$dir"/part-*.json --json >"$dir/merged.json"
t2=$(date +%s.%N)
$bin worker --queue "$queue" --lock-ms 10000 >"$dir/w1.log" 2>&1 &
w1=$!
$bin worker --queue "$queue" --lock-ms 10000 >"$dir/w2.log" 2>&1 &
w2=$!
$bin matrix "$file" "$@" --queue "$queue" --json --quiet >"$dir/queue.json" &
sub=$!
# A finished tile logs "tile N: …" (the worker's first line, "waiting for tiles", must not count): worker 1 dies
# holding the next tile it took, which the other worker then redoes once its lock expires.
until grep -q "tile [0-9]" "$dir/w1.log"; do sleep 0.2; done
kill -9 "$w1"
echo "killed worker 1 after: $(grep -c "tile [0-9]" "$dir/w1.log") tile(s)"
wait "$sub"
t3=$(date +%s.%N)
kill -INT "$w2"
echo "worker 2 did $(grep -c "tile [0-9]" "$dir/w2.log") tiles"
echo "load: $(uptime)"
printf 'single %.1f s, 4 shards + merge %.1f s, queue (2 workers, one killed) %.1f s\n' \
  "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t3 - $t2" | bc)"
echo "single process peak RSS: $(($(cat "$dir/single.rss") / 1024)) MiB"
cmp "$dir/single.json" "$dir/merged.json" && echo "shards + merge: identical ($(wc -c <"$dir/single.json") bytes)"
cmp "$dir/single.json" "$dir/queue.json" && echo "queue with a killed worker: identical"
