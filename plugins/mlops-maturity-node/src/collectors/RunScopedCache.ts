/**
 * Runs whose values are kept: a scheduled run and the refreshes that run beside it each have
 * a run id, and a refresh must not make the scheduled run list its tools again.
 */
const KEPT_RUNS = 2;

/**
 * Values computed once per assessment run and key, such as a tool instance's listing. The
 * values of the runs used most recently are kept ({@link KEPT_RUNS}); a new run id drops
 * those of the run used least recently.
 *
 * @public
 */
export class RunScopedCache<T> {
  readonly #runs = new Map<string, Map<string, Promise<T>>>();

  get(runId: string, key: string, load: () => Promise<T>): Promise<T> {
    let values = this.#runs.get(runId);
    if (values) {
      // Most recently used last.
      this.#runs.delete(runId);
    } else {
      values = new Map();
    }
    this.#runs.set(runId, values);
    if (this.#runs.size > KEPT_RUNS) {
      this.#runs.delete(this.#runs.keys().next().value!);
    }
    let value = values.get(key);
    if (!value) {
      value = load();
      values.set(key, value);
    }
    return value;
  }
}
