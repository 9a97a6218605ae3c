import { chartExport } from "./charts/chart-export.js";
import { LiveChart } from "./charts/live-chart.js";
import {
  CURVE_DATA,
  type CurveRow,
  REFERENCE_DATA,
  type ReferenceRow,
  referenceRows,
  trainingSpec,
} from "./charts/training-spec.js";
import { CriticMap } from "./critic-map.js";
import { byId, h, rangeControl } from "./dom.js";
import { DEFAULT_ESTIMATORS, ESTIMATOR_CHOICES, estimatorLabel, estimatorLabelNode } from "./estimator-catalog.js";
import { fixed } from "./number-text.js";
import type { CriticChoice, EvalPoint, FromWorker, RunConfig, TaskChoice } from "./protocol.js";
import { BATCH_SIZES, DISCRETE_TABLES, taskTrueMI, WARPS } from "./task-catalog.js";
import { TrainingClient } from "./training-client.js";
import { formatMI, type Unit } from "./units.js";

type RunState = "idle" | "running" | "paused" | "done" | "error";

/** Held-out evaluations per step; fewer would make a jumpy curve, more would slow training. */
const EVAL_EVERY = 25;

/**
 * The training view: the reader picks a task, K, estimators and critic; the worker trains and streams
 * held-out estimates, which the chart and the table show against the true MI and log K.
 */
export class TrainView {
  private unit: Unit = "nats";
  private state: RunState = "idle";
  private task: TaskChoice = { kind: "gaussian", dim: 2, rho: 0.75 };
  private running: {
    trueMI: number;
    logK: number;
    estimators: readonly string[];
    steps: number;
    seed: number;
    batchSize: number;
  } | null = null;
  private readonly latest = new Map<string, EvalPoint>();
  private readonly chart: LiveChart;
  private readonly criticMap = new CriticMap();
  private readonly client: TrainingClient;
  private readonly chartElement = byId("train-chart");
  private readonly status = byId("status");
  private readonly pauseButton = byId<HTMLButtonElement>("pause");
  private readonly resetButton = byId<HTMLButtonElement>("reset");

