/**
 * MI of a contingency table shrunk toward independence: the cell frequencies p̂ pulled toward t = p̂(x)p̂(y) by the
 * James–Stein weight λ = (1 − Σp̂²) / ((n − 1) Σ(t − p̂)²), clipped to [0, 1], over all cells, the empty ones
 * included (Hausser & Strimmer 2009, JMLR 10, who shrink toward the uniform table; the independence table keeps
 * both marginals, so the MI of the shrunk table is its KL divergence from t). A sparse table's plug-in is biased up
 * by about (cells − 1)/2n and Miller–Madow's correction counts only the observed cells: 20 × 20 independent
 * categories in 500 rows read 0.165 with it, 0.000 shrunk; 20 levels copied with probability ½ (MI 0.905) read
 * 1.128 with it, 0.910 shrunk (means of 30 seeds, scripts/discrete-corrections.py; shrinkage toward the uniform
 * table read 0.331 on 30 independent Zipf-distributed levels, toward independence 0.000).
 *
 * @param countX, countY marginal counts (empty levels allowed)
 * @param joint counts of the observed cells, keyed a·levelsY + b
 */
export function independenceShrinkageMI(
  countX: Float64Array,
  countY: Float64Array,
  joint: ReadonlyMap<number, number>,
  levelsY: number,
  n: number,
): number {
  let sumTx2 = 0;
  for (const c of countX) sumTx2 += (c / n) ** 2;
  let sumTy2 = 0;
  for (const c of countY) sumTy2 += (c / n) ** 2;
  // Σ over every cell of (t − p̂)² = Σt² − Σ_observed (2tp̂ − p̂²), with Σt² = Σp̂(x)² · Σp̂(y)².
  let sumP2 = 0;
  let cross = 0;
  let massT = 0;
  for (const [key, c] of joint) {
    const p = c / n;
    const t = ((countX[Math.floor(key / levelsY)] as number) / n) * ((countY[key % levelsY] as number) / n);
    sumP2 += p * p;
    cross += 2 * t * p - p * p;
    massT += t;
  }
  const distance = sumTx2 * sumTy2 - cross;
  if (!(distance > 0) || n < 2) return 0;
  const lambda = Math.min(1, Math.max(0, (1 - sumP2) / ((n - 1) * distance)));
  if (lambda === 1) return 0;
  // Σ q log(q/t), q = λt + (1 − λ)p̂: each empty cell adds λt·log λ, together λ log λ · (1 − Σ_observed t).
  let mi = lambda > 0 ? lambda * Math.log(lambda) * (1 - massT) : 0;
  for (const [key, c] of joint) {
    const p = c / n;
    const t = ((countX[Math.floor(key / levelsY)] as number) / n) * ((countY[key % levelsY] as number) / n);
    const q = lambda * t + (1 - lambda) * p;
    mi += q * Math.log(q / t);
  }
  return Math.max(0, mi);
}
