import type { TheoryRow } from "../../../src/index.js";
import { h } from "../dom.js";
import { prose } from "../math.js";
import { fixed } from "../number-text.js";
import { formatMI } from "../units.js";
import { type DerivationStep, holds, loose, mi, n3, pm, r, rowAt, table } from "./step-parts.js";

/** The article's steps 1–4: from the similarity to the loss's large-N form and its expectation. */
export const LOSS_STEPS: readonly DerivationStep[] = [
  {
    id: "critic",
    title: "The similarity as a log-density",
    claim:
      "Read the similarity as a negative energy that estimates the log of the joint density; the loss becomes a ratio of joint densities.",
    claimTex: r`\mathrm{sim}(q,x)=\log p(x,q)\;\Longrightarrow\;\mathcal{L}_{\text{InfoNCE}}=-\log\frac{p(x^+,q)}{\sum_{i=0}^{N}p(x_i,q)}`,
    truth: [
      "The best critic is the pointwise mutual information plus any function of the query alone: the row softmax cancels such a term, at every K. The article's critic carries, in addition, the log-marginal of the candidates, which does not cancel: it tilts the softmax toward frequent candidates. It is optimal only when $p(y)$ is uniform.",
    ],
    truthTex: r`f^*(x,y)=\operatorname{pmi}(x,y)+c(x),\qquad \log p(x,y)=\operatorname{pmi}(x,y)+\log p(x)+\log p(y)`,
    reference:
      "van den Oord et al. 2018 (CPC), §2.3; Poole et al. 2019, “On Variational Bounds of Mutual Information”, §2.3",
    check(ctx) {
      const row = rowAt(ctx);
      const u = ctx.unit;
      const out = [
        table(
          `InfoNCE bound at K = ${row.K} on the same ${row.batches} batches (mean ± standard error)`,
          ["critic", "bound log K − L"],
          [
            ["pmi(x, y) (optimal)", pm(row.optimal, u, { "data-check": "critic-optimal" })],
            ["log p(x, y) (the article's)", pm(row.article, u, { "data-check": "critic-article" })],
            ["pmi + log p(x) (a term in the query alone)", pm(row.conditional, u)],
          ],
        ),
      ];
      if (ctx.numbers.theory.uniformY) {
        out.push(
          holds(
            `Here $p(y)$ is uniform, so the article's critic is optimal: the largest difference from pmi on any batch is ${row.articleGap.maxAbsDiff.toExponential(1)} nats.`,
          ),
        );
      } else {
        out.push(
          loose(
            `$p(y)$ is not uniform here, and $\\log p(y_j)$ does not cancel: the article's critic loses ${formatMI(row.articleGap.mean, u)} (± ${n3(row.articleGap.se)}) at K = ${row.K}. Adding $\\log p(x)$ changes nothing (largest batch difference ${row.conditional.maxAbsDiff.toExponential(1)}).`,
          ),
        );
      }
      return out;
    },
  },
  {
    id: "denominator",
    title: "Negatives from the marginal: the denominator",
    claim:
      "Negatives are drawn from p(x), so their joint density is p(x⁻)p(q), and the denominator is the positive plus N copies of it.",
    claimTex: r`\sum_{i=0}^{N}p(x_i,q)\;\approx\;p(x^+,q)+N\cdot p(x^-)\,p(q)`,
    truth: [
      "A negative is drawn independently of the query, but it is still scored by the joint density. What independence gives is an expectation: each negative's density ratio has mean 1, so the sum over N negatives has mean N — it is random, not equal to N. Replacing it by its mean inside the logarithm understates the bound (Jensen: log is concave); the two agree only as the sum concentrates, for large K.",
    ],
    truthTex: r`\mathbb{E}_{y^-\sim p(y)}\!\left[\frac{p(x,y^-)}{p(x)\,p(y^-)}\right]=\mathbb{E}_{y^-\sim p(y)}\!\left[e^{\operatorname{pmi}(x,y^-)}\right]=1`,
    reference: "Poole et al. 2019, §2.3 (the InfoNCE bound as a multi-sample bound); Jensen's inequality",
    check(ctx) {
      const u = ctx.unit;
      const rows = ctx.numbers.sameCritic.rows.map((s) => {
        const t = ctx.numbers.theory.rows.find((row) => row.K === s.K) as TheoryRow;
        return [
          String(s.K),
          h("output", { "data-value": String(s.negativeMean.mean) }, n3(s.negativeMean.mean)),
          `${n3(s.negativeMean.q10)} – ${n3(s.negativeMean.q90)}`,
          mi(t.optimal.mean, u),
          mi(t.meanField.mean, u),
          mi(t.meanFieldGap.mean, u, { "data-check": `mean-field-gap-${s.K}` }),
        ];
      });
      const first = ctx.numbers.sameCritic.rows[0];
      const last = ctx.numbers.sameCritic.rows[ctx.numbers.sameCritic.rows.length - 1];
      const t2 = ctx.numbers.theory.rows[0] as TheoryRow;
      return [
        table(
          "Per query, the mean over its N = K − 1 negatives of the density ratio exp(pmi) (exactly 1 in expectation), and the bound with and without the article's replacement",
          ["K", "mean over rows", "10% – 90% of rows", "bound (exact sum)", "bound (sum := N)", "understated by"],
          rows,
        ),
        loose(
          `The "≈" is an expectation, not an identity. At K = ${first?.K} one row's negatives average anywhere from ${n3(first?.negativeMean.q10 ?? Number.NaN)} to ${n3(first?.negativeMean.q90 ?? Number.NaN)} instead of 1; at K = ${last?.K}, ${n3(last?.negativeMean.q10 ?? Number.NaN)} to ${n3(last?.negativeMean.q90 ?? Number.NaN)}. Made inside the log, the replacement understates the bound by ${formatMI(t2.meanFieldGap.mean, u)} at K = 2.`,
        ),
      ];
    },
  },
  {
    id: "large-n",
    title: "Large N: the loss against log N − I",
    claim:
      "When N is large the negatives dominate the denominator; drop the positive, move N out of the log, take the expectation.",
    claimTex: r`\mathcal{L}\approx-\log\frac{p(x^+,q)}{N\,p(x^-)\,p(q)}=-\log\frac{p(x^+,q)}{p(x)\,p(q)}+\log N\;\Longrightarrow\;\mathcal{L}\approx\log N-I(X;Y)`,
    truth: [
      "A cross-entropy is never negative, and the theorem bounds the loss from below by the gap to the mutual information, with K = N + 1 candidates (the positive included). Dropping the positive needs $Ne^{-\\operatorname{pmi}}\\gg 1$, so on average $N\\gg e^{I}$: below that the formula gives a negative loss.",
    ],
    truthTex: r`\mathcal{L}_K\;\ge\;\max\bigl(0,\;\log K-I(X;Y)\bigr),\qquad K=N+1`,
    reference: "van den Oord et al. 2018, §2.3 and appendix; Poole et al. 2019, eq. (12)",
    check(ctx) {
      const u = ctx.unit;
      const I = ctx.numbers.theory.trueMI;
      const rows = ctx.numbers.theory.rows.map((row) => [
        String(row.K),
        pm(row.loss, u, { "data-check": `loss-${row.K}` }),
        mi(row.articleApproxLoss, u),
        mi(row.articleApproxLoss - row.loss.mean, u),
      ]);
      const bad = ctx.numbers.theory.rows.filter((row) => row.articleApproxLoss < 0);
      const lastBad = bad[bad.length - 1];
      return [
        table(
          `Loss with the optimal critic against the article's log N − I (I = ${formatMI(I, u)})`,
          ["K", "loss L (measured)", "log N − I", "formula − loss"],
          rows,
        ),
        lastBad === undefined
          ? holds(
              `Every K here has log N ≥ I, so the formula is at least non-negative; it still differs from the loss by the amounts in the last column.`,
            )
          : loose(
              `"≈" is wrong for K ≤ ${lastBad.K}: there log N − I is negative (${formatMI(lastBad.articleApproxLoss, u)} at K = ${lastBad.K}) while the loss is ${formatMI(lastBad.loss.mean, u)}. It needs $N\\gg e^{I}\\approx$ ${fixed(Math.exp(I), 1)}.`,
            ),
      ];
    },
  },
  {
    id: "expectation",
    title: "Where the expectation comes from",
    claim: "The expectation is introduced to go from one positive pair to the whole data set.",
    claimTex: r`\mathcal{L}_{\text{InfoNCE}}\approx-\mathbb{E}_{p(x,q)}\!\left[\log\frac{p(x,q)}{p(x)\,p(q)}\right]+\log N`,
    truth: [
      "In the theorem the expectation is over whole batches — the positives together with the negatives they meet — because a pair's loss depends on its negatives. A batch's value is one draw; the page's numbers are means over independent batches with their standard errors.",
    ],
    truthTex: r`\mathcal{L}_K=\mathbb{E}_{\{(x_i,y_i)\}_{i=1}^{K}\sim p^{K}}\!\left[-\frac1K\sum_{i=1}^{K}\log\frac{e^{f(x_i,y_i)}}{\sum_{j=1}^{K}e^{f(x_i,y_j)}}\right]`,
    reference: "Poole et al. 2019, eq. (12)",
    check(ctx) {
      const row = rowAt(ctx);
      const u = ctx.unit;
      const I = ctx.numbers.theory.trueMI;
      // The spread of one batch's value: the standard error times √(batches), as the batches are independent.
      const sd = row.optimal.se * Math.sqrt(row.batches);
      const above = row.optimalAboveTrueMI;
      const percent = `${fixed(100 * above, 1)}%`;
      return [
        table(
          `The optimal critic at K = ${row.K}, over ${row.batches} independent batches (I = ${formatMI(I, u)})`,
          ["", "value"],
          [
            [
              prose("span", "loss $\\mathcal{L}_K$, mean over batches"),
              pm(row.loss, u, { "data-check": "expectation-loss" }),
            ],
            ["one batch's value: standard deviation", mi(sd, u, { "data-check": "expectation-sd" })],
            [
              prose("span", "batches whose bound $\\log K-\\mathcal{L}$ exceeds $I$"),
              h("output", { "data-check": "expectation-above", "data-value": String(above) }, percent),
            ],
            [
              prose("span", "mean bound $\\log K-\\mathcal{L}_K$"),
              pm(row.optimal, u, { "data-check": "expectation-bound" }),
            ],
          ],
        ),
        above > 0
          ? holds(
              `${percent} of single batches show more than I; ` +
                (row.optimal.mean <= I
                  ? `their mean, ${formatMI(row.optimal.mean, u)}, is below it`
                  : `their mean, ${formatMI(row.optimal.mean, u)}, is above it by Monte Carlo chance (${n3((row.optimal.mean - I) / row.optimal.se)} standard errors)`) +
                ": the inequality is a statement about the expectation over whole batches, not about each batch.",
            )
          : holds(
              row.logK <= I
                ? `No batch can exceed I here: every batch's bound is at most log K = ${formatMI(row.logK, u)} ≤ I. Pick a larger K, or a law with less information, to see single batches above I.`
                : `No batch exceeds I here: the batches' spread (${formatMI(sd, u)}) is smaller than the gap to I (${formatMI(I - row.optimal.mean, u)}).`,
            ),
      ];
    },
  },
];
