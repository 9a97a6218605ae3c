import { access, constants, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { InfonceError } from "../../errors.js";

/**
 * Fails early, before any long work, when `path` cannot be written: its folder is missing or read-only, or the
 * path is a folder. `flag` names the option for the message (e.g. "--out").
 */
export async function checkWritable(path: string, cwd: string, flag: string): Promise<string> {
  const full = resolve(cwd, path);
  const dir = dirname(full);
  try {
    const s = await stat(full);
    if (s.isDirectory()) throw new InfonceError("E_IO", `${flag} ${path}: is a folder; give a file name`);
    await access(full, constants.W_OK);
    return full;
  } catch (e) {
    if (e instanceof InfonceError) throw e;
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR") {
      throw new InfonceError("E_IO", `${flag} ${path}: ${dir} is not a folder`);
    }
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new InfonceError("E_IO", `${flag} ${path}: cannot write this file (${(e as NodeJS.ErrnoException).code})`);
    }
  }
  try {
    const d = await stat(dir);
    if (!d.isDirectory()) throw new InfonceError("E_IO", `${flag} ${path}: ${dir} is not a folder`);
    await access(dir, constants.W_OK);
  } catch (e) {
    if (e instanceof InfonceError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? `the folder ${dir} does not exist; create it first` : `cannot write in ${dir} (${code})`;
    throw new InfonceError("E_IO", `${flag} ${path}: ${why}`);
  }
  return full;
}
