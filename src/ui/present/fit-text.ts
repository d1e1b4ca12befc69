/**
 * An attachment for a slide of prose: its type is drawn as large as the slide allows (the
 * slide's `--slide-zoom`), and smaller, down to 0.8, when the text would not fit otherwise, so
 * a long section shrinks onto its slide rather than running under the slide controls.
 */
const MIN_ZOOM = 0.8;
const STEP = 0.05;

export function fitText(element: HTMLElement): () => void {
  const slide = element.parentElement;
  if (!slide) return () => {};
  const fit = () => {
    const style = getComputedStyle(slide);
    const room =
      slide.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    let zoom = parseFloat(style.getPropertyValue('--slide-zoom')) || 1;
    element.style.setProperty('--fit', String(zoom));
    // getBoundingClientRect measures the zoomed box, what the room sees.
    while (zoom > MIN_ZOOM && element.getBoundingClientRect().height > room) {
      zoom = Math.max(MIN_ZOOM, zoom - STEP);
      element.style.setProperty('--fit', String(zoom));
    }
  };
  fit();
  const observer = new ResizeObserver(fit);
  observer.observe(slide);
  return () => observer.disconnect();
}

/** Smallest zoom of a result on a slide: table text stays about 12 px or more. */
const MIN_OUTPUT_ZOOM = 0.9;

/**
 * An attachment for a result that scrolls inside its slide (a table, a model): drawn at the
 * slide's zoom, and smaller, down to MIN_OUTPUT_ZOOM, until it fits its box, so a model's last
 * table is seen whole rather than cut at the box's edge; beyond that it scrolls. Its box is
 * set by the slide, not by its content, so `scroll*` over `client*` compares content and box
 * in the element's own units whatever the zoom.
 */
export function fitOutput(element: HTMLElement): () => void {
  const fit = () => {
    let zoom = parseFloat(getComputedStyle(element).getPropertyValue('--slide-zoom')) || 1;
    element.style.setProperty('--fit', String(zoom));
    const overflows = () =>
      element.scrollHeight > element.clientHeight + 1 ||
      element.scrollWidth > element.clientWidth + 1;
    while (zoom > MIN_OUTPUT_ZOOM && overflows()) {
      zoom = Math.max(MIN_OUTPUT_ZOOM, zoom - STEP);
      element.style.setProperty('--fit', String(zoom));
    }
  };
  fit();
  const observer = new ResizeObserver(fit);
  observer.observe(element);
  if (element.firstElementChild) observer.observe(element.firstElementChild);
  return () => observer.disconnect();
}
