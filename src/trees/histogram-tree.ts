import type { BinnedFeatures } from "./feature-bins.js";

/** How a tree may grow: scikit-learn's HistGradientBoosting defaults are 31 leaves, 20 rows a leaf, l2 = 0. */
export interface TreeSettings {
  /** Most leaves; the leaf whose best split gains most is split first (leaf-wise, best-first growth). */
  readonly maxLeaves: number;
  /** Fewest rows on each side of a split. */
  readonly minRowsPerLeaf: number;
  /** Smallest sum of hessians on each side of a split (scikit-learn's min_hessian_to_split, 1e-3). */
  readonly minHessian: number;
  /** L2 penalty λ on the leaf values: a leaf's value is −G/(H + λ). */
  readonly l2: number;
}

/**
 * A regression tree on bin codes, as parallel node arrays: node i is a leaf when feature[i] is −1 (its value is
 * value[i]), else rows whose code in column feature[i] is ≤ bin[i] go to left[i] and the others to right[i].
 */
export interface Tree {
  readonly feature: Int32Array;
  readonly bin: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/** The best split of a leaf (gain −∞ when none is allowed). */
interface Split {
  readonly gain: number;
  readonly feature: number;
  readonly bin: number;
}

/** A leaf's split where none is allowed (too few rows, or no cut that gains). */
const NO_SPLIT: Split = { gain: Number.NEGATIVE_INFINITY, feature: -1, bin: -1 };

/** A leaf while the tree grows: its rows are rows[start, end); hist holds (Σg, Σh, count) per bin of every column. */
interface GrowingLeaf {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  /** null for a leaf that may not split (fewer than 2 × minRowsPerLeaf rows): its sums come from its rows. */
  readonly hist: Float64Array | null;
  readonly g: number;
  readonly h: number;
  readonly split: Split;
}

/**
 * Grow one tree on the gradients and hessians of a second-order boosting step (Friedman 2001; Chen & Guestrin 2016):
 * the split of a leaf maximises G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ) over every column and cut between bins,
 * from per-bin sums (Ke et al. 2017); a child's sums are its parent's less its sibling's, so only the smaller child
 * is summed row by row. Leaf values are the Newton step −G/(H + λ), unscaled.
 *
 * @param grad, hess per row of `binned` (only the rows in `rows` are read)
 * @param rows the training rows (indices into `binned`); reordered in place so that each leaf's rows are one run
 * @returns the tree, and its leaves as runs of `rows`: leaf i is node leaves[3i], rows[leaves[3i+1], leaves[3i+2])
 */
export function growTree(
  binned: BinnedFeatures,
  grad: Float64Array,
  hess: Float64Array,
  rows: Int32Array,
  settings: TreeSettings,
): { readonly tree: Tree; readonly leaves: Int32Array } {
  const size = 2 * settings.maxLeaves - 1;
  const tree = {
    feature: new Int32Array(size).fill(-1),
    bin: new Int32Array(size),
    left: new Int32Array(size),
    right: new Int32Array(size),
    value: new Float64Array(size),
  };
  let nodes = 1;
  const leaves: GrowingLeaf[] = [
    canSplit(rows.length, settings)
      ? leafOf(binned, histogram(binned, grad, hess, rows, 0, rows.length), 0, 0, rows.length, settings)
      : unsplittableLeaf(grad, hess, rows, 0, 0, rows.length),
  ];
  const finished: GrowingLeaf[] = [];
  while (leaves.length > 0 && leaves.length + finished.length < settings.maxLeaves) {
    let pick = 0;
    for (let i = 1; i < leaves.length; i++) {
      if ((leaves[i] as GrowingLeaf).split.gain > (leaves[pick] as GrowingLeaf).split.gain) pick = i;
    }
    const leaf = leaves[pick] as GrowingLeaf;
    leaves.splice(pick, 1);
    if (!(leaf.split.gain > 0) || leaf.hist === null) {
      finished.push(leaf);
      continue;
    }
    const { feature, bin } = leaf.split;
    const mid = partition(binned, rows, leaf.start, leaf.end, feature, bin);
    const leftNode = nodes++;
    const rightNode = nodes++;
    tree.feature[leaf.node] = feature;
    tree.bin[leaf.node] = bin;
    tree.left[leaf.node] = leftNode;
    tree.right[leaf.node] = rightNode;
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = leftSmaller
      ? { node: leftNode, start: leaf.start, end: mid }
      : { node: rightNode, start: mid, end: leaf.end };
    const large = leftSmaller
      ? { node: rightNode, start: mid, end: leaf.end }
      : { node: leftNode, start: leaf.start, end: mid };
    leaves.push(...children(binned, grad, hess, rows, leaf.hist, small, large, settings));
  }
  const all = [...leaves, ...finished];
  const runs = new Int32Array(3 * all.length);
  all.forEach((leaf, i) => {
    tree.value[leaf.node] = -leaf.g / (leaf.h + settings.l2);
    runs.set([leaf.node, leaf.start, leaf.end], 3 * i);
  });
  return {
    tree: {
      feature: tree.feature.slice(0, nodes),
      bin: tree.bin.slice(0, nodes),
      left: tree.left.slice(0, nodes),
      right: tree.right.slice(0, nodes),
      value: tree.value.slice(0, nodes),
    },
    leaves: runs,
  };
}

/** A child of a split: rows[start, end) at `node`. */
interface Child {
  readonly node: number;
  readonly start: number;
  readonly end: number;
}

/** Whether a leaf of `count` rows may split: each side needs minRowsPerLeaf rows. */
function canSplit(count: number, settings: TreeSettings): boolean {
  return count >= 2 * settings.minRowsPerLeaf;
}

/**
 * The two children of a split leaf, from its histogram (taken over by the larger child). Only a child that may split
 * needs per-bin sums; one that may not is a leaf whose sums are read off its rows. On a table of a few hundred rows
 * most leaves are such, and a histogram's bins (up to 256 a column) outnumber a leaf's cells: 250 rows × 20 columns
 * of 250 bins, 28 classes, spent most of a fit zeroing and subtracting histograms.
 */
function children(
  binned: BinnedFeatures,
  grad: Float64Array,
  hess: Float64Array,
  rows: Int32Array,
  parent: Float64Array,
  small: Child,
  large: Child,
  settings: TreeSettings,
): GrowingLeaf[] {
  const leaf = (c: Child, hist: Float64Array | null) =>
    hist === null
      ? unsplittableLeaf(grad, hess, rows, c.node, c.start, c.end)
      : leafOf(binned, hist, c.node, c.start, c.end, settings);
  // The smaller child is no larger than the larger, so if the larger may not split, neither may.
  if (!canSplit(large.end - large.start, settings)) return [leaf(small, null), leaf(large, null)];
  const smallHist = canSplit(small.end - small.start, settings)
    ? histogram(binned, grad, hess, rows, small.start, small.end)
    : null;
  // The larger child's sums: its parent's less the smaller's, by its bins or, where it has none, by its rows.
  if (smallHist === null) addRows(binned, grad, hess, rows, small.start, small.end, parent, -1);
  else for (let i = 0; i < parent.length; i++) parent[i] = (parent[i] as number) - (smallHist[i] as number);
  return [leaf(small, smallHist), leaf(large, parent)];
}

/** A leaf that may not split: its sums over its rows, no histogram. */
function unsplittableLeaf(
  grad: Float64Array,
  hess: Float64Array,
  rows: Int32Array,
  node: number,
  start: number,
  end: number,
): GrowingLeaf {
  let g = 0;
  let h = 0;
  for (let i = start; i < end; i++) {
    const r = rows[i] as number;
    g += grad[r] as number;
    h += hess[r] as number;
  }
  return { node, start, end, hist: null, g, h, split: NO_SPLIT };
}

/**
 * One boosting step's bookkeeping: scales the leaf values of a tree just grown by the learning rate (in place) and
 * adds each training row's leaf value to out[rows[i]·stride + offset], by the leaf runs growTree left in `rows`
 * (no row descends the tree).
 */
export function shrinkAndAddLeafValues(
  grown: { readonly tree: Tree; readonly leaves: Int32Array },
  rows: Int32Array,
  learningRate: number,
  out: Float64Array,
  stride: number,
  offset: number,
): void {
  const { tree, leaves } = grown;
  for (let i = 0; i < tree.value.length; i++) tree.value[i] = (tree.value[i] as number) * learningRate;
  for (let l = 0; l < leaves.length; l += 3) {
    const v = tree.value[leaves[l] as number] as number;
    for (let i = leaves[l + 1] as number; i < (leaves[l + 2] as number); i++) {
      const at = (rows[i] as number) * stride + offset;
      out[at] = (out[at] as number) + v;
    }
  }
}

/** The value of `tree` at row r of `binned`. */
export function treeValue(tree: Tree, binned: BinnedFeatures, r: number): number {
  const { cols, codes } = binned;
  let node = 0;
  for (;;) {
    const f = tree.feature[node] as number;
    if (f < 0) return tree.value[node] as number;
    node =
      (codes[r * cols + f] as number) <= (tree.bin[node] as number)
        ? (tree.left[node] as number)
        : (tree.right[node] as number);
  }
}

/** (Σg, Σh, count) per bin of every column over rows[start, end). */
function histogram(
  binned: BinnedFeatures,
  grad: Float64Array,
  hess: Float64Array,
  rows: Int32Array,
  start: number,
  end: number,
): Float64Array {
  const hist = new Float64Array(3 * (binned.offsets[binned.cols] as number));
  addRows(binned, grad, hess, rows, start, end, hist, 1);
  return hist;
}

/** Adds sign × (g, h, 1) of each of rows[start, end) to its bin of every column in `hist`. */
function addRows(
  binned: BinnedFeatures,
  grad: Float64Array,
  hess: Float64Array,
  rows: Int32Array,
  start: number,
  end: number,
  hist: Float64Array,
  sign: 1 | -1,
): void {
  const { cols, codes, offsets } = binned;
  for (let i = start; i < end; i++) {
    const r = rows[i] as number;
    const g = sign * (grad[r] as number);
    const h = sign * (hess[r] as number);
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const at = 3 * ((offsets[c] as number) + (codes[base + c] as number));
      hist[at] = (hist[at] as number) + g;
      hist[at + 1] = (hist[at + 1] as number) + h;
      hist[at + 2] = (hist[at + 2] as number) + sign;
    }
  }
}

