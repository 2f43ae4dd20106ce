/**
 * CSS cannot open a <details> for printing, and the ones a report needs (the status rule, a chart's
 * table) live in shadow roots. Before printing, every <details data-print="open"> is opened; after,
 * the ones that were closed are closed again, so the screen looks as the user left it.
 */
function* allDetails(root: Document | ShadowRoot): Generator<HTMLDetailsElement> {
  for (const element of root.querySelectorAll("*")) {
    if (element instanceof HTMLDetailsElement) yield element;
    if (element.shadowRoot) yield* allDetails(element.shadowRoot);
  }
}

let openedForPrint: HTMLDetailsElement[] = [];

window.addEventListener("beforeprint", () => {
  openedForPrint = [...allDetails(document)].filter((details) => details.dataset.print === "open" && !details.open);
  for (const details of openedForPrint) details.open = true;
});

window.addEventListener("afterprint", () => {
  for (const details of openedForPrint) details.open = false;
  openedForPrint = [];
});
