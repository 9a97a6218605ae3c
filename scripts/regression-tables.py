#!/usr/bin/env python3
"""Tables with a numeric target for the regression bound (docs/estimators.md, "Regression"), and scikit-learn's
held-out Gaussian bound on each: 5-fold cross_val_predict of RidgeCV and of gradient boosting on the normal scores
t of the target, -1/2 log(MSE / var t).

  /usr/bin/python3 scripts/regression-tables.py --out /tmp/real
  node dist/src/cli/bin.js estimate /tmp/real/nonlinear.csv --y y -e regression

Tables: diabetes (scikit-learn's, 442 rows, 10 features, column `target`); student-linear (10 Student-t features,
nu 3, y linear + noise); nonlinear (y = sin 2x1 + x2^2 + x3/2 + 0.7 e beside 7 idle columns); independent (10
columns and y, independent). 2,000 rows each, seed 1.
"""
import argparse
import os

import numpy as np
import pandas as pd
from scipy.stats import norm, rankdata
from sklearn import datasets
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.linear_model import RidgeCV
from sklearn.model_selection import KFold, cross_val_predict

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--out", required=True)
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)
names = [f"x{i}" for i in range(10)] + ["y"]
rng = np.random.default_rng(1)
n = 2000
tables = {"diabetes": (datasets.load_diabetes(as_frame=True).frame, "target")}
X = rng.standard_t(3, size=(n, 10))
tables["student-linear"] = (pd.DataFrame(np.c_[X, X @ np.linspace(0.1, 0.5, 10) + 1.5 * rng.normal(size=n)], columns=names), "y")
X = rng.normal(size=(n, 10))
y = np.sin(2 * X[:, 0]) + X[:, 1] ** 2 + 0.5 * X[:, 2] + 0.7 * rng.normal(size=n)
tables["nonlinear"] = (pd.DataFrame(np.c_[X, y], columns=names), "y")
tables["independent"] = (pd.DataFrame(np.c_[rng.normal(size=(n, 10)), rng.normal(size=n)], columns=names), "y")

for name, (df, target) in tables.items():
    path = os.path.join(a.out, f"{name}.csv")
    df.to_csv(path, index=False)
    y = df[target].to_numpy()
    X = df.drop(columns=[target]).to_numpy()
    t = norm.ppf((rankdata(y) - 0.5) / len(y))
    Xs = (X - X.mean(0)) / X.std(0)
    row = []
    for label, model in [("RidgeCV", RidgeCV(alphas=np.logspace(-3, 3, 13))), ("gradient boosting", GradientBoostingRegressor(random_state=0))]:
        pred = cross_val_predict(model, Xs, t, cv=KFold(5, shuffle=True, random_state=0))
        row.append(f"{label} {-0.5 * np.log(np.mean((t - pred) ** 2) / t.var()):.3f}")
    print(f"{path} (--y {target}): " + ", ".join(row))
