import { InfonceError } from "../../errors.js";
import { getKernel } from "../../linalg/engine.js";
import { infonceLossBlockwise } from "../../linalg/infonce-blockwise.js";
import { type InfonceLossResult, infonceLoss, SIMILARITIES, type Similarity } from "../../losses/infonce-loss.js";
import { createRng } from "../../math/rng.js";
import type { Matrix } from "../../types.js";
import { COMMON_ARGS, choiceArg, INPUT_ARGS, intArg, numberArg } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import { EXIT_INTERRUPTED } from "../exit-codes.js";
import { fmt } from "../format-table.js";
import type { CliIO } from "../io.js";
import { checkOutputs } from "../outputs.js";
import { createProgress } from "../progress.js";
import { inputFlags, readInput } from "../read-args.js";
import type { CommandFactory } from "./index.js";

/**
 * Largest batch computed exactly in float64 by the core's infonceLoss (its K×K logits: 4096² is 128 MiB). Larger
 * batches go through the kernel's blockwise routine (float32 scores, double accumulation, O(K·block) memory).
 */
export const EXACT_MAX_BATCH = 4096;

/** Rows of a float64 batch as float32, L2-normalised for cosine scores (the blockwise routine takes q, k as given). */
function toKernelRows(m: Matrix<Float64Array>, cosine: boolean, side: string): Float32Array {
  const out = new Float32Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    let norm = 1;
    if (cosine) {
      let ss = 0;
      for (let c = 0; c < m.cols; c++) ss += (m.data[r * m.cols + c] as number) ** 2;
      norm = Math.sqrt(ss);
      if (!(norm > 0)) {
        throw new InfonceError("E_VALUE", `${side} row ${r + 1} has zero norm; cosine similarity needs non-zero rows`);
      }
    }
    for (let c = 0; c < m.cols; c++) out[r * m.cols + c] = (m.data[r * m.cols + c] as number) / norm;
  }
  return out;
}

/** Rows `order[start..start+count)` of m, as a new row-major matrix. */
function gatherRows(m: Matrix<Float64Array>, order: Uint32Array, start: number, count: number): Matrix<Float64Array> {
  const data = new Float64Array(count * m.cols);
  for (let r = 0; r < count; r++) {
    const src = order[start + r]! * m.cols;
    data.set(m.data.subarray(src, src + m.cols), r * m.cols);
  }
  return { rows: count, cols: m.cols, data };
}

/**
 * `infonce loss`: the InfoNCE loss of paired embeddings (row i of X is the query, row i of Y its positive key)
 * over batches of K rows with in-batch negatives, and the MI lower bound log K − L (van den Oord et al. 2018),
 * with its spread over batches. Batches up to EXACT_MAX_BATCH rows use the core's infonceLoss (exact float64,
 * max-shifted log-softmax); larger ones the engine's blockwise routine, so N = 20,000 pairs fit in O(N·block) memory.
 */
const lossCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: { name: "loss", description: "InfoNCE loss of paired embeddings and the MI lower bound log K − loss" },
    args: {
      file: {
        type: "positional",
        description: "Embeddings file (CSV/TSV/NPY/Parquet/JSONL) or - for stdin",
        required: true,
      },
      yfile: { type: "positional", description: "Optional second file holding the keys Y", required: false },
      ...INPUT_ARGS,
      similarity: { type: "string", description: "Critic: dot | cosine (default cosine)", default: "cosine" },
      temperature: { type: "string", description: "Temperature τ > 0 (default 0.1)", default: "0.1" },
      symmetric: { type: "boolean", description: "CLIP's symmetric loss: mean of X→Y and Y→X" },
      batch: {
        type: "string",
        description: `Rows per batch K (default: all rows; above ${EXACT_MAX_BATCH} computed blockwise in float32)`,
      },
      shuffle: { type: "boolean", description: "Shuffle rows (seeded) before cutting batches" },
      ...COMMON_ARGS,
    },
    async run({ args }) {
      const similarity = choiceArg(args.similarity, "similarity", SIMILARITIES) as Similarity;
      const temperature = numberArg(args.temperature, "temperature", true) as number;
      const seed = intArg(args.seed, "seed", 0, 2 ** 32 - 1) ?? 0;
      const batchArg = intArg(args.batch, "batch", 1);
      const outputs = await checkOutputs({ out: args.out }, io.cwd);
      const read = await readInput(
        io,
        inputFlags(args),
        batchArg === undefined ? undefined : { rows: batchArg, reason: `--batch ${batchArg}` },
      );
      const { x, y } = read.sample;
      if (x.cols !== y.cols) {
        throw new InfonceError(
          "E_SHAPE",
          `X has ${x.cols} columns but Y has ${y.cols}; the InfoNCE loss compares embeddings of the same width`,
        );
      }
      const n = x.rows;
      const warnings = [...read.warnings];
      const K = batchArg ?? n;
      const blockwise = K > EXACT_MAX_BATCH;
      const batches = Math.floor(n / K);
      const left = n - batches * K;
      if (left > 0) warnings.push(`the last ${left} rows do not fill a batch of ${K} and were left out`);
      const order = new Uint32Array(n).map((_, i) => i);
      if (args.shuffle) {
        const rng = createRng(seed);
        for (let i = n - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
      }
      const start = performance.now();
      const progress = createProgress(io, { quiet: args.quiet === true });
      const losses: number[] = [];
      let last: InfonceLossResult | undefined;
      try {
        for (let b = 0; b < batches; b++) {
          if (io.stop.stopped) break;
          const q = gatherRows(x, order, b * K, K);
          const k = gatherRows(y, order, b * K, K);
          if (blockwise) {
            const cosine = similarity === "cosine";
            const q32 = toKernelRows(q, cosine, "X");
            const k32 = toKernelRows(k, cosine, "Y");
            const kernel = getKernel();
            let l = infonceLossBlockwise(kernel, q32, k32, K, x.cols, temperature);
            if (args.symmetric === true) l = 0.5 * (l + infonceLossBlockwise(kernel, k32, q32, K, x.cols, temperature));
            losses.push(l);
          } else {
            last = infonceLoss(q, k, {
              similarity,
              temperature,
              symmetric: args.symmetric === true,
              reduction: "mean",
            });
            losses.push(last.meanLoss);
          }
          progress.onProgress(b + 1, batches, "batches");
        }
      } finally {
        progress.finish();
      }
      const partial = losses.length < batches;
      const m = losses.length;
      const loss = losses.reduce((a, v) => a + v, 0) / Math.max(1, m);
      const sd = m >= 2 ? Math.sqrt(losses.reduce((a, v) => a + (v - loss) ** 2, 0) / (m - 1)) : Number.NaN;
      const se = sd / Math.sqrt(m);
      const logK = Math.log(K);
      const bound = m === 0 ? Number.NaN : logK - loss;
      const saturated = m > 0 && bound >= 0.95 * logK && K > 1;
      if (m === 1) warnings.push("one batch: no interval (give more rows or a smaller --batch for several batches)");
      if (saturated)
        warnings.push(
          `saturated: this batch cannot show more than log K = ${logK.toFixed(4)} nats; try a larger --batch`,
        );
      const finite = (v: number) => (Number.isFinite(v) ? v : null);
      const record = {
        schemaVersion: 1,
        loss: finite(loss),
        lossStd: finite(sd),
        miBound: finite(bound),
        miBoundBits: finite(bound / Math.LN2),
        ci95: [finite(bound - 1.96 * se), finite(bound + 1.96 * se)] as const,
        K,
        logK,
        batches: m,
        n,
        saturated,
        partial,
        message: saturated
          ? (last?.message ?? `this batch cannot show more than log K = ${logK.toFixed(4)} nats`)
          : null,
        warnings,
        settings: {
          similarity,
          temperature,
          symmetric: args.symmetric === true,
          batch: K,
          computation: blockwise ? `blockwise float32 on the ${getKernel().engine} engine` : "exact float64",
          shuffle: args.shuffle === true,
          seed,
        },
        input: {
          files: inputFlags(args).files,
          x: { columns: read.xColumns.map((c) => c.name) },
          y: { columns: read.yColumns.map((c) => c.name) },
          setAside: read.setAside,
        },
        seconds: (performance.now() - start) / 1000,
      };
      if (args.json) io.out(`${JSON.stringify(record, null, 2)}\n`);
      else {
        const lines = [
          `InfoNCE on ${record.input.files.join(" + ")}: ${m} batch${m === 1 ? "" : "es"} of K = ${K} (n = ${n}, width ${x.cols}), ${similarity}/τ = ${temperature}${record.settings.symmetric ? ", symmetric" : ""}${partial ? "  — PARTIAL: stopped early" : ""}`,
          "",
          `  loss (mean over batches)  ${fmt(loss)} nats${m >= 2 ? `  (sd ${fmt(sd)})` : ""}`,
          `  MI bound log K − loss     ${fmt(bound)} nats  ${fmt(bound / Math.LN2)} bits`,
          `  95% interval              [${fmt(record.ci95[0])}, ${fmt(record.ci95[1])}] nats`,
          `  log K                     ${fmt(logK)} nats  ${fmt(logK / Math.LN2)} bits`,
          ...(warnings.length === 0 ? [] : ["", "warnings:", ...warnings.map((w) => `  - ${w}`)]),
        ];
        io.out(`${lines.join("\n")}\n`);
      }
      if (outputs.out !== undefined) {
        const { writeFileOrFail } = await import("../../node/write/write-file-or-fail.js");
        await writeFileOrFail(outputs.out, `${JSON.stringify(record, null, 2)}\n`, "--out");
      }
      return partial ? EXIT_INTERRUPTED : 0;
    },
  });

export default lossCommand;
