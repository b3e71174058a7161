// Test-only: Electron's Notification replaced by a typed stand-in.

// `never[]` accepts each of Electron's typed listeners, so the fake satisfies Notification's `on`.
type Listener = (...args: never[]) => void

/** A typed stand-in for Electron's Notification: records what was shown and lets the test click. */
export class FakeNotification {
  readonly listeners = new Map<string, Listener>()
  shown = false
  closed = false
  constructor(readonly options: Electron.NotificationConstructorOptions) {}
  show(): void {
    this.shown = true
  }
  close(): void {
    this.closed = true
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener)
    return this
  }
  emit(event: string, ...args: unknown[]): void {
    this.listeners.get(event)?.(...(args as never[]))
  }
}

/** A `createNotification` for the presenter that makes FakeNotifications and keeps each one made. */
export function recordNotifications(): {
  notifications: FakeNotification[]
  createNotification: (options: Electron.NotificationConstructorOptions) => FakeNotification
} {
  const notifications: FakeNotification[] = []
  return {
    notifications,
    createNotification: (options) => {
      const notification = new FakeNotification(options)
      notifications.push(notification)
      return notification
    },
  }
}
