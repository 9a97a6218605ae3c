import { InfonceError } from "../errors.js";
import type { Kernel } from "../types.js";
import type { CompiledKernel } from "./compiled-kernel.js";
import type { RawKernel } from "./raw-kernel.js";
import { tsKernel } from "./ts-kernel.js";
import { KERNELS_WASM_BASE64 } from "./wasm/kernels-wasm.js";
import { wrapCompiledKernel } from "./wrap-compiled-kernel.js";

/** The C functions the module exports (native/ik.h; pointers are byte offsets into `memory`). */
interface WasmExports {
  readonly memory: WebAssembly.Memory;
  ik_gemm(
    ta: number,
    tb: number,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: number,
    b: number,
    beta: number,
    c: number,
  ): void;
  ik_bias_activation(z: number, bias: number, rows: number, cols: number, act: number, out: number): void;
  ik_activation_backward(z: number, a: number, g: number, rows: number, cols: number, act: number, gz: number): void;
  ik_column_sums(m: number, rows: number, cols: number, out: number): void;
  ik_bound(code: number, s: number, rows: number, cols: number, param: number, g: number): number;
  ik_adam(
    p: number,
    g: number,
    m: number,
    v: number,
    n: number,
    lr: number,
    b1: number,
    b2: number,
    eps: number,
    wd: number,
    t: number,
  ): void;
  ik_normalize_rows(x: number, rows: number, cols: number, eps: number, out: number, norms: number): void;
  ik_normalize_rows_backward(
    g: number,
    y: number,
    norms: number,
    rows: number,
    cols: number,
    eps: number,
    gx: number,
  ): void;
  ik_infonce_blockwise(
    q: number,
    k: number,
    n: number,
    d: number,
    invTemp: number,
    block: number,
    gq: number,
    gk: number,
  ): number;
  ik_gemm_variant(): number;
  ik_fma_peak_flops_per_iter(): number;
  ik_fma_peak_run(iters: number): number;
  ik_io_reserve(bytes: number): number;
}

/** Regions are 64-byte (16-float) aligned so the SIMD kernels see aligned rows when the shapes allow. */
const ALIGN = 16;
const MAX_REGIONS = 8;

/**
 * Memory design: the module owns one linear memory; the caller's Float32Arrays live in JavaScript memory. Each
 * call copies its inputs into an I/O arena inside the module (grown to the largest call seen, then reused, so a
 * training loop with fixed shapes allocates nothing in steady state), runs, and copies the outputs back.
 * Copying costs O(size) per call, small next to the O(m·n·k) of GEMM; it keeps the Kernel contract (caller-owned
 * buffers) identical for all engines and survives memory growth, which detaches every view of the old buffer.
 */
class WasmIo {
  private heap: Float32Array;
  /** Float offsets (not bytes) of the regions of the current call. */
  readonly at = new Int32Array(MAX_REGIONS);

  constructor(private readonly ex: WasmExports) {
    this.heap = new Float32Array(ex.memory.buffer);
  }

  /** The current view of linear memory (re-created after the module grew its memory). */
  view(): Float32Array {
    if (this.heap.buffer !== this.ex.memory.buffer) this.heap = new Float32Array(this.ex.memory.buffer);
    return this.heap;
  }

  /** Lays out regions of the given float counts in the arena: this.at[i] is region i's float offset. */
  reserve(n0: number, n1 = 0, n2 = 0, n3 = 0, n4 = 0, n5 = 0): void {
    const sizes = [n0, n1, n2, n3, n4, n5];
    let total = 0;
    for (const s of sizes) total += Math.ceil(s / ALIGN) * ALIGN;
    const base = this.ex.ik_io_reserve(Math.max(total, 1) * 4);
    if (base === 0) {
      throw new InfonceError("E_ENGINE", `wasm engine: out of memory reserving ${total * 4} bytes`);
    }
    let off = base >> 2;
    for (let i = 0; i < sizes.length; i++) {
      this.at[i] = off;
      off += Math.ceil((sizes[i] as number) / ALIGN) * ALIGN;
    }
  }

  /** Byte pointer of region i. */
  ptr(i: number): number {
    return (this.at[i] as number) << 2;
  }

  put(i: number, src: Float32Array, n: number): void {
    this.view().set(src.length === n ? src : src.subarray(0, n), this.at[i] as number);
  }

  get(i: number, dst: Float32Array, n: number): void {
    const at = this.at[i] as number;
    dst.set(this.view().subarray(at, at + n));
  }
}

