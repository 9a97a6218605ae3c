#!/usr/bin/env python3
"""A heavy-tailed law that is no t copula, against `infonce estimate -e t-copula` (docs/estimators.md, "t copula").

    /usr/bin/python3 scripts/t-copula-independent-radii.py [--n 2000] [--bin dist/src/cli/bin.js]

X = A / sqrt(W1), Y = B / sqrt(W2): 4 pairs (A_j, B_j) of correlation 0.8, and two independent radii W1, W2 ~ chi2_4/4
(a Student-t law has one shared radius). Its MI by Monte Carlo: E log p(x, y) - log p(x) - log p(y) over 3,000
draws, p(x, y) by quadrature over the two radii (120 quantiles each), p(x) and p(y) multivariate t densities.
"""
import argparse
import json
import os
import subprocess
import tempfile

import numpy as np
from scipy import stats

NU, D, RHO = 4, 4, 0.8


def draw(n, rng):
    w1 = rng.chisquare(NU, n) / NU
    w2 = rng.chisquare(NU, n) / NU
    a = rng.standard_normal((n, D))
    b = RHO * a + np.sqrt(1 - RHO**2) * rng.standard_normal((n, D))
    return a / np.sqrt(w1)[:, None], b / np.sqrt(w2)[:, None]


def mi_monte_carlo(rng, n=3000, grid=120):
    x, y = draw(n, rng)
    t = stats.multivariate_t(loc=np.zeros(D), shape=np.eye(D), df=NU)
    scales = 1 / np.sqrt(stats.chi2.ppf((np.arange(grid) + 0.5) / grid, NU) / NU)
    xx, yy, xy = (x**2).sum(1), (y**2).sum(1), (x * y).sum(1)
    joint = np.full(n, -np.inf)
    for s1 in scales:
        for s2 in scales:
            quad = (xx / s1**2 - 2 * RHO * xy / (s1 * s2) + yy / s2**2) / (1 - RHO**2)
            log_det = 2 * D * np.log(s1 * s2) + D * np.log(1 - RHO**2)
            joint = np.logaddexp(joint, -D * np.log(2 * np.pi) - 0.5 * log_det - 0.5 * quad)
    v = joint - 2 * np.log(grid) - t.logpdf(x) - t.logpdf(y)
    return float(v.mean()), float(v.std() / np.sqrt(n))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dist/src/cli/bin.js"))
    a = ap.parse_args()
    mi, se = mi_monte_carlo(np.random.default_rng(0))
    x, y = draw(a.n, np.random.default_rng(1))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "radii.csv")
        header = [f"x{j}" for j in range(D)] + [f"y{j}" for j in range(D)]
        np.savetxt(path, np.column_stack([x, y]), delimiter=",", header=",".join(header), comments="")
        cmd = ["node", a.bin, "estimate", "-q", path, "--x", ",".join(header[:D]), "--y", ",".join(header[D:]),
               "-e", "t-copula", "--json"]
        r = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    s = r["settings"]
    print(f"MI {mi:.3f} ± {se:.3f}; t-copula {r['estimate']:.3f} [{r['ci95'][0]:.3f}, {r['ci95'][1]:.3f}], "
          f"nu {s['nu']}, radial p {s['radialP']:.3g}, symmetry p {s['symmetryP']:.3g}, warnings {r['warnings']}")


if __name__ == "__main__":
    main()
