import type { Matrix } from "../../types.js";

/** The rows dropped for missing cells and how many missing cells each column had. */
export interface MissingReport {
  readonly dropped: number;
  /** Per group, per column: the count of missing (NaN) cells before dropping. */
  readonly perColumn: readonly (readonly number[])[];
}

/**
 * Drops every row with a missing (NaN) cell in any of the groups, which share their row count (row i of each
 * group is one observation), compacting each matrix in place (no copy of the data). Linear in the cells.
 */
export function dropMissingRows(
  groups: readonly Matrix<Float64Array>[],
  /** False when the readers saw no missing cell: then nothing is scanned. */
  anyMissing = true,
): {
  readonly matrices: Matrix<Float64Array>[];
  readonly report: MissingReport;
} {
  const rows = groups[0]?.rows ?? 0;
  if (!anyMissing) {
    return {
      matrices: [...groups],
      report: { dropped: 0, perColumn: groups.map((m) => new Array<number>(m.cols).fill(0)) },
    };
  }
  const bad = new Uint8Array(rows);
  const perColumn = groups.map((m) => {
    const counts = new Array<number>(m.cols).fill(0);
    const { data, cols } = m;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++) {
        if (Number.isNaN(data[r * cols + j]!)) {
          counts[j]!++;
          bad[r] = 1;
        }
      }
    }
    return counts;
  });
  let dropped = 0;
  for (let r = 0; r < rows; r++) dropped += bad[r]!;
  if (dropped === 0) return { matrices: [...groups], report: { dropped, perColumn } };
  const matrices = groups.map((m) => {
    const { data, cols } = m;
    let w = 0;
    for (let r = 0; r < rows; r++) {
      if (bad[r] === 1) continue;
      if (w !== r) data.copyWithin(w * cols, r * cols, (r + 1) * cols);
      w++;
    }
    return { rows: w, cols, data: data.subarray(0, w * cols) };
  });
  return { matrices, report: { dropped, perColumn } };
}
