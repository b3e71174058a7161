// Main → panel messages, typed by the IPC contract.
import type { PushChannel, PushPayloads } from '@shared/ipc/contract'
import type { WebContents } from 'electron'

export type PushTarget = Pick<WebContents, 'send' | 'isDestroyed'>

/** Sends to the panel if it is still there; a push to a closed panel is simply not needed. */
export function pushToPanel<C extends PushChannel>(
  target: PushTarget | null,
  channel: C,
  payload: PushPayloads[C],
): void {
  if (target && !target.isDestroyed()) target.send(channel, payload)
}
