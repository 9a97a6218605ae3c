/**
 * The rows of `values` in ascending order of value, equal values by row: what
 * `order.sort((a, b) => values[a] - values[b] || a - b)` gives for finite values, by a stable LSD radix sort on the
 * 64-bit patterns (six passes of 11 bits) instead of a comparison sort with a callback — four to five times faster at
 * n = 20,000, and the sort of every column is on the path of every rank, matrix and copula run.
 *
 * A float64's bit pattern, read as an unsigned integer, orders like the value once negatives have every bit flipped
 * and non-negatives their sign bit set; −0 is read as +0 first, so that it ties with 0 as the comparison does.
 *
 * @param values finite numbers (NaN has no place in an order)
 */
export function ascendingOrder(values: Float64Array): Int32Array {
  const n = values.length;
  const bits = new Float64Array(n);
  for (let i = 0; i < n; i++) bits[i] = (values[i] as number) + 0;
  // Int32 throughout (the same bits as unsigned): values above 2³¹ would leave V8's small-integer fast path.
  const words = new Int32Array(bits.buffer);
  const hi = new Int32Array(n);
  const lo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + HIGH] as number;
    const l = words[2 * i + LOW] as number;
    const negative = h < 0;
    hi[i] = negative ? ~h : h | 0x80000000;
    lo[i] = negative ? ~l : l;
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const count = new Int32Array(RADIX + 1);
  for (let pass = 0; pass < 6; pass++) {
    const key = pass < 3 ? lo : hi;
    const shift = (pass % 3) * DIGIT;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = (((key[i] as number) >>> shift) & MASK) + 1;
      count[d] = (count[d] as number) + 1;
    }
    // A pass where every key has the same digit would move nothing.
    let same = false;
    for (let d = 1; d <= RADIX && !same; d++) same = count[d] === n;
    if (same) continue;
    for (let d = 0; d < RADIX; d++) count[d + 1] = (count[d + 1] as number) + (count[d] as number);
    for (let t = 0; t < n; t++) {
      const row = order[t] as number;
      const d = ((key[row] as number) >>> shift) & MASK;
      next[count[d] as number] = row;
      count[d] = (count[d] as number) + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** Bits per pass: 11, 11 and 10 of each 32-bit half (buckets that stay in the first-level cache). */
const DIGIT = 11;
const RADIX = 1 << DIGIT;
const MASK = RADIX - 1;
// Word order of a float64 in memory follows the platform's endianness.
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;