function rawFromExports(ex: WasmExports): RawKernel {
  const io = new WasmIo(ex);
  const bytes = new Uint8Array(ex.memory.buffer);
  const namePtr = ex.ik_gemm_variant();
  let end = namePtr;
  while (bytes[end] !== 0 && end < bytes.length) end++;
  const variant = new TextDecoder().decode(bytes.subarray(namePtr, end));
  return {
    gemm(ta, tb, m, n, k, alpha, a, b, beta, c) {
      io.reserve(m * k, k * n, m * n);
      io.put(0, a, m * k);
      io.put(1, b, k * n);
      if (beta !== 0) io.put(2, c, m * n);
      ex.ik_gemm(ta ? 1 : 0, tb ? 1 : 0, m, n, k, alpha, io.ptr(0), io.ptr(1), beta, io.ptr(2));
      io.get(2, c, m * n);
    },
    biasActivation(z, bias, rows, cols, act, out) {
      const size = rows * cols;
      const alias = out === z;
      io.reserve(size, cols, alias ? 0 : size);
      io.put(0, z, size);
      io.put(1, bias, cols);
      ex.ik_bias_activation(io.ptr(0), io.ptr(1), rows, cols, act, alias ? io.ptr(0) : io.ptr(2));
      io.get(0, z, size);
      if (!alias) io.get(2, out, size);
    },
    activationBackward(z, a, gradOut, rows, cols, act, gradZ) {
      const size = rows * cols;
      const alias = gradZ === gradOut;
      io.reserve(size, size, size, alias ? 0 : size);
      io.put(0, z, size);
      io.put(1, a, size);
      io.put(2, gradOut, size);
      ex.ik_activation_backward(io.ptr(0), io.ptr(1), io.ptr(2), rows, cols, act, alias ? io.ptr(2) : io.ptr(3));
      io.get(alias ? 2 : 3, gradZ, size);
    },
    columnSums(m, rows, cols, out) {
      io.reserve(rows * cols, cols);
      io.put(0, m, rows * cols);
      ex.ik_column_sums(io.ptr(0), rows, cols, io.ptr(1));
      io.get(1, out, cols);
    },
    bound(code, s, rows, cols, param, gradOut) {
      const size = rows * cols;
      io.reserve(size, size);
      io.put(0, s, size);
      const value = ex.ik_bound(code, io.ptr(0), rows, cols, param, io.ptr(1));
      io.get(1, gradOut, size);
      return value;
    },
    adam(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, t) {
      const n = param.length;
      io.reserve(n, n, n, n);
      io.put(0, param, n);
      io.put(1, grad, n);
      io.put(2, m, n);
      io.put(3, v, n);
      ex.ik_adam(io.ptr(0), io.ptr(1), io.ptr(2), io.ptr(3), n, lr, beta1, beta2, eps, weightDecay, t);
      io.get(0, param, n);
      io.get(2, m, n);
      io.get(3, v, n);
    },
    normalizeRows(x, rows, cols, eps, out, norms) {
      const size = rows * cols;
      io.reserve(size, size, rows);
      io.put(0, x, size);
      ex.ik_normalize_rows(io.ptr(0), rows, cols, eps, io.ptr(1), io.ptr(2));
      io.get(1, out, size);
      io.get(2, norms, rows);
    },
    normalizeRowsBackward(gradOut, normalized, norms, rows, cols, eps, gradX) {
      const size = rows * cols;
      io.reserve(size, size, rows, size);
      io.put(0, gradOut, size);
      io.put(1, normalized, size);
      io.put(2, norms, rows);
      ex.ik_normalize_rows_backward(io.ptr(0), io.ptr(1), io.ptr(2), rows, cols, eps, io.ptr(3));
      io.get(3, gradX, size);
    },
    infonceBlockwise(q, k, n, d, invTemp, block, gradQ, gradK) {
      const size = n * d;
      io.reserve(size, size, gradQ ? size : 0, gradK ? size : 0);
      io.put(0, q, size);
      io.put(1, k, size);
      const value = ex.ik_infonce_blockwise(
        io.ptr(0),
        io.ptr(1),
        n,
        d,
        invTemp,
        block,
        gradQ ? io.ptr(2) : 0,
        gradK ? io.ptr(3) : 0,
      );
      if (gradQ) io.get(2, gradQ, size);
      if (gradK) io.get(3, gradK, size);
      return value;
    },
    setThreads: () => 1,
    getThreads: () => 1,
    gemmVariant: () => variant,
    fmaPeakFlopsPerIter: () => ex.ik_fma_peak_flops_per_iter(),
    fmaPeakRun: (iters: number) => ex.ik_fma_peak_run(iters),
  };
}

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Instantiates the embedded WebAssembly SIMD module (the same C source as the addon, built by
 * scripts/build-wasm.sh) and returns its Kernel. Works in Node and browsers with WebAssembly SIMD (Chrome 91,
 * Firefox 89, Safari 16.4); rejects with E_ENGINE where SIMD or WebAssembly is missing.
 * `fallback` serves the bounds the C kernels leave to TypeScript (the α-bound).
 */
export async function loadWasmKernel(fallback: Kernel = tsKernel): Promise<CompiledKernel> {
  if (typeof WebAssembly === "undefined") {
    throw new InfonceError("E_ENGINE", "wasm engine: this JavaScript runtime has no WebAssembly");
  }
  let instance: WebAssembly.Instance;
  try {
    ({ instance } = await WebAssembly.instantiate(decodeBase64(KERNELS_WASM_BASE64), {}));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InfonceError("E_ENGINE", `wasm engine: the module did not instantiate (WebAssembly SIMD needed): ${why}`);
  }
  const ex = instance.exports as unknown as WasmExports;
  return wrapCompiledKernel(rawFromExports(ex), "wasm", fallback);
}
