/**
 * jsdom has no `ResizeObserver`, which recharts' `ResponsiveContainer` needs. Installs one that
 * reports a fixed size as soon as an element is observed, and returns a function that restores
 * the previous global.
 */
export function mockResizeObserver(size = { width: 800, height: 240 }) {
  const previous = (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
  class FixedSizeResizeObserver {
    readonly #callback: ResizeObserverCallback;
    constructor(callback: ResizeObserverCallback) {
      this.#callback = callback;
    }
    observe(target: Element) {
      this.#callback(
        [
          {
            target,
            contentRect: { ...size, x: 0, y: 0, top: 0, left: 0 },
          } as unknown as ResizeObserverEntry,
        ],
        this as unknown as ResizeObserver,
      );
    }
    unobserve() {}
    disconnect() {}
  }
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver =
    FixedSizeResizeObserver;
  return () => {
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver = previous;
  };
}
