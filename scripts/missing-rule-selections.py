#!/usr/bin/env python3
"""The Rdatasets selections where one of infonce's missing-cell rules can fire (docs/benchmarks.md, "A twelfth look").

    /usr/bin/python3 scripts/missing-rule-selections.py DATA_DIR --rule scattered|masking [--max-bytes 200000]

Prints one line per selection (file, Y, kind; the selections of scripts/sweep-rdatasets.py's rule) and, last, the
files as one line for `sweep-rdatasets.py DATA_DIR --sample 100000 --only FILES`:
  scattered  after the mostly-empty rule, the rows complete in every X column and Y are fewer than half of those with
             a Y (scattered-missing.ts can set columns aside)
  masking    after the scattered rule, some X column is missing on every row of a value of Y held by 10 rows or more
             (target-masking.ts sets it aside)
The rules are mirrored by scripts/sweep-vega-datasets.py (`without_scattered_missing`, `without_target_masking`).
"""
import argparse
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("sweep_rdatasets", os.path.join(HERE, "sweep-rdatasets.py"))
_rd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_rd)
_vega = _rd._vega


def fires(frame, xs, y, rule):
    xs = [c for c in xs if frame[c].isna().mean() <= 0.5] or xs
    if rule == "scattered":
        reach = frame[y].notna()
        return (reach & frame[xs].notna().all(axis=1)).sum() < 0.5 * reach.sum()
    xs = _vega.without_scattered_missing(frame, xs, y)
    return len(_vega.without_target_masking(frame, xs, y)) < len(xs)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--rule", choices=["scattered", "masking"], required=True)
    ap.add_argument("--max-bytes", type=int, default=200000)
    a = ap.parse_args()
    files = []
    for root, _, names in sorted(os.walk(a.data)):
        for n in sorted(names):
            path = os.path.join(root, n)
            if not n.endswith(".csv") or os.path.getsize(path) > a.max_bytes:
                continue
            try:
                frame = _vega.read(path)
                selections = _rd.targets(path)
            except Exception:  # pandas cannot read it; the sweep skips it too
                continue
            for y, kind in selections:
                xs = [c for c in frame.columns if c not in (y, "rownames") and not c.startswith("Unnamed: ")]
                if xs and fires(frame, xs, y, a.rule):
                    rel = os.path.relpath(path, a.data)
                    print(f"{rel}\t{y}\t{kind}")
                    files.append(rel)
    print(" ".join(sorted(set(files))))
