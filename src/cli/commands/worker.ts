import { InfonceError } from "../../errors.js";
import { intArg } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import type { CliIO } from "../io.js";
import { importQueue } from "../many/import-queue.js";
import type { CommandFactory } from "./index.js";

/** `infonce worker --queue URL`: process rank/matrix tiles from a BullMQ queue until stopped (Ctrl-C). */
const workerCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: { name: "worker", description: "Process rank/matrix tiles from a BullMQ (Redis) work queue until stopped" },
    args: {
      queue: { type: "string", description: "The queue: redis://host:port[/db][?queue=name]", required: true },
      "lock-ms": {
        type: "string",
        description: "Tile lock (ms): a dead worker's tile goes to another after this long (default 30000)",
      },
      quiet: { type: "boolean", alias: "q", description: "No line per tile on stderr" },
    },
    async run({ args }) {
      const lockMs = intArg(args["lock-ms"], "lock-ms", 500);
      if (typeof args.queue !== "string") throw new InfonceError("E_ARG", "--queue redis://host:port is required");
      const { runQueueWorker } = await importQueue(() => import("../../node/many/queue-worker.js"));
      const queue = args.queue;
      await runQueueWorker(queue, {
        stop: io.stop,
        // Said once connected: a Redis that does not answer is then the only line.
        ...(args.quiet === true
          ? {}
          : { onReady: () => io.err(`infonce worker: waiting for tiles on ${queue} (Ctrl-C to stop)\n`) }),
        ...(lockMs === undefined ? {} : { lockMs }),
        // A line when a tile is taken and one when it is done: between them the worker is inside that tile.
        ...(args.quiet === true
          ? {}
          : {
              onTileStart: (run, tile) => io.err(`infonce worker: run ${run} tile ${tile}: started\n`),
              onTile: (run, tile, pairs) => io.err(`infonce worker: run ${run} tile ${tile}: ${pairs} pairs\n`),
            }),
      });
      return 0;
    },
  });

export default workerCommand;
