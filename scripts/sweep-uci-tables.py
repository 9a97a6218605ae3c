#!/usr/bin/env python3
"""`infonce estimate` (auto) on the classic UCI tables as their files are, with scikit-learn's bar (issue 11).

    /usr/bin/python3 scripts/sweep-uci-tables.py DATA_DIR [--only FILE ...] [--no-bar] [--timeout 120] [--bin BIN]

DATA_DIR holds such files as courses and blog posts pass them around: headerless `.data` files, `?` for a missing
cell, whitespace-separated records with quoted names (auto-mpg.data), a written pandas index, `.csv` copies with a
header (the folders of github.com/cdvel/Datasets and github.com/Thilakraj1998/Datasets_general hold the ones in
docs/benchmarks.md, github.com/edwibedi/Auto-MPG auto-mpg.data; nothing is downloaded here). Nobody here chose the
targets: Y is each file's last column that is neither empty nor an identifier (a text with one value in most rows),
X the others; a label when it is text or holds at most 10 integer values, else a number. The bar reads the file as
infonce did (`infonce inspect --json` gives the delimiter and whether there is a header) with pandas; the runs, the
row format and the bar are scripts/sweep-vega-datasets.py's `sweep`.
"""
import functools
import importlib.util
import json
import os
import subprocess
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("sweep_vega", os.path.join(HERE, "sweep-vega-datasets.py"))
_vega = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_vega)
BIN = os.path.join(os.path.dirname(HERE), "dist/src/cli/bin.js")


@functools.lru_cache(maxsize=None)  # asked by the selection and again by the bar: one set of inspect runs a file
def reading(path):
    """How infonce read the file: its delimiter and whether its first record is a header (None: it could not). Asked
    of two columns by position; a pair that infonce refuses (an identifier, a constant) is followed by the next."""
    for a in range(4):
        cmd = ["node", BIN, "inspect", path, "--x", str(a), "--y", str(a + 1), "--json"]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode == 0:
            return json.loads(p.stdout)["source"]
    return None


def read_as_infonce(path):
    """The table as pandas reads it with infonce's delimiter and header (columns named by text, '0', '1', … if none)."""
    src = reading(path) or {"delimiter": ",", "header": True}
    sep = {"tab": "\t", "whitespace": r"\s+"}.get(src["delimiter"], src["delimiter"])
    frame = pd.read_csv(path, sep=sep, header=0 if src["header"] else None, keep_default_na=False,
                        na_values=_vega.NA_WORDS, skipinitialspace=True, encoding_errors="replace")
    frame.columns = [str(c) for c in frame.columns]
    return frame.replace(r"^\s*$", float("nan"), regex=True)


def runs(data):
    out = []
    for f in sorted(os.listdir(data)):
        path = os.path.join(data, f)
        if not f.endswith((".data", ".csv", ".txt")) or os.path.getsize(path) == 0:
            continue
        try:
            frame = read_as_infonce(path)
        except Exception:  # a file pandas cannot read this way has no selection (seaborn's three-row header)
            continue
        # Not an empty column (a trailing delimiter makes one) nor an identifier (a text of one value in most rows).
        usable = [c for c in frame.columns if frame[c].notna().any()
                  and not (frame[c].dtype == object and frame[c].nunique() > 0.5 * frame[c].notna().sum())]
        if not usable:
            continue
        y = usable[-1]
        s = frame[y].dropna()
        whole = pd.api.types.is_numeric_dtype(s) and (s == s.round()).all()
        kind = "label" if s.dtype == object or (whole and s.nunique() <= 10) else "numeric"
        out.append((f, None, y, kind))
    return out


def main():
    data = sys.argv[1]
    global BIN
    if "--bin" in sys.argv:
        BIN = sys.argv[sys.argv.index("--bin") + 1]
    _vega.read = read_as_infonce  # the bar reads each file as infonce did
    _vega.sweep(runs(data))


if __name__ == "__main__":
    sys.exit(main())
