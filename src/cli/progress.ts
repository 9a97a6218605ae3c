import cliProgress from "cli-progress";
import type { ProgressFn } from "../types.js";
import type { CliIO } from "./io.js";

/** A progress display for long work, and the ProgressFn to hand to estimators. */
export interface Progress {
  readonly onProgress: ProgressFn;
  /** Clears the bar (if drawn); call when the work ends, before printing results. */
  finish(): void;
}

export interface ProgressOptions {
  readonly quiet?: boolean;
  /** Draw only once the work has run this long (ms): quick work shows no bar. Default 1000. */
  readonly delayMs?: number;
  /** Clock in ms (injected in tests). */
  readonly now?: () => number;
}

/**
 * A cli-progress bar with ETA on stderr, drawn only when stderr is a terminal, not with --quiet, and only for
 * work that has already taken over a second. Its stream is an adapter over io.err, so tests can capture it.
 */
export function createProgress(io: CliIO, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 1000;
  if (!io.errIsTTY || options.quiet === true) return { onProgress: () => {}, finish: () => {} };
  let start: number | undefined;
  let bar: cliProgress.SingleBar | undefined;
  let finished = false;
  const stream = {
    isTTY: true,
    columns: io.errColumns ?? 80,
    write: (s: string) => {
      io.err(s);
      return true;
    },
  };
  return {
    onProgress(done, total, label) {
      if (finished) return;
      start ??= now();
      if (bar === undefined) {
        if (now() - start < delay) return;
        bar = new cliProgress.SingleBar(
          {
            stream: stream as unknown as NodeJS.WritableStream,
            format: "{label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}",
            hideCursor: false,
            clearOnComplete: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { label: label ?? "working" });
        return;
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done, { label: label ?? "working" });
    },
    finish() {
      finished = true;
      bar?.stop();
    },
  };
}
