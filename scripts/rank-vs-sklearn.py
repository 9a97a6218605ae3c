#!/usr/bin/env python3
"""Times `infonce rank --estimator ksg --k 3` against scikit-learn's mutual_info_regression(n_neighbors=3), whole
processes, on the same CSV, alternately, and checks the agreement (docs/benchmarks.md, "Feature ranking").

Both run as the user runs them: a fresh process that reads the CSV and prints the result. Reported per side:
median wall seconds and median CPU seconds (user + sys of the process and its threads) over --reps runs; then
max |infonce − sklearn| over the features after sklearn's clip at 0, and whether the top 5 agree. The machine's
load average is printed beside the figures.

  python3 scripts/rank-vs-sklearn.py --n 20000 --d 40 --reps 3
  python3 scripts/rank-vs-sklearn.py --n 20000 --d 40 --reps 3 --infonce-args "--replicates 0"
"""
import argparse, json, os, resource, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "rank-sklearn-ref.py")
BIN = os.path.join(HERE, "..", "dist", "src", "cli", "bin.js")


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    wall = time.time() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out, wall, cpu


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=20000); p.add_argument("--d", type=int, default=40)
    p.add_argument("--seed", type=int, default=0); p.add_argument("--reps", type=int, default=3)
    p.add_argument("--csv", default="/tmp/infonce-rank-bench.csv")
    p.add_argument("--infonce-args", default="", help="extra flags for infonce rank")
    a = p.parse_args()
    subprocess.run([sys.executable, REF, "--n", str(a.n), "--d", str(a.d), "--seed", str(a.seed), "--csv", a.csv],
                   check=True, capture_output=True)
    sk_cmd = [sys.executable, REF, "--read", a.csv, "--seed", str(a.seed)]
    inf_cmd = ["node", BIN, "rank", a.csv, "--target", "y", "--estimator", "ksg", "--k", "3", "--json", "--quiet"]
    inf_cmd += a.infonce_args.split()
    walls = {"sklearn": [], "infonce": []}
    cpus = {"sklearn": [], "infonce": []}
    results = {}
    print(f"load average before: {os.getloadavg()}")
    for r in range(a.reps):
        for name, cmd in (("sklearn", sk_cmd), ("infonce", inf_cmd)):
            out, wall, cpu = timed(cmd)
            walls[name].append(wall); cpus[name].append(cpu); results[name] = json.loads(out)
    sk = results["sklearn"]["features"]
    inf = {f["name"]: f["estimate"] for f in results["infonce"]["features"]}
    diff = max(abs(max(0.0, inf[k]) - v) for k, v in sk.items())
    top_inf = [f["name"] for f in results["infonce"]["features"][:5]]
    med = {k: statistics.median(v) for k, v in walls.items()}
    medc = {k: statistics.median(v) for k, v in cpus.items()}
    print(f"n = {a.n}, d = {a.d}, k = 3; infonce flags: {' '.join(inf_cmd[3:])}")
    for k in ("sklearn", "infonce"):
        print(f"  {k:8s} wall {med[k]:7.2f} s (runs {', '.join(f'{w:.2f}' for w in walls[k])})   CPU {medc[k]:7.2f} s")
    print(f"  ratio infonce/sklearn: wall {med['infonce'] / med['sklearn']:.2f}, CPU {medc['infonce'] / medc['sklearn']:.2f}")
    print(f"  max |infonce − sklearn| (after the clip at 0): {diff:.5f} nats")
    print(f"  top 5 sklearn {results['sklearn']['top5']}  infonce {top_inf}  same: {results['sklearn']['top5'] == top_inf}")
    print(f"load average after: {os.getloadavg()}")
