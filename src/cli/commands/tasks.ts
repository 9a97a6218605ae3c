import { TASKS } from "../../tasks/index.js";
import { defineCliCommand } from "../define-cli-command.js";
import { formatTable } from "../format-table.js";
import type { CliIO } from "../io.js";
import type { CommandFactory } from "./index.js";

/** `infonce tasks`: the ground-truth tasks, each with its exact MI (nats and bits). */
const tasksCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: { name: "tasks", description: "List the ground-truth tasks with their true MI" },
    args: {
      json: { type: "boolean", description: "Print the list as JSON" },
      family: { type: "string", description: "Only tasks of this family (gaussian, student-t, discrete, …)" },
    },
    run({ args }) {
      const list = Object.values(TASKS).filter((t) => args.family === undefined || t.family === args.family);
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
        io.out(`${JSON.stringify({ schemaVersion: 1, tasks }, null, 2)}\n`);
        return 0;
      }
      const rows = list.map((t) => [
        t.name,
        t.family,
        `${t.dimX}+${t.dimY}`,
        t.trueMI.toFixed(4),
        (t.trueMI / Math.LN2).toFixed(4),
      ]);
      io.out(`${formatTable(["task", "family", "dims", "MI (nats)", "MI (bits)"], rows)}\n`);
      io.out(`\n${list.length} tasks. Sample one with: infonce sample <task> --n 1000 --out data.csv\n`);
      return 0;
    },
  });

export default tasksCommand;
