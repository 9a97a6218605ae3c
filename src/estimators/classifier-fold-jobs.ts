import type { Kernel, StopSignal } from "../types.js";
import { yieldToEventLoop } from "../yield-to-event-loop.js";
import { type FoldScores, type FoldSetup, foldSteps, scoreFold } from "./classifier-fold.js";
import { threadPoolOption } from "./thread-pool-option.js";

/** A fold's setup as it crosses to a worker thread: the engine by name in place of the kernel, no stop signal. */
export type PortableFoldSetup = Omit<FoldSetup, "kernel" | "stop"> & { readonly engine: Kernel["engine"] };

/** One fold of the classifier to score (classifier-fold.ts's scoreFold). */
export interface FoldJob {
  readonly setup: PortableFoldSetup;
  readonly fold: number;
  readonly held: readonly number[];
  readonly rest: readonly number[];
  /**
   * A one-element view of a SharedArrayBuffer: 1 once the run is stopped. A worker's fits poll it (a message would
   * wait until the fold is done: its work is synchronous).
   */
  readonly stopFlag: Int32Array;
}

/**
 * Where the classifier scores its folds. Node's entry passes worker threads (src/node/classifier-fold-threads.ts) as
 * the `foldPool` option; without one they run on the calling thread, one after the other. A fold's scores do not
 * depend on where it runs (its seeds are its index's), so the estimate is the same either way.
 */
export interface FoldPool {
  readonly threads: number;
  /** Scores a job; null when the run was stopped before it began. `onStep` receives its model fits done. */
  run(job: FoldJob, onStep: (step: number) => void): Promise<FoldScores | null>;
}

/** The stop signal a job's flag stands for. */
export function stopOf(flag: Int32Array): StopSignal {
  return {
    get stopped() {
      return Atomics.load(flag, 0) === 1;
    },
  };
}

/** Scores a job on this thread with `kernel` (what a worker does with each job it receives). */
export function runFoldJob(job: FoldJob, kernel: Kernel, onStep: (step: number) => void): FoldScores | null {
  const stop = stopOf(job.stopFlag);
  if (stop.stopped) return null;
  return scoreFold({ ...job.setup, kernel, stop }, job.fold, job.held, job.rest, onStep);
}

/** The `foldPool` option, checked: a pool, or null (the calling thread). */
export function foldPoolOption(options: Readonly<Record<string, unknown>>): FoldPool | null {
  return threadPoolOption<FoldPool>(options, "foldPool", "createFoldThreads") ?? null;
}

/** A copy of `a` in shared memory: posted to a worker thread, it is shared, not copied. */
function sharedCopy<A extends Float64Array | Int32Array | Uint8Array>(a: A, view: (b: SharedArrayBuffer) => A): A {
  const copy = view(new SharedArrayBuffer(a.byteLength));
  (copy as Float64Array).set(a as Float64Array);
  return copy;
}

/** The setup's arrays (labels, features) in shared memory. */
function shared(s: Omit<FoldSetup, "kernel" | "stop">): Omit<FoldSetup, "kernel" | "stop"> {
  return {
    ...s,
    codes: sharedCopy(s.codes, (b) => new Int32Array(b)),
    encodings: s.encodings.map((e) => ({
      ...e,
      features: { ...e.features, data: sharedCopy(e.features.data, (b) => new Float64Array(b)) },
    })),
  };
}

/** Each fold's rows: its held-out rows and the others, both in `order`. */
function foldMembers(order: Int32Array, foldOf: Int32Array, f: number): { held: number[]; rest: number[] } {
  const held: number[] = [];
  const rest: number[] = [];
  for (const r of order) (foldOf[r] === f ? held : rest).push(r);
  return { held, rest };
}

/**
 * Scores folds 0 … folds − 1 (foldOf: each row's fold; order: the shuffled rows), on the pool's threads when there
 * is a pool with more than one, else one after the other here; returns the leading folds scored before a stop (all
 * of them unless the run was stopped). `progress` receives the model fits done over all folds.
 */
export async function scoreFolds(
  setup: FoldSetup,
  order: Int32Array,
  foldOf: Int32Array,
  folds: number,
  pool: FoldPool | null,
  progress: (done: number, total: number) => void,
): Promise<{ readonly fold: number; readonly held: readonly number[]; readonly scores: FoldScores }[]> {
  const steps = foldSteps(setup);
  const out: { fold: number; held: readonly number[]; scores: FoldScores }[] = [];
  if (pool === null || pool.threads < 2) {
    for (let f = 0; f < folds; f++) {
      // Between folds, a Ctrl-C handler (or a page, or a test runner) gets its turn: each fold is synchronous.
      if (f > 0) await yieldToEventLoop();
      if (setup.stop?.stopped) break;
      const { held, rest } = foldMembers(order, foldOf, f);
      out.push({
        fold: f,
        held,
        scores: scoreFold(setup, f, held, rest, (s) => progress(f * steps + s, folds * steps)),
      });
    }
    return out;
  }
  // The rows and features cross to the workers once, in shared memory, not copied for every fold.
  const { kernel, stop, ...rest } = setup;
  const portable: PortableFoldSetup = { ...shared(rest), engine: kernel.engine };
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const poll = () => {
    if (stop?.stopped) Atomics.store(stopFlag, 0, 1);
  };
  poll();
  const watch = setInterval(poll, 50);
  const done = new Array<number>(folds).fill(0);
  try {
    const scored = await Promise.all(
      Array.from({ length: folds }, (_, f) => {
        const { held, rest: others } = foldMembers(order, foldOf, f);
        return pool
          .run({ setup: portable, fold: f, held, rest: others, stopFlag }, (s) => {
            done[f] = s;
            progress(
              done.reduce((a, b) => a + b, 0),
              folds * steps,
            );
          })
          .then((scores) => (scores === null ? null : { fold: f, held, scores }));
      }),
    );
    for (const s of scored) {
      if (s === null) break;
      out.push(s);
    }
    return out;
  } finally {
    clearInterval(watch);
  }
}
