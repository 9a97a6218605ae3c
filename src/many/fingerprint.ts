/**
 * A 64-bit hash as 16 hex digits, over strings and float64 columns: parts of a sharded run carry the fingerprint of
 * their input and settings, so `merge` refuses parts of different runs. Strings go in by FNV-1a (Fowler, Noll &
 * Vo), byte by byte; columns, which are most of the input (6.4 MB for a 40 × 20,000 table), 32 bits at a time
 * through MurmurHash3's mixing step in each half of the state (a byte-wise pass took a quarter second there). Not
 * cryptographic: it guards against mistakes, not adversaries.
 */
export class Fingerprint {
  // Two 32-bit halves of the 64-bit state; the prime 2^40 + 2^8 + 0xb3 multiplied out by hand.
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;

  /** Mixes in one byte. */
  private byte(b: number): void {
    let lo = (this.lo ^ b) >>> 0;
    let hi = this.hi;
    // (hi, lo) · 0x100000001b3 mod 2^64 = (hi, lo) · 0x1b3 + (lo << 40)
    const loMul = lo * 0x1b3;
    const carry = Math.floor(loMul / 0x100000000);
    const newLo = loMul >>> 0;
    hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = newLo;
    this.hi = hi;
    this.lo = lo;
  }

  /** Mixes in a string (UTF-16 code units, two bytes each) and a separator. */
  text(s: string): this {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.byte(c & 0xff);
      this.byte(c >>> 8);
    }
    this.byte(0);
    return this;
  }

  /** Mixes in the exact bits of a float64 array, and its length. */
  floats(v: Float64Array): this {
    const words = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as number;
      lo = murmurStep(lo, w, 0xcc9e2d51, 0x1b873593);
      hi = murmurStep(hi, w, 0x85ebca6b, 0xc2b2ae35);
    }
    this.hi = (hi ^ v.length) >>> 0;
    this.lo = (lo ^ v.length) >>> 0;
    return this;
  }

  hex(): string {
    return this.hi.toString(16).padStart(8, "0") + this.lo.toString(16).padStart(8, "0");
  }
}

/** One MurmurHash3 (x86, 32-bit) block step of state h with word w, multipliers c1 and c2. */
function murmurStep(h: number, w: number, c1: number, c2: number): number {
  let k = Math.imul(w, c1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, c2);
  let x = h ^ k;
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) >>> 0;
}
