#!/usr/bin/env python3
"""PyTorch side of `npm run bench` for the contrastive losses at large N (run with /usr/bin/python3; needs python3-torch).

Workloads (one JSON line each, the fields of bench/loss.ts):
  infonce  cross_entropy(q @ k.T / T, arange(N)) and its gradient for q, k (as ../shared/bench/torch_ref.py loss).
  siglip   open_clip's SigLipLoss written out (open_clip/loss.py, SigLipLoss._loss without the distributed parts):
             logits = logit_scale * x @ y.T + logit_bias           (logit_scale = t = 10, logit_bias = b = -10)
             labels = 2 * eye(N) - 1                               (+1 on the diagonal, -1 elsewhere)
             loss   = -F.logsigmoid(labels * logits).sum() / N
           and its gradient for x, y, t and b (t and b are leaf tensors with requires_grad, as in open_clip).
x, y (or q, k) = F.normalize(randn(N, D)); one warm-up call, then --reps timed calls. peak_rss_mb is the process's.
Example: /usr/bin/python3 bench/torch_contrastive.py siglip --n 20000 --dim 512 --reps 2
"""
import argparse, json, resource, time
import torch
import torch.nn.functional as F


def run(a):
    torch.manual_seed(a.seed)
    x = F.normalize(torch.randn(a.n, a.dim), dim=1).requires_grad_()
    y = F.normalize(torch.randn(a.n, a.dim), dim=1).requires_grad_()
    t = torch.tensor(10.0, requires_grad=True)
    b = torch.tensor(-10.0, requires_grad=True)
    labels = torch.arange(a.n)

    def once():
        x.grad = y.grad = t.grad = b.grad = None
        if a.workload == "infonce":
            l = F.cross_entropy(x @ y.T / a.temperature, labels)
        else:
            logits = t * x @ y.T + b
            z = 2 * torch.eye(a.n, dtype=logits.dtype) - 1
            l = -F.logsigmoid(z * logits).sum() / a.n
        l.backward()
        return l.item()

    once()
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(a.reps):
        v = once()
    dt = (time.perf_counter() - t0) / a.reps
    dc = (time.process_time() - c0) / a.reps
    return {"workload": a.workload, "ms_per_call": 1000 * dt, "cpu_ms_per_call": 1000 * dc, "loss": v, "n": a.n,
            "dim": a.dim, "threads": torch.get_num_threads(), "torch": torch.__version__,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=["infonce", "siglip"])
    p.add_argument("--n", type=int, default=20000)
    p.add_argument("--dim", type=int, default=512)
    p.add_argument("--reps", type=int, default=2)
    p.add_argument("--temperature", type=float, default=0.07)
    p.add_argument("--seed", type=int, default=0)
    print(json.dumps(run(p.parse_args())))
