/**
 * Lets pending events run (a Ctrl-C handler that sets a stop signal, a worker's stop message, a page's clicks, a test
 * runner's heartbeat): one macrotask turn, in browsers, workers and Node alike. Long computations that are
 * synchronous at heart await it between their steps (training steps, folds, pairs).
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
