import { type ArgsDef, type CommandDef, defineCommand } from "citty";

/**
 * defineCommand with its precise argument types for the body, returned as a plain CommandDef for the registry
 * (citty's CommandDef is invariant in its args type, so a typed command does not widen by itself).
 */
export function defineCliCommand<const T extends ArgsDef>(def: CommandDef<T>): CommandDef {
  return defineCommand(def) as unknown as CommandDef;
}
