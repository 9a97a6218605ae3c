/*
 * infonce kernels (ik_*): the numeric core shared by the N-API addon and the WebAssembly module.
 *
 * One C source, two builds:
 *   - node-gyp builds it with the machine's compiler into an addon (addon.c wraps these functions);
 *     GEMM micro-kernels are chosen at run time by CPU feature (AVX-512F, AVX2+FMA, portable).
 *   - clang --target=wasm32 -msimd128 builds it into a module (scripts/build-wasm.sh); SIMD128 micro-kernel.
 *
 * Conventions (those of src/types.ts, the Kernel interface):
 *   - matrices are float32, row-major, contiguous: element (i, j) of an r×c matrix is x[i*c + j];
 *   - buffers are caller-owned; functions write only `out`-named arguments (or say what they do in place);
 *   - nothing allocates per call: GEMM packing buffers are allocated once and grown when a larger problem comes.
 */
#ifndef IK_H
#define IK_H

#ifdef __cplusplus
extern "C" {
#endif

/* Activation codes (the order of Activation in src/types.ts). */
enum { IK_IDENTITY = 0, IK_RELU = 1, IK_ELU = 2, IK_TANH = 3, IK_SOFTPLUS = 4 };

/* Bound codes (docs/bounds.md; BoundSpec.kernelCode in src/bounds/<name>.ts). */
enum { IK_INFONCE = 0, IK_NWJ = 1, IK_DV = 2, IK_JS = 3, IK_SMILE = 4 };

/*
 * C = alpha · op(A) · op(B) + beta · C, with op(A) m×k and op(B) k×n, C m×n (ldc = n).
 * transA: A is stored k×m (else m×k); transB: B is stored n×k (else k×n). beta == 0 never reads C,
 * so C may hold garbage (NaN) on entry, as BLAS does.
 */
void ik_gemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, const float *b, float beta,
             float *c);

/* z[i,j] += bias[j] in place, then out = act(z). out may alias z only for IK_IDENTITY. */
void ik_bias_activation(float *z, const float *bias, int rows, int cols, int act, float *out);

/* grad_z = grad_out ⊙ act'(z) given pre-activation z and post-activation a; grad_z may alias grad_out. */
void ik_activation_backward(const float *z, const float *a, const float *grad_out, int rows, int cols, int act,
                            float *grad_z);

/* out[j] = Σ_i m[i,j] (overwrites out). */
void ik_column_sums(const float *m, int rows, int cols, float *out);

/*
 * A bound on the K×M score matrix s (M ≥ K; column i is row i's positive): returns its value and writes
 * grad_out (docs/bounds.md: ∂value/∂S, or ∂objective/∂S for JS and SMILE). Accumulates in double.
 * param is τ for SMILE (τ ≤ 0 or ∞: no clipping). Returns NaN on NaN/Inf input or on an impossible shape
 * (e.g. NWJ with no off-diagonal entry); the TypeScript wrapper raises the error.
 */
double ik_bound(int bound, const float *s, int rows, int cols, double param, float *grad_out);

/* Adam (Kingma & Ba 2015), decoupled weight decay (AdamW) when weight_decay ≠ 0; in place on p, m, v. t ≥ 1. */
void ik_adam(float *p, const float *g, float *m, float *v, int n, double lr, double beta1, double beta2, double eps,
             double weight_decay, double t);

/* out[i,:] = x[i,:] / max(‖x[i,:]‖, eps); norms[i] = ‖x[i,:]‖. out may alias x. */
void ik_normalize_rows(const float *x, int rows, int cols, float eps, float *out, float *norms);

/* Backward of ik_normalize_rows: grad_x from grad_out, the normalised rows y and the norms. May alias grad_out. */
void ik_normalize_rows_backward(const float *grad_out, const float *y, const float *norms, int rows, int cols,
                                float eps, float *grad_x);

/*
 * InfoNCE of N paired embeddings with scores S = q kᵀ · inv_temp (N×N, never materialised):
 * returns mean_i ( logsumexp_j S_ij − S_ii ) (the cross-entropy loss, van den Oord 2018), and when grad_q / grad_k
 * are non-NULL writes ∂loss/∂q and ∂loss/∂k (N×D). Works on row blocks of `block` rows: memory O(block·N) per thread.
 * Returns NaN for non-finite input.
 */
double ik_infonce_blockwise(const float *q, const float *k, int n, int d, float inv_temp, int block, float *grad_q,
                            float *grad_k);

/* Threads used by GEMM and the blockwise loss (1 = single-threaded). Clamped to [1, cores]; 0 = the default. */
int ik_set_threads(int threads);
int ik_get_threads(void);

/* The GEMM micro-kernel in use: "avx512", "avx2", "portable", "neon" or "wasm-simd128". */
const char *ik_gemm_variant(void);
/*
 * Forces a micro-kernel by name (tests and benchmarks compare them); returns 1 if it was selected, 0 if this
 * CPU or build cannot run it. NULL restores the automatic choice.
 */
int ik_select_gemm_variant(const char *name);

/*
 * FMA throughput probe with the selected instruction set: ik_fma_peak_run(iters) performs
 * iters · ik_fma_peak_flops_per_iter() flops on registers only (12 independent chains); time it to get one core's
 * peak. Returns a value that depends on every chain, so the work cannot be optimised away.
 */
double ik_fma_peak_flops_per_iter(void);
double ik_fma_peak_run(double iters);

#ifdef __cplusplus
}
#endif
#endif
