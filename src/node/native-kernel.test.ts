import { compiledKernelSuite } from "../../test/helpers/compiled-kernel-suite.js";
import { loadNativeKernel } from "./native-kernel.js";

// The addon is built by `npm ci` (scripts/build-native.mjs); this suite needs it. Its absence is a failure here on
// purpose: CI machines have a compiler, and an engine that silently stopped building must not pass unnoticed.
compiledKernelSuite("native", async () => loadNativeKernel(), [1, 2]);
