#!/usr/bin/env python3
"""The two tables behind the regression trees' cost limit and the large-table figures (docs/estimators.md,
"Regression"; docs/benchmarks.md), seeded, nothing downloaded.

    /usr/bin/python3 scripts/tree-cost-tables.py --out /tmp/trees
    node dist/src/cli/bin.js estimate /tmp/trees/sin-square-5000x200.csv --y y -e regression
    node dist/src/cli/bin.js estimate /tmp/trees/linear-700000x2.csv --x a,b --y y

sin-square-5000x200: 5,000 rows of 200 standard normal columns c0..c199 and y = sin c0 + c1^2/2 + 0.5 e (the
trees read it, a linear decoder hardly). linear-700000x2: 700,000 rows of a, b standard normal and
y = a + b/2 + e, MI 1/2 log(2.25) = 0.405 nats.
"""
import argparse
import os

import numpy as np
import pandas as pd

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--out", required=True)
out = p.parse_args().out
os.makedirs(out, exist_ok=True)

rng = np.random.default_rng(0)
x = rng.normal(size=(5000, 200))
frame = pd.DataFrame(x, columns=[f"c{i}" for i in range(200)])
frame["y"] = np.sin(x[:, 0]) + x[:, 1] ** 2 / 2 + 0.5 * rng.normal(size=5000)
frame.to_csv(os.path.join(out, "sin-square-5000x200.csv"), index=False)

rng = np.random.default_rng(1)
ab = rng.normal(size=(700_000, 2))
y = ab[:, 0] + 0.5 * ab[:, 1] + rng.normal(size=700_000)
np.savetxt(os.path.join(out, "linear-700000x2.csv"), np.column_stack([ab, y]), delimiter=",", header="a,b,y",
           comments="", fmt="%.6f")
