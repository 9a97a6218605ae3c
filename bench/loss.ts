import { infonceLossBlockwise } from "../src/linalg/infonce-blockwise.js";
import { siglipLossBlockwise } from "../src/losses/siglip-blockwise.js";
import { createRng } from "../src/math/rng.js";
import type { Kernel } from "../src/types.js";
import { peakRssMb, timeMs } from "./timing.js";

export interface LossArgs {
  readonly n: number;
  readonly dim: number;
  readonly temperature: number;
  readonly reps: number;
  readonly block: number;
  readonly seed: number;
}

/** Row-normalised N×D standard normals (torch_ref.py: F.normalize(torch.randn(n, dim), dim=1)). */
function normalizedEmbeddings(n: number, d: number, seed: number): Float32Array {
  const x = createRng(seed).fillNormal(new Float32Array(n * d));
  for (let i = 0; i < n; i++) {
    let ss = 0;
    for (let j = 0; j < d; j++) ss += (x[i * d + j] as number) ** 2;
    const inv = 1 / Math.max(Math.sqrt(ss), 1e-12);
    for (let j = 0; j < d; j++) x[i * d + j] = (x[i * d + j] as number) * inv;
  }
  return x;
}

/**
 * torch_ref.py loss: the InfoNCE loss of fixed L2-normalised q, k (N×D) with cosine scores / temperature and its
 * gradient for both, per call (one warm-up call, then `reps`). Ours runs blockwise (bands of `block` rows), so
 * memory is O(block·N) instead of PyTorch's N×N; the peak RSS of this process is reported.
 */
export function benchLoss(kernel: Kernel, a: LossArgs): Record<string, number | string> {
  const q = normalizedEmbeddings(a.n, a.dim, a.seed);
  const k = normalizedEmbeddings(a.n, a.dim, a.seed + 1);
  const gradQ = new Float32Array(a.n * a.dim);
  const gradK = new Float32Array(a.n * a.dim);
  let loss = 0;
  const t = timeMs(() => {
    loss = infonceLossBlockwise(kernel, q, k, a.n, a.dim, a.temperature, { block: a.block, gradQ, gradK });
  }, a.reps);
  return {
    workload: "loss",
    ms_per_call: t.wall,
    cpu_ms_per_call: t.cpu,
    loss,
    n: a.n,
    dim: a.dim,
    block: a.block,
    peak_rss_mb: peakRssMb(),
  };
}

/**
 * bench/torch_contrastive.py siglip: open_clip's SigLIP loss (t = 10, b = −10) of fixed L2-normalised x, y (N×D)
 * and its gradient for x, y, t and b, per call. Ours runs blockwise (losses/siglip-blockwise.ts: bands of `block`
 * rows through the engine's GEMM), so memory is O(block·N); the peak RSS of this process is reported.
 */
export function benchSiglip(kernel: Kernel, a: LossArgs): Record<string, number | string> {
  const x = normalizedEmbeddings(a.n, a.dim, a.seed);
  const y = normalizedEmbeddings(a.n, a.dim, a.seed + 1);
  const gradX = new Float32Array(a.n * a.dim);
  const gradY = new Float32Array(a.n * a.dim);
  let loss = 0;
  const t = timeMs(() => {
    loss = siglipLossBlockwise(kernel, x, y, a.n, a.dim, 10, -10, { block: a.block, gradX, gradY }).loss;
  }, a.reps);
  return {
    workload: "siglip",
    ms_per_call: t.wall,
    cpu_ms_per_call: t.cpu,
    loss,
    n: a.n,
    dim: a.dim,
    block: a.block,
    peak_rss_mb: peakRssMb(),
  };
}
