import type { ScoredFit } from "../../src/estimators/classifier-selection.js";
import type { ClassifierCapacity } from "../../src/estimators/softmax-classifier.js";
import { tsKernel } from "../../src/linalg/ts-kernel.js";
import { createRng } from "../../src/math/rng.js";
import { Mlp } from "../../src/nn/mlp.js";
import { ParameterBuffer } from "../../src/nn/parameter-buffer.js";

/**
 * A fitted classifier of `capacity` (an untrained MLP of that shape) as a scored fit with the given validation
 * cross-entropy, for the tests of the rules that choose among fits by their capacity and cross-entropy alone.
 */
export function scoredFitOf(
  capacity: ClassifierCapacity,
  dims: { readonly dim: number; readonly classes: number },
  validationCrossEntropy = 1,
): ScoredFit {
  const spec = { inDim: dims.dim, hidden: capacity.hidden, outDim: dims.classes, activation: "relu" as const };
  const mlp = new Mlp(spec, new ParameterBuffer(Mlp.parameterCount(spec)), createRng(0), tsKernel);
  return {
    fit: { capacity, mlp, validationCrossEntropy, epochs: 1, bestEpoch: 1, absent: null },
    logLik: new Float64Array(1),
  };
}
