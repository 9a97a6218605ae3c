import { InfonceError } from "../../errors.js";

/** The header of a .npy file (NumPy format spec, versions 1.0, 2.0 and 3.0). */
export interface NpyHeader {
  /** Type code without byte order: f4, f8, f2, i1…i8, u1…u8, b1. */
  readonly kind: string;
  /** Bytes per element. */
  readonly itemSize: number;
  readonly littleEndian: boolean;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Offset of the first data byte. */
  readonly dataOffset: number;
  /** The descr as written, e.g. "<f8", for settings and messages. */
  readonly descr: string;
}

type PyValue = string | number | boolean | null | PyValue[] | { [k: string]: PyValue };

/**
 * Parses the restricted Python literal of a .npy header: a dict of str keys whose values are str, bool, int,
 * None, tuples/lists or dicts. Anything else is a malformed header.
 */
function parsePyLiteral(text: string, file: string): PyValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new InfonceError("E_PARSE", `${file}: malformed .npy header (${what} at offset ${i}): ${text.trim()}`);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const value = (): PyValue => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: { [k: string]: PyValue } = {};
      for (;;) {
        ws();
        if (text[i] === "}") {
          i++;
          return obj;
        }
        const key = value();
        if (typeof key !== "string") fail("a dict key that is not a string");
        ws();
        if (text[i] !== ":") fail("a missing ':'");
        i++;
        obj[key as string] = value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== "}") fail("a missing ',' or '}'");
      }
    }
    if (c === "(" || c === "[") {
      const close = c === "(" ? ")" : "]";
      i++;
      const arr: PyValue[] = [];
      for (;;) {
        ws();
        if (text[i] === close) {
          i++;
          return arr;
        }
        arr.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== close) fail(`a missing ',' or '${close}'`);
      }
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail("an unterminated string");
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    const word = /^(True|False|None|-?\d+L?)/.exec(text.slice(i));
    if (word === null) return fail("an unexpected character");
    i += word[0].length;
    if (word[0] === "True") return true;
    if (word[0] === "False") return false;
    if (word[0] === "None") return null;
    return Number.parseInt(word[0], 10);
  };
  const v = value();
  ws();
  if (i !== text.length) fail("trailing text");
  return v;
}

const ITEM_KINDS = new Set(["f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1"]);

/**
 * Reads the .npy preamble from the first bytes of a file (the caller passes enough of them: at most
 * 12 + header length; 64 KiB always suffices in practice, and `needed` says how many more are required).
 */
export function parseNpyHeader(head: Uint8Array, file: string): NpyHeader | { needed: number } {
  if (head.length < 10 || head[0] !== 0x93 || String.fromCharCode(...head.subarray(1, 6)) !== "NUMPY") {
    throw new InfonceError("E_PARSE", `${file}: not a .npy file (no \\x93NUMPY magic); use --format to say what it is`);
  }
  const major = head[6]!;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (head.length < 12) return { needed: 12 };
    headerLen = view.getUint32(8, true);
    start = 12;
  } else {
    throw new InfonceError(
      "E_PARSE",
      `${file}: .npy format version ${major}.${head[7]} is not supported (1.0–3.0 are)`,
    );
  }
  if (head.length < start + headerLen) return { needed: start + headerLen };
  const bytes = head.subarray(start, start + headerLen);
  const text = major === 3 ? new TextDecoder("utf-8").decode(bytes) : String.fromCharCode(...bytes);
  const dict = parsePyLiteral(text, file);
  if (dict === null || typeof dict !== "object" || Array.isArray(dict)) {
    throw new InfonceError("E_PARSE", `${file}: malformed .npy header (not a dict): ${text.trim()}`);
  }
  const { descr, fortran_order: fortran, shape } = dict;
  if (typeof descr !== "string") {
    throw new InfonceError(
      "E_PARSE",
      `${file}: structured .npy arrays (dtype ${JSON.stringify(descr)}) are not supported; save a plain numeric 2-D array`,
    );
  }
  if (typeof fortran !== "boolean" || !Array.isArray(shape) || !shape.every((d) => typeof d === "number" && d >= 0)) {
    throw new InfonceError("E_PARSE", `${file}: malformed .npy header (fortran_order or shape): ${text.trim()}`);
  }
  const order = descr[0];
  const kind = /^[<>=|]/.test(descr) ? descr.slice(1) : descr;
  if (!ITEM_KINDS.has(kind)) {
    throw new InfonceError(
      "E_PARSE",
      `${file}: .npy dtype '${descr}' is not numeric; supported: float16/32/64, int8–64, uint8–64, bool`,
    );
  }
  return {
    kind,
    itemSize: Number(kind.slice(1)),
    // '=' is native order; every platform Node supports in practice is little-endian.
    littleEndian: order !== ">",
    fortranOrder: fortran,
    shape: shape as number[],
    dataOffset: start + headerLen,
    descr,
  };
}
