#!/usr/bin/env python3
"""scikit-learn's held-out bounds of two models and of their best blend, on one selection of a table: what the
classifier's and the regression's blends (src/estimators/classifier-blend.ts, gaussian-decoder.ts) are compared with.

    /usr/bin/python3 scripts/blend-bars.py label FILE X1,X2,... Y
    /usr/bin/python3 scripts/blend-bars.py numeric FILE X1,X2,... Y

The table is read and its X columns coded as scripts/sweep-vega-datasets.py does for its bar (numbers kept, dates as
days, identifiers out, other text one-hot; rows with an empty cell dropped). label: H(Y) - 5-fold held-out
cross-entropy (StratifiedKFold, shuffled, seed 0) of a scaled LogisticRegressionCV and of HistGradientBoosting,
and of their probabilities mixed as w q_trees + (1 - w) q_logistic. numeric: -1/2 log(MSE / var t) of 5-fold
predictions (KFold, shuffled, seed 0) of RidgeCV and GradientBoostingRegressor on the normal scores t of Y, and of
their predictions averaged as w trees + (1 - w) ridge. w runs over 0, 0.1, ..., 1 and is chosen on the same rows it
is scored on: the blend's figure is optimistic by that one parameter. Nothing is downloaded.
"""
import importlib.util
import math
import os
import sys
import warnings

import numpy as np
from scipy import stats
from sklearn.ensemble import GradientBoostingRegressor, HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegressionCV, RidgeCV
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("sweep_vega", os.path.join(HERE, "sweep-vega-datasets.py"))
_vega = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_vega)
warnings.filterwarnings("ignore")
WEIGHTS = np.linspace(0, 1, 11)


def table(path, xs, y):
    frame = _vega.read(path)
    xs = [c for c in xs if frame[c].isna().mean() <= 0.5] or xs
    frame = frame[xs + [y]].dropna()
    return frame, _vega.design(frame, xs)


def label(path, xs, y):
    frame, X = table(path, xs, y)
    _, codes = np.unique(frame[y].astype(str).to_numpy(), return_inverse=True)
    p = np.bincount(codes) / len(codes)
    h = -(p * np.log(p)).sum()
    cv = StratifiedKFold(int(min(5, max(2, np.bincount(codes).min()))), shuffle=True, random_state=0)
    rows = np.arange(len(codes))
    logistic = make_pipeline(StandardScaler(), LogisticRegressionCV(Cs=10, max_iter=2000))
    trees = HistGradientBoostingClassifier(max_iter=200, early_stopping=True, random_state=0)
    a = cross_val_predict(logistic, X, codes, cv=cv, method="predict_proba")[rows, codes]
    b = cross_val_predict(trees, X, codes, cv=cv, method="predict_proba")[rows, codes]
    bound = [h + np.mean(np.log(np.clip(w * b + (1 - w) * a, 1e-12, 1))) for w in WEIGHTS]
    return len(codes), "logistic", bound[0], "boosted trees", bound[-1], bound


def numeric(path, xs, y):
    frame, X = table(path, xs, y)
    target = _vega.as_number(frame[y]) if frame[y].dtype == object else frame[y].astype(float)
    t = stats.norm.ppf(stats.rankdata(np.asarray(target, float)) / (len(target) + 1))
    cv = KFold(5, shuffle=True, random_state=0)
    a = cross_val_predict(make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-3, 3, 13))), X, t, cv=cv)
    b = cross_val_predict(GradientBoostingRegressor(random_state=0), X, t, cv=cv)
    bound = [-0.5 * math.log(max(1e-12, np.mean((t - w * b - (1 - w) * a) ** 2) / np.var(t))) for w in WEIGHTS]
    return len(t), "ridge", bound[0], "gradient boosting", bound[-1], bound


if __name__ == "__main__":
    kind, path, xs, y = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4]
    n, first, a, second, b, bound = (label if kind == "label" else numeric)(path, xs, y)
    best = int(np.argmax(bound))
    print(f"{os.path.basename(path)} {y}: {n} rows; {first} {a:.3f}, {second} {b:.3f}, "
          f"best blend {bound[best]:.3f} at w = {WEIGHTS[best]:.1f}")
