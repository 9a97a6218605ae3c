export { countWithinRadius, strictRadius } from "./count-within.js";
export type { KdTree } from "./kd-tree.js";
export { buildKdTree } from "./kd-tree.js";
export { selfKnnMaxNorm } from "./knn.js";
export { countWithinRadius1d } from "./sorted-count.js";
