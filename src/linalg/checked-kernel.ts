import type { BoundSpec } from "../bounds/bound-spec.js";
import { InfonceError } from "../errors.js";
import type { Kernel } from "../types.js";
import { checkBoundCall, checkDims, checkLength } from "./kernel-checks.js";
import { checkActivation } from "./kernel-codes.js";

/**
 * The one argument check of the Kernel contract, put in front of every engine (TypeScript, WebAssembly, native) so
 * that all of them refuse a bad call with the same error before any arithmetic. The engine behind it may trust its
 * arguments: the C code does not check them, and the TypeScript loops would read past a short buffer as undefined.
 * `bounds` is the registry the engine evaluates (the TypeScript kernel can be given a test's own).
 */
export function checkedKernel(impl: Kernel, bounds: readonly BoundSpec[]): Kernel {
  return {
    engine: impl.engine,
    gemm(transA, transB, m, n, k, alpha, a, b, beta, c) {
      checkDims("gemm", { m, n, k });
      checkLength("gemm", "a", a, m * k);
      checkLength("gemm", "b", b, k * n);
      checkLength("gemm", "c", c, m * n);
      impl.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
    },
    biasActivation(z, bias, rows, cols, act, out) {
      checkDims("biasActivation", { rows, cols });
      checkLength("biasActivation", "z", z, rows * cols);
      checkLength("biasActivation", "bias", bias, cols);
      checkLength("biasActivation", "out", out, rows * cols);
      checkActivation(act);
      impl.biasActivation(z, bias, rows, cols, act, out);
    },
    activationBackward(z, a, gradOut, rows, cols, act, gradZ) {
      checkDims("activationBackward", { rows, cols });
      const size = rows * cols;
      checkLength("activationBackward", "z", z, size);
      checkLength("activationBackward", "a", a, size);
      checkLength("activationBackward", "gradOut", gradOut, size);
      checkLength("activationBackward", "gradZ", gradZ, size);
      checkActivation(act);
      impl.activationBackward(z, a, gradOut, rows, cols, act, gradZ);
    },
    columnSums(m, rows, cols, out) {
      checkDims("columnSums", { rows, cols });
      checkLength("columnSums", "m", m, rows * cols);
      checkLength("columnSums", "out", out, cols);
      impl.columnSums(m, rows, cols, out);
    },
    bound(name, s, rows, cols, param, gradOut) {
      checkBoundCall(name, s, rows, cols, param, gradOut, bounds);
      return impl.bound(name, s, rows, cols, param, gradOut);
    },
    adam(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, t) {
      const n = param.length;
      checkLength("adam", "param", param, 0);
      checkLength("adam", "grad", grad, n);
      checkLength("adam", "m", m, n);
      checkLength("adam", "v", v, n);
      if (!(t >= 1)) throw new InfonceError("E_ARG", `adam: step count t is 1-based, got ${t}`);
      impl.adam(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, t);
    },
    normalizeRows(x, rows, cols, eps, out, norms) {
      checkDims("normalizeRows", { rows, cols });
      checkLength("normalizeRows", "x", x, rows * cols);
      checkLength("normalizeRows", "out", out, rows * cols);
      checkLength("normalizeRows", "norms", norms, rows);
      impl.normalizeRows(x, rows, cols, eps, out, norms);
    },
    normalizeRowsBackward(gradOut, normalized, norms, rows, cols, eps, gradX) {
      checkDims("normalizeRowsBackward", { rows, cols });
      checkLength("normalizeRowsBackward", "gradOut", gradOut, rows * cols);
      checkLength("normalizeRowsBackward", "normalized", normalized, rows * cols);
      checkLength("normalizeRowsBackward", "norms", norms, rows);
      checkLength("normalizeRowsBackward", "gradX", gradX, rows * cols);
      impl.normalizeRowsBackward(gradOut, normalized, norms, rows, cols, eps, gradX);
    },
  };
}
