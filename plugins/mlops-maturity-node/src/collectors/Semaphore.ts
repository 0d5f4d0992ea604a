/**
 * Limits how many async tasks run at once.
 *
 * @public
 */
export class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  /** Throws unless `size` is a whole number of at least 1: a limit of 0 would never run. */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(
        `A concurrency limit must be a whole number of at least 1, not ${size}`,
      );
    }
    this.#free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) {
      this.#free--;
    } else {
      await new Promise<void>(resolve => this.#waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
