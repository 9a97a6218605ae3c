#!/usr/bin/env python3
"""A seeded wide table for the MI-matrix benchmark (docs/benchmarks.md, "MI matrix"): --cols columns of --n rows,
in groups of 5 that share a latent factor (so some pairs depend, most do not), with some nonlinear columns.

  python3 scripts/matrix-table.py --n 10000 --cols 200 --out /tmp/matrix200.csv
"""
import argparse
import numpy as np

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--n", type=int, default=10000); p.add_argument("--cols", type=int, default=200)
p.add_argument("--seed", type=int, default=0); p.add_argument("--out", required=True)
a = p.parse_args()
rng = np.random.default_rng(a.seed)
latent = rng.normal(size=(a.n, (a.cols + 4) // 5))
x = np.empty((a.n, a.cols))
for j in range(a.cols):
    f = latent[:, j // 5]
    s = rng.uniform(0.2, 1.5)
    x[:, j] = (np.sin(f) if j % 7 == 3 else f) * s + rng.normal(size=a.n)
np.savetxt(a.out, x, delimiter=",", header=",".join(f"g{j:03d}" for j in range(a.cols)), comments="", fmt="%.9g")
