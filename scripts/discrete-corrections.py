#!/usr/bin/env python3
"""Bias corrections of the plug-in MI of a contingency table, over seeds (docs/estimators.md, "Discrete").

Compares Miller-Madow, the jackknife, Grassberger (2003), Chao-Shen (2003), a permutation correction (plug-in less
its mean over shuffled y) and James-Stein shrinkage of the joint frequencies toward the uniform table (Hausser &
Strimmer 2009) and toward the independence table p(x)p(y) (what `discrete` does on sparse tables).

    /usr/bin/python3 scripts/discrete-corrections.py [--seeds 30]
"""
import argparse

import numpy as np
from scipy.special import digamma


def entropy(counts):
    c = counts[counts > 0].astype(float)
    p = c / c.sum()
    return -(p * np.log(p)).sum()


def mi_of(h, t):
    return h(t.sum(1)) + h(t.sum(0)) - h(t.ravel())


def table(a, b):
    t = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(t, (a, b), 1)
    return t


def miller_madow(t):
    n = t.sum()
    return mi_of(entropy, t) - (np.count_nonzero(t) - np.count_nonzero(t.sum(1)) - np.count_nonzero(t.sum(0)) + 1) / (2 * n)


def grassberger(t):
    def h(c):
        c = c[c > 0].astype(float)
        g = digamma(c) + 0.5 * (-1) ** c * (digamma((c + 1) / 2) - digamma(c / 2))
        return np.log(c.sum()) - (c * g).sum() / c.sum()
    return mi_of(h, t)


def chao_shen(t):
    def h(c):
        c = c[c > 0].astype(float)
        n = c.sum()
        f1 = min((c == 1).sum(), n - 1)
        pa = (1 - f1 / n) * c / n
        return -(pa * np.log(pa) / (1 - (1 - pa) ** n)).sum()
    return mi_of(h, t)


def jackknife(t):
    n = t.sum()
    loo = sum(t[i, j] * mi_of(entropy, t - np.eye(1, t.size, i * t.shape[1] + j).reshape(t.shape))
              for i, j in zip(*np.nonzero(t)))
    return n * mi_of(entropy, t) - (n - 1) * loo / n


def permutation(a, b, rng, reps=30):
    return mi_of(entropy, table(a, b)) - np.mean([mi_of(entropy, table(a, rng.permutation(b))) for _ in range(reps)])


def shrunk(t, target):
    n = t.sum()
    p = t / n
    den = ((target - p) ** 2).sum()
    lam = 1.0 if den == 0 else min(1.0, max(0.0, (1 - (p ** 2).sum()) / ((n - 1) * den)))
    q = lam * target + (1 - lam) * p
    return q


def shrink_uniform(t):
    q = shrunk(t, np.full(t.shape, 1 / t.size))
    return mi_of(lambda c: entropy(c / c.sum()), q)


def shrink_independence(t):
    n = t.sum()
    target = np.outer(t.sum(1), t.sum(0)) / n ** 2
    q = shrunk(t, target)
    m = q > 0
    return (q[m] * np.log(q[m] / target[m])).sum()


def copy_channel(w, copy):
    """Y = X with probability `copy`, else a fresh draw from the same law w; exact MI."""
    joint = np.outer(w, (1 - copy) * w) + np.diag(copy * w)
    pb = joint.sum(0)
    m = joint > 0
    truth = (joint[m] * np.log(joint[m] / np.outer(w, pb)[m])).sum()

    def draw(rng, n):
        a = rng.choice(len(w), n, p=w)
        return a, np.where(rng.random(n) < copy, a, rng.choice(len(w), n, p=w))
    return draw, truth


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=30)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    uniform = lambda k: np.full(k, 1 / k)
    zipf = 1 / np.arange(1, 31)
    zipf /= zipf.sum()
    cases = [
        ("20 x 20 independent", uniform(20), 0.0, 500),
        ("20 levels, copied w.p. 1/2", uniform(20), 0.5, 500),
        ("50 levels, copied w.p. 0.3", uniform(50), 0.3, 500),
        ("30 Zipf levels, independent", zipf, 0.0, 300),
        ("30 Zipf levels, copied w.p. 1/2", zipf, 0.5, 300),
        ("2 x 2, copied w.p. 1/2", uniform(2), 0.5, 40),
        ("5 x 5, copied w.p. 0.2", uniform(5), 0.2, 200),
    ]
    methods = {"miller-madow": miller_madow, "jackknife": jackknife, "grassberger": grassberger,
               "chao-shen": chao_shen, "shrink-uniform": shrink_uniform, "shrink-independence": shrink_independence}
    print("| table | n | true MI | " + " | ".join(methods) + " | permutation |")
    print("|---|---|---|" + "---|" * (len(methods) + 1))
    for name, w, copy, n in cases:
        draw, truth = copy_channel(w, copy)
        res = {k: [] for k in [*methods, "permutation"]}
        for _ in range(args.seeds):
            a, b = draw(rng, n)
            a = np.unique(a, return_inverse=True)[1]
            b = np.unique(b, return_inverse=True)[1]
            t = table(a, b)
            for k, f in methods.items():
                res[k].append(f(t))
            res["permutation"].append(permutation(a, b, rng))
        print(f"| {name} | {n} | {abs(truth):.3f} | " + " | ".join(f"{np.mean(v):.3f}" for v in res.values()) + " |")


if __name__ == "__main__":
    main()
