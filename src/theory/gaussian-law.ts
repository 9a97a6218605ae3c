import { InfonceError } from "../errors.js";
import { gaussianMIFromCorrelation } from "../math/gaussian-mi.js";
import { gramSums } from "../math/gram-sums.js";
import type { Rng } from "../math/rng.js";
import { type LawEvaluator, MEAN_FIELD_COLUMN, RANDOM_CEILING_COLUMN, softplus, type TheoryLaw } from "./theory-law.js";

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * A theory law of d independent coordinate pairs (x_k, y_k), each standard bivariate normal with correlation ρ:
 * I = −(d/2) log(1 − ρ²) (Cover & Thomas 2006, ch. 8). Exact densities:
 *   pmi(x, y) = −(d/2) log(1 − ρ²) − ρ²(‖x‖² + ‖y‖²) / (2(1 − ρ²)) + ρ x·y / (1 − ρ²),
 *   log p(x) = −‖x‖²/2 − (d/2) log 2π, and the same for y.
 * The random critic is bilinear, f(x, y) = xᵀ W y with W_kl i.i.d. N(0, 1/d) from the critic seed: what an untrained
 * linear two-tower encoder with a dot-product similarity computes.
 */
export function gaussianTheoryLaw(spec: { name: string; description: string; rho: number; d: number }): TheoryLaw {
  const { rho, d } = spec;
  const trueMI = gaussianMIFromCorrelation(rho, d);
  if (!(rho > 0)) throw new InfonceError("E_VALUE", `rho of law '${spec.name}' is ${rho}; it must be in (0, 1)`);
  const oneMinus = 1 - rho * rho;
  const c0 = trueMI;
  const a = -(rho * rho) / (2 * oneMinus);
  const b = rho / oneMinus;
  const noise = Math.sqrt(oneMinus);
  const logNorm = -0.5 * d * LOG_2PI;

  const pmi = (x: ArrayLike<number>, y: ArrayLike<number>): number => {
    const [xx, yy, xy] = gramSums(x, y, d);
    return c0 + a * (xx + yy) + b * xy;
  };

  return {
    name: spec.name,
    description: spec.description,
    trueMI,
    uniformY: false,
    // Per pair ∫∫ p(x,y)²/(p(x)p(y)) = Σ_k ρ^{2k} = 1/(1 − ρ²) (Mehler's expansion); the d pairs multiply.
    chiSquare: oneMinus ** -d - 1,
    pmi,
    logJoint(x, y) {
      const [xx, yy] = gramSums(x, y, d);
      return pmi(x, y) - 0.5 * (xx + yy) + 2 * logNorm;
    },
    evaluator(maxPairs: number, criticRng: Rng): LawEvaluator {
      const W = criticRng.fillNormal(new Float64Array(d * d));
      const wScale = 1 / Math.sqrt(d);
      for (let k = 0; k < W.length; k++) W[k] = (W[k] as number) * wScale;
      const X = new Float64Array(maxPairs * d);
      const Y = new Float64Array(maxPairs * d);
      const WY = new Float64Array(maxPairs * d); // row n = W y_n, so f_random(x_i, y_j) = x_i · (W y_j)
      const nx = new Float64Array(maxPairs);
      const ny = new Float64Array(maxPairs);
      const rows = [
        new Float64Array(maxPairs),
        new Float64Array(maxPairs),
        new Float64Array(maxPairs),
        new Float64Array(maxPairs),
      ] as const;
      const [sOpt, sArt, sRand, sCond] = rows;
      const sumX = new Float64Array(d);
      const sumWY = new Float64Array(d);
      return {
        draw(rng: Rng): void {
          for (let n = 0; n < maxPairs; n++) {
            let sx = 0;
            let sy = 0;
            for (let k = 0; k < d; k++) {
              const x = rng.normal();
              const y = rho * x + noise * rng.normal();
              X[n * d + k] = x;
              Y[n * d + k] = y;
              sx += x * x;
              sy += y * y;
            }
            nx[n] = sx;
            ny[n] = sy;
            for (let k = 0; k < d; k++) {
              let s = 0;
              for (let l = 0; l < d; l++) s += (W[k * d + l] as number) * (Y[n * d + l] as number);
              WY[n * d + k] = s;
            }
          }
        },
        pair(n: number) {
          return { x: Array.from(X.subarray(n * d, (n + 1) * d)), y: Array.from(Y.subarray(n * d, (n + 1) * d)) };
        },
        randomCritic(x: ArrayLike<number>, y: ArrayLike<number>): number {
          let s = 0;
          for (let k = 0; k < d; k++)
            for (let l = 0; l < d; l++) s += (x[k] as number) * (W[k * d + l] as number) * (y[l] as number);
          return s;
        },
        batch(start: number, K: number, out: Float64Array): void {
          const logK = Math.log(K);
          const logN = Math.log(K - 1);
          let tOpt = 0;
          let tArt = 0;
          let tRand = 0;
          let tCond = 0;
          let mf = 0;
          let diagRand = 0;
          sumX.fill(0);
          sumWY.fill(0);
          for (let i = 0; i < K; i++) {
            const xi = (start + i) * d;
            const nxi = nx[start + i] as number;
            const lpx = -0.5 * nxi + logNorm;
            let mOpt = Number.NEGATIVE_INFINITY;
            let mArt = Number.NEGATIVE_INFINITY;
            let mRand = Number.NEGATIVE_INFINITY;
            let mCond = Number.NEGATIVE_INFINITY;
            // Every critic is evaluated in full (row terms included): the row-softmax invariance is measured, not assumed.
            for (let j = 0; j < K; j++) {
              const yj = (start + j) * d;
              let g = 0;
              let h = 0;
              for (let k = 0; k < d; k++) {
                const xk = X[xi + k] as number;
                g += xk * (Y[yj + k] as number);
                h += xk * (WY[yj + k] as number);
              }
              const nyj = ny[start + j] as number;
              const opt = c0 + a * (nxi + nyj) + b * g;
              const art = opt + lpx + (-0.5 * nyj + logNorm);
              const cond = opt + lpx;
              sOpt[j] = opt;
              sArt[j] = art;
              sRand[j] = h;
              sCond[j] = cond;
              if (opt > mOpt) mOpt = opt;
              if (art > mArt) mArt = art;
              if (h > mRand) mRand = h;
              if (cond > mCond) mCond = cond;
            }
            let eOpt = 0;
            let eArt = 0;
            let eRand = 0;
            let eCond = 0;
            for (let j = 0; j < K; j++) {
              eOpt += Math.exp((sOpt[j] as number) - mOpt);
              eArt += Math.exp((sArt[j] as number) - mArt);
              eRand += Math.exp((sRand[j] as number) - mRand);
              eCond += Math.exp((sCond[j] as number) - mCond);
            }
            tOpt += (sOpt[i] as number) - mOpt - Math.log(eOpt);
            tArt += (sArt[i] as number) - mArt - Math.log(eArt);
            tRand += (sRand[i] as number) - mRand - Math.log(eRand);
            tCond += (sCond[i] as number) - mCond - Math.log(eCond);
            mf += softplus(logN - (sOpt[i] as number));
            for (let k = 0; k < d; k++) {
              sumX[k] = (sumX[k] as number) + (X[xi + k] as number);
              sumWY[k] = (sumWY[k] as number) + (WY[(start + i) * d + k] as number);
            }
            diagRand += sRand[i] as number;
          }
          // Σ_ij x_iᵀ W y_j = (Σ_i x_i)ᵀ (Σ_j W y_j): the random critic's ceiling in O(K d).
          let all = 0;
          for (let k = 0; k < d; k++) all += (sumX[k] as number) * (sumWY[k] as number);
          out[RANDOM_CEILING_COLUMN] = diagRand / K - all / (K * K);
          out[0] = logK + tOpt / K;
          out[1] = logK + tArt / K;
          out[2] = logK + tRand / K;
          out[3] = logK + tCond / K;
          out[MEAN_FIELD_COLUMN] = logK - mf / K;
        },
      };
    },
  };
}
