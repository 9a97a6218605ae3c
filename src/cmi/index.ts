export type { CmiChoice } from "./auto-cmi.js";
export { autoCmiEstimator, CMI_ESTIMATORS, selectCmiEstimator } from "./auto-cmi.js";
export type { CmiTask } from "./cmi-tasks.js";
export { CMI_TASKS, discreteCmiTask, gaussianCmiTask } from "./cmi-tasks.js";
export type { CmiEstimator, ConditionalSample } from "./cmi-types.js";
export { discreteCmiEstimator, discreteCmiValue } from "./discrete-cmi.js";
export { gaussianCmiEstimator, gaussianCmiValue } from "./gaussian-cmi.js";
export { ksgCmiEstimator, ksgCmiValue } from "./ksg-cmi.js";
