/**
 * The flat call surface of the C kernels (native/ik.h) as JavaScript sees it: the N-API addon exports exactly
 * this, and the WebAssembly adapter implements it by copying through the module's memory. Activations and bounds
 * are integer codes (kernel-codes.ts); buffers are float32 row-major; nothing here validates its arguments.
 */
export interface RawKernel {
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: Float32Array,
    b: Float32Array,
    beta: number,
    c: Float32Array,
  ): void;
  biasActivation(z: Float32Array, bias: Float32Array, rows: number, cols: number, act: number, out: Float32Array): void;
  activationBackward(
    z: Float32Array,
    a: Float32Array,
    gradOut: Float32Array,
    rows: number,
    cols: number,
    act: number,
    gradZ: Float32Array,
  ): void;
  columnSums(m: Float32Array, rows: number, cols: number, out: Float32Array): void;
  bound(code: number, s: Float32Array, rows: number, cols: number, param: number, gradOut: Float32Array): number;
  adam(
    param: Float32Array,
    grad: Float32Array,
    m: Float32Array,
    v: Float32Array,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    t: number,
  ): void;
  normalizeRows(x: Float32Array, rows: number, cols: number, eps: number, out: Float32Array, norms: Float32Array): void;
  normalizeRowsBackward(
    gradOut: Float32Array,
    normalized: Float32Array,
    norms: Float32Array,
    rows: number,
    cols: number,
    eps: number,
    gradX: Float32Array,
  ): void;
  infonceBlockwise(
    q: Float32Array,
    k: Float32Array,
    n: number,
    d: number,
    invTemp: number,
    block: number,
    gradQ: Float32Array | null,
    gradK: Float32Array | null,
  ): number;
  setThreads(threads: number): number;
  getThreads(): number;
  gemmVariant(): string;
  fmaPeakFlopsPerIter(): number;
  fmaPeakRun(iters: number): number;
}
