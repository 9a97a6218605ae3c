#!/usr/bin/env python3
"""Synthetic tables with an exact mutual information, for sweeping `infonce estimate` (auto) over warped data.

  /usr/bin/python3 scripts/sweep-warped-tables.py --out /tmp/warp            # every table + truth.json
  /usr/bin/python3 scripts/sweep-warped-tables.py --out /tmp/warp --only cens  # names containing 'cens'
  node dist/src/cli/bin.js estimate /tmp/warp/g2-mi0.5-n1000.csv --x x0..x1 --y y0..y1 --json

Every table is X (columns x0, x1, ...) against Y (y0, ...), 200 to 50,000 rows, 1+1 to 20+20 and 50+1 columns,
MI 0 to ~20 nats. truth.json gives, per table, the file, the --x / --y ranges, the MI in nats and how it is known:
- "closed": Gaussian pairs (-1/2 sum log(1 - rho^2)) under a random rotation of each side and a different strictly
  monotone warp of every column (exp, cube, logistic, Box-Cox, a nearly flat piecewise-linear map, decreasing maps,
  exponential / Student-t / uniform / bimodal marginals): MI is invariant to all of these. The Student-t copula adds
  the closed-form term of the multivariate t (Arellano-Valle, Contreras-Reyes & Genton 2013, eq. 8).
- "mc": mean of the exact pointwise log p(x, y) / (p(x) p(y)) over 2,000,000 fresh draws (Clayton and Frank
  copulas, censoring at a threshold (a point mass beside a density), one side rounded, a 5-level X with a Gaussian
  mixture Y); se is the Monte Carlo standard error.
- "cells": both sides rounded: the plug-in MI of the exact cell probabilities of the rounded bivariate normal
  (Gauss-Legendre quadrature within each cell).
- "asymptotic": y = f(x) + 1e-3 noise, I = h(X) + E log f'(X) - h(noise) up to O(1e-6).
"""
import argparse
import json
import os

import numpy as np
import pandas as pd
from scipy.special import digamma, gammaln, log_ndtr, ndtr, ndtri
from scipy.stats import multivariate_normal, t as student_t

MC_DRAWS = 2_000_000


def nlogphi(z):
    return -0.5 * z * z - 0.5 * np.log(2 * np.pi)


# Strictly monotone maps of a standard normal column (MI-preserving); each takes z and returns the warped column.
def _bimodal(z):
    grid = np.linspace(-9, 9, 20001)
    cdf = 0.5 * ndtr(grid + 3) + 0.5 * ndtr(grid - 3)
    return np.interp(ndtr(z), cdf, grid)


WARPS = {
    "id": lambda z: z,
    "exp": np.exp,
    "lognormal": lambda z: np.exp(1.5 * z),
    "cube": lambda z: z**3,
    "logistic": lambda z: 1 / (1 + np.exp(-2 * z)),
    "uniform": ndtr,
    "boxcox": lambda z: (np.exp(0.25 * z) - 1) / 0.25,
    "flat": lambda z: np.where(z < -0.5, z + 0.5, 0) + np.where(z > 0.5, z - 0.5, 0) + 1e-3 * np.clip(z, -0.5, 0.5),
    "sinh": lambda z: np.sinh(3 * z),
    "tanh": lambda z: np.tanh(2 * z),
    "expon": lambda z: -log_ndtr(-z),  # exponential marginal, -log(1 - Phi(z))
    "t2": lambda z: student_t.isf(ndtr(-z), 2),
    "bimodal": _bimodal,
    "neg-exp": lambda z: -np.exp(z),
    "neg-cube": lambda z: -(z**3),
    "neg-logistic": lambda z: 1 / (1 + np.exp(2 * z)),
}
CYCLE = ["exp", "cube", "logistic", "uniform", "boxcox", "flat", "sinh", "expon", "t2", "bimodal", "neg-exp",
         "lognormal", "tanh", "neg-cube", "neg-logistic"]


def warp(Z, names):
    return np.column_stack([WARPS[names[j % len(names)]](Z[:, j]) for j in range(Z.shape[1])])


def rotation(d, rng):
    q, r = np.linalg.qr(rng.normal(size=(d, d)))
    return q * np.sign(np.diag(r))


