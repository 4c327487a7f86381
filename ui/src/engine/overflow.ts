// Whether a row of buttons overflows its box: the editor's toolbar draws its buttons tighter
// while it does (a narrow window, longer Dutch labels), so no button is pushed out of sight.

/** Calls `set(true)` when `el`'s content overflows it, and `set(false)` once `el` is again as
 * wide as the content was when it first overflowed (its natural width), so the two states
 * never flip back and forth. Returns the function that stops watching. */
export function watchOverflow(el: HTMLElement, set: (over: boolean) => void): () => void {
  let over = false;
  let natural = 0;
  const fit = () => {
    if (!over && el.scrollWidth > el.clientWidth) {
      natural = el.scrollWidth;
      over = true;
      set(true);
    } else if (over && el.clientWidth >= natural) {
      over = false;
      set(false);
    }
  };
  const ro = new ResizeObserver(fit);
  ro.observe(el);
  return () => ro.disconnect();
}
