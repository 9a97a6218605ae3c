/**
 * A 64-bit FNV-1a hash (Fowler, Noll & Vo) as 16 hex digits, over strings and float64 columns: parts of a sharded
 * run carry the fingerprint of their input and settings, so `merge` refuses parts of different runs. Not
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

  /** Mixes in the exact bytes of a float64 array. */
  floats(v: Float64Array): this {
    const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    for (let i = 0; i < bytes.length; i++) this.byte(bytes[i] as number);
    return this;
  }

  hex(): string {
    return this.hi.toString(16).padStart(8, "0") + this.lo.toString(16).padStart(8, "0");
  }
}
