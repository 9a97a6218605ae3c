#!/usr/bin/env python3
"""Tables with more columns than rows, for the classifier's row span and auto on wide tables (docs/benchmarks.md).

    /usr/bin/python3 scripts/wide-tables.py --out /tmp/wide
    node dist/src/cli/bin.js estimate /tmp/wide/wide-label-1200x1500.csv --y lab
    node dist/src/cli/bin.js estimate /tmp/wide/wide-sparse-200x5000.csv --y lab      # -e knn-classifier beside
    node dist/src/cli/bin.js estimate /tmp/wide/wide-sparse-200x5000.csv --x g1..g4999 --y g0

wide-label-1200x1500: 1,200 rows of 1,500 standard normal columns and a 3-class label drawn from a softmax of weak
linear scores (weights N(0, 0.05²)), so every column carries a little of it. wide-sparse-200x5000: 200 rows of
5,000 standard normal columns and the label 1[g0 + g1 > 0] (two columns of 5,000 carry it; every other pair of
columns is independent, so g0 against g1..g4999 is an independent wide table).
"""
import argparse
import os

import numpy as np
import pandas as pd


def wide_label(path):
    rng = np.random.default_rng(5)
    n, p = 1200, 1500
    x = rng.normal(size=(n, p))
    w = rng.normal(size=(p, 3)) * 0.05
    scores = x @ w
    y = np.array([np.argmax(s + rng.gumbel(size=3)) for s in scores])
    d = pd.DataFrame(x.astype(np.float32), columns=[f"g{i}" for i in range(p)])
    d["lab"] = [f"k{v}" for v in y]
    d.to_csv(path, index=False)


def wide_sparse(path):
    rng = np.random.default_rng(11)
    n, p = 200, 5000
    x = rng.normal(size=(n, p))
    d = pd.DataFrame(x.astype(np.float32), columns=[f"g{i}" for i in range(p)])
    d["lab"] = np.where(x[:, 0] + x[:, 1] > 0, "a", "b")
    d.to_csv(path, index=False)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    out = ap.parse_args().out
    os.makedirs(out, exist_ok=True)
    wide_label(os.path.join(out, "wide-label-1200x1500.csv"))
    wide_sparse(os.path.join(out, "wide-sparse-200x5000.csv"))
