#!/usr/bin/env bash
# One MI matrix three ways, compared byte for byte (docs/scale-out.md, "Measured"): a single process, with its
# progress bar; a BullMQ run on 2 workers, one killed with SIGKILL while it is inside a tile (its log says
# "tile T: started" and not yet "tile T: … pairs"); 4 shards (--shard i/4) joined by merge. Each step prints its
# time and comparison as soon as it ends, so a run cut short still reports the steps it finished.
#   scripts/matrix-three-ways.sh FILE redis://127.0.0.1:6379 [matrix flags…]
# Needs a built CLI (npm run build) and a Redis that answers at the URL. KEEP=DIR keeps the outputs (single.json,
# queue.json, merged.json, the logs) in DIR.
set -euo pipefail
file=$1
queue=$2
shift 2
bin="node $(cd "$(dirname "$0")/.." && pwd)/dist/src/cli/bin.js"
dir=${KEEP:-$(mktemp -d)}
mkdir -p "$dir"
trap 'kill -9 ${w1:-} ${w2:-} 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
since() { printf '%.1f s' "$(echo "$(date +%s.%N) - $1" | bc)"; }
echo "start: $(date -u +%H:%M:%S) UTC, load: $(uptime | sed 's/.*load average: //')"

t=$(date +%s.%N)
# The progress bar is drawn only on a terminal: `script` gives the single process one and keeps what it drew.
script -qec "/usr/bin/time -f %M -o $(printf %q "$dir/single.rss") $bin matrix $(printf '%q ' "$file" "$@") \
  --out $(printf %q "$dir/single.json")" "$dir/single.tty" >/dev/null
echo "single process: $(since "$t"), peak RSS $(($(cat "$dir/single.rss") / 1024)) MiB, $(wc -c <"$dir/single.json") bytes"
frames=$(grep -aoE 'pairs \[[^]]*\] [0-9]+% \| [0-9]+/[0-9]+' "$dir/single.tty" || true)
echo "  its progress bar: $(echo "$frames" | grep -c .) frames drawn, the last: $(echo "$frames" | tail -n 1)"

t=$(date +%s.%N)
$bin worker --queue "$queue" --lock-ms 10000 >"$dir/w1.log" 2>&1 &
w1=$!
$bin worker --queue "$queue" --lock-ms 10000 >"$dir/w2.log" 2>&1 &
w2=$!
$bin matrix "$file" "$@" --queue "$queue" --json --quiet >"$dir/queue.json" &
sub=$!
# Worker 1 dies inside a tile: after it has finished one, at a moment its last line is "tile T: started".
held=""
while [ -z "$held" ]; do
  sleep 0.1
  kill -0 "$sub" 2>/dev/null || { echo "the run ended before worker 1 could be killed"; exit 1; }
  grep -q "pairs$" "$dir/w1.log" || continue
  held=$(tail -n 1 "$dir/w1.log" | sed -n 's/.* tile \([0-9]*\): started$/\1/p')
done
kill -9 "$w1"
wait "$w1" 2>/dev/null || true
echo "  killed worker 1 inside tile $held at $(date -u +%H:%M:%S), after $(grep -c "pairs$" "$dir/w1.log") finished tile(s)"
wait "$sub"
kill -INT "$w2"
echo "queue, 2 workers, one killed: $(since "$t")"
if grep -q " tile $held: [0-9]* pairs$" "$dir/w1.log"; then echo "  worker 1 finished tile $held after all (late kill)"; fi
if grep -q " tile $held: [0-9]* pairs$" "$dir/w2.log"; then echo "  worker 2 redid tile $held"; fi
echo "  worker 2 finished $(grep -c "pairs$" "$dir/w2.log") tiles"
if cmp "$dir/single.json" "$dir/queue.json"; then echo "  queue with a killed worker: identical to the single process"; fi

t=$(date +%s.%N)
for i in 0 1 2 3; do $bin matrix "$file" "$@" --shard "$i/4" --out "$dir/part-$i.json" --quiet; done
$bin merge "$dir"/part-*.json --json >"$dir/merged.json"
echo "4 shards in sequence + merge: $(since "$t")"
if cmp "$dir/single.json" "$dir/merged.json"; then echo "  shards + merge: identical to the single process"; fi
echo "end: $(date -u +%H:%M:%S) UTC, load: $(uptime | sed 's/.*load average: //')"
