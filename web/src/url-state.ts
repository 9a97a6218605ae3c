import type { DerivationLawChoice } from "./derivation/derivation-law.js";
import { DEFAULT_DERIVATION_STATE, type DerivationState } from "./derivation/derivation-state.js";
import type { Unit } from "./units.js";

export type ViewName = "train" | "derivation" | "theory";

/** The Train view's settings as the URL keeps them (strings as the form holds them). */
export type TrainState = Readonly<Record<string, string>>;

/** Everything a link reproduces: the open view, the unit, each view's settings. */
export interface PageState {
  readonly view: ViewName;
  readonly unit: Unit;
  readonly train: TrainState;
  readonly derivation: DerivationState;
}

/** Train settings keys in the URL; the Train form's element ids are the same names. */
export const TRAIN_KEYS = [
  "task-kind",
  "dim",
  "rho",
  "table",
  "warp",
  "batch-size",
  "estimators",
  "critic",
  "hidden",
  "steps",
  "learning-rate",
  "seed",
] as const;

const LAW_KEYS: Readonly<Record<DerivationLawChoice["kind"], readonly string[]>> = {
  zipf: ["n", "s", "alpha"],
  "uniform-y": ["n", "s", "beta"],
  gaussian: ["d", "mi"],
};

/** Reads the page state from a location hash ("#view=derivation&law=zipf&n=16…"); anything missing or bad is default. */
export function parsePageState(hash: string): PageState {
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  const view = (["train", "derivation", "theory"] as const).find((v) => v === q.get("view")) ?? "train";
  const unit: Unit = q.get("unit") === "bits" ? "bits" : "nats";
  const train: Record<string, string> = {};
  for (const key of TRAIN_KEYS) {
    const value = q.get(key);
    if (value !== null) train[key] = value;
  }
  const d = DEFAULT_DERIVATION_STATE;
  const kind = (Object.keys(LAW_KEYS) as DerivationLawChoice["kind"][]).find((k) => k === q.get("law"));
  let law = d.law;
  if (kind !== undefined) {
    const fields: Record<string, number> = {};
    for (const key of LAW_KEYS[kind]) {
      const v = Number(q.get(key));
      if (q.get(key) === null || !Number.isFinite(v)) return { view, unit, train, derivation: d };
      fields[key] = v;
    }
    law = { kind, ...fields } as unknown as DerivationLawChoice;
  }
  const num = (key: string, fallback: number, ok: (v: number) => boolean): number => {
    const v = Number(q.get(key));
    return q.get(key) !== null && ok(v) ? v : fallback;
  };
  return {
    view,
    unit,
    train,
    derivation: {
      law,
      seed: num("dseed", d.seed, (v) => Number.isInteger(v) && v >= 0),
      rounds: num("rounds", d.rounds, (v) => v === 8 || v === 32),
      K: num("dk", d.K, (v) => Number.isInteger(v) && v >= 2 && (v & (v - 1)) === 0 && v <= 512),
    },
  };
}

/** The hash of a page state: a link that reproduces the page. */
export function formatPageState(state: PageState): string {
  const q = new URLSearchParams();
  q.set("view", state.view);
  q.set("unit", state.unit);
  for (const [key, value] of Object.entries(state.train)) q.set(key, value);
  const law = state.derivation.law as unknown as Record<string, string | number>;
  q.set("law", state.derivation.law.kind);
  for (const key of LAW_KEYS[state.derivation.law.kind]) q.set(key, String(law[key]));
  q.set("dseed", String(state.derivation.seed));
  q.set("rounds", String(state.derivation.rounds));
  q.set("dk", String(state.derivation.K));
  return `#${q.toString()}`;
}
