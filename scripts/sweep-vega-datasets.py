#!/usr/bin/env python3
"""`infonce estimate` (auto) on the public tables of the npm package vega-datasets (issue 11), with scikit-learn's bar.

    /usr/bin/python3 scripts/sweep-vega-datasets.py DATA_DIR [--only FILE ...] [--kind label|numeric] [--no-bar]
                                                    [--timeout 120] [--bin CLI]

DATA_DIR is the package's data/ folder, unpacked by the reader (`npm pack vega-datasets` and tar); nothing is
downloaded here. Each run is `node dist/src/cli/bin.js estimate -q FILE [--x A,B] --y Y --json`, timed; one row per
run: file, selection, chosen estimator, estimate (nats), the bar, seconds, and the first words of each warning.

The bar comes from outside infonce, on the rows infonce kept (pandas reads the same file; rows with a missing cell
in the selected columns dropped; text columns one-hot coded, dates as days, identifiers left out as infonce does):
  label    the best 5-fold held-out H(Y) - cross-entropy of LogisticRegressionCV and HistGradientBoosting (a lower
           bound on I(X;Y) that infonce should reach), and H(Y) (an upper bound)
  numeric  the best 5-fold held-out -1/2 log(1 - R^2) of RidgeCV and GradientBoosting on Y's normal scores
These are scripts/sweep-real-tables.py's label_range and regression_lower.
"""
import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("sweep_real", os.path.join(HERE, "sweep-real-tables.py"))
_real = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_real)

# (file, X columns or None for "all the rest", Y column, "label" | "numeric")
RUNS = [
    ("airports.csv", None, "state", "label"),
    ("airports.csv", ["latitude", "longitude"], "state", "label"),
    ("birdstrikes.csv", None, "Effect Amount of damage", "label"),
    ("birdstrikes.csv", None, "Wildlife Size", "label"),
    ("co2-concentration.csv", None, "CO2", "numeric"),
    ("disasters.csv", None, "Entity", "label"),
    ("flights-airport.csv", None, "count", "numeric"),
    ("gapminder-health-income.csv", None, "region", "label"),
    ("github.csv", ["time"], "count", "numeric"),
    ("global-temp.csv", None, "temp", "numeric"),
    ("iowa-electricity.csv", None, "source", "label"),
    ("la-riots.csv", None, "type", "label"),
    ("la-riots.csv", None, "age", "numeric"),
    ("population_engineers_hurricanes.csv", None, "hurricanes", "numeric"),
    ("seattle-weather-hourly-normals.csv", None, "temperature", "numeric"),
    ("seattle-weather.csv", None, "weather", "label"),
    ("seattle-weather.csv", ["temp_max", "temp_min"], "weather", "label"),
    ("sp500-2000.csv", None, "volume", "numeric"),
    ("species.csv", None, "habitat_yearround_pct", "numeric"),
    ("stocks.csv", None, "symbol", "label"),
    ("stocks.csv", ["date"], "price", "numeric"),
    ("us-employment.csv", None, "nonfarm", "numeric"),
    ("weather.csv", None, "weather", "label"),
    ("weather.csv", None, "location", "label"),
    ("windvectors.csv", None, "speed", "numeric"),
    ("windvectors.csv", None, "dirCat", "label"),
    ("zipcodes.csv", ["longitude"], "state", "label"),
    ("zipcodes.csv", None, "state", "label"),
    ("sp500.csv", ["date"], "price", "numeric"),
    ("unemployment.tsv", None, "rate", "numeric"),
    ("anscombe.json", None, "Series", "label"),
    ("barley.json", None, "yield", "numeric"),
    ("barley.json", None, "site", "label"),
    ("budgets.json", None, "value", "numeric"),
    ("cars.json", None, "Origin", "label"),
    ("cars.json", None, "Miles_per_Gallon", "numeric"),
    ("countries.json", None, "life_expect", "numeric"),
    ("flights-10k.json", None, "delay", "numeric"),
    ("flights-10k.json", ["date"], "delay", "numeric"),
    ("flights-20k.json", None, "origin", "label"),
    ("flights-200k.json", None, "delay", "numeric"),
    ("football.json", None, "home_score", "numeric"),
    ("gapminder.json", None, "cluster", "label"),
    ("gapminder.json", None, "life_expect", "numeric"),
    ("income.json", None, "region", "label"),
    ("jobs.json", None, "sex", "label"),
    ("jobs.json", None, "perc", "numeric"),
    ("movies.json", None, "MPAA Rating", "label"),
    ("movies.json", None, "IMDB Rating", "numeric"),
    ("normal-2d.json", None, "v", "numeric"),
    ("ohlc.json", None, "signal", "label"),
    ("penguins.json", None, "Species", "label"),
    ("penguins.json", None, "Body Mass (g)", "numeric"),
    ("platformer-terrain.json", None, "name", "label"),
    ("political-contributions.json", None, "Party_Affiliation", "label"),
    ("population.json", None, "people", "numeric"),
    ("population.json", None, "sex", "label"),
    ("unemployment-across-industries.json", None, "series", "label"),
    ("unemployment-across-industries.json", None, "rate", "numeric"),
    ("us-state-capitals.json", None, "state", "label"),
    ("wheat.json", None, "wheat", "numeric"),
    ("crimea.json", None, "disease", "numeric"),
    ("driving.json", None, "gas", "numeric"),
]