/** A leaf with its sums and best split; the sums are read off its first column's bins. */
function leafOf(
  binned: BinnedFeatures,
  hist: Float64Array,
  node: number,
  start: number,
  end: number,
  settings: TreeSettings,
): GrowingLeaf {
  let g = 0;
  let h = 0;
  const first = binned.offsets[1] as number;
  for (let b = 0; b < first; b++) {
    g += hist[3 * b] as number;
    h += hist[3 * b + 1] as number;
  }
  return { node, start, end, hist, g, h, split: bestSplit(binned, hist, g, h, end - start, settings) };
}

/** The cut with the largest gain over every column of a leaf, within the settings' limits. */
function bestSplit(
  binned: BinnedFeatures,
  hist: Float64Array,
  g: number,
  h: number,
  n: number,
  settings: TreeSettings,
): Split {
  const { minRowsPerLeaf, minHessian, l2 } = settings;
  let best: Split = NO_SPLIT;
  if (n < 2 * minRowsPerLeaf) return best;
  const parent = (g * g) / (h + l2);
  for (let c = 0; c < binned.cols; c++) {
    const from = binned.offsets[c] as number;
    const to = binned.offsets[c + 1] as number;
    let gl = 0;
    let hl = 0;
    let nl = 0;
    for (let b = from; b < to - 1; b++) {
      gl += hist[3 * b] as number;
      hl += hist[3 * b + 1] as number;
      nl += hist[3 * b + 2] as number;
      if (nl < minRowsPerLeaf) continue;
      if (n - nl < minRowsPerLeaf) break;
      const hr = h - hl;
      if (hl < minHessian || hr < minHessian) continue;
      const gr = g - gl;
      const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parent;
      if (gain > best.gain) best = { gain, feature: c, bin: b - from };
    }
  }
  return best;
}

/** Reorder rows[start, end) so the rows going left (code ≤ bin in `feature`) come first; returns where the right ones start. */
function partition(
  binned: BinnedFeatures,
  rows: Int32Array,
  start: number,
  end: number,
  feature: number,
  bin: number,
): number {
  const { cols, codes } = binned;
  let i = start;
  let j = end - 1;
  while (i <= j) {
    if ((codes[(rows[i] as number) * cols + feature] as number) <= bin) i++;
    else {
      const t = rows[i] as number;
      rows[i] = rows[j] as number;
      rows[j] = t;
      j--;
    }
  }
  return i;
}
