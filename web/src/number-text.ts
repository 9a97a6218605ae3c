/**
 * A number as the page writes it, with `digits` after the point: a negative value takes the minus sign "−"
 * (U+2212), as in the rendered formulas and the charts' axes and tooltips (d3-format's default), never the hyphen
 * that toFixed gives. A value that rounds to zero is written without a sign, as d3-format does.
 */
export function fixed(x: number, digits: number): string {
  return withMinus(x.toFixed(digits));
}

/** `toPrecision`, with the minus sign of `fixed`. */
export function precise(x: number, significant: number): string {
  return withMinus(x.toPrecision(significant));
}

/** Every hyphen of a formatted number is a minus: the sign, and an exponent's ("1.5e−7"). */
function withMinus(text: string): string {
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text.replaceAll("-", "−");
}
