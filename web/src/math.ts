import katex from "katex";

/**
 * A formula rendered by KaTeX (HTML for the eye, MathML for screen readers). Every formula of the page goes through
 * here, so no TeX source ever reaches the reader as text; a typo throws at render time (and fails the browser test).
 */
export function tex(source: string, display = false): HTMLElement {
  const element = document.createElement(display ? "div" : "span");
  element.className = display ? "math display" : "math";
  element.innerHTML = katex.renderToString(source, {
    displayMode: display,
    throwOnError: true,
    output: "htmlAndMathml",
  });
  return element;
}

/**
 * A paragraph of prose with inline formulas: `$…$` spans become rendered math. Only for text written in this
 * repository (never for data), so the `$` convention cannot collide with input.
 */
export function prose(tag: "p" | "li" | "span" | "figcaption" | "td", text: string): HTMLElement {
  const element = document.createElement(tag);
  text.split(/(\$[^$]+\$)/).forEach((part) => {
    if (part.startsWith("$") && part.endsWith("$") && part.length > 2) element.append(tex(part.slice(1, -1)));
    else if (part !== "") element.append(part);
  });
  return element;
}
