#!/usr/bin/env python3
"""A sweep of real and messy tables for `infonce estimate` (issue 11), with what each should give.

    /usr/bin/python3 scripts/sweep-real-tables.py --out DIR           # writes DIR/*.csv|jsonl|json|tsv and DIR/truth.json
    /usr/bin/python3 scripts/sweep-real-tables.py --out DIR --run     # also runs `node dist/src/cli/bin.js estimate`
                                                                      # (auto) on each and prints one row per table

Tables are written the way pandas and Excel users write them: the index column, booleans in four spellings, quoted
commas and newlines, CRLF and a byte-order mark, trailing delimiters, thousands separators, percent and currency
strings, identifiers, rare and imbalanced classes, float- and zero-padded label codes, awkward column names, small n,
and scikit-learn's bundled data sets (iris, wine, breast cancer, digits, diabetes, linnerud).

What each table should give, in truth.json, comes from outside infonce:
  point   closed forms (Gaussian), exact sums (discrete tables) or 1-D quadrature / a 2e6-row Monte Carlo mean of
          log p(y|x) - log p(y) (mixtures); the check is |estimate - truth| <= max(0.03, 10%)
  range   for a real label: [the best held-out bound of scikit-learn's LogisticRegression (C chosen by inner CV) and
          HistGradientBoosting, 5-fold cross_val_predict, H(Y) - cross-entropy], H(Y)]; the check is
          lo - max(0.03, 10%) <= estimate <= H(Y) + 0.05
  lower   for a continuous target: the best held-out Gaussian bound -0.5 log(1 - R^2) of RidgeCV and
          GradientBoosting (5-fold cross_val_predict) on the normal scores of the target; the check is estimate >= lower - max(0.03, 10%)
  refuse  nothing usable is left: a one-line error with a code, exit code != 0, no stack trace
`warn` lists words the warnings must contain.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd
from scipy import integrate, stats
from sklearn import datasets
from sklearn.ensemble import GradientBoostingRegressor, HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegressionCV, RidgeCV
from sklearn.model_selection import StratifiedKFold, KFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

RNG = np.random.default_rng(11)


def entropy_of(labels):
    _, c = np.unique(labels, return_counts=True)
    p = c / c.sum()
    return float(-(p * np.log(p)).sum())


def label_range(X, y):
    """[best held-out classifier bound, H(Y)] for a label, from scikit-learn (5-fold cross_val_predict)."""
    X = np.asarray(X, dtype=float)
    _, y = np.unique(np.asarray(y), return_inverse=True)
    h = entropy_of(y)
    counts = np.bincount(y)
    folds = int(min(5, max(2, counts.min())))
    cv = StratifiedKFold(folds, shuffle=True, random_state=0)
    models = [
        make_pipeline(StandardScaler(), LogisticRegressionCV(Cs=10, max_iter=2000)),
        HistGradientBoostingClassifier(max_iter=200, early_stopping=True, random_state=0),
    ]
    best = -np.inf
    for m in models:
        try:
            p = cross_val_predict(m, X, y, cv=cv, method="predict_proba")
        except ValueError:
            continue
        ce = -np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1)))
        best = max(best, h - ce)
    return {"kind": "range", "lo": float(max(best, 0.0)), "hi": h}


def regression_lower(X, y):
    """The best held-out Gaussian bound -0.5 log(1 - R^2) (RidgeCV, GradientBoosting) on y's normal scores, at most
    the plug-in H(y).

    On the normal scores of y: -1/2 log(1 - R^2) is a lower bound on I(X;Y) only for a Gaussian target. A target of
    few values (a count) has tied scores, and the figure can exceed H(y), which bounds I(X;Y): Ecdat/DoctorAUS.csv's
    hospdays (13 values, H 0.701) read 1.472. It stops at H(y) (log n for a target of distinct values)."""
    X = np.asarray(X, dtype=float)
    _, counts = np.unique(np.asarray(y, dtype=float), return_counts=True)
    p = counts / counts.sum()
    entropy = float(-(p * np.log(p)).sum())
    y = stats.norm.ppf(stats.rankdata(np.asarray(y, dtype=float)) / (len(y) + 1))
    cv = KFold(5, shuffle=True, random_state=0)
    best = 0.0
    for m in [make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-3, 3, 13))),
              GradientBoostingRegressor(random_state=0)]:
        p = cross_val_predict(m, X, y, cv=cv)
        r2 = 1 - np.mean((y - p) ** 2) / np.var(y)
        if r2 > 0:
            best = max(best, -0.5 * math.log(1 - r2))
    return {"kind": "lower", "value": min(best, entropy)}


def mixture_mi_1d(means, probs, sd=1.0):
    """I(X;Y) for Y ~ probs, X | Y=k ~ N(means[k], sd^2), by quadrature of H(X) - H(X|Y)."""
    means = np.asarray(means, float)
    probs = np.asarray(probs, float)

    def f(x):
        p = float(np.sum(probs * stats.norm.pdf(x, means, sd)))
        return -p * math.log(p) if p > 0 else 0.0

    lo, hi = means.min() - 10 * sd, means.max() + 10 * sd
    hx = integrate.quad(f, lo, hi, limit=400, points=list(means))[0]
    return hx - 0.5 * math.log(2 * math.pi * math.e * sd * sd)


def point(v):
    return {"kind": "point", "value": float(v)}


def gaussian_pairs(n, rhos):
    """X_i, Y_i pairs of correlation rho_i; truth -1/2 sum log(1 - rho^2)."""
    xs, ys = [], []
    for r in rhos:
        x = RNG.standard_normal(n)
        y = r * x + math.sqrt(1 - r * r) * RNG.standard_normal(n)
        xs.append(x)
        ys.append(y)
    return np.array(xs).T, np.array(ys).T, -0.5 * sum(math.log(1 - r * r) for r in rhos)


def binary_mixture(n, mu, p1=0.5):
    """Y ~ Bernoulli(p1), X | Y ~ N(+-mu, 1); returns x, y (bool) and the true MI."""
    y = RNG.random(n) < p1
    x = np.where(y, mu, -mu) + RNG.standard_normal(n)
    return x, y, mixture_mi_1d([-mu, mu], [1 - p1, p1])


def build(out):
    T = []

    def add(name, frame_or_text, x, y, truth, warn=(), writer=None, note=""):
        path = os.path.join(out, name)
        if writer is not None:
            writer(path)
        elif isinstance(frame_or_text, str):
            with open(path, "w", newline="") as f:
                f.write(frame_or_text)
        else:
            frame_or_text.to_csv(path, index=False)
        T.append({"file": name, "x": x, "y": y, "truth": truth, "warn": list(warn), "note": note})

    # --- scikit-learn's bundled data, as pandas writes them ---
    iris = datasets.load_iris(as_frame=True)
    fi = iris.frame
    feats = list(iris.feature_names)
    add("iris-index.csv", None, ",".join(feats), "target", label_range(fi[feats], fi.target),
        writer=lambda p: fi.to_csv(p), note="df.to_csv() with the index")
    # --y alone: X is the rest, which must not take in the index (iris is sorted by class: the row number predicts it)
    add("iris-index-rest.csv", None, None, "target", label_range(fi[feats], fi.target),
        writer=lambda p: fi.to_csv(p), note="--y only; the unnamed index column is not a feature")
    sp = fi.copy()
    sp["species"] = np.array(iris.target_names)[fi.target]
    sp = sp.drop(columns="target")
    add("iris-species-roundtrip.csv", None, None, "species", label_range(fi[feats], fi.target),
        writer=lambda p: pd.read_csv(_w(sp, p)).to_csv(p), note="read_csv(to_csv(df)).to_csv(): 'Unnamed: 0' and an index")
    add("iris-label-float.csv", sp.assign(species=fi.target.astype(float) + 1.0).rename(columns={"species": "label"}),
        ",".join(feats), "label", label_range(fi[feats], fi.target), note="label 1.0, 2.0, 3.0")
    add("iris-label-zero-padded.csv", sp.assign(species=[f"{t + 1:03d}" for t in fi.target]),
        ",".join(feats), "species", label_range(fi[feats], fi.target), note="label '001', '002', '003'")
    small = fi.groupby("target", group_keys=False).apply(lambda g: g.sample(10, random_state=1))
    add("iris-n30.csv", small, ",".join(feats), "target", label_range(small[feats], small.target), note="30 rows")

    wine = datasets.load_wine(as_frame=True)
    fw = wine.frame.copy()
    wf = list(wine.feature_names)
    fw["cultivar"] = np.array(["Barolo", "Grignolino", "Barbera"])[fw.target]
    fw = fw.drop(columns="target")
    wr = label_range(wine.data, wine.target)
    add("wine-cultivar.csv", fw, ",".join(wf), "cultivar", wr, note="string cultivar names")
    add("wine-crlf-bom.csv", None, ",".join(wf), "cultivar", wr,
        writer=lambda p: fw.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\r\n"), note="Excel: BOM + CRLF")
    add("wine-quote-all.csv", None, ",".join(wf), "cultivar", wr,
        writer=lambda p: fw.to_csv(p, index=False, quoting=1, encoding="utf-8-sig", lineterminator="\r\n"),
        note="every cell quoted")
    wd = fw.copy()
    wd["alcohol copy"] = wd["alcohol"]
    wd["batch"] = "B7"
    add("wine-dup-const.csv", wd, None, "cultivar", wr, warn=["alcohol copy", "batch"],
        note="a duplicated and a constant column among X")
    add("wine-rest.tsv", None, None, "cultivar", wr, writer=lambda p: fw.to_csv(p, sep="\t"), note="TSV with index, --y only")

    bc = datasets.load_breast_cancer(as_frame=True)
    fb = bc.frame.copy()
    fb["diagnosis"] = np.where(bc.target == 0, "malignant", "benign")
    fb = fb.drop(columns="target")
    five = ["mean radius", "mean texture", "mean smoothness", "worst concave points", "worst area"]
    add("bc-five.csv", fb, ",".join(five), "diagnosis", label_range(bc.data[five], bc.target), note="names with spaces")
    fbid = fb.copy()
    fbid.insert(0, "patient_id", [f"P{100000 + i * 7}" for i in range(len(fb))])
    add("bc-id-rest.csv", fbid, None, "diagnosis", label_range(bc.data, bc.target), warn=["patient_id"],
        note="string patient id among the rest: set aside")
    add("bc-id-only.csv", fbid, "patient_id", "diagnosis", {"kind": "refuse"}, note="an identifier alone: nothing usable")
    fbn = fb.copy()
    fbn.insert(0, "record", np.arange(1, len(fb) + 1) * 3 + 1000)
    add("bc-numeric-id.csv", fbn, "record", "diagnosis", label_range(fbn[["record"]], bc.target),
        note="a numeric record number as X (shuffled data: little to learn)")

    dg = datasets.load_digits(as_frame=True)
    fd = dg.frame
    add("digits.csv", fd, ",".join(dg.feature_names), "target", label_range(dg.data, dg.target),
        note="64 pixels vs digit")

    db = datasets.load_diabetes(as_frame=True, scaled=False)
    fdb = db.frame
    df_ = list(db.feature_names)
    add("diabetes-raw.csv", None, ",".join(df_), "target", regression_lower(db.data, db.target),
        writer=lambda p: fdb.to_csv(p), note="continuous target, 10 features, index")
    add("diabetes-bmi-s5.csv", fdb, "bmi,s5", "target", regression_lower(fdb[["bmi", "s5"]], fdb.target))
    fdbs = fdb.assign(sex=np.where(fdb.sex == 1, "female", "male"))
    add("diabetes-sex-str.csv", fdbs, ",".join(df_), "target", regression_lower(db.data, db.target),
        note="sex as a string category among continuous features")

    ln = datasets.load_linnerud(as_frame=True)
    fl = pd.concat([ln.data, ln.target], axis=1)
    add("linnerud.csv", fl, "Chins,Situps,Jumps", "Weight,Waist,Pulse", {"kind": "any"}, note="n = 20")

    # --- booleans in four spellings (Y ~ Bernoulli(1/2), X | Y ~ N(+-1, 1)) ---
    n = 1500
    x, yb, mi = binary_mixture(n, 1.0)
    for tag, f in [("TrueFalse", lambda b: "True" if b else "False"), ("truefalse", lambda b: "true" if b else "false"),
                   ("yesno", lambda b: "yes" if b else "no"), ("01", lambda b: "1" if b else "0")]:
        add(f"bool-{tag}.csv", pd.DataFrame({"score": x, "flag": [f(b) for b in yb]}), "score", "flag", point(mi))
    add("bool-as-x.csv", pd.DataFrame({"member": np.where(yb, "Y", "N"), "spend": x}), "member", "spend", point(mi),
        note="a Y/N feature against a continuous target")
    xb = pd.DataFrame({"score": x, "flag": pd.array(yb, dtype="boolean")})
    xb.loc[RNG.choice(n, 40, replace=False), "flag"] = pd.NA
    add("bool-with-na.csv", xb, "score", "flag", point(mi), warn=["40", "flag"], note="nullable boolean with 40 <NA>")

    # --- text quirks ---
    xg, yg, mig = gaussian_pairs(1000, [0.8, 0.6])
    words = ["fine", "late, again", 'said "no"', "two\nlines", "ok"]
    q = pd.DataFrame({"a": xg[:, 0], "b": xg[:, 1], "comment": RNG.choice(words, 1000), "c": yg[:, 0], "d": yg[:, 1]})
    add("quoted-commas-newlines.csv", q, "a,b", "c,d", point(mig), note="an unselected text column with , \" and newlines")
    trail = "a,b,c,d,\n" + "".join(f"{r[0]:.6f},{r[1]:.6f},{r[2]:.6f},{r[3]:.6f},\n" for r in np.hstack([xg, yg]))
    add("trailing-delimiter.csv", trail, "a,b", "c,d", point(mig), note="every line ends with a delimiter")
    trail2 = "a,b,c,d,,\n" + "".join(f"{r[0]:.6f},{r[1]:.6f},{r[2]:.6f},{r[3]:.6f},,\n" for r in np.hstack([xg, yg]))
    add("trailing-empty-columns.csv", trail2, "a,b", "c,d", point(mig), note="two empty columns at the end (Excel)")
    add("trailing-rest.csv", trail2, "a,b", None, point(mig), note="--x only: the empty columns are not Y")
    blanks = q[["a", "b", "c", "d"]].copy()
    blanks.loc[RNG.choice(1000, 30, replace=False), "b"] = np.nan
    add("missing-30.csv", blanks, "a,b", "c,d", point(mig), warn=["30", "b"], note="30 empty cells in b")
    ws = "   a     b     c     d\n" + "".join(f"{r[0]:8.4f} {r[1]:8.4f} {r[2]:8.4f} {r[3]:8.4f}\n" for r in np.hstack([xg, yg]))
    add("fixed-width.txt", ws, "a,b", "c,d", point(mig), note="df.to_string()-like, whitespace delimited")

    # money and percent: increasing maps of a Gaussian (MI unchanged)
    x1, y1, mi1 = gaussian_pairs(1000, [0.7])
    inc = np.round(np.exp(8 + 0.6 * x1[:, 0]), 0)
    add("thousands.csv", pd.DataFrame({"income": [f"{v:,.0f}" for v in inc], "y": y1[:, 0]}), "income", "y", point(mi1),
        note="quoted '12,345' thousands separators")
    add("currency.csv", pd.DataFrame({"price": [f"${v / 100:,.2f}" for v in inc], "y": y1[:, 0]}), "price", "y",
        point(mi1), note="'$1,234.56'")
    pct = stats.norm.cdf(x1[:, 0]) * 100
    add("percent.csv", pd.DataFrame({"share": [f"{v:.1f}%" for v in pct], "y": y1[:, 0]}), "share", "y", point(mi1),
        note="'42.3%'")
    mixed = pd.Series([f"{v:.3f}" for v in x1[:, 0]], dtype=object)
    mixed[RNG.choice(1000, 25, replace=False)] = "n/a"
    mixed[RNG.choice(1000, 3, replace=False)] = "abc"
    add("mixed-type.csv", pd.DataFrame({"m": mixed, "z": RNG.standard_normal(1000), "y": y1[:, 0]}), "m,z", "y",
        point(mi1), warn=["m"], note="numbers with n/a and a few 'abc' in one of two X columns")

    # names: spaces, unicode, duplicates
    xu, yu, miu = gaussian_pairs(800, [0.75])
    add("unicode-names.csv", pd.DataFrame({"température (°C)": xu[:, 0], "质量 kg": yu[:, 0]}), "température (°C)",
        "质量 kg", point(miu))
    dup = "v,v,w\n" + "".join(f"{a:.6f},{b:.6f},{c:.6f}\n" for a, b, c in zip(xu[:, 0], RNG.standard_normal(800), yu[:, 0]))
    add("duplicate-names.csv", dup, "0", "w", point(miu), note="header 'v,v,w' (pandas reads v, v.1, w)")
    add("duplicate-names-unselected.csv", dup, "v", "w", point(miu), note="select the first 'v'")

    # identifiers and high cardinality
    ni = 1200
    yid = RNG.integers(0, 2, ni)
    ids = pd.DataFrame({"customer": [f"C{RNG.integers(1e8):08d}" for _ in range(ni)], "churn": yid})
    add("id-as-x.csv", ids, "customer", "churn", {"kind": "refuse"}, note="unique string id vs label")
    # 300 cities, 4 rows each, independent of the label: truth 0
    cities = pd.DataFrame({"city": [f"city_{i % 300:03d}" for i in RNG.permutation(ni)], "churn": yid})
    add("city-300-independent.csv", cities, "city", "churn", point(0.0), note="300 levels x 4 rows, independent")
    # 40 cities, each with its own churn rate drawn from Beta(1,1): truth = exact sum
    rates = RNG.random(40)
    c40 = RNG.integers(0, 40, 4000)
    ch = (RNG.random(4000) < rates[c40]).astype(int)
    pm = rates.mean()
    mi40 = float(np.mean([_hb(pm) - _hb(r) for r in rates]))
    add("city-40.csv", pd.DataFrame({"city": [f"Town {i}" for i in c40], "churn": ch}), "city", "churn", point(mi40),
        note="40 towns, churn rate per town")

    # Likert ratings (heavy ties) against a continuous target
    nl = 1000
    r1 = RNG.integers(1, 6, nl)
    s = 0.8
    tgt = r1 + s * RNG.standard_normal(nl)
    add("likert-1.csv", pd.DataFrame({"rating": r1, "wellbeing": tgt}), "rating", "wellbeing",
        point(mixture_mi_1d(np.arange(1, 6), np.full(5, 0.2), s)))
    items = RNG.integers(1, 6, (nl, 10))
    tot = items.sum(1)
    t10 = tot + 2.0 * RNG.standard_normal(nl)
    pmf = np.array([1.0])
    for _ in range(10):
        pmf = np.convolve(pmf, np.full(5, 0.2))
    mil = mixture_mi_1d(np.arange(10, 51), pmf, 2.0)
    add("likert-10-items.csv", pd.DataFrame(items, columns=[f"Q{i + 1}" for i in range(10)]).assign(score=t10),
        "Q1..Q10", "score", point(mil), note="sum of 10 items + N(0, 4)")
    it3 = items[:, :3]
    t3 = it3.sum(1) + 1.0 * RNG.standard_normal(nl)
    pm3 = np.array([1.0])
    for _ in range(3):
        pm3 = np.convolve(pm3, np.full(5, 0.2))
    add("likert-3-items.csv", pd.DataFrame(it3, columns=["Q1", "Q2", "Q3"]).assign(score=t3), "Q1,Q2,Q3", "score",
        point(mixture_mi_1d(np.arange(3, 16), pm3, 1.0)))
    yl = (r1 >= 4).astype(int)
    add("likert-vs-label.csv", pd.DataFrame({"rating": r1, "recommend": np.where(yl, "yes", "no")}), "rating",
        "recommend", point(_hb(0.4)), note="recommend = rating >= 4: MI = H(Y)")

    # rare and imbalanced classes: X | Y=k ~ N(mu_k, 1) in 2-D, MI by Monte Carlo
    for tag, counts_ in [("rare-2", [400, 400, 400, 2]), ("rare-1", [400, 400, 400, 1])]:
        mus = np.array([[0, 0], [2.5, 0], [0, 2.5], [2.5, 2.5]])
        lab = np.repeat(np.arange(4), counts_)
        X = mus[lab] + RNG.standard_normal((len(lab), 2))
        names = np.array(["alpha", "beta", "gamma", "delta"])
        fr = pd.DataFrame(X, columns=["u", "v"]).assign(cls=names[lab]).sample(frac=1, random_state=0)
        add(f"label-{tag}.csv", fr, "u,v", "cls", point(_mc_mi(mus, np.array(counts_) / sum(counts_))),
            note=f"class sizes {counts_}")
    for p1, mu in [(0.01, 2.0), (0.05, 1.5)]:
        nn = 5000
        lab = (RNG.random(nn) < p1).astype(int)
        X = np.c_[np.where(lab == 1, mu, 0) + RNG.standard_normal(nn), RNG.standard_normal(nn)]
        add(f"imbalance-{int(p1 * 100)}pct.csv", pd.DataFrame(X, columns=["s1", "s2"]).assign(fraud=lab), "s1,s2",
            "fraud", point(mixture_mi_1d([0, mu], [1 - p1, p1])), note=f"{p1:.0%} positives")

    # small n
    for nn in (24, 60):
        xs_, ys_, mis = gaussian_pairs(nn, [0.9])
        add(f"small-n{nn}.csv", pd.DataFrame({"x": xs_[:, 0], "y": ys_[:, 0]}), "x", "y", point(mis), note="small n")

    # JSON lines as pandas writes them (booleans, nulls, strings)
    xj, yj, mij = binary_mixture(1000, 1.2)
    jf = pd.DataFrame({"score": xj, "ok": yj, "tag": RNG.choice(["a", "b"], 1000)})
    jf.loc[:9, "score"] = np.nan
    add("pandas.jsonl", None, "score", "ok", point(mij), warn=["10", "score"],
        writer=lambda p: jf.to_json(p, orient="records", lines=True), note="to_json(lines=True), 10 nulls")
    # JSON documents as pandas writes them (each from the frames above or its own generator: no shared draws)
    add("wine-records.json", None, ",".join(wf), "cultivar", wr, writer=lambda p: fw.to_json(p, orient="records"),
        note="df.to_json(orient='records')")
    add("wine-columns.json", None, ",".join(wf), "cultivar", wr, writer=lambda p: fw.to_json(p),
        note="df.to_json(): orient='columns', index keys '0', '1', ...")
    add("iris-columns-rest.json", None, None, "target", label_range(fi[feats], fi.target), warn=["DataFrame index"],
        writer=lambda p: fi.to_json(p), note="--y only; df.to_json()'s index (sorted by class) is not a feature")
    RJ = np.random.default_rng(41)
    xs_j = RJ.standard_normal(2000)
    ys_j = 0.8 * xs_j + 0.6 * RJ.standard_normal(2000)
    add("gauss-split.json", None, "x", "y", point(-0.5 * math.log(1 - 0.64)),
        writer=lambda p: pd.DataFrame({"x": xs_j, "y": ys_j}).to_json(p, orient="split"), note="orient='split'")

    # datetimes with a time of day as X (a trend in Y)
    nd = 1000
    t = pd.Timestamp("2021-03-01") + pd.to_timedelta(np.sort(RNG.random(nd)) * 365, unit="D")
    xt = np.linspace(0, 1, nd)
    yt = 3 * xt + 0.5 * RNG.standard_normal(nd)
    # X uniform on [0, 1] (the rank of the time), Y = 3X + N(0, 0.25): MI by quadrature of h(Y) - h(Y|X)
    hy = integrate.quad(lambda v: _ent_density(stats.norm.cdf((v) / 0.5) - stats.norm.cdf((v - 3) / 0.5), 3), -3, 6)[0]
    add("datetime.csv", pd.DataFrame({"when": t.strftime("%Y-%m-%d %H:%M:%S"), "load": yt}), "when", "load",
        point(hy - 0.5 * math.log(2 * math.pi * math.e * 0.25)), note="'2021-03-01 06:14:02' timestamps")

    # --- added after the first 54: each draws its own generator, so the tables above stay the same bytes ---
    # gzip, as pandas writes it (compression inferred from the name), and a gzip file whose name does not say so
    add("wine-cultivar.csv.gz", None, ",".join(wf), "cultivar", wr, writer=lambda p: fw.to_csv(p, index=False),
        note="df.to_csv('x.csv.gz'): gzip")
    add("wine-gzip-noext.dat", None, ",".join(wf), "cultivar", wr,
        writer=lambda p: fw.to_csv(p, index=False, compression="gzip"), note="gzip bytes in a file named .dat")
    R2 = np.random.default_rng(29)
    # accounting negatives: (1,021.77) is -1021.77; a linear map of a Gaussian pair (MI unchanged)
    xa = R2.standard_normal(1000)
    ya = 0.8 * xa + 0.6 * R2.standard_normal(1000)
    acc = [f"({abs(v):,.2f})" if v < 0 else f"{v:,.2f}" for v in np.round(1500 * xa, 2)]
    add("accounting-negatives.csv", pd.DataFrame({"amount": acc, "y": ya}), "amount", "y",
        point(-0.5 * math.log(1 - 0.64)), note="'(1,021.77)' for -1021.77 (Excel's accounting format)")
    # an integer count with stray texts: c ~ U{0..99}, t = c + U{0..29}; MI = H(t) - log 30 (exact sum)
    ci = R2.integers(0, 100, 1000)
    ti = ci + R2.integers(0, 30, 1000)
    cs = ci.astype(object)
    cs[R2.choice(1000, 15, replace=False)] = "unknown"
    cs[R2.choice(1000, 5, replace=False)] = "-"
    pt = np.convolve(np.full(100, 0.01), np.full(30, 1 / 30))
    add("int-stray.csv", pd.DataFrame({"count": cs, "target": ti}), "count", "target",
        point(-(pt * np.log(pt)).sum() - math.log(30)), warn=["count", "unknown"],
        note="integers 0..99 with 20 cells 'unknown' or '-'")
    # --x '*' beside --y NAME: the glob takes the rest (not the label, not the written index), as --y alone does
    add("wine-glob-rest.csv", None, "*", "cultivar", wr, warn=["DataFrame index"], writer=lambda p: fw.to_csv(p),
        note="--x '*' --y cultivar, df.to_csv() with the index")
    # Latin-1 (Windows-1252) text: four towns, two differing only by an accent; X | town ~ N(mu, 1)
    towns = np.array(["Café", "Cafè", "Zürich", "Málaga"])
    kt = R2.integers(0, 4, 1200)
    mt = np.array([0.0, 3.0, 1.5, -1.5])
    add("latin1-towns.csv", None, "town", "x", point(mixture_mi_1d(mt, np.full(4, 0.25))), warn=["Windows-1252"],
        writer=lambda p: pd.DataFrame({"town": towns[kt], "x": mt[kt] + R2.standard_normal(1200)}).to_csv(
            p, index=False, encoding="cp1252"), note="encoding='cp1252': 'Café' and 'Cafè' are two towns")
    # Excel's error values in the first column: '#DIV/0!' and '#N/A' rows are data (stray text, missing), not comments
    xe = R2.standard_normal(1000)
    ye = 0.7 * xe + math.sqrt(1 - 0.49) * R2.standard_normal(1000)
    ce = pd.Series([f"{v:.4f}" for v in xe], dtype=object)
    ce[R2.choice(1000, 12, replace=False)] = "#DIV/0!"
    ce[R2.choice(1000, 8, replace=False)] = "#N/A"
    add("excel-errors-first.csv", pd.DataFrame({"ratio": ce, "y": ye}), "ratio", "y", point(-0.5 * math.log(1 - 0.49)),
        warn=["#DIV/0!", "rows dropped"], note="'#DIV/0!' and '#N/A' cells in the first column")
    # Excel's "Unicode Text": UTF-16 with a byte-order mark, tab-separated
    add("wine-utf16.txt", None, ",".join(wf), "cultivar", wr,
        writer=lambda p: fw.to_csv(p, sep="\t", index=False, encoding="utf-16"), note="encoding='utf-16', tabs")
    return T


def _w(df, path):
    df.to_csv(path)
    return path


def _hb(p):
    return 0.0 if p <= 0 or p >= 1 else -(p * math.log(p) + (1 - p) * math.log(1 - p))


def _ent_density(mass, width):
    p = mass / width
    return -p * math.log(p) if p > 0 else 0.0


def _mc_mi(mus, probs, n=2_000_000):
    """I(X;Y) for X | Y=k ~ N(mus[k], I): the mean of log p(y|x) - log p(y) over 2e6 draws."""
    rng = np.random.default_rng(5)
    lab = rng.choice(len(probs), n, p=probs)
    X = mus[lab] + rng.standard_normal((n, mus.shape[1]))
    logl = -0.5 * ((X[:, None, :] - mus[None]) ** 2).sum(2) + np.log(probs)[None]
    m = logl.max(1, keepdims=True)
    post = logl[np.arange(n), lab] - (m[:, 0] + np.log(np.exp(logl - m).sum(1)))
    return float(np.mean(post - np.log(probs[lab])))


def check(entry, res, code, err):
    """One line of verdict: ok, or what is wrong."""
    truth = entry["truth"]
    if "Error" in err and "    at " in err:
        return "STACK TRACE"
    if truth["kind"] == "refuse":
        return "ok (refused)" if code != 0 and err.strip().count("\n") <= 1 else f"should refuse (code {code})"
    if code != 0 or res is None:
        return f"REFUSED: {err.strip().splitlines()[-1][:120] if err.strip() else code}"
    e = res["estimate"]
    bad = []
    if truth["kind"] == "point":
        tol = max(0.03, 0.1 * truth["value"])
        if abs(e - truth["value"]) > tol:
            bad.append(f"off by {e - truth['value']:+.3f}")
    elif truth["kind"] == "range":
        tol = max(0.03, 0.1 * truth["lo"])
        if e < truth["lo"] - tol:
            bad.append(f"below bound by {truth['lo'] - e:.3f}")
        if e > truth["hi"] + 0.05:
            bad.append(f"above H(Y) by {e - truth['hi']:.3f}")
    elif truth["kind"] == "lower":
        if e < truth["value"] - max(0.03, 0.1 * truth["value"]):
            bad.append(f"below sklearn by {truth['value'] - e:.3f}")
    text = " ".join(res.get("warnings", []))
    for w in entry["warn"]:
        if w not in text:
            bad.append(f"no warning naming '{w}'")
    if res.get("seconds", 0) > 60:
        bad.append(f"slow {res['seconds']:.0f} s")
    return "ok" if not bad else "; ".join(bad)


def run(out, entries, cli):
    print(f"{'table':34} {'code':>4} {'estimator':12} {'estimate':>8} {'truth':>15} {'sec':>5}  verdict")
    for e in entries:
        cmd = ["node", cli, "estimate", os.path.join(out, e["file"]), "--json", "-q"]
        if e["x"] is not None:
            cmd += ["--x", e["x"]]
        if e["y"] is not None:
            cmd += ["--y", e["y"]]
        t0 = time.time()
        p = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.time() - t0
        try:
            res = json.loads(p.stdout) if p.returncode == 0 else None
        except json.JSONDecodeError:
            res = None
        tr = e["truth"]
        shown = {"point": lambda: f"{tr['value']:.3f}", "range": lambda: f"[{tr['lo']:.3f},{tr['hi']:.3f}]",
                 "lower": lambda: f">={tr['value']:.3f}", "refuse": lambda: "refuse", "any": lambda: "-"}[tr["kind"]]()
        est = f"{res['estimate']:.3f}" if res else "-"
        who = res["settings"].get("choice", res["estimator"]) if res else "-"
        verdict = check(e, res, p.returncode, p.stderr) if tr["kind"] != "any" or res is None else "ok"
        print(f"{e['file']:34} {p.returncode:>4} {who:12} {est:>8} {shown:>15} {wall:5.1f}  {verdict}")
        if verdict not in ("ok", "ok (refused)") or (res and res.get("warnings")):
            for w in (res or {}).get("warnings", []):
                print(f"{'':40}warning: {w[:150]}")
            if res is None:
                print(f"{'':40}stderr: {p.stderr.strip()[:300]}")
        sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--run", action="store_true", help="run the CLI on each table and print the verdicts")
    ap.add_argument("--cli", default="dist/src/cli/bin.js")
    ap.add_argument("--only", default=None, help="substring of the table names to run")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    truth_path = os.path.join(a.out, "truth.json")
    if os.path.exists(truth_path) and a.run:
        entries = json.load(open(truth_path))
    else:
        entries = build(a.out)
        json.dump(entries, open(truth_path, "w"), indent=1)
    if a.run:
        run(a.out, [e for e in entries if a.only is None or a.only in e["file"]], a.cli)


if __name__ == "__main__":
    main()
