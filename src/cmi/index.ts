export { autoCmiEstimator, CMI_ESTIMATORS } from "./auto-cmi.js";
export type { CmiTask } from "./cmi-tasks.js";
export { CMI_TASKS, discreteCmiTask, gaussianCmiTask } from "./cmi-tasks.js";
export type { CmiEstimator, ConditionalSample } from "./cmi-types.js";
export { discreteCmiEstimator } from "./discrete-cmi.js";
export { gaussianCmiEstimator } from "./gaussian-cmi.js";
export { ksgCmiEstimator } from "./ksg-cmi.js";
