// Main → window messages, typed by the IPC contract.
import type { PushChannel, PushPayloads } from '@shared/ipc/contract'

export type PushTarget = Pick<Electron.WebContents, 'send' | 'isDestroyed'>

/** Sends to a window if it is still there; a push to a closed window is simply not needed. */
export function pushToWindow<C extends PushChannel>(
  target: PushTarget | null,
  channel: C,
  payload: PushPayloads[C],
): void {
  if (target && !target.isDestroyed()) target.send(channel, payload)
}
