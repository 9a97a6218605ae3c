/** The element with this id, or a clear error naming it (the page's HTML and its script must agree). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no element #${id}`);
  return element as T;
}

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** A labelled range slider with a live readout; `format` renders the value for the readout. */
export function rangeControl(options: {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  format: (value: number) => string;
  onInput: (value: number) => void;
}): HTMLElement {
  const input = h("input", {
    id: options.id,
    type: "range",
    min: String(options.min),
    max: String(options.max),
    step: String(options.step),
    value: String(options.value),
  });
  const output = h("output", { for: options.id, id: `${options.id}-value` }, options.format(options.value));
  input.addEventListener("input", () => {
    const value = Number(input.value);
    output.textContent = options.format(value);
    input.setAttribute("aria-valuetext", options.format(value));
    options.onInput(value);
  });
  input.setAttribute("aria-valuetext", options.format(options.value));
  return h("div", { class: "range-row" }, h("label", { for: options.id }, `${options.label} `, output), input);
}
