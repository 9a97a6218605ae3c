#!/usr/bin/env python3
"""Joins the JSON of several `infonce bench` runs into one side-by-side markdown table: one row per task, one column
per estimator, each cell the mean estimate over the seeds with the mean absolute error relative to the truth (absolute,
±nats, where the truth is 0), "failed" when every run of the cell failed. Runs must share n and seeds (the samples are
then the same: a (task, seed) sample does not depend on the estimator).

    python3 scripts/side-by-side.py A.json B.json ... > table.md

Where two files hold the same (task, estimator) cell the first wins. Used for docs/benchmarks.md, "Every estimator
side by side"; the commands that made the JSON files are in that section.
"""
import json
import sys


def main(paths):
    cells, tasks, estimators, truth, n, seeds = {}, [], [], {}, None, None
    for path in paths:
        with open(path) as f:
            d = json.load(f)
        if n is None:
            n, seeds = d["settings"]["n"], d["settings"]["seeds"]
        elif (d["settings"]["n"], d["settings"]["seeds"]) != (n, seeds):
            sys.exit(f"{path}: n/seeds {d['settings']['n']}/{d['settings']['seeds']} differ from {n}/{seeds}")
        fresh = {}
        for r in d["rows"]:
            fresh.setdefault((r["task"], r["estimator"]), []).append(r)
            truth[r["task"]] = r["truth"]
            if r["task"] not in tasks:
                tasks.append(r["task"])
            if r["estimator"] not in estimators:
                estimators.append(r["estimator"])
        for key, rows in fresh.items():
            cells.setdefault(key, rows)
    print(f"n = {n:,}, seeds {', '.join(map(str, seeds))}; mean estimate (mean absolute error) in nats.\n")
    print("| task | true MI | " + " | ".join(estimators) + " |")
    print("|---|---:|" + "---:|" * len(estimators))
    for t in tasks:
        out = []
        for e in estimators:
            rows = cells.get((t, e))
            if rows is None:
                out.append("")
                continue
            ok = [r for r in rows if r["status"] == "ok" and r["estimate"] is not None]
            if not ok:
                out.append("failed")
                continue
            mean = sum(r["estimate"] for r in ok) / len(ok)
            mae = sum(abs(r["estimate"] - truth[t]) for r in ok) / len(ok)
            rel = 100 * mae / truth[t] if truth[t] != 0 else 0
            err = f"±{mae:.3f}" if truth[t] == 0 else (f"{rel:.0f}%" if rel >= 10 else f"{rel:.1f}%")
            flag = " ⚠" if any(r.get("saturated") for r in ok) else ""
            failed = f", {len(rows) - len(ok)} failed" if len(ok) < len(rows) else ""
            out.append(f"{mean:.3f} ({err}{failed}){flag}")
        print(f"| {t} | {truth[t]:.3f} | " + " | ".join(out) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
