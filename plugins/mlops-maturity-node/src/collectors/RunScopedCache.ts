/**
 * Values computed once per assessment run and key, such as a tool instance's listing; a new
 * run id drops the previous run's values.
 *
 * @public
 */
export class RunScopedCache<T> {
  #runId = '';
  #values = new Map<string, Promise<T>>();

  get(runId: string, key: string, load: () => Promise<T>): Promise<T> {
    if (runId !== this.#runId) {
      this.#runId = runId;
      this.#values = new Map();
    }
    let value = this.#values.get(key);
    if (!value) {
      value = load();
      this.#values.set(key, value);
    }
    return value;
  }
}
