#!/usr/bin/env python3
"""Before/after of a change on the selections earlier sweeps made: each row of the sweep tables given (the markdown
that scripts/sweep-rdatasets.py and its kin print) whose estimator was --chose, run again with two builds.

    /usr/bin/python3 scripts/compare-builds.py BEFORE_BIN AFTER_BIN SWEEP.md ... --data RDATASETS/csv
                                              [--chose classifier] [--max-seconds 30]

BEFORE_BIN and AFTER_BIN are two builds' dist/src/cli/bin.js (a checkout's copy of dist/ for the before). Prints one
tab-separated line a selection: file, Y, the bar, the estimates before and after, and what each chose; the counts of
those that moved close it. Rows that took more than --max-seconds in their sweep are left out, as are repeats.
"""
import argparse
import json
import re
import subprocess

SELECTION = re.compile(r"(?:--x (\S+) )?--y '(.*)'")


def estimate(bin_path, path, x, y):
    cmd = ["node", bin_path, "estimate", "-q", path, "--y", y, "--json"] + (["--x", x] if x else [])
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return None, "refused"
    r = json.loads(p.stdout)
    return r["estimate"], r["settings"].get("choice", r["estimator"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("sweeps", nargs="+")
    ap.add_argument("--data", required=True)
    ap.add_argument("--chose", default="classifier")
    ap.add_argument("--max-seconds", type=float, default=30)
    a = ap.parse_args()
    seen = set()
    moved = total = 0
    for sweep in a.sweeps:
        for line in open(sweep):
            c = [v.strip() for v in line.split("|")]
            if len(c) < 8 or c[3] != a.chose or (c[1], c[2]) in seen:
                continue
            try:
                if float(c[6]) > a.max_seconds:
                    continue
            except ValueError:
                continue
            m = SELECTION.match(c[2])
            if not m:
                continue
            seen.add((c[1], c[2]))
            path = f"{a.data}/{c[1]}"
            e0, c0 = estimate(a.before, path, m.group(1), m.group(2))
            e1, c1 = estimate(a.after, path, m.group(1), m.group(2))
            total += 1
            changed = e0 is None or e1 is None or round(e0, 3) != round(e1, 3)
            moved += changed
            show = lambda e: "—" if e is None else f"{e:.3f}"
            print(f"{c[1]}\t{m.group(2)}\t{c[5]}\t{show(e0)}\t{show(e1)}\t{c0}/{c1}{chr(9) + 'moved' if changed else ''}",
                  flush=True)
    print(f"{moved} of {total} selections moved")


if __name__ == "__main__":
    main()
