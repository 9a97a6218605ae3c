import { InfonceError } from "../errors.js";
import { drawCategory, weightsCdf } from "../math/categorical.js";
import { discreteMI } from "../math/discrete-mi.js";
import type { Matrix } from "../types.js";
import type { GroundTruthTask } from "./gaussian-task.js";
import { rngSampler } from "./sample-args.js";

export interface DiscreteTaskSpec {
  readonly name: string;
  readonly description: string;
  /** Joint table P (rows = values of X, cols = values of Y), P[i*cols+j] ∝ p(x=i, y=j); normalised here. */
  readonly table: Matrix;
  readonly params?: Readonly<Record<string, number | string | boolean>>;
}

/**
 * A task on a discrete joint table: X and Y are one column each holding the category index (0, 1, …) as a number,
 * flagged categorical. Exact MI = Σ p log p/(p_x p_y) (math/discrete-mi). Cells are drawn by inverse CDF.
 */
export function discreteTask(spec: DiscreteTaskSpec): GroundTruthTask {
  const { table, name } = spec;
  const trueMI = discreteMI(table);
  const { cdf, total } = weightsCdf(table.data);
  if (!(total > 0)) throw new InfonceError("E_VALUE", `task '${name}': table must have a positive total`);
  return {
    name,
    description: spec.description,
    family: "discrete",
    params: { dimX: 1, dimY: 1, valuesX: table.rows, valuesY: table.cols, ...spec.params },
    dimX: 1,
    dimY: 1,
    trueMI,
    discrete: { x: true, y: true },
    sample: rngSampler(name, 1, 1, (rng, n, x, y) => {
      for (let i = 0; i < n; i++) {
        const cell = drawCategory(cdf, rng.uniform());
        x[i] = Math.floor(cell / table.cols);
        y[i] = cell % table.cols;
      }
    }),
  };
}
