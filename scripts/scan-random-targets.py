#!/usr/bin/env python3
"""A scan for crashes: `infonce estimate` with a random column of each table as Y (issue 11: never a stack trace,
never a silent impossible number).

    /usr/bin/python3 scripts/scan-random-targets.py DATA_DIR [--seed 0] [--sample 150] [--targets 1]
                                                    [--min-bytes 0] [--max-bytes 300000] [--timeout 90] [--bin BIN]

The tables: the .csv, .data and .txt files under DATA_DIR of --min-bytes to --max-bytes, ordered by a seeded hash of
their path, the first --sample of them; --targets columns of each drawn by the seed (by position, so headerless files
count too). Prints a line for each run that is BAD (a stack trace, an exit code outside docs/cli.md's, a non-finite
estimate), NEG (an estimate below 0), TIMEOUT or SLOW (over 60 s), then the exit codes counted. The Rdatasets and
UCI scans in docs/benchmarks.md are this script.
"""
import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = {0, 2, 3, 4, 5, 6, 7, 8, 9, 10}  # success and the documented failures (src/cli/exit-codes.ts); 70 is internal


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample", type=int, default=150)
    ap.add_argument("--targets", type=int, default=1)
    ap.add_argument("--min-bytes", type=int, default=0)
    ap.add_argument("--max-bytes", type=int, default=300000)
    ap.add_argument("--timeout", type=float, default=90)
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(HERE), "dist/src/cli/bin.js"))
    a = ap.parse_args()
    files = []
    for root, _, names in os.walk(a.data):
        for n in names:
            p = os.path.join(root, n)
            if n.endswith((".csv", ".data", ".txt")) and a.min_bytes <= os.path.getsize(p) <= a.max_bytes:
                files.append(p)
    files.sort(key=lambda f: hashlib.sha256(f"{a.seed}:{f}".encode()).hexdigest())
    counts = {}
    for f in files[: a.sample]:
        # The field count from infonce's own message when asked for nothing ('has N fields (…); say which').
        probe = subprocess.run(["node", a.bin, "estimate", "-q", f], capture_output=True, text=True)
        m = re.search(r"has (\d+) fields", probe.stderr)
        if not m:
            continue
        draw = random.Random(f"{a.seed}:{f}")
        for y in draw.sample(range(int(m.group(1))), min(a.targets, int(m.group(1)))):
            t = time.time()
            try:
                p = subprocess.run(["node", a.bin, "estimate", "-q", f, "--y", str(y), "--json"],
                                   capture_output=True, text=True, timeout=a.timeout)
            except subprocess.TimeoutExpired:
                print("TIMEOUT", f, y, flush=True)
                continue
            secs = time.time() - t
            counts[p.returncode] = counts.get(p.returncode, 0) + 1
            trace = "    at " in p.stderr or re.search(r"\b(TypeError|RangeError|ReferenceError)\b", p.stderr)
            bad = bool(trace) or p.returncode not in CODES
            estimate = None
            if p.returncode == 0:
                estimate = json.loads(p.stdout)["estimate"]
                bad = bad or estimate != estimate or abs(estimate) == float("inf")
            if bad:
                print("BAD", p.returncode, f, y, p.stderr.strip()[-300:], flush=True)
            elif estimate is not None and estimate < 0:
                print("NEG", f, y, estimate, flush=True)
            elif secs > 60:
                print("SLOW", round(secs), f, y, flush=True)
    print("exit codes", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
