import { byId } from "./dom.js";
import { setUpTabs } from "./tabs.js";
import { TheoryView } from "./theory-view.js";
import { TrainView } from "./train-view.js";
import type { Unit } from "./units.js";

/** Wires the two views, the tabs and the nats/bits switch. */
function main(): void {
  const train = new TrainView();
  const theory = new TheoryView();
  setUpTabs(byId("view-tabs"), (panel) => {
    if (panel === "view-theory") void theory.show();
    else void train.show();
  });
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="unit"]')) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      const unit = radio.value as Unit;
      train.setUnit(unit);
      theory.setUnit(unit);
    });
  }
}

main();
