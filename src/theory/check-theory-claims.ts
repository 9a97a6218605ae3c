import type { TheoryLawResult, TheoryResult, TheoryRow } from "./compute-theory.js";
import { formatMeanSe, formatNats } from "./format-nats.js";

/** The outcome of one claim checked on the numbers of a theory run. */
export interface TheoryClaim {
  /** Stable identifier, e.g. "below-log-k". */
  readonly id: string;
  /** The claim, one sentence. */
  readonly claim: string;
  /** "n/a" when no law of the run can test it (e.g. no law with a uniform p(y)). */
  readonly verdict: "pass" | "fail" | "n/a";
  /** The numbers that decide it, in words. */
  readonly evidence: string;
}

/** Options of the checks. */
export interface ClaimCheckOptions {
  /**
   * Monte Carlo tolerance in standard errors: "a ≤ b" passes when a − b ≤ z·se. Default 4 (one-sided false-alarm
   * rate 3·10⁻⁵ per comparison, so the ~200 comparisons of a run rarely fail by chance).
   */
  readonly z?: number;
  /** Tolerance of the exact (batch-by-batch) identities, for rounding. Default 1e-9 nats. */
  readonly exactTol?: number;
}

/**
 * A rounding-level number: shown as "< 1e-12" in absolute value, since its last digits depend on the platform's exp/log
 * (the checked documents must not).
 */
export const formatTiny = (x: number): string => (Math.abs(x) < 1e-12 ? "< 1e-12 in size" : `= ${x.toExponential(2)}`);

/**
 * Checks the claims of docs/theory.md (and the seed article's mistakes) on the numbers of a theory run. Every check is
 * either exact (batch by batch, within rounding) or statistical (within z standard errors of the Monte Carlo mean).
 */
