#!/usr/bin/env python3
"""`infonce estimate` (auto) on a deterministic sample of the Rdatasets collection (issue 11), with scikit-learn's bar.

    /usr/bin/python3 scripts/sweep-rdatasets.py DATA_DIR [--sample 150] [--max-bytes 200000] [--min-bytes 0]
                                                [--seed 0]
                                                [--only FILE ...] [--kind label|numeric] [--no-bar] [--timeout 120]

DATA_DIR holds the collection's csv/ folder (github.com/vincentarelbundock/Rdatasets: one folder an R package, one
CSV a data set, as `pandas.read_csv` users meet them; nothing is downloaded here). Nobody here chose these tables or
their targets, which is the point: the selections are made by rule, not by hand.
  sample   the tables of --min-bytes to --max-bytes bytes, ordered by a seeded hash of their path, first --sample of them
  label    the last text column with 2 to 30 values, each value seen at least twice on average 
  numeric  the last numeric column with more than 10 distinct values that is not the row names
Y is that column and X all the others but the row names (`estimate FILE --x ... --y Y`; infonce leaves a leading
`rownames` column out by default too, as a written data-frame index). The runs, the timing, the row format and the bar are
scripts/sweep-vega-datasets.py's `sweep`.
"""
import argparse
import hashlib
import importlib.util
import os
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("sweep_vega", os.path.join(HERE, "sweep-vega-datasets.py"))
_vega = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_vega)


def targets(path):
    """The (Y, kind) selections of one table by the rule above; none for a table with a single column left."""
    frame = _vega.read(path)
    cols = [c for c in frame.columns if c != "rownames"]
    if len(cols) < 2:
        return []
    out = []
    text = [c for c in cols if frame[c].dtype == object or frame[c].dtype == bool]
    labels = [c for c in text if 2 <= frame[c].nunique() <= 30 and frame[c].nunique() * 2 <= frame[c].notna().sum()]
    if labels:
        out.append((labels[-1], "label"))
    nums = [c for c in cols if c not in text and frame[c].nunique() > 10]
    if nums:
        out.append((nums[-1], "numeric"))
    return out


def runs(data, sample, max_bytes, seed, min_bytes=0):
    files = []
    for root, _, names in os.walk(data):
        for n in names:
            if n.endswith(".csv") and min_bytes <= os.path.getsize(os.path.join(root, n)) <= max_bytes:
                files.append(os.path.relpath(os.path.join(root, n), data))
    files.sort(key=lambda f: hashlib.sha256(f"{seed}:{f}".encode()).hexdigest())
    out = []
    for f in files[:sample]:
        try:
            for y, kind in targets(os.path.join(data, f)):
                # X: every other column but the row names, named so that the bar leaves them out as infonce does
                # (nor pandas' name for a blank leading header cell, which infonce calls by its number)
                cols = [c for c in _vega.read(os.path.join(data, f)).columns
                        if c not in (y, "rownames") and not c.startswith("Unnamed: ")]
                if cols:  # a table of row names and one column has no X to select
                    out.append((f, cols, y, kind))
        except Exception as e:  # pandas cannot read it: say so, infonce is not run on it
            print(f"<!-- {f}: pandas cannot read it ({type(e).__name__}) -->", file=sys.stderr)
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("data")
    ap.add_argument("--sample", type=int, default=150)
    ap.add_argument("--max-bytes", type=int, default=200000)
    ap.add_argument("--min-bytes", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    a, rest = ap.parse_known_args()
    sys.exit(_vega.sweep(runs(a.data, a.sample, a.max_bytes, a.seed, a.min_bytes), [a.data] + rest))