# infonce's default missing words (src/node/read/missing-values.ts, any case), in place of pandas' own: the UCI
# repository's '?' is missing, and 'None' is a category (R's data use it as one; pandas' default reads it as missing)
NA_WORDS = ["", "?", "NA", "na", "Na", "N/A", "n/a", "NaN", "nan", "NAN", "-NaN", "-nan", "null", "NULL", "Null",
            "#N/A", "#n/a"]


def read(path):
    if path.endswith(".json"):
        return pd.DataFrame(json.load(open(path)))
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        head = f.readline()
    sep = "\t" if path.endswith(".tsv") else ";" if head.count(";") > head.count(",") else ","
    try:
        frame = pd.read_csv(path, sep=sep, low_memory=False, keep_default_na=False, na_values=NA_WORDS, encoding="utf-8-sig")
    except UnicodeDecodeError:  # not UTF-8: Windows-1252, as infonce reads it
        frame = pd.read_csv(path, sep=sep, low_memory=False, keep_default_na=False, na_values=NA_WORDS, encoding="cp1252")
    return frame.replace(r"^\s*$", np.nan, regex=True)  # a blank cell is missing to infonce, as an empty one


FORMATTED = re.compile(r"^\s*[-+]?[$€£]?\s*[-+]?[\d,]*\.?\d+\s*%?\s*$")


def as_number(s):
    """A text column of formatted numbers ('25,649', '7.47%', '$1,200') as floats, as infonce reads them; else None."""
    t = s.astype(str)
    if not t.map(lambda v: bool(FORMATTED.match(v))).all():
        return None
    return pd.to_numeric(t.str.replace(r"[\s$€£,%]", "", regex=True), errors="coerce")


def design(frame, x_names):
    """X as scikit-learn sees it: numbers kept, dates as days, identifiers (a label a row) out, other text one-hot."""
    cols = []
    for c in x_names:
        s = frame[c]
        if s.dtype == object:
            n = as_number(s)
            if n is not None:
                cols.append(n.to_frame(c))
                continue
            d = pd.to_datetime(s, errors="coerce", utc=True).dt.tz_localize(None)  # mixed zones: one UTC clock
            if d.notna().all():
                cols.append(((d - pd.Timestamp("1970-01-01")).dt.total_seconds() / 86400).to_frame(c))
                continue
            if s.nunique() > 0.5 * len(s) or s.nunique() > 200:
                continue
            cols.append(pd.get_dummies(s.astype(str), prefix=c, dtype=float))
        else:
            cols.append(s.astype(float).to_frame(c))
    return pd.concat(cols, axis=1).to_numpy(float) if cols else None


def without_scattered_missing(frame, x_names, y):
    """infonce's rule for missing cells scattered over many columns (scattered-missing.ts): while the complete rows are
    fewer than half of those with a target, the X column with the most missing cells is set aside; then each one
    whose return costs no complete row is put back."""
    reach = frame[y].notna()
    complete = lambda cols: int((reach & ~frame[cols].isna().any(axis=1)).sum())
    cols = list(x_names)
    if len(cols) < 2 or complete(cols) >= 0.5 * int(reach.sum()):
        return cols
    missing = frame[cols].isna().sum()
    removed = []
    for c in sorted((c for c in cols if missing[c] > 0), key=lambda c: -missing[c]):
        if complete(cols) >= 0.5 * int(reach.sum()):
            break
        if len(cols) > 1:
            cols.remove(c)
            removed.append(c)
    for c in reversed(removed):
        if complete(cols + [c]) == complete(cols):
            cols.append(c)
    return [c for c in x_names if c in cols]


