import { portableLog } from "./portable-log.js";

/**
 * A seeded random number generator whose output is identical on every platform and JavaScript engine:
 * xoshiro128** (Blackman & Vigna 2018) on 32-bit integer arithmetic (Math.imul, shifts), seeded by SplitMix32;
 * uniforms with 53 random bits; normals by Marsaglia's polar method using only IEEE arithmetic, √ and a
 * portable log (no Math.log/Math.cos, whose last bits differ between engines).
 */
export interface Rng {
  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Fills `out` with standard normals (float32 or float64) and returns it. */
  fillNormal<T extends Float32Array | Float64Array>(out: T): T;
  /** Fills `out` with uniforms on [0, 1). */
  fillUniform<T extends Float32Array | Float64Array>(out: T): T;
  /** An in-place Fisher–Yates shuffle of `a`. */
  shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T): T;
}

/**
 * SplitMix32's output function: a well-mixed 32-bit hash of a 32-bit integer (every input bit flips about half the
 * output bits). Also a fixed pseudo-random key per index where a reproducible random order is needed (copula.ts).
 */
export function mix32(state: number): number {
  let z = state | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** SplitMix32 step, used to expand a seed into xoshiro's 128-bit state. */
function splitMix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  return mix32(state.s);
}

/**
 * Creates a generator. `seed` is any finite number (its integer part, low and high 32 bits, are used);
 * `stream` selects an independent sequence for the same seed (e.g. one per worker or per purpose).
 */
export function createRng(seed: number, stream = 0): Rng {
  const seedInt = Math.trunc(seed);
  const lo = seedInt | 0;
  const hi = Math.floor(seedInt / 2 ** 32) | 0;
  const st = { s: lo ^ Math.imul(hi, 0x632be5ab) ^ Math.imul(stream | 0, 0x2545f491) };
  let a = splitMix32(st);
  let b = splitMix32(st);
  let c = splitMix32(st);
  let d = splitMix32(st);
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point of xoshiro

  let spare = 0;
  let hasSpare = false;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const uniform = (): number => {
    const x = nextUint32() >>> 5; // 27 bits
    const y = nextUint32() >>> 6; // 26 bits
    return (x * 67108864 + y) / 9007199254740992;
  };
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * portableLog(s)) / s);
      spare = v * f;
      hasSpare = true;
      return u * f;
    }
  };
  return {
    nextUint32,
    uniform,
    normal,
    int(n: number): number {
      if (!(n >= 1) || !Number.isFinite(n)) throw new RangeError(`int(n) needs n ≥ 1, got ${n}`);
      return Math.floor(uniform() * n);
    },
    fillNormal(out) {
      for (let i = 0; i < out.length; i++) out[i] = normal();
      return out;
    },
    fillUniform(out) {
      for (let i = 0; i < out.length; i++) out[i] = uniform();
      return out;
    },
    shuffleInPlace(arr) {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const tmp = arr[i] as number;
        arr[i] = arr[j] as number;
        arr[j] = tmp;
      }
      return arr;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
