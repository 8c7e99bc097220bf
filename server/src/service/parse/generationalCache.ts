// A cache that keeps what the latest two passes used and forgets the rest: after an edit, the
// entries of unchanged rules are found again, and entries of deleted or changed text fall away.
export class GenerationalCache<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  get(key: string): V | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    if (old !== undefined) this.current.set(key, old);
    return old;
  }

  set(key: string, value: V): void {
    this.current.set(key, value);
  }

  endGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}
