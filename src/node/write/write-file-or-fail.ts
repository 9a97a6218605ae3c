import { writeFile } from "node:fs/promises";
import { InfonceError } from "../../errors.js";

/** Writes a whole file, turning a failure into an E_IO error naming the option and the path. */
export async function writeFileOrFail(full: string, content: string | Uint8Array, what: string): Promise<void> {
  try {
    await writeFile(full, content);
  } catch (e) {
    throw new InfonceError("E_IO", `${what}: cannot write ${full} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}
