/** A single-consumer async queue of tokens: the run pushes, the caller iterates. */
export class TokenChannel implements AsyncIterable<string> {
  private readonly buffer: string[] = [];
  private waiting: ((r: IteratorResult<string>) => void) | null = null;
  private failWaiting: ((e: unknown) => void) | null = null;
  private done = false;
  private failed = false;
  private error: unknown = null;

  push(token: string): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.failWaiting = null;
      resolve({ value: token, done: false });
    } else this.buffer.push(token);
  }

  end(): void {
    this.done = true;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
    this.failWaiting = null;
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.done = true;
    this.failed = true;
    this.error = error;
    this.failWaiting?.(error);
    this.waiting = null;
    this.failWaiting = null;
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    return {
      next: () => {
        const token = this.buffer.shift();
        if (token !== undefined) return Promise.resolve({ value: token, done: false });
        if (this.failed) return Promise.reject(this.error);
        if (this.done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.failWaiting = reject;
        });
      },
    };
  }
}
