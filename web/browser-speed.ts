/**
 * Training speed of the playground in Debian's Chromium: runs the page's default task (correlated Gaussian,
 * d = 2, ρ = 0.75, K = 64, separable critic 2 × 128, Adam lr 0.002) to the end and reads the worker's
 * steps/second (training time only; held-out evaluations excluded), for each engine and estimator set.
 *
 *   npx tsx web/browser-speed.ts [steps]
 *
 * Prints a Markdown table for docs/benchmarks.md ("Browser training speed").
 */
import os from "node:os";
import { openPlayground } from "./chromium.js";

const steps = Number(process.argv[2] ?? 1500);
const session = await openPlayground();
const { page } = session;
const rows: string[] = [];
try {
  for (const engine of ["wasm", "ts"] as const) {
    for (const estimators of [["infonce"], ["infonce", "nwj"]]) {
      await page.goto(`${session.url}?engine=${engine}`);
      await page.locator("#train-chart svg.marks").waitFor();
      for (const box of await page.locator('input[name="estimator"]').all()) {
        await box.setChecked(estimators.includes((await box.getAttribute("value")) ?? ""));
      }
      await page.locator("#steps").fill(String(steps));
      await page.locator("#train").click();
      await page.waitForFunction(
        () => document.querySelector<HTMLElement>("#train-chart")?.dataset.state === "done",
        null,
        {
          timeout: 600_000,
        },
      );
      const used = await page.locator("#train-chart").getAttribute("data-engine");
      const rate = Number(await page.locator("#train-chart").getAttribute("data-steps-per-second"));
      const perEstimator = rate / estimators.length;
      rows.push(
        `| ${used} | ${estimators.join(" + ")} | ${steps} | ${rate.toFixed(0)} | ${perEstimator.toFixed(0)} | ${(1000 / perEstimator).toFixed(2)} |`,
      );
      console.error(rows.at(-1));
    }
  }
  const agent = await page.evaluate(() => navigator.userAgent);
  console.log(`Chromium: ${agent}`);
  console.log(`CPU: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, load average ${os.loadavg()[0]?.toFixed(2)}`);
  console.log("");
  console.log(
    "| engine | estimators | steps | steps/s (all estimators) | steps/s per estimator | ms per estimator step |",
  );
  console.log("| --- | --- | ---: | ---: | ---: | ---: |");
  for (const row of rows) console.log(row);
} finally {
  await session.close();
}
