import type { Matrix, PairedSample } from "../types.js";
import type { GroundTruthTask } from "./gaussian-task.js";
import type { RowMap } from "./transforms.js";

export interface TransformSpec {
  readonly name: string;
  readonly description: string;
  /** Map applied to every row of X (absent: X unchanged). */
  readonly x?: RowMap;
  /** Map applied to every row of Y (absent: Y unchanged). */
  readonly y?: RowMap;
}

function mapRows(m: Matrix<Float64Array>, f: RowMap | undefined): Matrix<Float64Array> {
  if (f === undefined) return m;
  const cols = f.dimOut(m.cols);
  const data = new Float64Array(m.rows * cols);
  const out = new Float64Array(cols);
  for (let r = 0; r < m.rows; r++) {
    f.apply(m.data.subarray(r * m.cols, (r + 1) * m.cols), out);
    data.set(out, r * cols);
  }
  return { rows: m.rows, cols, data };
}

/** A transformed task with what it was made of: its base task and the maps (absent: that side unchanged). */
export type TransformedTask = GroundTruthTask & {
  readonly base: GroundTruthTask;
  readonly maps: { readonly x?: RowMap; readonly y?: RowMap };
};

/**
 * A task whose sample is the base task's sample (same n, same seed) with `x` applied to X and `y` to Y.
 * Invertible maps of X alone or Y alone keep the MI, so trueMI is the base's.
 */
export function transformTask(base: GroundTruthTask, spec: TransformSpec): TransformedTask {
  const dimX = spec.x === undefined ? base.dimX : spec.x.dimOut(base.dimX);
  const dimY = spec.y === undefined ? base.dimY : spec.y.dimOut(base.dimY);
  return {
    name: spec.name,
    description: spec.description,
    family: base.family,
    params: {
      ...base.params,
      dimX,
      dimY,
      base: base.name,
      transformX: spec.x?.name ?? "identity",
      transformY: spec.y?.name ?? "identity",
    },
    dimX,
    dimY,
    trueMI: base.trueMI,
    ...(base.discrete === undefined ? {} : { discrete: base.discrete }),
    base,
    maps: { ...(spec.x === undefined ? {} : { x: spec.x }), ...(spec.y === undefined ? {} : { y: spec.y }) },
    sample(n: number, seed: number): PairedSample {
      const s = base.sample(n, seed);
      return { x: mapRows(s.x, spec.x), y: mapRows(s.y, spec.y) };
    },
  };
}
