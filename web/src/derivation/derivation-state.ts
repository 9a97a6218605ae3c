import { DEFAULT_DERIVATION_LAW, type DerivationLawChoice } from "./derivation-law.js";

/**
 * What the URL keeps of the Derivation view. Apart from the view (derivation-view.ts), which the page loads only
 * when it is first shown, so that reading and writing the URL does not pull it into the first view's script.
 */
export interface DerivationState {
  readonly law: DerivationLawChoice;
  readonly seed: number;
  readonly rounds: number;
  readonly K: number;
}

export const DEFAULT_DERIVATION_STATE: DerivationState = { law: DEFAULT_DERIVATION_LAW, seed: 1, rounds: 8, K: 64 };
