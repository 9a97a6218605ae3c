#!/usr/bin/env python3
"""Tables whose dependence runs through a text column of thousands of levels (the measurements behind auto's
regression-bound work budget counting indicators, src/estimators/auto-choice.ts, regressionSides).

  /usr/bin/python3 scripts/many-levels.py --out /tmp/levels
  node dist/src/cli/bin.js estimate /tmp/levels/cities.csv --y y

  cities.csv  city (2,000 levels, 20,000 rows) and num (independent noise) against y = effect[city] + eps
  city1.csv   city alone against y (a label: Ross's estimate and the classifier read it)
  panel.csv   state (2,000 levels) x quarter (10), every row a distinct combination, against
              y = effect[state] + 0.03 quarter + eps

effect ~ N(0, 1) per level, drawn once; eps ~ N(0, 1). The MI of each table's law (the levels drawn uniformly, the
effects as drawn) is h(y) - h(eps), h(y) of the Gaussian mixture over the levels by quadrature on a fine grid;
printed and written to truth.json.
"""
import argparse
import json
import os

import numpy as np
import pandas as pd
from scipy.stats import norm


def mixture_mi(means):
    """I(level; y) for y = means[level] + N(0, 1), the level uniform: h(mixture) - h(N(0, 1))."""
    ys = np.linspace(means.min() - 8, means.max() + 8, 8001)
    p = np.zeros_like(ys)
    for chunk in np.array_split(means, max(1, len(means) // 500)):
        p += norm.pdf(ys[:, None] - chunk[None, :]).sum(axis=1)
    p /= len(means)
    h = -np.sum(np.where(p > 0, p * np.log(np.maximum(p, 1e-300)), 0)) * (ys[1] - ys[0])
    return h - 0.5 * np.log(2 * np.pi * np.e)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    truth = {}
    n = 20000

    rng = np.random.default_rng(3)
    city = rng.integers(0, 2000, size=n)
    effect = rng.normal(size=2000)
    num = rng.normal(size=n)
    pd.DataFrame({"city": [f"c{c:04d}" for c in city], "num": num, "y": effect[city] + rng.normal(size=n)}).to_csv(
        os.path.join(a.out, "cities.csv"), index=False)
    truth["cities.csv"] = mixture_mi(effect)

    rng = np.random.default_rng(3)
    city = rng.integers(0, 2000, size=n)
    effect = rng.normal(size=2000)
    pd.DataFrame({"city": [f"c{c:04d}" for c in city], "y": effect[city] + rng.normal(size=n)}).to_csv(
        os.path.join(a.out, "city1.csv"), index=False)
    truth["city1.csv"] = mixture_mi(effect)

    rng = np.random.default_rng(8)
    states, quarters = 2000, 10
    state = np.repeat(np.arange(states), quarters)
    quarter = np.tile(np.arange(quarters), states)
    effect = rng.normal(size=states)
    pd.DataFrame({"state": [f"s{s:04d}" for s in state], "quarter": [f"Q{q}" for q in quarter],
                  "y": effect[state] + 0.3 * quarter / 10 + rng.normal(size=states * quarters)}).to_csv(
        os.path.join(a.out, "panel.csv"), index=False)
    truth["panel.csv"] = mixture_mi((effect[:, None] + 0.03 * np.arange(quarters)[None, :]).ravel())

    json.dump({k: round(float(v), 4) for k, v in truth.items()}, open(os.path.join(a.out, "truth.json"), "w"), indent=1)
    for k, v in truth.items():
        print(f"{k:12s} MI {v:.4f} nats")


if __name__ == "__main__":
    main()
