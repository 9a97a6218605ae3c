/// <reference types="vite/client" />
import "katex/dist/katex.min.css";
import type { DerivationView } from "./derivation-view.js";
import { byId } from "./dom.js";
import { setUpTabs } from "./tabs.js";
import type { TheoryView } from "./theory-view.js";
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
  // The Derivation and Theory views, and KaTeX with them, are fetched when first shown: they are a third of the
  // page's script, which the first view (usually Train) should not wait to parse.
  let derivation: Promise<DerivationView> | undefined;
  let theory: Promise<TheoryView> | undefined;
  const derivationView = (): Promise<DerivationView> =>
    (derivation ??= import("./derivation-view.js").then(({ DerivationView }) => {
      const view = new DerivationView(state.derivation, (d) => save({ derivation: d }));
      view.setUnit(state.unit);
      return view;
    }));
  const theoryView = (): Promise<TheoryView> =>
    (theory ??= import("./theory-view.js").then(({ TheoryView }) => {
      const view = new TheoryView();
      view.setUnit(state.unit);
      return view;
    }));
  byId("run-form").addEventListener("input", () => save({ train: readTrainState() }));
  byId("run-form").addEventListener("change", () => save({ train: readTrainState() }));

  const views: Record<string, { name: ViewName; show: () => Promise<void> }> = {
    "view-train": { name: "train", show: () => train.show() },
    "view-derivation": { name: "derivation", show: async () => (await derivationView()).show() },
    "view-theory": { name: "theory", show: async () => (await theoryView()).show() },
  };
  setUpTabs(byId("view-tabs"), (panel) => {
    const view = views[panel];
    if (view === undefined) return;
    save({ view: view.name });
    void view.show();
  });
  const setUnit = (unit: Unit): void => {
    save({ unit });
    train.setUnit(unit);
    void derivation?.then((view) => view.setUnit(unit));
    void theory?.then((view) => view.setUnit(unit));
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
