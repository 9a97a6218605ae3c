#!/usr/bin/env python3
"""scikit-learn's boosted-tree bound on a label, timed: H(Y) - 5-fold held-out cross-entropy of
HistGradientBoostingClassifier(max_iter=200, early_stopping=True) on the other columns one-hot coded (pandas
get_dummies), StratifiedKFold(5, shuffle=True, random_state=0). What infonce's classifier trees are compared with in
docs/estimators.md (winequality-red quality, diamonds cut).

    /usr/bin/python3 scripts/hgb-bound.py FILE LABEL

Prints H, the bound, the feature matrix's shape and the seconds from reading to the bound. Nothing is downloaded.
"""
import sys
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_predict

t = time.time()
df = pd.read_csv(sys.argv[1])
y = df.pop(sys.argv[2]).astype(str).values
X = pd.get_dummies(df).values.astype(float)
_, yc = np.unique(y, return_inverse=True)
p = np.bincount(yc) / len(yc)
H = -(p * np.log(p)).sum()
P = cross_val_predict(
    HistGradientBoostingClassifier(max_iter=200, early_stopping=True, random_state=0),
    X, yc, cv=StratifiedKFold(5, shuffle=True, random_state=0), method="predict_proba",
)
bound = H + np.mean(np.log(np.clip(P[np.arange(len(yc)), yc], 1e-15, 1)))
print(f"H {H:.4f} bound {bound:.4f} X {X.shape} {time.time() - t:.1f} s")
