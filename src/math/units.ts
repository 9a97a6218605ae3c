/** nats → bits: divide by ln 2. */
export function natsToBits(nats: number): number {
  return nats / Math.LN2;
}

/** bits → nats: multiply by ln 2. */
export function bitsToNats(bits: number): number {
  return bits * Math.LN2;
}
