#!/usr/bin/env python3
"""A held-out bar for a label with rare classes: scikit-learn's HistGradientBoosting, H(Y) - 5-fold cross-entropy.

    /usr/bin/python3 scripts/hgb-label-bar.py FILE --y Y --x A,B [--categorical B] [--rows 20000] [--seed 0]

scripts/sweep-real-tables.py's label_range reads 0 on labels with classes of one or two rows (US states and
territories by zip code, airports by flight): a class absent from a fold's training rows gets probability 0 on its
held-out row, and HistGradientBoosting's early-stopping split refuses a class of one row. Here, on at most --rows rows
drawn by --seed: rows of classes with fewer than 10 rows are left out (the bar is on the rest, against its own H,
both printed), each fold's probabilities are mapped onto every class and blended 0.999 : 0.001 with the fold's
training frequencies (add-1/2), fixed in advance, so no held-out row costs more than a rare class's prior.
--categorical columns are coded and split natively by HistGradientBoosting (at most 255 categories); the other X
columns are read as numbers (dates as days since 1970-01-01). Nothing is downloaded.

A bar is only as good as the model's probabilities: on flights-20k.json's origin (134 classes of >= 10 rows) from
date, delay, distance and a 223-category destination, the boosted trees' held-out probabilities are overconfident
and the bar reads -3.985, no bar at all; on zipcodes.csv's state from zip_code, latitude, longitude it reads 3.12
(19,990 rows, 53 classes, H 3.71).
"""
import argparse
import json

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import KFold

MIN_CLASS_ROWS = 10


def read(path):
    if path.endswith(".json"):
        return pd.DataFrame(json.load(open(path)))
    return pd.read_csv(path, sep="\t" if path.endswith(".tsv") else ",", low_memory=False)


def column(s, categorical):
    if categorical:
        return pd.factorize(s.astype(str))[0].astype(float)
    if s.dtype == object:
        d = pd.to_datetime(s, errors="coerce")
        if d.notna().all():
            return ((d - pd.Timestamp("1970-01-01")).dt.total_seconds() / 86400).to_numpy(float)
    return pd.to_numeric(s).to_numpy(float)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--y", required=True)
    ap.add_argument("--x", required=True, help="comma-separated feature columns")
    ap.add_argument("--categorical", default="", help="comma-separated columns of --x to split as categories")
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    xs = a.x.split(",")
    cats = [c for c in a.categorical.split(",") if c]
    frame = read(a.file)[xs + [a.y]].dropna()
    if len(frame) > a.rows:
        frame = frame.sample(a.rows, random_state=a.seed)
    counts = frame[a.y].astype(str).value_counts()
    frame = frame[frame[a.y].astype(str).map(counts) >= MIN_CLASS_ROWS]
    X = np.column_stack([column(frame[c], c in cats) for c in xs])
    _, y = np.unique(frame[a.y].astype(str).to_numpy(), return_inverse=True)
    classes, n = y.max() + 1, len(y)
    p = np.bincount(y) / n
    h = float(-(p * np.log(p)).sum())
    ll = np.zeros(n)
    for train, test in KFold(5, shuffle=True, random_state=a.seed).split(X):
        model = HistGradientBoostingClassifier(
            max_iter=200, early_stopping=True, random_state=a.seed, categorical_features=[xs.index(c) for c in cats] or None
        ).fit(X[train], y[train])
        prior = np.bincount(y[train], minlength=classes) + 0.5
        prior /= prior.sum()
        q = np.zeros((len(test), classes))
        q[:, model.classes_] = model.predict_proba(X[test])
        q = 0.999 * q + 0.001 * prior
        ll[test] = np.log(q[np.arange(len(test)), y[test]])
    print(json.dumps({"rows": n, "classes": int(classes), "H": round(h, 3), "bar": round(h + ll.mean(), 3)}))


if __name__ == "__main__":
    main()
