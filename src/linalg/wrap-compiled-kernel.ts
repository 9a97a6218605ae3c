import { BOUNDS, boundSpec } from "../bounds/registry.js";
import type { Kernel } from "../types.js";
import { checkedKernel } from "./checked-kernel.js";
import type { CompiledKernel } from "./compiled-kernel.js";
import { boundFailure, checkDims, checkLength } from "./kernel-checks.js";
import { activationCode } from "./kernel-codes.js";
import type { RawKernel } from "./raw-kernel.js";
import { tsKernel } from "./ts-kernel.js";

/**
 * The Kernel interface over a RawKernel (addon or WebAssembly adapter): the arguments are checked as for every
 * engine (checked-kernel.ts; the C code trusts its callers), names map to codes, and the C kernels' NaN returns
 * become InfonceErrors. Bounds the C kernels do not implement (Poole's α-bound) go to `fallback`, by default the
 * TypeScript kernel.
 */
export function wrapCompiledKernel(
  raw: RawKernel,
  engine: "wasm" | "native",
  fallback: Kernel = tsKernel,
): CompiledKernel {
  const kernel = checkedKernel(
    {
      engine,
      gemm: (transA, transB, m, n, k, alpha, a, b, beta, c) => raw.gemm(transA, transB, m, n, k, alpha, a, b, beta, c),
      biasActivation: (z, bias, rows, cols, act, out) =>
        raw.biasActivation(z, bias, rows, cols, activationCode(act), out),
      activationBackward: (z, a, gradOut, rows, cols, act, gradZ) =>
        raw.activationBackward(z, a, gradOut, rows, cols, activationCode(act), gradZ),
      columnSums: (m, rows, cols, out) => raw.columnSums(m, rows, cols, out),
      bound(name, s, rows, cols, param, gradOut) {
        const code = boundSpec(name, BOUNDS).kernelCode;
        if (code === undefined) return fallback.bound(name, s, rows, cols, param, gradOut);
        const value = raw.bound(code, s, rows, cols, param, gradOut);
        if (Number.isNaN(value)) throw boundFailure(name, s, rows, cols);
        return value;
      },
      adam: (param, grad, m, v, lr, beta1, beta2, eps, weightDecay, t) =>
        raw.adam(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, t),
      normalizeRows: (x, rows, cols, eps, out, norms) => raw.normalizeRows(x, rows, cols, eps, out, norms),
      normalizeRowsBackward: (gradOut, normalized, norms, rows, cols, eps, gradX) =>
        raw.normalizeRowsBackward(gradOut, normalized, norms, rows, cols, eps, gradX),
    },
    BOUNDS,
  );
  return {
    ...kernel,
    engine,
    variant: raw.gemmVariant(),
    getThreads: () => raw.getThreads(),
    setThreads(threads: number): number {
      checkDims("setThreads", { threads });
      return raw.setThreads(threads);
    },
    infonceBlockwise(q, k, n, d, invTemp, block, gradQ, gradK) {
      checkDims("infonceBlockwise", { n, d, block });
      checkLength("infonceBlockwise", "q", q, n * d);
      checkLength("infonceBlockwise", "k", k, n * d);
      if (gradQ !== null) checkLength("infonceBlockwise", "gradQ", gradQ, n * d);
      if (gradK !== null) checkLength("infonceBlockwise", "gradK", gradK, n * d);
      return raw.infonceBlockwise(q, k, n, d, invTemp, block, gradQ, gradK);
    },
    fmaPeakFlopsPerIter: () => raw.fmaPeakFlopsPerIter(),
    fmaPeakRun: (iters: number) => raw.fmaPeakRun(iters),
  };
}
