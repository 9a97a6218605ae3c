/// <reference types="vite/client" />
import "katex/dist/katex.min.css";
import { DerivationView } from "./derivation-view.js";
import { byId } from "./dom.js";
import { setUpTabs } from "./tabs.js";
import { TheoryView } from "./theory-view.js";
import { applyTrainState, readTrainState } from "./train-state.js";
import { TrainView } from "./train-view.js";
import type { Unit } from "./units.js";
import { formatPageState, type PageState, parsePageState, type ViewName } from "./url-state.js";

/** Wires the three views, the tabs, the nats/bits switch and the page state in the URL (a link reproduces it). */
function main(): void {
  let state: PageState = parsePageState(window.location.hash);
  const save = (change: Partial<PageState>): void => {
    state = { ...state, ...change };
    // replaceState: settings are not navigation, so Back leaves the page instead of undoing a slider.
    history.replaceState(null, "", `${window.location.pathname}${window.location.search}${formatPageState(state)}`);
  };
  const train = new TrainView();
  applyTrainState(state.train);
  const derivation = new DerivationView(state.derivation, (d) => save({ derivation: d }));
  const theory = new TheoryView();
  byId("run-form").addEventListener("input", () => save({ train: readTrainState() }));
  byId("run-form").addEventListener("change", () => save({ train: readTrainState() }));

  const views: Record<string, { name: ViewName; show: () => Promise<void> }> = {
    "view-train": { name: "train", show: () => train.show() },
    "view-derivation": { name: "derivation", show: () => derivation.show() },
    "view-theory": { name: "theory", show: () => theory.show() },
  };
  setUpTabs(byId("view-tabs"), (panel) => {
    const view = views[panel];
    if (view === undefined) return;
    save({ view: view.name });
    void view.show();
  });
  const setUnit = (unit: Unit): void => {
    train.setUnit(unit);
    derivation.setUnit(unit);
    theory.setUnit(unit);
    save({ unit });
  };
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="unit"]')) {
    radio.checked = radio.value === state.unit;
    radio.addEventListener("change", () => {
      if (radio.checked) setUnit(radio.value as Unit);
    });
  }
  if (state.unit !== "nats") setUnit(state.unit);
  byId<HTMLButtonElement>(`tab-${state.view}`).click();
  save({ train: readTrainState() });
  document.body.dataset.ready = "true";
  // Offline once loaded: the service worker (emitted by the build, web/offline-plugin.ts) precaches every file.
  // MODE, not PROD: PROD follows NODE_ENV, which a build started from the test runner sets to "test".
  if ("serviceWorker" in navigator && import.meta.env.MODE === "production")
    void navigator.serviceWorker.register("./sw.js");
}

main();
