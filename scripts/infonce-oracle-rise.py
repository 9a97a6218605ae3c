#!/usr/bin/env python3
"""InfoNCE with the true pmi as critic on the 20+20-d paired Gaussian (Poole et al.'s staircase law), and its rise per
doubling of K: the table of docs/neural.md, "Saturation". Independent of the TypeScript code (NumPy + SciPy).

    python3 scripts/infonce-oracle-rise.py

For each K and true I (nats): the mean over 3 batches of I_NCE(K) = mean_i(S_ii - logsumexp_j S_ij) + log K, and of
(I_NCE(K) - I_NCE(K/2)) / log 2 with I_NCE(K/2) the mean over the two diagonal (K/2)x(K/2) blocks.
"""
import numpy as np
from scipy.special import logsumexp
rng=np.random.default_rng(0)
d=20
def run(I,K,reps=3):
    rho=np.sqrt(1-np.exp(-2*I/d))
    out=[]
    for r in range(reps):
        x=rng.standard_normal((K,d)); y=rho*x+np.sqrt(1-rho**2)*rng.standard_normal((K,d))
        # pmi(x_i,y_j) = sum_c -0.5log(1-rho^2) - (rho^2 x^2 - 2 rho x y + rho^2 y^2)/(2(1-rho^2))
        a=1/(2*(1-rho**2))
        S=-0.5*d*np.log(1-rho**2) - a*(rho**2*(x**2).sum(1)[:,None] + rho**2*(y**2).sum(1)[None,:] - 2*rho*x@y.T)
        def nce(S):
            k=S.shape[0]; return np.mean(np.diag(S)-logsumexp(S,axis=1))+np.log(k)
        full=nce(S); h=K//2
        half=(nce(S[:h,:h])+nce(S[h:,h:]))/2
        out.append((full,(full-half)/np.log(2)))
    o=np.array(out); return o.mean(0)
for K in [256,1250,2500]:
    for I in [0.4,1,2,2.88,4,5,6,8,10]:
        f,s=run(I,K)
        print(f"K={K} logK={np.log(K):.2f} I={I}: nce={f:.3f} ({(f-I)/I*100:.1f}%) slope={s:.2f}")
