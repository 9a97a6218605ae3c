#!/bin/bash
# Runs a command N times and counts the runs that exit non-zero (an abort, a crash), printing the last one's stderr:
# the measurement behind "aborted in 4 of 100 runs, now 0 of 100" for Node 20's worker teardown
# (src/node/job-threads.ts; docs/benchmarks.md, "Rdatasets").
#
#   scripts/count-failed-runs.sh N COMMAND [ARG ...]
#   scripts/count-failed-runs.sh 100 node dist/src/cli/bin.js estimate -q Day1Survey.csv --y Handedness --json
set -uo pipefail
n=$1
shift
failed=0
last=$(mktemp)
for _ in $(seq 1 "$n"); do
  if ! "$@" > /dev/null 2> "$last.run"; then
    failed=$((failed + 1))
    mv "$last.run" "$last"
  fi
done
echo "failed $failed of $n runs"
if [ "$failed" -gt 0 ]; then echo "last failure's stderr:"; head -20 "$last"; fi
rm -f "$last" "$last.run"
