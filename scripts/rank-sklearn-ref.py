#!/usr/bin/env python3
"""scikit-learn's feature ranking, the oracle of `infonce rank --estimator ksg --k 3` (docs/cli.md, "rank").

Makes a seeded table (features f00…f<d-1>, target y), writes it as CSV, and runs
sklearn.feature_selection.mutual_info_regression(X, y, n_neighbors=3) on it. Prints (or writes) one JSON object:
  {"n", "d", "seed", "features": {name: mi}, "top5": [...], "seconds", "process_seconds"}
"seconds" is sklearn's call alone, "process_seconds" the whole process (interpreter start, imports and reading the
CSV included), the figure docs/benchmarks.md compares whole processes with.
sklearn standardises each column (no centring) and adds 1e-10·max(1, mean|x|) Gaussian noise before KSG
estimator 1, then clips each estimate at 0; the noise moves estimates by far less than 0.01 nats.

Run with Debian's /usr/bin/python3 (python3-sklearn):
  python3 scripts/rank-sklearn-ref.py --n 2000 --d 8 --seed 1 --csv test/fixtures/many/rank.csv \
      --json test/fixtures/many/rank-sklearn.json
  python3 scripts/rank-sklearn-ref.py --n 20000 --d 40 --seed 0 --csv /tmp/rank40.csv   # the benchmark table
  python3 scripts/rank-sklearn-ref.py --read /tmp/rank40.csv                               # time sklearn alone on it
"""
import time
_PROCESS_START = time.time()  # before the imports: process_seconds is the whole process
import argparse, json, math
import numpy as np
from sklearn.feature_selection import mutual_info_regression


def make_table(n, d, seed):
    """d standard-normal features; y depends on the first six with distinct strengths (a clear top 5), plus noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    y = (1.5 * x[:, 0] + np.sin(2 * x[:, 1]) + 0.6 * x[:, 2] ** 2 + 0.5 * np.abs(x[:, 3])
         + 0.25 * x[:, 4] + 0.1 * x[:, 5] + 0.5 * rng.normal(size=n))
    names = [f"f{j:02d}" for j in range(d)]
    return names, x, y


def write_csv(path, names, x, y):
    with open(path, "w") as f:
        f.write(",".join(names + ["y"]) + "\n")
        for i in range(len(y)):
            f.write(",".join(repr(float(v)) for v in x[i]) + "," + repr(float(y[i])) + "\n")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=2000); p.add_argument("--d", type=int, default=8)
    p.add_argument("--seed", type=int, default=0); p.add_argument("--k", type=int, default=3)
    p.add_argument("--csv", help="write the generated table here"); p.add_argument("--json", help="write the result here")
    p.add_argument("--read", help="read this CSV (last column the target) instead of generating")
    a = p.parse_args()
    if a.read:
        with open(a.read) as f:
            names = f.readline().strip().split(",")[:-1]
        m = np.loadtxt(a.read, delimiter=",", skiprows=1, ndmin=2)
        x, y = m[:, :-1], m[:, -1]
    else:
        names, x, y = make_table(a.n, a.d, a.seed)
        if a.csv:
            write_csv(a.csv, names, x, y)
    t0 = time.time()
    mi = mutual_info_regression(x, y, n_neighbors=a.k, random_state=a.seed)
    seconds = time.time() - t0
    order = sorted(range(len(names)), key=lambda j: -mi[j])
    out = {"n": int(x.shape[0]), "d": int(x.shape[1]), "seed": a.seed, "k": a.k,
           "features": {names[j]: float(mi[j]) for j in range(len(names))},
           "top5": [names[j] for j in order[:5]],
           "seconds": seconds, "process_seconds": time.time() - _PROCESS_START}
    text = json.dumps(out, indent=1)
    if a.json:
        with open(a.json, "w") as f:
            f.write(text + "\n")
    else:
        print(text)
