// Tears down what a benchmark started, newest first, even when the benchmark failed halfway.
import { within } from './timing'

export class Cleanup {
  private readonly steps: Array<{ what: string; step: () => unknown }> = []

  add(what: string, step: () => unknown): void {
    this.steps.push({ what, step })
  }

  /** Runs every step once; a step that fails or hangs (10 s) is reported and the rest still run. */
  async run(): Promise<void> {
    for (const { what, step } of this.steps.splice(0).reverse()) {
      try {
        await within(10_000, `cleanup: ${what}`, Promise.resolve().then(step))
      } catch (error) {
        console.error(
          `  cleanup of ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    }
  }
}
