"""The held-out logistic-regression bound of issue 11's done-means, by scikit-learn (independent of our code):
for each label task, the sample `infonce sample TASK --n N --seed S` writes, 5-fold cross-validated
LogisticRegression (z-scored features, C in a grid) → H(Y) − mean held-out cross-entropy, the best over C (an
optimistic choice, so a conservative bar), and the bound at scikit-learn's default C = 1 (`defaultC`). Prints one
JSON line per (task, seed).

Run after `npm run build`: /usr/bin/python3 scripts/label-bounds.py --n 5000 --seeds 0 TASK...
"""

import argparse
import json
import math
import os
import subprocess
import tempfile

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def load(task, n, seed):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "s.csv")
        meta = subprocess.run(
            ["node", "dist/src/cli/bin.js", "sample", task, "--n", str(n), "--seed", str(seed), "--out", path, "--json"],
            cwd=ROOT, capture_output=True, check=True, text=True,
        )
        info = json.loads(meta.stdout)
        with open(path) as f:
            header = f.readline().strip().split(",")
            rows = [line.strip().split(",") for line in f if line.strip()]
    xcols = [i for i, h in enumerate(header) if h.startswith("x")]
    ycols = [i for i, h in enumerate(header) if h.startswith("y")]
    # The label is the one-column side of integer codes (y for the label tasks, x for mixed-categorical3).
    if len(xcols) == 1 and all(float(r[xcols[0]]).is_integer() for r in rows):
        xcols, ycols = ycols, xcols
    x = np.array([[float(r[i]) for i in xcols] for r in rows])
    labels = [r[ycols[0]] for r in rows]
    names = sorted(set(labels))
    return x, np.array([names.index(v) for v in labels]), info


def bound(x, y):
    p = np.bincount(y) / len(y)
    h = float(-(p[p > 0] * np.log(p[p > 0])).sum())
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    per_c = {}
    for c in [0.01, 0.1, 1.0, 10.0, 100.0]:
        model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=5000))
        proba = cross_val_predict(model, x, y, cv=folds, method="predict_proba")
        ce = float(-np.mean(np.log(np.clip(proba[np.arange(len(y)), y], 1e-300, 1))))
        per_c[c] = h - ce
    return max(per_c.values()), per_c[1.0], h


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("tasks", nargs="+")
    a = ap.parse_args()
    for task in a.tasks:
        for seed in range(a.seeds):
            x, y, info = load(task, a.n, seed)
            b, default_c, h = bound(x, y)
            print(json.dumps({"task": task, "seed": seed, "n": len(y), "logisticBound": round(b, 4),
                              "defaultC": round(default_c, 4), "labelEntropy": round(h, 4)}))
