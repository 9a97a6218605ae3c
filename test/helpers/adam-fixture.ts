import { readFileSync } from "node:fs";

/** One torch.optim run of test/fixtures/linalg/adam.json: its hyper-parameters and the parameters after each step. */
export interface AdamCase {
  readonly name: string;
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly maximize: boolean;
  readonly trajectory: readonly (readonly number[])[];
}

/** The Adam/AdamW trajectories torch.optim computed, which the TS kernel and nn/adam.ts must follow. */
export function readAdamFixture(): {
  readonly param0: readonly number[];
  readonly grads: readonly (readonly number[])[];
  readonly cases: readonly AdamCase[];
} {
  return JSON.parse(readFileSync(new URL("../fixtures/linalg/adam.json", import.meta.url), "utf8"));
}
