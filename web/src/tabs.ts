/**
 * WAI-ARIA tabs: one tab in the focus order at a time, arrow keys (and Home/End) move between tabs, the
 * selected tab shows its panel. `onSelect` runs after a panel becomes visible (charts measure their width then).
 */
export function setUpTabs(tablist: HTMLElement, onSelect: (panelId: string) => void): void {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement, focus: boolean): void => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", String(selected));
      t.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(t.getAttribute("aria-controls") ?? "");
      if (panel !== null) panel.hidden = !selected;
    }
    if (focus) tab.focus();
    const id = tab.getAttribute("aria-controls");
    if (id !== null) onSelect(id);
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab, false));
    tab.addEventListener("keydown", (event) => {
      const last = tabs.length - 1;
      const next =
        event.key === "ArrowRight"
          ? (i + 1) % tabs.length
          : event.key === "ArrowLeft"
            ? (i + last) % tabs.length
            : event.key === "Home"
              ? 0
              : event.key === "End"
                ? last
                : -1;
      const target = tabs[next];
      if (target !== undefined) {
        event.preventDefault();
        select(target, true);
      }
    });
  });
}