def equicorrelated(d, c):
    """A square root L of the d x d correlation matrix with c off the diagonal (L L' = R, unit diagonal kept)."""
    return np.linalg.cholesky(np.full((d, d), c) + (1 - c) * np.eye(d))


def gaussian_pairs(n, dx, dy, mi, rng, pairs=None, rotate=True, within=0.0):
    """Standard normal X, Y: `pairs` pairs (x_i, y_i) of equal correlation carrying `mi` nats, each side rotated
    (or, with `within` > 0, mixed so that its columns have that correlation with each other: MI unchanged)."""
    k = min(dx, dy) if pairs is None else pairs
    rho = np.sqrt(-np.expm1(-2 * mi / k)) if mi > 0 else 0.0
    zx = rng.normal(size=(n, dx))
    zy = rng.normal(size=(n, dy))
    zy[:, :k] = rho * zx[:, :k] + np.sqrt(1 - rho**2) * zy[:, :k]
    if within > 0:
        zx, zy = zx @ equicorrelated(dx, within).T, zy @ equicorrelated(dy, within).T
    elif rotate:
        zx, zy = zx @ rotation(dx, rng).T, zy @ rotation(dy, rng).T
    return zx, zy


def t_correction(nu, dx, dy):
    """MI of a multivariate t beyond its Gaussian part: g(dx) + g(dy) - g(dx + dy) (entropy of the t, Kotz & Nadarajah)."""
    g = lambda k: gammaln(nu / 2) - gammaln((nu + k) / 2) + (nu + k) / 2 * (digamma((nu + k) / 2) - digamma(nu / 2))
    return g(dx) + g(dy) - g(dx + dy)


