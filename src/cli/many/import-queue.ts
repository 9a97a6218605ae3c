import { importOptional } from "../../node/plot/import-optional.js";

/** The work-queue stack: optional peer dependencies, needed only for --queue and `infonce worker`. */
export const QUEUE_PACKAGES = "bullmq ioredis";

/**
 * Imports a queue module (which imports bullmq and ioredis): "not installed" is a one-line E_DEPENDENCY error with
 * the install command.
 * @param load the dynamic import, written at the call site
 */
export function importQueue<T>(load: () => Promise<T>): Promise<T> {
  return importOptional(load, "--queue and infonce worker", QUEUE_PACKAGES, "work-queue");
}
