import { compiledKernelSuite } from "../../test/helpers/compiled-kernel-suite.js";
import { loadWasmKernel } from "./wasm-kernel.js";

compiledKernelSuite("wasm", () => loadWasmKernel(), [1]);
