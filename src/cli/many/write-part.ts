import type { ManyPart } from "../../many/many-part.js";
import type { CliIO } from "../io.js";

/** Writes a shard's part (atomically: a part file is complete or absent) and says what it holds. */
export async function writePart(io: CliIO, part: ManyPart, path: string, quiet: boolean): Promise<void> {
  const { writeFileAtomic } = await import("../../node/write/write-atomic.js");
  await writeFileAtomic(path, `${JSON.stringify(part)}\n`, "--out");
  if (!quiet) {
    io.err(
      `infonce: part ${part.shard.index}/${part.shard.count}: ${part.pairs.length} pairs in ${part.tiles.length} tiles → ${path}; join the parts with: infonce merge PARTS…\n`,
    );
  }
}
