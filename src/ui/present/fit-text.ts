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
