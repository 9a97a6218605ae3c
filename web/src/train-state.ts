import { TRAIN_KEYS, type TrainState } from "./url-state.js";

/**
 * The Train form's settings as plain strings, read from and written to the page's controls (so the Train view's
 * own code stays unaware of the URL). Writing dispatches the events a reader's change would, in the order the form
 * builds itself: the task kind first (it rebuilds the task's parameter controls), then everything else.
 */
export function readTrainState(): TrainState {
  const value = (id: string): string | undefined =>
    (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value;
  const state: Record<string, string> = {};
  // Every key but the two groups of boxes is the id of one form control.
  for (const id of TRAIN_KEYS.filter((k) => k !== "estimators" && k !== "critic")) {
    const v = value(id);
    if (v !== undefined) state[id] = v;
  }
  state.estimators = [...document.querySelectorAll<HTMLInputElement>('input[name="estimator"]:checked')]
    .map((i) => i.value)
    .join(",");
  state.critic = document.querySelector<HTMLInputElement>('input[name="critic"]:checked')?.value ?? "separable";
  return state;
}

export function applyTrainState(state: TrainState): void {
  const set = (id: string, event: "input" | "change"): void => {
    const element = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
    const v = state[id];
    if (element === null || v === undefined) return;
    element.value = v;
    element.dispatchEvent(new Event(event, { bubbles: true }));
  };
  set("task-kind", "change");
  for (const id of ["dim", "rho"]) set(id, "input");
  for (const id of ["table", "warp", "batch-size", "hidden", "steps", "learning-rate", "seed"]) set(id, "change");
  if (state.estimators !== undefined) {
    const chosen = new Set(state.estimators.split(","));
    for (const box of document.querySelectorAll<HTMLInputElement>('input[name="estimator"]'))
      box.checked = chosen.has(box.value);
  }
  if (state.critic !== undefined) {
    const radio = document.querySelector<HTMLInputElement>(`input[name="critic"][value="${CSS.escape(state.critic)}"]`);
    if (radio !== null) radio.checked = true;
  }
}
