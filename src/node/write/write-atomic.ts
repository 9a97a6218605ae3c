import { rename, rm, writeFile } from "node:fs/promises";
import { InfonceError } from "../../errors.js";

/**
 * Writes a whole file so that it either appears complete or not at all: into a temporary file beside it, then
 * renamed over the target (atomic within one file system). A failure removes the temporary file, so an
 * interrupted or failed run leaves nothing half-written. E_IO names the option and the path. `content` may come in
 * pieces (an iterable of strings), so a large output is written without ever being one string in memory.
 */
export async function writeFileAtomic(
  full: string,
  content: string | Uint8Array | Iterable<string>,
  what: string,
): Promise<void> {
  const tmp = `${full}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await writeFile(tmp, content);
    await rename(tmp, full);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new InfonceError("E_IO", `${what}: cannot write ${full} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}
