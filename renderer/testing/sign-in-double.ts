// Stands in for main's sign-in controller, whose sign-in window only Electron can open: it records
// each call and holds it open until the test says how the sign-in ended, so the page can be seen
// waiting first.
import type { SignInResult } from '@shared/ipc/sign-in'
import type { SignInPort } from './notifier-bridge'

type Call = { kind: 'sign-in'; serverUrl: string } | { kind: 'sign-in-again' }

export class SignInDouble implements SignInPort {
  readonly calls: Call[] = []
  private pending: Array<(result: SignInResult) => void> = []

  signIn(serverUrl: string): Promise<SignInResult> {
    return this.hold({ kind: 'sign-in', serverUrl })
  }

  signInAgain(): Promise<SignInResult> {
    return this.hold({ kind: 'sign-in-again' })
  }

  /** Ends the oldest open sign-in this way; throws if none is open. */
  end(result: SignInResult | (() => Promise<SignInResult>)): void {
    const resolve = this.pending.shift()
    if (!resolve) throw new Error('no sign-in is open')
    if (typeof result === 'function') void result().then(resolve)
    else resolve(result)
  }

  /** Resolves once `count` calls have arrived. */
  async untilCalls(count: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.calls.length < count) {
      if (Date.now() > deadline)
        throw new Error(`only ${this.calls.length} of ${count} sign-in calls arrived`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  private hold(call: Call): Promise<SignInResult> {
    this.calls.push(call)
    return new Promise((resolve) => this.pending.push(resolve))
  }
}
