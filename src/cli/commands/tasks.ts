import { CMI_TASKS } from "../../cmi/cmi-tasks.js";
import { TASKS } from "../../tasks/index.js";
import { defineCliCommand } from "../define-cli-command.js";
import { formatTable } from "../format-table.js";
import type { CliIO } from "../io.js";
import type { CommandFactory } from "./index.js";

/** The family `--family` gives the conditional-MI tasks: they have no MI family of their own. */
const CMI_FAMILY = "cmi";

/**
 * `infonce tasks`: the ground-truth tasks, each with its exact MI (nats and bits), then the conditional-MI tasks of
 * `bench --suite cmi` with their exact I(X;Y|Z) (and the I(X;Y) an estimator that ignores Z would approach).
 */
const tasksCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: { name: "tasks", description: "List the ground-truth tasks with their true MI (and true CMI)" },
    args: {
      json: { type: "boolean", description: "Print the list as JSON" },
      family: {
        type: "string",
        description: `Only tasks of this family (gaussian, student-t, discrete, …; ${CMI_FAMILY}: the conditional-MI tasks)`,
      },
    },
    run({ args }) {
      const list = Object.values(TASKS).filter((t) => args.family === undefined || t.family === args.family);
      const cmiList = args.family === undefined || args.family === CMI_FAMILY ? CMI_TASKS : [];
      if (args.json) {
        const tasks = list.map((t) => ({
          name: t.name,
          family: t.family,
          dimX: t.dimX,
          dimY: t.dimY,
          trueMI: t.trueMI,
          trueMIBits: t.trueMI / Math.LN2,
          discrete: t.discrete ?? { x: false, y: false },
          description: t.description,
          params: t.params,
        }));
        const cmiTasks = cmiList.map((t) => ({
          name: t.name,
          family: CMI_FAMILY,
          dimX: t.dims[0],
          dimY: t.dims[1],
          dimZ: t.dims[2],
          trueCMI: t.trueCMI,
          trueCMIBits: t.trueCMI / Math.LN2,
          trueMI: t.trueMI,
          discrete: t.discrete,
          description: t.description,
        }));
        io.out(`${JSON.stringify({ schemaVersion: 1, tasks, cmiTasks }, null, 2)}\n`);
        return 0;
      }
      if (list.length > 0 || cmiList.length === 0) {
        const rows = list.map((t) => [
          t.name,
          t.family,
          `${t.dimX}+${t.dimY}`,
          t.trueMI.toFixed(4),
          (t.trueMI / Math.LN2).toFixed(4),
        ]);
        io.out(`${formatTable(["task", "family", "dims", "MI (nats)", "MI (bits)"], rows)}\n`);
        io.out(`\n${list.length} tasks. Sample one with: infonce sample <task> --n 1000 --out data.csv\n`);
      }
      if (cmiList.length > 0) {
        const rows = cmiList.map((t) => [
          t.name,
          `${t.dims[0]}+${t.dims[1]} | ${t.dims[2]}`,
          t.trueCMI.toFixed(4),
          (t.trueCMI / Math.LN2).toFixed(4),
          t.trueMI.toFixed(4),
        ]);
        const head = ["conditional-MI task", "dims x+y | z", "CMI (nats)", "CMI (bits)", "MI without z (nats)"];
        io.out(`${list.length > 0 ? "\n" : ""}${formatTable(head, rows)}\n`);
        io.out(`\n${cmiList.length} conditional-MI tasks. Run them with: infonce bench --suite cmi\n`);
      }
      return 0;
    },
  });

export default tasksCommand;
