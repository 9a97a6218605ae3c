/** The part of jStat (npm `jstat`, which ships no types) that infonce uses: Student's t and F distributions. */
declare module "jstat" {
  interface JStat {
    readonly studentt: { inv(p: number, dof: number): number };
    readonly centralF: { cdf(x: number, df1: number, df2: number): number };
  }
  const jstat: { readonly jStat: JStat };
  export default jstat;
}