def without_target_masking(frame, x_names, y, min_rows=10):
    """infonce's rule for a column missing wherever the target has some value (target-masking.ts): a column missing on
    every row of a value of Y held by min_rows rows or more is set aside rather than allowed to remove that value."""
    counts = frame[y].value_counts()
    values = [v for v in counts.index if counts[v] >= min_rows]
    masked = [c for c in x_names if any(frame.loc[frame[y] == v, c].isna().all() for v in values)]
    kept = [c for c in x_names if c not in masked]
    return kept or x_names[-1:]


def bar(path, x, y, kind):
    frame = read(path)
    frame = frame[[c for c in frame.columns if frame[c].map(lambda v: isinstance(v, (dict, list))).sum() == 0]]
    x_names = x if x is not None else [c for c in frame.columns if c != y]
    # A column more than half empty is set aside by infonce (costly-columns.ts), not allowed to drop most rows.
    x_names = [c for c in x_names if frame[c].isna().mean() <= 0.5] or x_names
    x_names = without_scattered_missing(frame, x_names, y)
    x_names = without_target_masking(frame, x_names, y)
    frame = frame[x_names + [y]].dropna()
    if len(frame) > 20000:
        frame = frame.sample(20000, random_state=0)
    X = design(frame, x_names)
    if X is None:
        return None
    if kind == "label":
        r = _real.label_range(X, frame[y].astype(str).to_numpy())
        return f"[{r['lo']:.3f}, {r['hi']:.3f}]"
    target = as_number(frame[y]) if frame[y].dtype == object else frame[y].astype(float)
    return f">= {_real.regression_lower(X, target.to_numpy(float))['value']:.3f}"


def sweep(runs, argv=None):
    """Run each (file, x, y, kind) of `runs` on the data folder named in argv; print one markdown row a run."""
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--kind", choices=["label", "numeric"], help="run only the label or only the numeric selections")
    ap.add_argument("--no-bar", action="store_true")
    ap.add_argument("--timeout", type=float, default=120, help="seconds a run may take before it is stopped")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(HERE), "dist/src/cli/bin.js"),
                    help="the CLI to run (another build's dist/src/cli/bin.js for a before/after)")
    a = ap.parse_args(argv)
    print("| file | selection | chose | estimate (nats) | scikit-learn bar | seconds | warnings |")
    print("|---|---|---|---|---|---|---|")
    for f, x, y, kind in runs:
        if (a.only and f not in a.only) or (a.kind and kind != a.kind):
            continue
        path = os.path.join(a.data, f)
        cmd = ["node", a.bin, "estimate", "-q", path, "--y", y, "--json"]
        if x is not None:
            cmd += ["--x", ",".join(x)]
        t = time.time()
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=a.timeout)
        except subprocess.TimeoutExpired:
            p = None
        secs = time.time() - t
        sel = (f"--x {','.join(x)} " if x else "") + f"--y '{y}'"
        if p is None:
            chose, est, warn = f"stopped at {a.timeout} s", "—", ""
        elif p.returncode != 0:
            chose, est, warn = "refused", "—", p.stderr.strip().splitlines()[-1][:120] if p.stderr.strip() else ""
        else:
            r = json.loads(p.stdout)
            chose, est = r["settings"].get("choice", r["estimator"]), f"{r['estimate']:.3f}"
            warn = "; ".join(w.split(":")[0][:60] for w in r.get("warnings", []))
        b = ""
        if not a.no_bar:
            try:
                b = bar(path, x, y, kind) or ""
            except Exception as e:  # a bar that cannot be computed is a cell, not the end of the sweep
                b = f"no bar ({type(e).__name__})"
        print(f"| {f} | {sel} | {chose} | {est} | {b} | {secs:.1f} | {warn} |", flush=True)


def main():
    sweep(RUNS)

if __name__ == "__main__":
    sys.exit(main())
