/** A pause that someone else can cut short: loops sleep on it while idle, and `wake()` ends the nap. */
export class Sleeper {
  private waker: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.waker === done) self.waker = undefined;
        resolve();
      }
      this.waker = done;
    });
  }

  wake(): void {
    this.waker?.();
  }
}