  constructor() {
    this.chart = new LiveChart(this.chartElement);
    byId("estimates-table").after(this.criticMap.element);
    this.chartElement.after(
      chartExport({
        id: "train-export",
        chart: this.chart,
        dataset: CURVE_DATA,
        fileName: () => `infonce-training-seed${this.running?.seed ?? "none"}`,
        meta: () => ({ run: this.running, link: window.location.href }),
      }),
    );
    this.client = new TrainingClient((message) => this.onWorker(message));
    this.buildControls();
    byId<HTMLFormElement>("run-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.start();
    });
    this.pauseButton.addEventListener("click", () => this.togglePause());
    this.resetButton.addEventListener("click", () => this.reset());
    byId("steps").addEventListener("change", () => {
      if (this.running === null) void this.chart.redraw(this.spec());
    });
    byId("new-seed").addEventListener("click", () => {
      byId<HTMLInputElement>("seed").value = String(Math.floor(Math.random() * 2 ** 31));
    });
    void this.drawChart();
  }

  /** Draws the chart again with the rows it holds: a hidden panel has no width, so charts are redrawn when shown. */
  async show(): Promise<void> {
    await this.chart.redraw(this.spec());
  }

  /** The chart spec of the current run, or of the current choices before a run. */
  private spec() {
    const steps = this.running?.steps ?? (Number(byId<HTMLInputElement>("steps").value) || 1000);
    const names = this.running?.estimators ?? this.selectedEstimators();
    const { trueMI, batchSize } = this.truth();
    return trainingSpec(this.unit, names.map(estimatorLabel), steps, { trueMI, logK: Math.log(batchSize) });
  }

  /** The true MI and K of the run once it started, else of the current choices (NaN for a task that fails). */
  private truth(): { trueMI: number; batchSize: number } {
    const batchSize = this.running?.batchSize ?? this.batchSize();
    if (this.running !== null) return { trueMI: this.running.trueMI, batchSize };
    try {
      return { trueMI: taskTrueMI(this.task), batchSize };
    } catch {
      return { trueMI: Number.NaN, batchSize };
    }
  }

  setUnit(unit: Unit): void {
    this.unit = unit;
    this.updateTruth();
    this.renderTable();
    void this.chart.redraw(this.spec());
  }

  private buildControls(): void {
    const kind = byId<HTMLSelectElement>("task-kind");
    const kinds: [TaskChoice["kind"], string][] = [
      ["gaussian", "Correlated Gaussian"],
      ["discrete", "Discrete table"],
      ["warped", "Warped Gaussian"],
    ];
    for (const [value, label] of kinds) kind.append(h("option", { value }, label));
    kind.addEventListener("change", () => this.chooseKind(kind.value as TaskChoice["kind"]));

    const batch = byId<HTMLSelectElement>("batch-size");
    for (const k of BATCH_SIZES) batch.append(h("option", { value: String(k) }, String(k)));
    batch.value = "64";
    batch.addEventListener("change", () => this.updateTruth());

    const set = byId("estimator-set");
    for (const choice of ESTIMATOR_CHOICES) {
      const input = h("input", { type: "checkbox", name: "estimator", value: choice.name });
      input.checked = DEFAULT_ESTIMATORS.includes(choice.name);
      set.append(h("label", { title: choice.description }, input, estimatorLabelNode(choice.name)));
    }
    this.chooseKind("gaussian");
  }

  private chooseKind(kind: TaskChoice["kind"]): void {
    const params = byId("task-params");
    params.replaceChildren();
    const gaussianSliders = (dim: number, rho: number, apply: (dim: number, rho: number) => void): void => {
      let d = dim;
      let r = rho;
      params.append(
        rangeControl({
          id: "dim",
          label: "Dimension d of X and of Y",
          min: 1,
          max: 20,
          step: 1,
          value: d,
          format: String,
          onInput: (value) => {
            d = value;
            apply(d, r);
          },
        }),
        rangeControl({
          id: "rho",
          label: "Correlation ρ per coordinate pair",
          min: 0,
          max: 0.99,
          step: 0.01,
          value: r,
          format: (value) => fixed(value, 2),
          onInput: (value) => {
            r = value;
            apply(d, r);
          },
        }),
      );
    };
    if (kind === "gaussian") {
      gaussianSliders(2, 0.75, (dim, rho) => this.setTask({ kind: "gaussian", dim, rho }));
      this.setTask({ kind: "gaussian", dim: 2, rho: 0.75 });
    } else if (kind === "discrete") {
      const select = h("select", { id: "table" });
      for (const table of DISCRETE_TABLES) select.append(h("option", { value: table.name }, table.label));
      select.addEventListener("change", () => this.setTask({ kind: "discrete", table: select.value }));
      params.append(h("label", { for: "table" }, "Joint table"), select);
      this.setTask({ kind: "discrete", table: DISCRETE_TABLES[0]?.name ?? "" });
    } else {
      const select = h("select", { id: "warp" });
      for (const warp of WARPS) select.append(h("option", { value: warp.name }, warp.label));
      let dim = 1;
      let rho = 0.75;
      select.addEventListener("change", () => this.setTask({ kind: "warped", warp: select.value, dim, rho }));
      params.append(h("label", { for: "warp" }, "Warp applied to X and to Y (keeps the MI)"), select);
      gaussianSliders(dim, rho, (d, r) => {
        dim = d;
        rho = r;
        this.setTask({ kind: "warped", warp: select.value, dim, rho });
      });
      this.setTask({ kind: "warped", warp: select.value, dim, rho });
    }
  }

  private setTask(task: TaskChoice): void {
    this.task = task;
    this.updateTruth();
  }

  private batchSize(): number {
    return Number(byId<HTMLSelectElement>("batch-size").value);
  }

  private selectedEstimators(): string[] {
    return [...document.querySelectorAll<HTMLInputElement>('input[name="estimator"]:checked')].map((i) => i.value);
  }

  /** Shows the exact MI of the chosen task (from the task registry) and log K. */
  private updateTruth(): void {
    const out = byId("true-mi");
    try {
      const trueMI = taskTrueMI(this.task);
      out.textContent = formatMI(trueMI, this.unit);
      out.dataset.nats = String(trueMI);
    } catch (error) {
      out.textContent = error instanceof Error ? error.message : String(error);
      delete out.dataset.nats;
    }
    byId("log-k").textContent = formatMI(Math.log(this.batchSize()), this.unit);
    // The y-range follows the truth and log K, so a new task or K redraws the (empty) chart in its new frame.
    if (this.running === null) void this.drawChart();
  }

  private readConfig(): RunConfig | string {
    const estimators = this.selectedEstimators();
    if (estimators.length === 0) return "Choose at least one estimator.";
    const steps = Number(byId<HTMLInputElement>("steps").value);
    if (!Number.isInteger(steps) || steps < 50 || steps > 20_000)
      return "Steps must be a whole number from 50 to 20000.";
    const learningRate = Number(byId<HTMLInputElement>("learning-rate").value);
    if (!(learningRate > 0 && learningRate <= 0.1)) return "The learning rate must be in (0, 0.1].";
    const seed = Number(byId<HTMLInputElement>("seed").value);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      return "The seed must be a whole number from 0 to 4294967295.";
    const critic = (document.querySelector<HTMLInputElement>('input[name="critic"]:checked')?.value ??
      "separable") as CriticChoice;
    return {
      task: this.task,
      batchSize: this.batchSize(),
      estimators,
      critic,
      hidden: Number(byId<HTMLSelectElement>("hidden").value),
      steps,
      evalEvery: EVAL_EVERY,
      learningRate,
      seed,
      // ?engine=ts in the address forces the TypeScript kernel (to compare speeds); the default is wasm.
      engine: new URLSearchParams(window.location.search).get("engine") === "ts" ? "ts" : "auto",
    };
  }

  private start(): void {
    const config = this.readConfig();
    if (typeof config === "string") {
      this.setStatus(config, true);
      return;
    }
    this.client.reset();
    this.latest.clear();
    this.renderTable();
    this.setState("running");
    this.setStatus(`Starting: seed ${config.seed}…`);
    this.client.start(config);
    // On a phone the chart sits below the controls: bring it into view so the run can be watched.
    if (window.matchMedia("(max-width: 760px)").matches) {
      this.chartElement.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  }

  private togglePause(): void {
    if (this.state === "running") {
      this.client.pause();
    } else if (this.state === "paused") {
      this.client.resume();
      this.setState("running");
    }
  }

  private reset(): void {
    this.client.reset();
    this.running = null;
    this.latest.clear();
    this.renderTable();
    this.setState("idle");
    this.setStatus("Reset. Pick a task and press Train.");
    void this.drawChart();
  }

  /** Reference lines: those of the run once it started, else those of the current choices. */
  private references(): ReferenceRow[] {
    const { trueMI, batchSize } = this.truth();
    this.chartElement.dataset.logK = String(Math.log(batchSize));
    this.chartElement.dataset.trueMi = String(trueMI);
    return referenceRows(trueMI, batchSize).filter((r) => Number.isFinite(r.nats));
  }

  /** Draws an empty chart with the reference lines, so the reader sees the target and the ceiling before Train. */
  private async drawChart(): Promise<void> {
    await this.chart.render(this.spec(), { [REFERENCE_DATA]: this.references(), [CURVE_DATA]: [] });
  }

  private onWorker(message: FromWorker): void {
    switch (message.type) {
      case "started": {
        this.running = {
          trueMI: message.trueMI,
          logK: message.logK,
          estimators: message.config.estimators,
          steps: message.config.steps,
          seed: message.config.seed,
          batchSize: message.config.batchSize,
        };
        byId("engine-note").textContent = `Numeric engine: ${message.engine}.`;
        this.chartElement.dataset.engine = message.engine;
        void this.drawChart();
        break;
      }
      case "progress": {
        const rows: CurveRow[] = message.points.map((p) => ({
          estimator: estimatorLabel(p.estimator),
          step: p.step,
          nats: p.estimate,
        }));
        for (const p of message.points) this.latest.set(p.estimator, p);
        void this.chart.append(CURVE_DATA, rows);
        this.renderTable();
        this.chartElement.dataset.step = String(message.step);
        this.chartElement.dataset.stepsPerSecond = String(message.stepsPerSecond);
        this.setStatus(this.progressText(message.step, message.stepsPerSecond));
        break;
      }
      case "paused":
        this.setState("paused");
        this.setStatus(`Paused at step ${message.step}. Resume to go on.`);
        break;
      case "done":
        this.setState("done");
        this.chartElement.dataset.stepsPerSecond = String(message.stepsPerSecond);
        this.setStatus(`Done: ${this.progressText(message.step, message.stepsPerSecond)}`);
        break;
      case "critic-map":
        this.criticMap.update(message);
        break;
      case "reset":
        this.criticMap.clear();
        break;
      case "error":
        this.setState("error");
        this.setStatus(`Training stopped: ${message.message}`, true);
        break;
    }
  }

  private progressText(step: number, stepsPerSecond: number): string {
    const total = this.running?.steps ?? 0;
    return `Step ${step} of ${total} · ${fixed(stepsPerSecond, 0)} steps/s · seed ${this.running?.seed ?? "—"}`;
  }

  private renderTable(): void {
    const body = byId("estimates-table").querySelector("tbody");
    if (body === null) return;
    const trueMI = this.running?.trueMI ?? Number.NaN;
    body.replaceChildren(
      ...[...this.latest.values()].map((p) => {
        const gap =
          Number.isFinite(trueMI) && trueMI > 0 ? `${fixed(((p.estimate - trueMI) / trueMI) * 100, 1)}%` : "—";
        return h(
          "tr",
          { "data-estimator": p.estimator, "data-nats": String(p.estimate), "data-step": String(p.step) },
          h("th", { scope: "row" }, estimatorLabelNode(p.estimator)),
          h("td", {}, String(p.step)),
          h("td", {}, formatMI(p.estimate, this.unit)),
          h("td", {}, formatMI(p.train, this.unit)),
          h("td", {}, gap),
        );
      }),
    );
  }

  private setState(state: RunState): void {
    this.state = state;
    this.chartElement.dataset.state = state;
    const active = state === "running" || state === "paused";
    this.pauseButton.disabled = !active;
    this.pauseButton.textContent = state === "paused" ? "Resume" : "Pause";
    this.pauseButton.setAttribute("aria-pressed", String(state === "paused"));
    this.resetButton.disabled = state === "idle";
    byId<HTMLButtonElement>("train").textContent = active ? "Restart" : "Train";
  }

  private setStatus(text: string, isError = false): void {
    this.status.textContent = text;
    this.status.classList.toggle("error", isError);
  }
}