def mc_mean(pointwise, rng, draws=MC_DRAWS, chunk=250_000):
    vals = np.concatenate([pointwise(chunk, rng) for _ in range(draws // chunk)])
    return float(vals.mean()), float(vals.std() / np.sqrt(len(vals)))


def clayton(n, theta, rng):
    u, w = rng.uniform(size=n), rng.uniform(size=n)
    v = ((w ** (-theta / (1 + theta)) - 1) * u ** (-theta) + 1) ** (-1 / theta)
    return u, v


def clayton_logc(u, v, theta):
    return (np.log1p(theta) - (1 + theta) * (np.log(u) + np.log(v))
            - (2 + 1 / theta) * np.log(u ** (-theta) + v ** (-theta) - 1))


def frank(n, theta, rng):
    u, w = rng.uniform(size=n), rng.uniform(size=n)
    v = -np.log1p(w * np.expm1(-theta) / (w + (1 - w) * np.exp(-theta * u))) / theta
    return u, v


def frank_logc(u, v, theta):
    a = -np.expm1(-theta)
    return (np.log(theta * a) - theta * (u + v)
            - 2 * np.log(a - (-np.expm1(-theta * u)) * (-np.expm1(-theta * v))))


def tobit(n, b, s, c, rng):
    """X standard normal (d columns), y = max(b.x + s e, c): a point mass at c beside a density."""
    x = rng.normal(size=(n, len(b)))
    y = np.maximum(x @ b + s * rng.normal(size=n), c)
    return x, y


def tobit_truth(b, s, c, rng):
    sy = np.sqrt(b @ b + s * s)

    def pw(m, r):
        x, y = tobit(m, b, s, c, r)
        mu = x @ b
        cont = nlogphi((y - mu) / s) - np.log(s) - nlogphi(y / sy) + np.log(sy)
        atom = log_ndtr((c - mu) / s) - log_ndtr(c / sy)
        return np.where(y > c, cont, atom)

    return mc_mean(pw, rng)


def censored_pair(n, rho, c1, c2, rng):
    x = rng.normal(size=n)
    y = rho * x + np.sqrt(1 - rho**2) * rng.normal(size=n)
    return np.maximum(x, c1), np.maximum(y, c2)


def censored_pair_truth(rho, c1, c2, rng):
    s = np.sqrt(1 - rho**2)
    both = np.log(multivariate_normal(cov=[[1, rho], [rho, 1]]).cdf([c1, c2]))

    def pw(m, r):
        x, y = censored_pair(m, rho, c1, c2, r)
        ax, ay = x <= c1, y <= c2
        cont = (nlogphi((y - rho * x) / s) - np.log(s)) - nlogphi(y)
        xa = log_ndtr((c1 - rho * y) / s) - log_ndtr(c1)
        ya = log_ndtr((c2 - rho * x) / s) - log_ndtr(c2)
        return np.where(ax & ay, both - log_ndtr(c1) - log_ndtr(c2), np.where(ax, xa, np.where(ay, ya, cont)))

    return mc_mean(pw, rng)


def cell_mi(rho, ex, ey):
    """MI of (cell of x, cell of y) for a standard bivariate normal of correlation rho; ex, ey the cell edges."""
    s = np.sqrt(1 - rho**2)
    nodes, weights = np.polynomial.legendre.leggauss(24)
    lo, hi = ex[:-1, None], ex[1:, None]
    xs = (lo + hi) / 2 + (hi - lo) / 2 * nodes  # cells x nodes
    w = (hi - lo) / 2 * weights * np.exp(nlogphi(xs))
    cy = ndtr((ey[None, None, :] - rho * xs[:, :, None]) / s)  # cells x nodes x edges
    P = np.einsum("in,inj->ij", w, np.diff(cy, axis=2))
    P = np.clip(P, 0, None)
    P /= P.sum()
    px, py = P.sum(1, keepdims=True), P.sum(0, keepdims=True)
    m = P > 0
    return float(np.sum(P[m] * np.log(P[m] / (px @ py)[m])))


def rounding_edges(step, lo, hi, inverse=lambda v: v):
    """Edges, on the normal scale, of the cells that rounding to multiples of `step` makes (inverse: warp^-1)."""
    k = np.arange(np.floor(lo / step), np.ceil(hi / step) + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        e = inverse((k + 0.5) * step)
    e = e[np.isfinite(e)]
    return np.concatenate([[-np.inf], e, [np.inf]]).clip(-12, 12)


def round_x_truth(rho, step, rng):
    """I(round(x, step); y) for a standard bivariate normal, y kept continuous: MC of log p(cell | y) / p(cell)."""
    s = np.sqrt(1 - rho**2)

    def pw(m, r):
        y = r.normal(size=m)
        x = rho * y + s * r.normal(size=m)
        k = np.round(x / step)
        a, b = (k - 0.5) * step, (k + 0.5) * step
        cond = ndtr((b - rho * y) / s) - ndtr((a - rho * y) / s)
        return np.log(cond) - np.log(ndtr(b) - ndtr(a))

    return mc_mean(pw, rng)


def mixture_truth(p, mu, sd, rng):
    """X a label of probabilities p; Y | X = k ~ N(mu_k, sd^2 I) (mu: k x d): MC of log p(y | x) / p(y)."""
    p, mu = np.asarray(p), np.atleast_2d(mu)

    def pw(m, r):
        x = r.choice(len(p), size=m, p=p)
        y = mu[x] + sd * r.normal(size=(m, mu.shape[1]))
        ll = np.stack([nlogphi((y - mu[k]) / sd).sum(1) for k in range(len(p))], 1)
        return ll[np.arange(m), x] - np.log(np.exp(ll) @ p)

    return mc_mean(pw, rng)


def mixture(n, p, mu, sd, rng):
    mu = np.atleast_2d(mu)
    x = rng.choice(len(p), size=n, p=p)
    return x, mu[x] + sd * rng.normal(size=(n, mu.shape[1]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", default="", help="make only the tables whose name contains this")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    truth = {}
    mc = np.random.default_rng(12345)

    def table(name, X, Y, mi, how, se=0.0, note=""):
        X, Y = np.asarray(X), np.asarray(Y)
        X = X.reshape(len(X), -1) if X.dtype != object else X.reshape(len(X), -1)
        Y = Y.reshape(len(Y), -1)
        cols = {f"x{j}": X[:, j] for j in range(X.shape[1])} | {f"y{j}": Y[:, j] for j in range(Y.shape[1])}
        pd.DataFrame(cols).to_csv(os.path.join(a.out, f"{name}.csv"), index=False)
        dx, dy = X.shape[1], Y.shape[1]
        truth[name] = {"file": f"{name}.csv", "x": "x0" if dx == 1 else f"x0..x{dx - 1}",
                       "y": "y0" if dy == 1 else f"y0..y{dy - 1}", "n": len(X), "dx": dx, "dy": dy,
                       "mi": round(float(mi), 5), "se": round(float(se), 5), "how": how, "note": note}
        print(f"{name:32s} n={len(X):6d} {dx}+{dy}  MI={mi:.4f} ({how}{f', se {se:.4f}' if se else ''}) {note}")

    specs = []

    def spec(name):
        def deco(f):
            specs.append((name, f))
            return f
        return deco

    # Gaussian pairs, rotated, every column through its own strictly monotone warp: MI = -1/2 sum log(1 - rho^2).
    gauss = [  # name, n, dx, dy, mi, warps of x, warps of y, rotate
        ("g1-mi0.05-n200", 200, 1, 1, 0.05, ["exp"], ["cube"]),
        ("g1-mi0.05-n50000", 50000, 1, 1, 0.05, ["logistic"], ["neg-exp"]),
        ("g1-mi0.5-n1000-flat", 1000, 1, 1, 0.5, ["flat"], ["boxcox"]),
        ("g1-mi0.5-n1000-rank", 1000, 1, 1, 0.5, ["uniform"], ["neg-logistic"]),
        ("g1-mi2-n5000", 5000, 1, 1, 2, ["lognormal"], ["uniform"]),
        ("g1-mi5-n5000", 5000, 1, 1, 5, ["cube"], ["sinh"]),
        ("g1-mi5-n200", 200, 1, 1, 5, ["exp"], ["neg-cube"]),
        ("g2-mi0.05-n5000", 5000, 2, 2, 0.05, ["expon", "t2"], ["bimodal", "exp"]),
        ("g2-mi0.5-n1000", 1000, 2, 2, 0.5, ["exp", "tanh"], ["expon", "t2"]),
        ("g2-mi2-n200", 200, 2, 2, 2, ["bimodal", "cube"], ["uniform", "neg-exp"]),
        ("g3-mi2-n5000", 5000, 3, 3, 2, ["flat", "lognormal", "t2"], ["sinh", "neg-logistic", "expon"]),
        ("g3-mi5-n5000", 5000, 3, 3, 5, ["cube", "exp", "bimodal"], ["logistic", "boxcox", "neg-cube"]),
        ("g5-mi0.5-n1000", 1000, 5, 5, 0.5, CYCLE, CYCLE[5:]),
        ("g5-mi2-n50000", 50000, 5, 5, 2, CYCLE[3:], CYCLE[7:]),
        ("g10-mi2-n5000", 5000, 10, 10, 2, CYCLE, CYCLE[4:]),
        ("g10-mi5-n1000", 1000, 10, 10, 5, CYCLE[2:], CYCLE[6:]),
        ("g20-mi0.5-n5000", 5000, 20, 20, 0.5, CYCLE, CYCLE[3:]),
        ("g20-mi5-n5000", 5000, 20, 20, 5, CYCLE[1:], CYCLE[8:]),
        ("g20-mi2-n200", 200, 20, 20, 2, CYCLE, CYCLE[2:]),
        ("g50x1-mi0.5-n5000", 5000, 50, 1, 0.5, CYCLE, ["exp"]),
        ("g50x1-mi2-n1000", 1000, 50, 1, 2, CYCLE[4:], ["neg-cube"]),
    ]
    for name, n, dx, dy, mi, wx, wy in gauss:
        def make(rng, n=n, dx=dx, dy=dy, mi=mi, wx=wx, wy=wy, name=name):
            zx, zy = gaussian_pairs(n, dx, dy, mi, rng)
            table(name, warp(zx, wx), warp(zy, wy), mi, "closed", note=f"x: {','.join(wx[:dx])}; y: {','.join(wy[:dy])}")
        spec(name)(make)

    # Strongly correlated columns within each side (redundant features), still a Gaussian copula.
    for name, n, d, c, mi in [("gc4-c0.99-mi1-n1000", 1000, 4, 0.99, 1.0), ("gc10-c0.95-mi2-n5000", 5000, 10, 0.95, 2.0),
                              ("gc20-c0.9-mi0.5-n5000", 5000, 20, 0.9, 0.5), ("gc10-c0.95-mi2-n200", 200, 10, 0.95, 2.0),
                              ("gc10-c0.999-mi2-n50000", 50000, 10, 0.999, 2.0)]:
        def make(rng, n=n, d=d, c=c, mi=mi, name=name):
            zx, zy = gaussian_pairs(n, d, d, mi, rng, within=c)
            table(name, warp(zx, CYCLE), warp(zy, CYCLE[4:]), mi, "closed", note=f"columns of a side correlated {c}")
        spec(name)(make)

    # Block structure: only 2 of 20 X columns carry information (y from x0 + x1), the rest is noise.
    @spec("block20x1-mi0.5-n5000")
    def _(rng):
        zx, zy = gaussian_pairs(5000, 20, 1, 0.5, rng, rotate=False)
        zx[:, :2] = zx[:, :2] @ rotation(2, rng).T
        table("block20x1-mi0.5-n5000", warp(zx, CYCLE), warp(zy, ["lognormal"]), 0.5, "closed", note="2 informative of 20")

    @spec("block20x20-mi1-n5000")
    def _(rng):
        zx, zy = gaussian_pairs(5000, 20, 20, 1.0, rng, pairs=2, rotate=False)
        table("block20x20-mi1-n5000", warp(zx, CYCLE), warp(zy, CYCLE[5:]), 1.0, "closed", note="2 informative pairs of 20")

    # Redundant columns: copies add nothing (x + 1e-3 e with e independent of everything).
    @spec("redundant4x1-mi0.5-n1000")
    def _(rng):
        zx, zy = gaussian_pairs(1000, 2, 1, 0.5, rng)
        X = np.column_stack([zx[:, 0], zx[:, 0] + 1e-3 * rng.normal(size=1000), np.exp(zx[:, 1]), np.exp(zx[:, 1] + 1e-3 * rng.normal(size=1000))])
        table("redundant4x1-mi0.5-n1000", X, warp(zy, ["cube"]), 0.5, "closed", note="two near-copies")

    @spec("duplicate3x3-mi1-n1000")
    def _(rng):
        zx, zy = gaussian_pairs(1000, 2, 3, 1.0, rng)
        table("duplicate3x3-mi1-n1000", np.column_stack([zx, zx[:, 0]]), warp(zy, ["exp", "id", "logistic"]), 1.0, "closed",
              note="x2 an exact copy of x0")

    # Student-t copula: Gaussian part + t term.
    tcop = [("t1-nu3-mi0.3-n5000", 5000, 1, 1, 3, 0.3, ["exp"], ["cube"]),
            ("t1-nu1-rho0-n5000", 5000, 1, 1, 1, 0.0, ["id"], ["lognormal"]),
            ("t2-nu5-mi0.5-n1000", 1000, 2, 2, 5, 0.5, ["expon", "flat"], ["t2", "neg-exp"]),
            ("t5-nu4-mi1-n5000", 5000, 5, 5, 4, 1.0, CYCLE, CYCLE[4:]),
            ("t4-nu4-c0.99-mi1-n5000", 5000, 4, 4, 4, 1.0, CYCLE, CYCLE[4:])]
    for name, n, dx, dy, nu, mi, wx, wy in tcop:
        def make(rng, n=n, dx=dx, dy=dy, nu=nu, mi=mi, wx=wx, wy=wy, name=name):
            zx, zy = gaussian_pairs(n, dx, dy, mi, rng, within=0.99 if "c0.99" in name else 0.0)
            w = np.sqrt(rng.chisquare(nu, size=(n, 1)) / nu)
            to_z = lambda v: -ndtri(student_t.sf(v / w, nu))
            table(name, warp(to_z(zx), wx), warp(to_z(zy), wy), mi + t_correction(nu, dx, dy), "closed",
                  note=f"t copula nu {nu}: Gaussian part {mi} + t term {t_correction(nu, dx, dy):.4f}")
        spec(name)(make)

    # Archimedean copulas: MI = E log c(U, V).
    for name, n, fam, theta, wx, wy in [("clayton2-n1000", 1000, "clayton", 2.0, "exp", "id"),
                                          ("clayton8-n5000", 5000, "clayton", 8.0, "neg-cube", "lognormal"),
                                          ("frank5-n1000", 1000, "frank", 5.0, "logistic", "t2")]:
        def make(rng, n=n, fam=fam, theta=theta, wx=wx, wy=wy, name=name):
            sample, logc = (clayton, clayton_logc) if fam == "clayton" else (frank, frank_logc)
            mi, se = mc_mean(lambda m, r: logc(*sample(m, theta, r), theta), mc)
            u, v = sample(n, theta, rng)
            table(name, WARPS[wx](ndtri(u)), WARPS[wy](ndtri(v)), mi, "mc", se, note=f"{fam} theta {theta}")
        spec(name)(make)

    # Censoring: a point mass at the threshold beside a density.
    @spec("cens-y-1x1-n1000")
    def _(rng):
        b, s, c = np.array([0.8]), 0.6, ndtri(0.3)
        mi, se = tobit_truth(b, s, c, mc)
        x, y = tobit(1000, b, s, c, rng)
        table("cens-y-1x1-n1000", np.exp(x), y, mi, "mc", se, note="y censored below (30%)")

    @spec("cens-both-1x1-n5000")
    def _(rng):
        rho, c1, c2 = 0.9, ndtri(0.4), ndtri(0.2)
        mi, se = censored_pair_truth(rho, c1, c2, mc)
        x, y = censored_pair(5000, rho, c1, c2, rng)
        table("cens-both-1x1-n5000", x, np.exp(y), mi, "mc", se, note="x censored 40%, y 20%")

    @spec("cens-block-5x5-n5000")
    def _(rng):
        rho, c1, c2 = 0.9, ndtri(0.4), ndtri(0.2)
        mi, se = censored_pair_truth(rho, c1, c2, mc)
        x, y = censored_pair(5000, rho, c1, c2, rng)
        c = ndtri(np.linspace(0.2, 0.5, 4))
        X = np.column_stack([x, np.maximum(rng.normal(size=(5000, 4)), c)])
        Y = np.column_stack([np.maximum(rng.normal(size=(5000, 4)), c[::-1]), y])
        table("cens-block-5x5-n5000", X, Y, mi, "mc", se, note="one censored pair (40%, 20%) among censored noise columns")

    @spec("cens-heavy-1x1-n1000")
    def _(rng):
        b, s, c = np.array([0.9]), np.sqrt(1 - 0.81), ndtri(0.7)
        mi, se = tobit_truth(b, s, c, mc)
        x, y = tobit(1000, b, s, c, rng)
        table("cens-heavy-1x1-n1000", x, y, mi, "mc", se, note="y censored below (70% point mass)")

    @spec("tobit5x1-n5000")
    def _(rng):
        b, s, c = np.array([0.6, -0.4, 0.3, 0.0, 0.2]), 0.5, 0.0
        mi, se = tobit_truth(b, s, c, mc)
        x, y = tobit(5000, b, s, c, rng)
        table("tobit5x1-n5000", warp(x, ["exp", "cube", "id", "t2", "logistic"]), y, mi, "mc", se, note="y = max(b.x + e, 0)")

    # Rounding: ties. Independent pairs rounded, then warped: MI is the sum of the pairs' cell MIs.
    for name, n, d, mi0, digits, wx, wy in [
        ("round1-mi2-n5000", 5000, 1, 2.0, 1, ["id"], ["id"]),
        ("round2-mi0.5-n50000", 50000, 1, 0.5, 2, ["id"], ["id"]),
        ("round1-5x5-mi1-n5000", 5000, 5, 1.0, 1, CYCLE, CYCLE[5:]),
        ("round1-10x10-mi2-n1000", 1000, 10, 2.0, 1, CYCLE, CYCLE[5:]),
    ]:
        def make(rng, n=n, d=d, mi0=mi0, digits=digits, wx=wx, wy=wy, name=name):
            zx, zy = gaussian_pairs(n, d, d, mi0, rng, rotate=False)
            rho = np.sqrt(-np.expm1(-2 * mi0 / d))
            e = rounding_edges(10.0**-digits, -7, 7)
            table(name, warp(np.round(zx, digits), wx), warp(np.round(zy, digits), wy), d * cell_mi(rho, e, e), "cells",
                  note=f"pairs rounded to {digits} decimal(s), then warped")
        spec(name)(make)

    @spec("roundint-x-n1000")
    def _(rng):
        rho = 0.8
        mi, se = round_x_truth(rho, 1.0, mc)
        zx, zy = gaussian_pairs(1000, 1, 1, -0.5 * np.log(1 - rho**2), rng)
        table("roundint-x-n1000", np.round(zx), np.exp(zy), mi, "mc", se, note="x rounded to integers (about 7 values)")

    @spec("round-lognormal-n5000")
    def _(rng):
        mi0 = 1.0
        zx, zy = gaussian_pairs(5000, 1, 1, mi0, rng)
        rho = np.sqrt(-np.expm1(-2 * mi0))
        ex = rounding_edges(0.1, 0, 2000, lambda v: np.log(v) / 1.5)
        ey = rounding_edges(0.01, -7, 7)
        X = np.round(np.exp(1.5 * zx), 1)
        table("round-lognormal-n5000", X, np.round(zy, 2), cell_mi(rho, ex, ey), "cells", note="lognormal x to 1 decimal, y to 2")

    # A 5-level X and a Gaussian mixture Y.
    p5 = [0.1, 0.15, 0.2, 0.25, 0.3]

    @spec("disc5-y1-n1000")
    def _(rng):
        mu, sd = np.array([[-2.0], [-1.0], [0.0], [1.5], [3.0]]), 0.7
        mi, se = mixture_truth(p5, mu, sd, mc)
        x, y = mixture(1000, p5, mu, sd, rng)
        table("disc5-y1-n1000", x, np.exp(y), mi, "mc", se, note="x in 0..4, y = exp(mixture)")

    @spec("disc5-strings-y3-n5000")
    def _(rng):
        mu, sd = rng.normal(size=(5, 3)), 0.8
        mi, se = mixture_truth(p5, mu, sd, mc)
        x, y = mixture(5000, p5, mu, sd, rng)
        labels = np.array(["alpha", "beta", "gamma", "delta", "eps"], dtype=object)
        table("disc5-strings-y3-n5000", labels[x], warp(y, ["cube", "id", "expon"]), mi, "mc", se, note="string labels, y 3-d")

    @spec("disc5-y1-n200-weak")
    def _(rng):
        mu, sd = np.array([[-0.3], [-0.1], [0.0], [0.15], [0.3]]), 1.0
        mi, se = mixture_truth(p5, mu, sd, mc)
        x, y = mixture(200, p5, mu, sd, rng)
        table("disc5-y1-n200-weak", x, y, mi, "mc", se, note="weak: means within 0.3 sd")

    # Near-deterministic: what is reported must be honest (a lower bound), never a crash.
    @spec("det-1x1-n1000")
    def _(rng):
        x = rng.normal(size=1000)
        y = x**3 + x + 1e-3 * rng.normal(size=1000)
        nodes, w = np.polynomial.hermite_e.hermegauss(200)
        mi = float(np.sum(w * np.log(1 + 3 * nodes**2)) / np.sqrt(2 * np.pi)) + np.log(1e3)
        table("det-1x1-n1000", x, y, mi, "asymptotic", note="y = x^3 + x + 1e-3 e")

    @spec("det-3x3-n5000")
    def _(rng):
        x = rng.normal(size=(5000, 3))
        A = rng.normal(size=(3, 3))
        y = x @ A.T + 1e-3 * rng.normal(size=(5000, 3))
        S = A @ A.T
        mi = 0.5 * (np.linalg.slogdet(S + 1e-6 * np.eye(3))[1] - 3 * np.log(1e-6))
        table("det-3x3-n5000", x, warp(y, ["exp", "id", "cube"]), mi, "closed", note="y = A x + 1e-3 e")

    # Independent sides with strange marginals: the truth is 0.
    @spec("ind-1x1-n200")
    def _(rng):
        table("ind-1x1-n200", rng.standard_cauchy(200), np.exp(2 * rng.normal(size=200)), 0, "closed", note="Cauchy vs lognormal")

    @spec("ind-atom-1x1-n5000")
    def _(rng):
        x = np.where(rng.uniform(size=5000) < 0.5, 0.0, rng.exponential(size=5000))
        table("ind-atom-1x1-n5000", x, rng.standard_cauchy(5000), 0, "closed", note="half zeros + exponential vs Cauchy")

    @spec("ind-pois-1x1-n1000")
    def _(rng):
        table("ind-pois-1x1-n1000", rng.poisson(3, 1000), rng.standard_t(2, 1000), 0, "closed", note="Poisson counts vs t2")

    @spec("ind-2x2-n1000")
    def _(rng):
        X = np.column_stack([np.round(rng.lognormal(size=1000), 1), np.maximum(rng.normal(size=1000), 0)])
        Y = np.column_stack([rng.standard_cauchy(1000), _bimodal(rng.normal(size=1000))])
        table("ind-2x2-n1000", X, Y, 0, "closed", note="rounded lognormal, censored normal vs Cauchy, bimodal")

    @spec("ind-5x5-n5000")
    def _(rng):
        table("ind-5x5-n5000", warp(rng.normal(size=(5000, 5)), CYCLE), warp(rng.normal(size=(5000, 5)), CYCLE[5:]), 0, "closed")

    @spec("ind-20x20-n1000")
    def _(rng):
        table("ind-20x20-n1000", warp(rng.normal(size=(1000, 20)), CYCLE), warp(rng.normal(size=(1000, 20)), CYCLE[3:]), 0, "closed")

    @spec("ind-50x1-n5000")
    def _(rng):
        table("ind-50x1-n5000", warp(rng.normal(size=(5000, 50)), CYCLE), rng.standard_cauchy(5000), 0, "closed")

    @spec("ind-round-1x1-n50000")
    def _(rng):
        table("ind-round-1x1-n50000", np.round(rng.normal(size=50000), 1), np.round(rng.exponential(size=50000), 1), 0, "closed",
              note="both rounded to 1 decimal")

    @spec("ind-cens-5x5-n5000")
    def _(rng):
        c = ndtri(np.linspace(0.3, 0.6, 5))
        table("ind-cens-5x5-n5000", np.maximum(rng.normal(size=(5000, 5)), c), np.maximum(rng.normal(size=(5000, 5)), c[::-1]), 0,
              "closed", note="every column censored (30-60% point masses)")

    @spec("ind-int-10x10-n5000")
    def _(rng):
        table("ind-int-10x10-n5000", np.round(2 * rng.normal(size=(5000, 10))), np.round(3 * rng.normal(size=(5000, 10))), 0,
              "closed", note="every column rounded to integers")

    @spec("ind-zeros-3x3-n1000")
    def _(rng):
        X = rng.normal(size=(1000, 3))
        X[:, 0] = np.where(rng.uniform(size=1000) < 0.9, 0.0, rng.exponential(size=1000))
        table("ind-zeros-3x3-n1000", X, rng.standard_t(3, size=(1000, 3)), 0, "closed", note="x0 90% zeros")

    @spec("ind-count-20x1-n5000")
    def _(rng):
        table("ind-count-20x1-n5000", warp(rng.normal(size=(5000, 20)), CYCLE), rng.poisson(4, 5000), 0, "closed",
              note="y a Poisson count")

    @spec("ind-disc5-n1000")
    def _(rng):
        labels = np.array(["a", "b", "c", "d", "e"], dtype=object)
        x = labels[rng.choice(5, size=1000, p=p5)]
        table("ind-disc5-n1000", x, np.maximum(rng.standard_cauchy(1000), -1), 0, "closed", note="labels vs censored Cauchy")

    for i, (name, make) in enumerate(specs):
        if a.only in name:
            make(np.random.default_rng(1000 + i))
    path = os.path.join(a.out, "truth.json")
    old = json.load(open(path)) if a.only and os.path.exists(path) else {}
    json.dump(old | truth, open(path, "w"), indent=1)


if __name__ == "__main__":
    main()