export function checkTheoryClaims(result: TheoryResult, options: ClaimCheckOptions = {}): TheoryClaim[] {
  const z = options.z ?? 4;
  const tol = options.exactTol ?? 1e-9;
  const laws = result.laws;
  const first = (law: TheoryLawResult): TheoryRow => law.rows[0] as TheoryRow;
  const last = (law: TheoryLawResult): TheoryRow => law.rows[law.rows.length - 1] as TheoryRow;
  const claims: TheoryClaim[] = [];
  const add = (id: string, claim: string, ok: boolean, evidence: string): void => {
    claims.push({ id, claim, verdict: ok ? "pass" : "fail", evidence });
  };

  // 1. Every bound ≤ I.
  {
    let ok = true;
    let worst = { t: Number.NEGATIVE_INFINITY, text: "" };
    const failures: string[] = [];
    for (const law of laws) {
      for (const row of law.rows) {
        const cols = { optimal: row.optimal, article: row.article, random: row.random, "pmi+c(x)": row.conditional };
        for (const [name, m] of Object.entries(cols)) {
          const t = (m.mean - law.trueMI) / m.se;
          if (m.mean - law.trueMI > z * m.se) {
            ok = false;
            failures.push(`${law.name} K=${row.K} ${name} ${formatMeanSe(m)} > I = ${formatNats(law.trueMI)}`);
          }
          if (t > worst.t) {
            worst = {
              t,
              text: `${law.name}, K = ${row.K}, ${name}: ${formatMeanSe(m)} vs I = ${formatNats(law.trueMI)}`,
            };
          }
        }
      }
    }
    add(
      "below-mi",
      "Every critic's expected bound log K − L_K is at most I(X;Y).",
      ok,
      !ok
        ? `above I beyond ${z} se: ${failures.join("; ")}`
        : worst.t > 0
          ? // The claim is about expectations: a Monte Carlo mean a little above I is chance, and is worded so.
            `largest excess of a mean over I, ${worst.t.toFixed(1)} se (Monte Carlo chance, within ${z} se): ${worst.text}`
          : `closest approach: ${worst.text}`,
    );
  }

  // 2. Every batch's bound ≤ log K, exactly.
  {
    let maxExcess = Number.NEGATIVE_INFINITY;
    const stuck: string[] = [];
    for (const law of laws) {
      for (const row of law.rows) {
        maxExcess = Math.max(maxExcess, row.maxExcessOverLogK);
        if (row.logK < law.trueMI && row === first(law)) {
          stuck.push(
            `${law.name} at K = ${row.K}: optimal ${formatNats(row.optimal.mean)} ≤ log K = ${formatNats(row.logK)} < I = ${formatNats(law.trueMI)}`,
          );
        }
      }
    }
    add(
      "below-log-k",
      "Every batch's bound is at most log K (the loss is ≥ 0), so the estimate saturates: measuring I needs K ≳ e^I.",
      maxExcess <= tol,
      `max over all batches and critics of (bound − log K) ${formatTiny(maxExcess)}; ${stuck.join("; ")}`,
    );
  }

  // 3. The optimal critic's bound rises with K toward I.
  {
    let ok = true;
    const notes: string[] = [];
    for (const law of laws) {
      for (let k = 1; k < law.rows.length; k++) {
        const p = law.rows[k - 1] as TheoryRow;
        const q = law.rows[k] as TheoryRow;
        if (q.optimal.mean - p.optimal.mean < -z * Math.hypot(p.optimal.se, q.optimal.se)) {
          ok = false;
          notes.push(
            `${law.name} falls from ${formatMeanSe(p.optimal)} at K = ${p.K} to ${formatMeanSe(q.optimal)} at K = ${q.K}`,
          );
        }
      }
      const g0 = law.trueMI - first(law).optimal.mean;
      const g1 = law.trueMI - last(law).optimal.mean;
      if (!(g1 < g0 && g1 <= 0.1 * law.trueMI + z * last(law).optimal.se)) ok = false;
      notes.push(
        `${law.name}: I − bound = ${formatNats(g0)} at K = ${first(law).K} → ${formatNats(g1)} at K = ${last(law).K}`,
      );
    }
    add(
      "optimal-rises",
      "With the optimal critic pmi(x,y) the bound rises with K toward I (non-decreasing within error; within 10% of I at the largest K).",
      ok,
      notes.join("; "),
    );
  }

  // 4. No critic beats the optimal one (pmi is optimal at every K, not only as K → ∞).
  {
    let ok = true;
    const bad: string[] = [];
    for (const law of laws) {
      for (const row of law.rows) {
        const gaps = { article: row.articleGap, random: row.randomGap };
        for (const [name, g] of Object.entries(gaps)) {
          if (g.mean < -z * g.se - tol) {
            ok = false;
            bad.push(`${law.name} K=${row.K}: optimal − ${name} = ${formatMeanSe(g)}`);
          }
        }
      }
    }
    add(
      "optimal-is-best",
      "No critic beats pmi(x,y) in expectation at any K: the softmax of pmi is the exact posterior of which candidate is the positive.",
      ok,
      ok ? `optimal − article and optimal − random are ≥ −${z} se at every K of every law` : bad.join("; "),
    );
  }

  // 5. The article's critic is looser when p(y) is not uniform.
  {
    const skewed = laws.filter((l) => !l.uniformY);
    const claim = "The article's critic log p(x,y) gives a looser bound than pmi(x,y) when p(y) is not uniform.";
    if (skewed.length === 0) {
      claims.push({ id: "article-looser", claim, verdict: "n/a", evidence: "no law with a non-uniform p(y)" });
    } else {
      let ok = true;
      const notes: string[] = [];
      for (const law of skewed) {
        const g = last(law).articleGap;
        if (!(g.mean > z * g.se)) ok = false;
        notes.push(
          `${law.name}: optimal − article = ${formatMeanSe(first(law).articleGap)} at K = ${first(law).K}, ${formatMeanSe(g)} at K = ${last(law).K}`,
        );
      }
      add("article-looser", claim, ok, notes.join("; "));
    }
  }

  // 6. … and exactly the optimal bound when p(y) is uniform.
  {
    const uniform = laws.filter((l) => l.uniformY);
    const claim =
      "When p(y) is uniform, log p(x,y) = pmi + log p(x) + const is an optimal critic: same bound, batch by batch.";
    if (uniform.length === 0) {
      claims.push({ id: "article-equal-uniform", claim, verdict: "n/a", evidence: "no law with a uniform p(y)" });
    } else {
      const maxDiff = Math.max(...uniform.flatMap((l) => l.rows.map((r) => r.articleGap.maxAbsDiff)));
      add(
        "article-equal-uniform",
        claim,
        maxDiff <= tol,
        `${uniform.map((l) => l.name).join(", ")}: max over batches |optimal − article| ${formatTiny(maxDiff)}`,
      );
    }
  }

  // 7. Row-softmax invariance: pmi + c(x) is as good as pmi.
  {
    const maxDiff = Math.max(...laws.flatMap((l) => l.rows.map((r) => r.conditional.maxAbsDiff)));
    add(
      "pmi-plus-cx",
      "Any term in x alone cancels in the row softmax: f = log p(x|y) = pmi + log p(x) gives the optimal bound, batch by batch.",
      maxDiff <= tol,
      `max over batches and laws of |bound(pmi + log p(x)) − bound(pmi)| ${formatTiny(maxDiff)}`,
    );
  }

  // 8. A critic shows at most what it knows; a random critic knows (about) nothing.
  {
    let ok = true;
    let maxExcess = Number.NEGATIVE_INFINITY;
    const notes: string[] = [];
    for (const law of laws) {
      for (const row of law.rows) maxExcess = Math.max(maxExcess, row.randomCeiling.maxExcess);
      const hi = law.rows.reduce((m, r) => (r.random.mean > m.random.mean ? r : m));
      notes.push(
        `${law.name}: largest bound ${formatMeanSe(hi.random)} at K = ${hi.K}, ceiling ${formatMeanSe(hi.randomCeiling)}`,
      );
    }
    if (!(maxExcess <= tol)) ok = false;
    add(
      "random-useless",
      "A random critic gives a bound near or below 0: on every batch it is at most its mean on positives minus its mean on all pairs (Jensen), which for a critic unrelated to the law is only chance alignment.",
      ok,
      `max over batches of (bound − ceiling) ${formatTiny(maxExcess)}; ${notes.join("; ")}`,
    );
  }

  // 9. N negatives means K = N + 1.
  {
    let ok = true;
    const notes: string[] = [];
    for (const law of laws) {
      const row = law.rows.find((r) => r.K === 2);
      if (row === undefined) continue;
      if (!(row.maxLogNMinusL <= tol && row.optimal.mean > z * row.optimal.se)) ok = false;
      notes.push(
        `${law.name} at K = 2 (N = 1): log K − L = ${formatMeanSe(row.optimal)}, log N − L = ${formatMeanSe(row.logNMinusL)} (max over batches ${formatTiny(row.maxLogNMinusL)})`,
      );
    }
    add(
      "k-is-n-plus-1",
      "With N negatives the constant is log(N + 1) = log K; the article's log N understates by log(1 + 1/N) and at N = 1 can never exceed 0.",
      ok && notes.length > 0,
      notes.length > 0 ? notes.join("; ") : "no run has K = 2",
    );
  }

  // 10. Dropping the positive from the denominator needs K ≫ e^I.
  {
    let ok = true;
    const notes: string[] = [];
    for (const law of laws) {
      const a = first(law);
      const b = last(law);
      const errA = a.loss.mean - a.articleApproxLoss;
      const errB = b.loss.mean - b.articleApproxLoss;
      if (!(a.loss.mean >= -tol && Math.abs(errB) < Math.abs(errA))) ok = false;
      if (a.articleApproxLoss < 0 && !(a.loss.mean > a.articleApproxLoss)) ok = false;
      notes.push(
        `${law.name}: at K = ${a.K} the formula log N − I gives L ≈ ${formatNats(a.articleApproxLoss)}, measured L = ${formatMeanSe(a.loss)}; at K = ${b.K}: ${formatNats(b.articleApproxLoss)} vs ${formatMeanSe(b.loss)}`,
      );
    }
    add(
      "drop-positive",
      "The article's L ≈ log N − I (dropping the positive from the denominator) fails unless K ≫ e^I: it can be negative, while L ≥ 0.",
      ok,
      notes.join("; "),
    );
  }

  // 11. Replacing the sum over negatives by its mean (Jensen) overstates the loss.
  {
    let ok = true;
    const notes: string[] = [];
    for (const law of laws) {
      for (const row of law.rows) if (row.meanFieldGap.mean < -z * row.meanFieldGap.se - tol) ok = false;
      const a = first(law);
      if (!(a.meanFieldGap.mean > z * a.meanFieldGap.se)) ok = false;
      notes.push(
        `${law.name}: optimal − mean-field = ${formatMeanSe(a.meanFieldGap)} at K = ${a.K}, ${formatMeanSe(last(law).meanFieldGap)} at K = ${last(law).K}`,
      );
    }
    add(
      "mean-field-jensen",
      "Replacing Σ_j e^{pmi(x_i,y_j)} over the negatives by its mean N (the article's 'N·p(x)p(q)' step) overstates the loss: log K − E log(1 + N e^{−pmi}) ≤ the optimal bound.",
      ok,
      notes.join("; "),
    );
  }
  return claims;
}
