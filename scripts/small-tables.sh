#!/bin/bash
# auto, InfoNCE (auto's settings), the Gaussian-copula estimate and KSG on small samples of five ground-truth tasks
# of 8 to 10 dimensions: the measurement behind AUTO_NEURAL_MIN_ROWS (src/estimators/auto-choice.ts).
#
#   scripts/small-tables.sh [OUT_DIR]      (default /tmp/small-tables; 2 runs at a time; about 10 minutes on 2 cores)
#
# One line a run in OUT_DIR/results.txt (task rows seed estimator estimate [auto's choice]), then a table: the mean
# over seeds 1-3 of each estimator's estimate and half its range, by task and rows.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/small-tables}
mkdir -p "$out"
bin="$here/dist/src/cli/bin.js"
run() {
  local t=$1 n=$2 s=$3 f="$out/$1-$2-$3.csv"
  node "$bin" sample "$t" --n "$n" --seed "$s" --out "$f" -q
  local cols; cols=$(head -1 "$f" | tr ',' '\n' | grep '^x' | paste -sd,)
  for e in "auto" "infonce --set copula=true --set whiten=true" "gaussian --copula" "ksg --copula"; do
    # shellcheck disable=SC2086
    v=$(node "$bin" estimate "$f" --x "$cols" -e $e -q --json |
      python3 -c "import json,sys; r=json.load(sys.stdin); print(round(r['estimate'],3), r['settings'].get('choice',''))")
    echo "$t $n $s ${e%% *} $v"
  done
}
export -f run; export out bin
tasks="spiral-multinormal-sparse-5-5-2-2.0 half_cube-multinormal-sparse-5-5-2-2.0 multinormal-dense-5-5-0.5 independent-normal-5-5 warped-gaussian-4-4"
for t in $tasks; do for n in 30 60 120 250 500; do for s in 1 2 3; do echo "$t $n $s"; done; done; done |
  xargs -P 2 -L 1 bash -c 'run "$@"' _ > "$out/results.txt"
python3 - "$out/results.txt" <<'PY'
import collections, sys
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    t, n, s, e, v = line.split()[:5]
    d[(t, int(n), e)].append(float(v))
for t in dict.fromkeys(k[0] for k in d):
    print(t)
    for n in sorted({k[1] for k in d if k[0] == t}):
        cells = [f"{e} {sum(v)/len(v):+.3f} (±{(max(v)-min(v))/2:.2f})" for e in ("auto", "infonce", "gaussian", "ksg")
                 if (v := d[(t, n, e)])]
        print(f"  {n:4d} rows  " + "  ".join(cells))
PY
