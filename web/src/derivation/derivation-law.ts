import { correlationForMI, discreteTheoryLaw, gaussianTheoryLaw, type TheoryLaw } from "../../../src/index.js";
import { uniformYTable, zipfChannelTable } from "../../../src/theory/default-theory-laws.js";
import { fixed } from "../number-text.js";

/**
 * The law the reader picks for the Derivation view: plain data (it crosses to the worker and into the URL), turned
 * into a library TheoryLaw (exact MI, pmi, log p and χ²) on both sides.
 */
export type DerivationLawChoice =
  | { readonly kind: "zipf"; readonly n: number; readonly s: number; readonly alpha: number }
  | { readonly kind: "uniform-y"; readonly n: number; readonly s: number; readonly beta: number }
  | { readonly kind: "gaussian"; readonly d: number; readonly mi: number };

/** Opens on the law where the article's critic is loose: skewed candidates' marginal (Zipf). */
export const DEFAULT_DERIVATION_LAW: DerivationLawChoice = { kind: "zipf", n: 16, s: 1.1, alpha: 0.85 };

export const DERIVATION_LAW_KINDS: readonly { kind: DerivationLawChoice["kind"]; label: string }[] = [
  { kind: "zipf", label: "Discrete, skewed p(y): Zipf copy channel" },
  { kind: "uniform-y", label: "Discrete, uniform p(y)" },
  { kind: "gaussian", label: "Correlated Gaussian" },
];

/** The defaults of each family when the reader switches to it. */
export const LAW_DEFAULTS: Readonly<Record<DerivationLawChoice["kind"], DerivationLawChoice>> = {
  zipf: DEFAULT_DERIVATION_LAW,
  "uniform-y": { kind: "uniform-y", n: 16, s: 1.1, beta: 30 },
  gaussian: { kind: "gaussian", d: 1, mi: 1 },
};

/** The library law of a choice. */
export function buildDerivationLaw(choice: DerivationLawChoice): TheoryLaw {
  switch (choice.kind) {
    case "zipf":
      return discreteTheoryLaw({
        name: `zipf-${choice.n}`,
        description: `${choice.n}×${choice.n} table: y ~ Zipf(s = ${choice.s}); x = y with probability ${choice.alpha}, else uniform`,
        table: zipfChannelTable(choice.n, choice.s, choice.alpha),
      });
    case "uniform-y":
      return discreteTheoryLaw({
        name: `uniform-y-${choice.n}`,
        description: `${choice.n}×${choice.n} table: y uniform; p(x | y) ∝ (1 + ${choice.beta}·[x = y]) · (x + 1) to the power −${choice.s}`,
        table: uniformYTable(choice.n, choice.s, choice.beta),
      });
    case "gaussian": {
      const rho = correlationForMI(choice.mi, choice.d);
      return gaussianTheoryLaw({
        name: `gaussian-${choice.d}d`,
        description: `${choice.d === 1 ? "one pair (x, y)" : `${choice.d} independent pairs (xₖ, yₖ)`}, standard normal with correlation ρ = ${fixed(rho, 4)}`,
        rho,
        d: choice.d,
      });
    }
  }
}
