import { InfonceError } from "../../errors.js";
import { SATURATION_RISE } from "../../estimators/infonce-saturation.js";
import { getKernel } from "../../linalg/engine.js";
import { infonceLossBlockwise } from "../../linalg/infonce-blockwise.js";
import { dclLoss } from "../../losses/dcl-loss.js";
import { type InfonceLossResult, infonceLoss, SIMILARITIES, type Similarity } from "../../losses/infonce-loss.js";
import { SIGLIP_LOGIT_BIAS_INIT, SIGLIP_LOGIT_SCALE_INIT } from "../../losses/logit-scale.js";
import { resolveScale } from "../../losses/loss-options.js";
import { siglipLossBlockwise } from "../../losses/siglip-blockwise.js";
import { SIGLIP_NOT_A_BOUND, siglipLoss } from "../../losses/siglip-loss.js";
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

/** The losses `infonce loss --loss NAME` computes; the first four are InfoNCE-type (they give log K − loss). */
export const LOSS_NAMES = ["infonce", "clip", "hard", "debiased", "siglip", "dcl", "dclw"] as const;
type LossName = (typeof LOSS_NAMES)[number];

/** One batch's loss, and the per-batch MI reading when the loss has one. */
interface BatchLoss {
  readonly loss: number;
  readonly result?: InfonceLossResult;
  /** Why there is no MI bound (a plain statement), or null for an InfoNCE-type loss. */
  readonly notBound: string | null;
}

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
      loss: {
        type: "string",
        description: `Loss: ${LOSS_NAMES.join(" | ")} (default infonce; clip = infonce --symmetric)`,
        default: "infonce",
      },
      "logit-scale": {
        type: "string",
        description:
          "open_clip's learnable log-scale instead of --temperature (clamped to [0, log 100]; siglip: default log 10)",
      },
      "logit-bias": { type: "string", description: "SigLIP's bias b (default −10)" },
      beta: { type: "string", description: "hard: concentration β of the negatives' weights (default 1)" },
      "tau-plus": { type: "string", description: "hard/debiased: class prior τ⁺ in [0, 1) (default 0.1)" },
      sigma: { type: "string", description: "dclw: σ of the von Mises–Fisher weight (default 0.5)" },
      batch: {
        type: "string",
        description: `Rows per batch K (default: all rows; above ${EXACT_MAX_BATCH} computed blockwise in float32)`,
      },
      shuffle: { type: "boolean", description: "Shuffle rows (seeded) before cutting batches" },
      ...COMMON_ARGS,
    },
    async run({ args }) {
      const similarity = choiceArg(args.similarity, "similarity", SIMILARITIES) as Similarity;
      const lossName = choiceArg(args.loss, "loss", LOSS_NAMES) as LossName;
      const logitScale = numberArg(args["logit-scale"], "logit-scale");
      const temperature = numberArg(args.temperature, "temperature", true) as number;
      const symmetric = args.symmetric === true || lossName === "clip";
      const scaleOpt =
        logitScale !== undefined
          ? { logitScale }
          : lossName === "siglip" && args.temperature === "0.1"
            ? {}
            : { temperature };
      const logitBias = numberArg(args["logit-bias"], "logit-bias") ?? SIGLIP_LOGIT_BIAS_INIT;
      const beta = lossName === "hard" ? (numberArg(args.beta, "beta") ?? 1) : 0;
      const tauPlus = numberArg(args["tau-plus"], "tau-plus") ?? 0.1;
      const sigma = numberArg(args.sigma, "sigma", true) ?? 0.5;
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
      if (blockwise && lossName !== "infonce" && lossName !== "clip" && lossName !== "siglip") {
        throw new InfonceError(
          "E_ARG",
          `--loss ${lossName} is computed exactly, for batches up to ${EXACT_MAX_BATCH} rows; give --batch ${EXACT_MAX_BATCH} or less`,
        );
      }
      const oneBatch = (q: Matrix<Float64Array>, k: Matrix<Float64Array>): BatchLoss => {
        if (lossName === "siglip") {
          const options = {
            similarity,
            logitBias,
            ...(scaleOpt.logitScale === undefined && "temperature" in scaleOpt
              ? { temperature }
              : { logitScale: scaleOpt.logitScale ?? SIGLIP_LOGIT_SCALE_INIT }),
          };
          if (!blockwise) return { loss: siglipLoss(q, k, options).meanLoss, notBound: SIGLIP_NOT_A_BOUND };
          const { scale } = resolveScale("infonce loss", options, { logitScale: SIGLIP_LOGIT_SCALE_INIT });
          const cosine = similarity === "cosine";
          const l = siglipLossBlockwise(
            getKernel(),
            toKernelRows(q, cosine, "X"),
            toKernelRows(k, cosine, "Y"),
            K,
            x.cols,
            scale,
            logitBias,
          );
          return { loss: l.loss, notBound: SIGLIP_NOT_A_BOUND };
        }
        if (lossName === "dcl" || lossName === "dclw") {
          const r = dclLoss(q, k, { ...scaleOpt, weighted: lossName === "dclw", sigma });
          return { loss: r.meanLoss, notBound: r.message };
        }
        if (blockwise) {
          const cosine = similarity === "cosine";
          const q32 = toKernelRows(q, cosine, "X");
          const k32 = toKernelRows(k, cosine, "Y");
          const kernel = getKernel();
          const t = 1 / resolveScale("infonce loss", scaleOpt, { temperature: 0.1 }).scale;
          let l = infonceLossBlockwise(kernel, q32, k32, K, x.cols, t);
          if (symmetric) l = 0.5 * (l + infonceLossBlockwise(kernel, k32, q32, K, x.cols, t));
          return { loss: l, notBound: null };
        }
        const hard = lossName === "hard" || lossName === "debiased" ? { beta, tauPlus } : undefined;
        const r = infonceLoss(q, k, {
          similarity,
          ...scaleOpt,
          symmetric,
          reduction: "mean",
          ...(hard === undefined ? {} : { hardNegatives: hard }),
        });
        return { loss: r.meanLoss, result: r, notBound: r.miBound === null ? r.message : null };
      };
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
      let notBound: string | null = null;
      const rises: number[] = [];
      try {
        for (let b = 0; b < batches; b++) {
          if (io.stop.stopped) break;
          const q = gatherRows(x, order, b * K, K);
          const k = gatherRows(y, order, b * K, K);
          const one = oneBatch(q, k);
          losses.push(one.loss);
          notBound = one.notBound;
          if (one.result !== undefined) {
            last = one.result;
            if (one.result.risePerDoubling !== null) rises.push(one.result.risePerDoubling);
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
      const isBound = notBound === null;
      const bound = m === 0 || !isBound ? Number.NaN : logK - loss;
      // The estimators' saturation rule (losses/mi-reading.ts): within 5% of log K, or still rising by half a
      // log 2 or more when K doubles (mean rise over the batches; exact batches only).
      const rise = rises.length === 0 ? null : rises.reduce((a, v) => a + v, 0) / rises.length;
      const near = isBound && m > 0 && bound >= 0.95 * logK && K > 1;
      const saturated = near || (isBound && rise !== null && rise >= SATURATION_RISE);
      if (m === 1) warnings.push("one batch: no interval (give more rows or a smaller --batch for several batches)");
      if (!isBound) warnings.push(`no MI bound: ${notBound}`);
      if (saturated) {
        warnings.push(
          `saturated: this batch cannot show more than log K = ${logK.toFixed(4)} nats (${near ? "the bound is within 5% of it" : `the bound still rises by ${((rise as number) * Math.LN2).toFixed(3)} nats per doubling of K`}); try a larger --batch`,
        );
      }
      const finite = (v: number) => (Number.isFinite(v) ? v : null);
      const record = {
        schemaVersion: 1,
        loss: finite(loss),
        lossStd: finite(sd),
        lossName,
        miBound: finite(bound),
        risePerDoubling: rise,
        notBound,
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
          symmetric,
          ...scaleOpt,
          ...(lossName === "siglip" ? { logitBias } : {}),
          ...(lossName === "hard" || lossName === "debiased" ? { beta, tauPlus } : {}),
          ...(lossName === "dclw" ? { sigma } : {}),
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
          `${lossName === "infonce" ? "InfoNCE" : lossName} on ${record.input.files.join(" + ")}: ${m} batch${m === 1 ? "" : "es"} of K = ${K} (n = ${n}, width ${x.cols}), ${similarity}/τ = ${temperature}${record.settings.symmetric ? ", symmetric" : ""}${partial ? "  — PARTIAL: stopped early" : ""}`,
          "",
          `  loss (mean over batches)  ${fmt(loss)} nats${m >= 2 ? `  (sd ${fmt(sd)})` : ""}`,
          ...(isBound
            ? [
                `  MI bound log K − loss     ${fmt(bound)} nats  ${fmt(bound / Math.LN2)} bits`,
                `  95% interval              [${fmt(record.ci95[0])}, ${fmt(record.ci95[1])}] nats`,
              ]
            : [`  MI bound                  none: ${notBound}`]),
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
