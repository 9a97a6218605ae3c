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
 * Where stderr is no terminal (a log, a CI job, a batch system), work that has run this long (ms) prints a plain
 * progress line, and another every NOT_TTY_EVERY_MS: long runs say how far they are, and runs of a few seconds
 * (every test, most estimates) print nothing.
 */
const NOT_TTY_DELAY_MS = 10_000;
const NOT_TTY_EVERY_MS = 10_000;

/** The bar's numbers a line is made of (cli-progress's formatter parameters). */
interface LineParams {
  readonly progress: number;
  readonly value: number;
  readonly total: number;
  readonly eta: number;
}

/**
 * A log's progress line, `infonce: training 40% (2413/6000), ETA 55s`. The ETA is left out until there is one: the
 * first line, drawn when the bar starts, has a single point to extrapolate from (cli-progress reports 0 there).
 */
function plainLine(options: cliProgress.Options, params: LineParams, payload: { readonly label?: string }): string {
  const eta =
    params.eta > 0 && params.value < params.total
      ? `, ETA ${cliProgress.Format.TimeFormat(params.eta, options, 5)}`
      : "";
  return `infonce: ${payload.label ?? "working"} ${Math.floor(params.progress * 100)}% (${params.value}/${params.total})${eta}`;
}

/**
 * A cli-progress bar with ETA on stderr, not with --quiet: drawn on a terminal for work that has already taken over
 * a second; elsewhere a plain line (cli-progress's noTTYOutput) every 10 s for work past 10 s. Its stream is an
 * adapter over io.err, so tests can capture it.
 */
export function createProgress(io: CliIO, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const tty = io.errIsTTY;
  const delay = options.delayMs ?? (tty ? 1000 : NOT_TTY_DELAY_MS);
  if (options.quiet === true) return { onProgress: () => {}, finish: () => {} };
  let start: number | undefined;
  let bar: cliProgress.SingleBar | undefined;
  let finished = false;
  const stream = {
    isTTY: tty,
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
            format: tty ? "{label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}" : plainLine,
            noTTYOutput: !tty,
            notTTYSchedule: NOT_TTY_EVERY_MS,
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
