import { InfonceError } from "../errors.js";

/** Named N×D float32 buffers of a banded loss; an absent optional one (a gradient not asked for) is undefined. */
type NamedRows = readonly (readonly [string, Float32Array | undefined])[];

/**
 * The arguments every banded (blockwise) loss takes, checked alike: n and d integers ≥ 1, block an integer ≥ 1,
 * and each given buffer exactly n×d numbers.
 */
export function checkBandArgs(fn: string, n: number, d: number, block: number, buffers: NamedRows): void {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(d) && d >= 1)) {
    throw new InfonceError("E_SHAPE", `${fn}: n and d must be integers ≥ 1, got n=${n}, d=${d}`);
  }
  if (!(Number.isInteger(block) && block >= 1)) {
    throw new InfonceError("E_ARG", `${fn}: block must be an integer ≥ 1, got ${block}`);
  }
  for (const [name, a] of buffers) {
    if (a !== undefined && a.length !== n * d) {
      throw new InfonceError("E_SHAPE", `${fn}: ${name} holds ${a.length} numbers; ${n}×${d} needs ${n * d}`);
    }
  }
}

/** E_VALUE naming the first non-finite entry (row, column) of the given n×d buffers; nothing when all are finite. */
export function checkFiniteRows(fn: string, d: number, buffers: NamedRows): void {
  for (const [name, a] of buffers) {
    if (a === undefined) continue;
    const p = a.findIndex((v) => !Number.isFinite(v));
    if (p >= 0) {
      throw new InfonceError(
        "E_VALUE",
        `${fn}: ${name}[${Math.floor(p / d)},${p % d}] is ${a[p]}; embeddings must be finite`,
      );
    }
  }
}
