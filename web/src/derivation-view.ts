import { chartExport } from "./charts/chart-export.js";
import { LiveChart } from "./charts/live-chart.js";
import { THEORY_DATA, theoryPoints, theorySpec } from "./charts/theory-spec.js";
import { DERIVATION_LAW_KINDS, type DerivationLawChoice, LAW_DEFAULTS } from "./derivation/derivation-law.js";
import type { DerivationState } from "./derivation/derivation-state.js";
import type { DerivationStep } from "./derivation/step-parts.js";
import { BOUND_STEPS } from "./derivation/steps-bound.js";
import { LOSS_STEPS } from "./derivation/steps-loss.js";
import { byId, h, rangeControl } from "./dom.js";
import { prose, tex } from "./math.js";
import { fixed } from "./number-text.js";
import { formatMI, type Unit } from "./units.js";
import {
  DERIVATION_KS,
  type DerivationNumbers,
  type DerivationReply,
  type DerivationRequest,
} from "./worker/derivation-worker.js";

/** The article's steps, in its order. */
const STEPS: readonly DerivationStep[] = [...LOSS_STEPS, ...BOUND_STEPS];

/** Slider ranges of each law family's parameters: [key, label, min, max, step]. */
const PARAMS: Readonly<Record<DerivationLawChoice["kind"], readonly [string, string, number, number, number][]>> = {
  zipf: [
    ["n", "Symbols n", 2, 64, 1],
    ["s", "Zipf exponent s of p(y)", 0, 2.5, 0.1],
    ["alpha", "Copy probability α", 0.05, 0.99, 0.01],
  ],
  "uniform-y": [
    ["n", "Symbols n", 2, 64, 1],
    ["s", "Zipf exponent s of p(x | y)", 0, 2.5, 0.1],
    ["beta", "Diagonal boost β", 0, 200, 1],
  ],
  gaussian: [
    ["d", "Coordinate pairs d", 1, 8, 1],
    ["mi", "True MI (nats)", 0.1, 6, 0.1],
  ],
};

/**
 * The Derivation view: the seed article's steps in its order, each with the article's claim, what is exactly true
 * (with the paper), and a live check on a law the reader picks — numbers from the library (computeTheory,
 * sameCriticBounds) run in a worker.
 */
export class DerivationView {
  private unit: Unit = "nats";
  private state: DerivationState;
  private numbers: DerivationNumbers | null = null;
  private requestId = 0;
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private worker: Worker | null = null;
  private readonly status = h("p", { class: "status", role: "status", "aria-live": "polite", id: "derivation-status" });
  private readonly params = h("div", { id: "derivation-params" });
  private readonly checks = new Map<string, HTMLElement>();
  private readonly chart: LiveChart;
  private readonly exportBar: HTMLElement;
  private readonly chartElement: HTMLElement;

  constructor(
    initial: DerivationState,
    private readonly onState: (state: DerivationState) => void,
  ) {
    this.state = initial;
    const chartElement = h("div", { id: "derivation-chart", class: "chart" });
    this.chart = new LiveChart(chartElement);
    this.exportBar = chartExport({
      id: "derivation-export",
      chart: this.chart,
      dataset: THEORY_DATA,
      fileName: () => `infonce-derivation-${this.state.law.kind}-seed${this.state.seed}`,
      meta: () => ({ ...this.state, link: window.location.href }),
    });
    this.chartElement = chartElement;
    this.buildControls();
  }

