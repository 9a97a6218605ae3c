/**
 * Encodes a row-major float64 matrix as a .npy file (format 1.0, '<f8', C order), with the header padded so the
 * data starts at a multiple of 64 bytes, as numpy.save writes it.
 */
export function encodeNpy(data: Float64Array, rows: number, cols: number): Uint8Array {
  const shape = cols === 1 && rows >= 0 ? `(${rows}, 1)` : `(${rows}, ${cols})`;
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += " ".repeat((64 - (total % 64)) % 64);
  header += "\n";
  const out = new Uint8Array(10 + header.length + data.length * 8);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < data.length; i++) view.setFloat64(i * 8, data[i]!, true);
  return out;
}
