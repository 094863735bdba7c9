/** One holder at a time per name, within this process (the SQLite store's `exclusive`). */

/** A mutex per name: `run` waits for the previous holder of the name, then runs `work`. */
export class LocalMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(name, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      // The last holder of a name leaves nothing behind.
      if (this.tails.get(name) === tail) this.tails.delete(name);
    }
  }
}
