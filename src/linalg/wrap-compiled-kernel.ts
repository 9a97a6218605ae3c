import { BOUNDS } from "../bounds/registry.js";
import { InfonceError } from "../errors.js";
import type { Activation, Kernel } from "../types.js";
import type { CompiledKernel } from "./compiled-kernel.js";
import { boundFailure, checkBoundCall, checkDims, checkLength } from "./kernel-checks.js";
import { activationCode } from "./kernel-codes.js";
import type { RawKernel } from "./raw-kernel.js";
import { tsKernel } from "./ts-kernel.js";

/**
 * The Kernel interface over a RawKernel (addon or WebAssembly adapter): validates every argument the way the
 * TypeScript kernel does (the C code trusts its callers), maps names to codes, and turns the C kernels' NaN
 * returns into InfonceErrors. Bounds the C kernels do not implement (Poole's α-bound) go to `fallback`, by
 * default the TypeScript kernel.
 */
export function wrapCompiledKernel(
  raw: RawKernel,
  engine: "wasm" | "native",
  fallback: Kernel = tsKernel,
): CompiledKernel {
  const variant = raw.gemmVariant();
  return {
    engine,
    variant,
    getThreads: () => raw.getThreads(),
    setThreads(threads: number): number {
      checkDims("setThreads", { threads });
      return raw.setThreads(threads);
    },
    gemm(transA, transB, m, n, k, alpha, a, b, beta, c) {
      checkDims("gemm", { m, n, k });
      checkLength("gemm", "a", a, m * k);
      checkLength("gemm", "b", b, k * n);
      checkLength("gemm", "c", c, m * n);
      raw.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
    },
    biasActivation(z, bias, rows, cols, act: Activation, out) {
      checkDims("biasActivation", { rows, cols });
      checkLength("biasActivation", "z", z, rows * cols);
      checkLength("biasActivation", "bias", bias, cols);
      checkLength("biasActivation", "out", out, rows * cols);
      raw.biasActivation(z, bias, rows, cols, activationCode(act), out);
    },
    activationBackward(z, a, gradOut, rows, cols, act: Activation, gradZ) {
      checkDims("activationBackward", { rows, cols });
      const size = rows * cols;
      checkLength("activationBackward", "z", z, size);
      checkLength("activationBackward", "a", a, size);
      checkLength("activationBackward", "gradOut", gradOut, size);
      checkLength("activationBackward", "gradZ", gradZ, size);
      raw.activationBackward(z, a, gradOut, rows, cols, activationCode(act), gradZ);
    },
    columnSums(m, rows, cols, out) {
      checkDims("columnSums", { rows, cols });
      checkLength("columnSums", "m", m, rows * cols);
      checkLength("columnSums", "out", out, cols);
      raw.columnSums(m, rows, cols, out);
    },
    bound(name, s, rows, cols, param, gradOut) {
      const spec = checkBoundCall(name, s, rows, cols, param, gradOut, BOUNDS);
      if (spec.kernelCode === undefined) return fallback.bound(name, s, rows, cols, param, gradOut);
      const value = raw.bound(spec.kernelCode, s, rows, cols, param, gradOut);
      if (Number.isNaN(value)) throw boundFailure(name, s, rows, cols);
      return value;
    },
    adam(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, t) {
      const n = param.length;
      checkLength("adam", "param", param, 0);
      checkLength("adam", "grad", grad, n);
      checkLength("adam", "m", m, n);
      checkLength("adam", "v", v, n);
      if (!(t >= 1)) throw new InfonceError("E_ARG", `adam: step count t is 1-based, got ${t}`);
      raw.adam(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, t);
    },
    normalizeRows(x, rows, cols, eps, out, norms) {
      checkDims("normalizeRows", { rows, cols });
      checkLength("normalizeRows", "x", x, rows * cols);
      checkLength("normalizeRows", "out", out, rows * cols);
      checkLength("normalizeRows", "norms", norms, rows);
      raw.normalizeRows(x, rows, cols, eps, out, norms);
    },
    normalizeRowsBackward(gradOut, normalized, norms, rows, cols, eps, gradX) {
      checkDims("normalizeRowsBackward", { rows, cols });
      checkLength("normalizeRowsBackward", "gradOut", gradOut, rows * cols);
      checkLength("normalizeRowsBackward", "normalized", normalized, rows * cols);
      checkLength("normalizeRowsBackward", "norms", norms, rows);
      checkLength("normalizeRowsBackward", "gradX", gradX, rows * cols);
      raw.normalizeRowsBackward(gradOut, normalized, norms, rows, cols, eps, gradX);
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
