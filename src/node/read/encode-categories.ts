import type { Matrix } from "../../types.js";

/**
 * Orders labels the same way whatever the row order: numbers by value (so codes `2` < `10`), anything else by
 * UTF-16 code units (locale-free, so every machine gives the same codes; `false` < `true` in every case style).
 */
export function compareLabels(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== "" && b !== "" && Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Final codes of a categorical column, in place: the labels that occur in the (already filtered) rows, sorted by
 * compareLabels, get codes 0…m−1. Provisional codes index `labels`. Returns the labels in code order.
 *
 * @param m row-major matrix whose column `j` holds provisional codes (no NaN: missing rows are dropped first)
 */
export function encodeCategoriesInPlace(m: Matrix<Float64Array>, j: number, labels: readonly string[]): string[] {
  const { data, rows, cols } = m;
  const seen = new Uint8Array(labels.length);
  for (let r = 0; r < rows; r++) seen[data[r * cols + j]!] = 1;
  const present = labels.map((_, c) => c).filter((c) => seen[c] === 1);
  present.sort((a, b) => compareLabels(labels[a]!, labels[b]!));
  const remap = new Float64Array(labels.length);
  present.forEach((c, code) => {
    remap[c] = code;
  });
  for (let r = 0; r < rows; r++) data[r * cols + j] = remap[data[r * cols + j]!]!;
  return present.map((c) => labels[c]!);
}