  /**
   * Builds the steps and computes on first show (the steps' forty formulas are KaTeX work the first view, usually
   * Train, should not wait for); redraws afterwards (a hidden panel has no width for the chart).
   */
  async show(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.buildSteps(this.chartElement);
      this.compute();
      return;
    }
    await this.drawChart();
  }

  setUnit(unit: Unit): void {
    this.unit = unit;
    if (this.numbers !== null) this.render();
  }

  private buildControls(): void {
    const kind = h("select", { id: "derivation-law-kind" });
    for (const k of DERIVATION_LAW_KINDS) kind.append(h("option", { value: k.kind }, k.label));
    kind.value = this.state.law.kind;
    kind.addEventListener("change", () => {
      this.update({ law: LAW_DEFAULTS[kind.value as DerivationLawChoice["kind"]] });
      this.buildParams();
    });
    const kSelect = h("select", { id: "derivation-k" });
    for (const K of DERIVATION_KS) kSelect.append(h("option", { value: String(K) }, String(K)));
    kSelect.value = String(this.state.K);
    kSelect.addEventListener("change", () => {
      this.state = { ...this.state, K: Number(kSelect.value) };
      this.onState(this.state);
      if (this.numbers !== null) this.render();
    });
    const rounds = h("select", { id: "derivation-rounds" });
    for (const [value, label] of [
      [8, "quick (8 rounds)"],
      [32, "precise (32 rounds)"],
    ] as const) {
      rounds.append(h("option", { value: String(value) }, label));
    }
    rounds.value = String(this.state.rounds);
    rounds.addEventListener("change", () => this.update({ rounds: Number(rounds.value) }));
    const seed = h("input", {
      id: "derivation-seed",
      type: "number",
      min: "0",
      step: "1",
      value: String(this.state.seed),
    });
    seed.addEventListener("change", () => this.update({ seed: Math.max(0, Math.floor(Number(seed.value) || 0)) }));
    byId("derivation-controls").append(
      h(
        "fieldset",
        {},
        h("legend", {}, "Law"),
        h("label", { for: "derivation-law-kind" }, "Joint law of (X, Y)"),
        kind,
        this.params,
        h("p", { class: "truth" }, "True MI ", h("output", { id: "derivation-true-mi" }, "—")),
        h("p", { class: "hint", id: "derivation-law-description" }),
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, "Checks"),
        h("label", { for: "derivation-k" }, "Batch size K of the single-K checks"),
        kSelect,
        h("label", { for: "derivation-rounds" }, "Monte Carlo"),
        rounds,
        h("label", { for: "derivation-seed" }, "Seed ", seed),
      ),
      this.status,
    );
    this.buildParams();
  }

  private buildParams(): void {
    const law = this.state.law as unknown as Record<string, number>;
    this.params.replaceChildren(
      ...(PARAMS[this.state.law.kind] ?? []).map(([key, label, min, max, step]) =>
        rangeControl({
          id: `derivation-${key}`,
          label,
          min,
          max,
          step,
          value: law[key] ?? min,
          format: (v) => fixed(v, step < 0.1 ? 2 : step < 1 ? 1 : 0),
          onInput: (v) => this.update({ law: { ...this.state.law, [key]: v } as DerivationLawChoice }),
        }),
      ),
    );
  }

  private buildSteps(chartElement: HTMLElement): void {
    const nav = h(
      "nav",
      { "aria-label": "Steps of the derivation", class: "step-nav" },
      h("h2", {}, "The article, step by step"),
    );
    const list = h("ol", {});
    nav.append(
      prose(
        "p",
        "Each step: what the seed article (a Chinese blog post deriving the link between the InfoNCE loss and mutual information) claims, in its notation — query $q$, candidates $x$; what is exactly true, in ours — query $x$, candidates $y$; and a check computed live by the library on the law you pick.",
      ),
      list,
    );
    const sections = STEPS.map((step, i) => {
      list.append(h("li", {}, h("a", { href: `#step-${step.id}` }, step.title)));
      const check = h("div", { class: "check", "data-step": step.id });
      this.checks.set(step.id, check);
      const body = [
        h("h2", {}, `${i + 1}. ${step.title}`),
        h("div", { class: "claim" }, h("h3", {}, "The article"), prose("p", step.claim), tex(step.claimTex, true)),
        h(
          "div",
          { class: "exact" },
          h("h3", {}, "What is exactly true"),
          ...step.truth.map((t) => prose("p", t)),
          tex(step.truthTex, true),
          h("p", { class: "reference" }, `Reference: ${step.reference}.`),
        ),
        h(
          "div",
          { class: "live" },
          h("h3", {}, "Check on this law"),
          ...(step.id === "bound" ? [chartElement, this.exportBar] : []),
          check,
        ),
      ];
      return h(
        "section",
        { id: `step-${step.id}`, class: "step", "aria-labelledby": `step-${step.id}-title` },
        ...body,
      );
    });
    for (const [i, section] of sections.entries())
      section.querySelector("h2")?.setAttribute("id", `step-${STEPS[i]?.id}-title`);
    byId("derivation-steps").append(nav, ...sections);
  }

  private update(change: Partial<DerivationState>): void {
    this.state = { ...this.state, ...change };
    this.onState(this.state);
    clearTimeout(this.timer);
    // Sliders fire on every pixel: wait for the reader to settle before a second of Monte Carlo.
    this.timer = setTimeout(() => this.compute(), 200);
  }

  private compute(): void {
    const request: DerivationRequest = { id: ++this.requestId, ...this.state };
    this.status.classList.remove("error");
    this.status.textContent = "Computing the checks…";
    byId("view-derivation").dataset.state = "computing";
    this.ensureWorker().postMessage(request);
  }

  /** The worker starts on the first computation, so opening the page does not pay for views not yet shown. */
  private ensureWorker(): Worker {
    if (this.worker === null) {
      this.worker = new Worker(new URL("./worker/derivation-worker.ts", import.meta.url), { type: "module" });
      this.worker.addEventListener("message", (event: MessageEvent<DerivationReply>) => this.onReply(event.data));
    }
    return this.worker;
  }

  private onReply(reply: DerivationReply): void {
    if (reply.id !== this.requestId) return;
    if (reply.type === "error") {
      this.status.textContent = `Could not compute: ${reply.message}`;
      this.status.classList.add("error");
      byId("view-derivation").dataset.state = "error";
      return;
    }
    this.numbers = reply.numbers;
    this.status.textContent = `${reply.numbers.rounds} rounds of ${DERIVATION_KS[DERIVATION_KS.length - 1]} pairs, seed ${reply.numbers.seed}: computed in ${fixed(reply.seconds, 1)} s in this browser.`;
    this.render();
    byId("view-derivation").dataset.state = "ready";
  }

  private render(): void {
    const numbers = this.numbers;
    if (numbers === null) return;
    byId("derivation-true-mi").textContent = formatMI(numbers.theory.trueMI, this.unit);
    byId("derivation-true-mi").dataset.nats = String(numbers.theory.trueMI);
    byId("derivation-law-description").textContent = numbers.theory.description;
    for (const step of STEPS) {
      this.checks.get(step.id)?.replaceChildren(...step.check({ numbers, unit: this.unit, K: this.state.K }));
    }
    void this.drawChart();
  }

  private async drawChart(): Promise<void> {
    if (this.numbers === null) return;
    await this.chart.render(theorySpec(this.unit), { [THEORY_DATA]: theoryPoints(this.numbers.theory) });
  }
}
