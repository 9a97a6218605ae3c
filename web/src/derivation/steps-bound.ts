import type { TheoryRow } from "../../../src/index.js";
import { h } from "../dom.js";
import { prose, tex } from "../math.js";
import { fixed, precise } from "../number-text.js";
import { formatMI } from "../units.js";
import { type DerivationStep, holds, loose, mi, n3, pm, r, rowAt, table } from "./step-parts.js";

/** The article's steps 5–9: the bound, the energy-based reading, why K helps, MINE, and its closing question. */
export const BOUND_STEPS: readonly DerivationStep[] = [
  {
    id: "bound",
    title: "InfoNCE is a lower bound",
    claim: "By MINE's theory, the InfoNCE loss approaches a contrastive lower bound of the mutual information.",
    claimTex: r`\text{InfoNCE is a lower bound of }I(X;Y)`,
    truth: [
      "No approximation is needed: for every critic and every K the bound below holds in expectation, and every batch's value is at most log K (the loss is a cross-entropy, never negative). A batch of K pairs cannot show more than log K: measuring I needs $K\\gtrsim e^{I}$.",
    ],
    truthTex: r`\log K-\mathcal{L}_K\;\le\;I(X;Y)\quad\text{for every critic }f,\qquad \log K-\mathcal{L}_K\;\le\;\log K`,
    reference: "van den Oord et al. 2018; Poole et al. 2019, §2.3",
    check(ctx) {
      const u = ctx.unit;
      const I = ctx.numbers.theory.trueMI;
      const rows = ctx.numbers.theory.rows;
      let worst = { z: Number.NEGATIVE_INFINITY, text: "" };
      let maxExcess = Number.NEGATIVE_INFINITY;
      for (const row of rows) {
        maxExcess = Math.max(maxExcess, row.maxExcessOverLogK);
        for (const [name, m] of [
          ["optimal", row.optimal],
          ["article's", row.article],
          ["random", row.random],
        ] as const) {
          const z = (m.mean - I) / m.se;
          if (z > worst.z) worst = { z, text: `${name} critic at K = ${row.K}: ${n3(m.mean)} ± ${n3(m.se)}` };
        }
      }
      return [
        table(
          `Expected bound log K − L per critic (I = ${formatMI(I, u)})`,
          ["K", "log K", "optimal", "article's", "random"],
          rows.map((row) => [
            String(row.K),
            mi(row.logK, u),
            pm(row.optimal, u, { "data-check": `bound-optimal-${row.K}` }),
            pm(row.article, u),
            pm(row.random, u),
          ]),
        ),
        holds(
          `Over every batch and critic the largest excess of a batch's bound over log K is ${maxExcess.toExponential(1)} nats (rounding). ` +
            (worst.z > 0
              ? `The largest excess of a mean over I is ${fixed(worst.z, 1)} standard errors (${worst.text}): Monte Carlo chance, since the bound holds in expectation.`
              : `No mean exceeds I; the closest is ${worst.text}.`),
        ),
        loose(
          "The article reaches the bound through “≈” and cites MINE, which optimises a different bound (Donsker–Varadhan, step 8). The inequality holds without approximation for every critic — a random one gives a valid, useless value (the random column).",
        ),
      ];
    },
  },
  {
    id: "energy",
    title: "The energy-based reading",
    claim:
      "With the similarity as a negative energy, the joint density is its exponential over a partition function summed over the candidates.",
    claimTex: r`p(x,q)=\frac{e^{\mathrm{sim}(q,x)}}{Z},\qquad Z=\sum_{x'}e^{\mathrm{sim}(q,x')},\qquad \mathrm{sim}(q,x)=\log p(x,q)+\log Z`,
    truth: [
      "Z sums over the candidates for a fixed query, so what it normalises is a conditional, not the joint (we read the article as p(x|q)). The model behind the softmax is an energy model relative to the distribution the negatives come from; with f = pmi its partition function is exactly 1, and the softmax is the posterior that candidate j is the positive.",
    ],
    truthTex: r`p(y\mid x)=\frac{p(y)\,e^{f(x,y)}}{Z(x)},\qquad Z(x)=\mathbb{E}_{p(y)}\!\left[e^{f(x,y)}\right]\overset{f=\operatorname{pmi}}{=}1`,
    reference:
      "Poole et al. 2019, §2.2–2.3 (unnormalised models and the multi-sample bound); Ma & Collins 2018 (NCE and ranking)",
    check(ctx) {
      const u = ctx.unit;
      const last = ctx.numbers.sameCritic.rows[ctx.numbers.sameCritic.rows.length - 1];
      const row = rowAt(ctx);
      return [
        prose(
          "p",
          `Monte Carlo $Z(x)$ with f = pmi, the mean over a query's ${(last?.K ?? 0) - 1} negatives of $e^{\\operatorname{pmi}}$, averaged over all queries: `,
        ),
        h(
          "p",
          { class: "big" },
          h(
            "output",
            { "data-check": "partition", "data-value": String(last?.negativeMean.mean) },
            n3(last?.negativeMean.mean ?? Number.NaN),
          ),
          " (exactly 1 in expectation)",
        ),
        holds(
          `Any term in the query alone is harmless: $f=\\operatorname{pmi}+\\log p(x)$ gives the optimal bound on every batch (largest difference ${row.conditional.maxAbsDiff.toExponential(1)}).`,
        ),
        ctx.numbers.theory.uniformY
          ? holds(
              "With a uniform p(y) the base measure is a constant, so dropping it, as the article does, costs nothing here.",
            )
          : loose(
              `Dropping the base measure p(y) — reading $p \\propto e^{\\mathrm{sim}}$ — leads to the critic log p(x, y), which loses ${formatMI(row.articleGap.mean, u)} at K = ${row.K} on this law (step 1).`,
            ),
      ];
    },
  },
  {
    id: "bigger-k",
    title: "Why a bigger K helps",
    claim: "When the number of negatives N is large, the negatives dominate and the loss approaches log N − I.",
    claimTex: r`N\to\infty:\quad \mathcal{L}_{\text{InfoNCE}}\approx\log N-I(X;Y)`,
    truth: [
      "Two things grow with K: the ceiling log K, and the tightness of the optimal critic's bound. For K much larger than the χ² dependence of the law the gap to I falls like 1/K (a second-order expansion of the log of the mean over candidates); for a fixed non-optimal critic the bound need not rise with K at all (the random column of step 5).",
    ],
    truthTex: r`I-\bigl(\log K-\mathcal{L}_K\bigr)\;\approx\;\frac{\mathbb{E}_x\,\chi^2\bigl(p(y\mid x)\,\|\,p(y)\bigr)}{2K}\qquad(f=\operatorname{pmi},\;K\gg\chi^2)`,
    reference: "Poole et al. 2019, §2.3 (bias of the InfoNCE bound); McAllester & Stratos 2020 (log K limit)",
    check(ctx) {
      const u = ctx.unit;
      const { trueMI: I, chiSquare } = ctx.numbers.theory;
      const rows = ctx.numbers.theory.rows;
      const first = rows[0] as TheoryRow;
      const last = rows[rows.length - 1] as TheoryRow;
      return [
        h(
          "p",
          {},
          "This law's ",
          tex(r`\mathbb{E}_x\,\chi^2`),
          " = ",
          h("output", { "data-check": "chi-square", "data-value": String(chiSquare) }, precise(chiSquare, 4)),
          " (exact, from the law).",
        ),
        table(
          "Gap of the optimal critic's bound to I against χ²/(2K), and the random critic's bound",
          ["K", "log K", "I − bound (optimal)", "χ²/(2K)", "random critic's bound"],
          rows.map((row) => [
            String(row.K),
            mi(row.logK, u),
            pm({ mean: I - row.optimal.mean, se: row.optimal.se }, u, { "data-check": `gap-${row.K}` }),
            mi(chiSquare / (2 * row.K), u),
            pm(row.random, u, { "data-check": `random-${row.K}` }),
          ]),
        ),
        (first.optimal.mean < last.optimal.mean ? holds : loose)(
          `With f = pmi the bound rises from ${formatMI(first.optimal.mean, u)} at K = ${first.K} to ${formatMI(last.optimal.mean, u)} at K = ${last.K}. ` +
            `The random critic goes from ${formatMI(first.random.mean, u)} to ${formatMI(last.random.mean, u)}: ` +
            (last.random.mean < first.random.mean
              ? "it falls — a bigger K helps the optimal critic, not every critic."
              : "for a fixed critic other than pmi nothing guarantees such a rise."),
        ),
        prose(
          "p",
          `At K = ${last.K} the gap is ${formatMI(I - last.optimal.mean, u)}; the asymptote says ${formatMI(chiSquare / (2 * last.K), u)}. ` +
            (last.K > 10 * chiSquare
              ? "K is well past χ² here, and the two agree to Monte Carlo error."
              : "K has not yet passed χ² by much, so the 1/K asymptote is not reached: a law with this much dependence needs still larger batches."),
        ),
      ];
    },
  },
  {
    id: "same-critic",
    title: "MINE and DV against InfoNCE on the same critic",
    claim: "Following MINE, InfoNCE approaches the mutual information by optimising the ratio of p(x⁺, q) to p(x)p(q).",
    claimTex: r`\text{MINE}\;\Rightarrow\;\text{InfoNCE}\approx\text{a lower bound of }I(X;Y)`,
    truth: [
      "MINE optimises the Donsker–Varadhan bound, not InfoNCE. On one batch its reported value replaces an expectation inside a log by a batch mean, so it is biased upward and can exceed I; NWJ (on f + 1) is unbiased; SMILE is not a bound at all — adding a constant to the critic raises it without limit. InfoNCE stays below log K.",
    ],
    truthTex: r`I_{\mathrm{DV}}(f)=\mathbb{E}_{p(x,y)}[f]-\log\mathbb{E}_{p(x)p(y)}\!\left[e^{f}\right],\qquad \mathbb{E}\Bigl[\log\tfrac{1}{n}\textstyle\sum_{j}e^{f_j}\Bigr]\le\log\mathbb{E}\bigl[e^{f}\bigr]`,
    reference: "Belghazi et al. 2018 (MINE); Poole et al. 2019, §2.1–2.2; Song & Ermon 2020, §5 (SMILE)",
    check(ctx) {
      const u = ctx.unit;
      const sc = ctx.numbers.sameCritic;
      const first = sc.rows[0];
      const dvExcess = (first?.dv.mean ?? Number.NaN) - sc.trueMI;
      return [
        table(
          `Every estimate with the exact critic f = pmi on the same batches (I = ${formatMI(sc.trueMI, u)}; SMILE τ = ${sc.tau})`,
          ["K", "log K", "InfoNCE", "DV / MINE", "NWJ on f + 1", "SMILE", `SMILE on f + ${sc.shift}`],
          sc.rows.map((row) => [
            String(row.K),
            mi(Math.log(row.K), u),
            pm(row.infonce, u, { "data-check": `infonce-${row.K}` }),
            pm(row.dv, u, { "data-check": `dv-${row.K}` }),
            pm(row.nwj, u, { "data-check": `nwj-${row.K}` }),
            pm(row.smile, u, { "data-check": `smile-${row.K}` }),
            pm(row.smileShifted, u, { "data-check": `smile-shifted-${row.K}` }),
          ]),
        ),
        loose(
          (dvExcess > 0
            ? `DV's batch value is above I: by ${formatMI(dvExcess, u)} at K = ${first?.K} (${n3(dvExcess / (first?.dv.se ?? 1))} standard errors). `
            : `DV's batch mean is ${formatMI(dvExcess, u)} from I at K = ${first?.K}: its upward bias is within the Monte Carlo error on this law. `) +
            `Shifting the critic by ${sc.shift} lifts SMILE from ${formatMI(first?.smile.mean ?? Number.NaN, u)} to ${formatMI(first?.smileShifted.mean ?? Number.NaN, u)}: it reads the MI only near f = pmi. Citing MINE does not make InfoNCE a bound; the InfoNCE theorem does.`,
        ),
      ];
    },
  },
  {
    id: "numerator",
    title: "Why the numerator and the denominator differ",
    claim:
      "Mutual information has the same x above and below, InfoNCE has the positive above and all candidates below: how can they be related?",
    claimTex: r`\log\frac{p(x,q)}{p(x)\,p(q)}\quad\text{vs}\quad\log\frac{p(x^+,q)}{\sum_{i=0}^{N}p(x_i,q)}`,
    truth: [
      "Read the softmax as a classifier: given K candidates, one from p(y|x) and K − 1 from p(y), which one is the positive? The true posterior is the softmax of pmi, and InfoNCE is this classifier's cross-entropy. Its mean log-probability of the positive is the bound minus log K.",
    ],
    truthTex: r`\Pr(\text{candidate }j\text{ is the positive}\mid x,y_{1..K})=\frac{e^{\operatorname{pmi}(x,y_j)}}{\sum_{k=1}^{K}e^{\operatorname{pmi}(x,y_k)}}`,
    reference: "van den Oord et al. 2018, §2.3; Poole et al. 2019, §2.3",
    check(ctx) {
      const row = rowAt(ctx);
      const geo = Math.exp(row.optimal.mean - row.logK);
      return [
        prose(
          "p",
          `At K = ${row.K} the optimal classifier gives the positive a geometric-mean probability of ${n3(geo)}, against ${n3(1 / row.K)} for guessing. The ratio, ${fixed(geo * row.K, 2)} $= e^{\\text{bound}}$, is what the bound counts.`,
        ),
      ];
    },
  },
];
