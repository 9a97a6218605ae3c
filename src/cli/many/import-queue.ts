import { InfonceError } from "../../errors.js";

/** The work-queue stack: optional peer dependencies, needed only for --queue and `infonce worker`. */
export const QUEUE_PACKAGES = "bullmq ioredis";

/**
 * Imports a queue module (which imports bullmq and ioredis), turning "not installed" into a one-line E_DEPENDENCY
 * error with the install command.
 * @param load the dynamic import, written at the call site
 */
export async function importQueue<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new InfonceError(
        "E_DEPENDENCY",
        `--queue and infonce worker need the optional packages ${QUEUE_PACKAGES}, which are not installed; run: npm install ${QUEUE_PACKAGES}`,
      );
    }
    throw e;
  }
}
