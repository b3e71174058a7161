// Binds the IPC contract to handlers. Every call is checked twice before a handler runs: it must
// come from our own page, in the main frame of a window the channel belongs to, and its request
// must match the channel's schema. Both windows load the same origin, so the origin alone cannot
// keep the popup (which renders untrusted text) away from the settings' calls.
import {
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  invokeChannelWindows,
  invokeRequestSchemas,
  type WindowName,
} from '@shared/ipc/contract'
import { z } from 'zod'
import type { Logger } from '../log/logger'

export type InvokeHandlers = {
  [C in InvokeChannel]: (request: InvokeRequest<C>) => InvokeResponse<C> | Promise<InvokeResponse<C>>
}

/** Thrown back to the renderer; says nothing about our internals. */
export class RejectedIpcCall extends Error {}

/** Who is calling: main knows its page's address and its windows' webContents. */
export interface CallerCheck {
  isOwnPage: (url: string) => boolean
  /** Which of our windows `sender` belongs to; null for any other webContents. */
  windowOf: (sender: Electron.WebContents) => WindowName | null
}

/** Why `event`'s sender may not call `channel`, or null when it may. */
function callerProblem(
  event: Electron.IpcMainInvokeEvent,
  channel: InvokeChannel,
  callers: CallerCheck,
): string | null {
  const frame = event.senderFrame
  // A frame that navigated or went away while calling has no URL to trust either.
  if (!frame || !callers.isOwnPage(frame.url)) return 'a foreign frame'
  if (frame.parent !== null) return 'a subframe'
  const window = callers.windowOf(event.sender)
  if (!window) return 'a webContents that is none of our windows'
  const allowed: readonly WindowName[] = invokeChannelWindows[channel]
  return allowed.includes(window) ? null : `the ${window} window`
}

/** Registers the channels `handlers` has; the app passes them all (`satisfies InvokeHandlers`). */
export function registerInvokeHandlers<C extends InvokeChannel>(
  ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler'>,
  handlers: Pick<InvokeHandlers, C>,
  callers: CallerCheck,
  log: Logger,
): () => void {
  const channels = (Object.keys(invokeRequestSchemas) as InvokeChannel[]).filter(
    (channel): channel is C => channel in handlers,
  )
  for (const channel of channels) {
    ipcMain.handle(channel, (event: Electron.IpcMainInvokeEvent, request: unknown) => {
      const problem = callerProblem(event, channel, callers)
      if (problem) {
        log.warn(`refused a call from ${problem}`, { channel, url: event.senderFrame?.url ?? '' })
        throw new RejectedIpcCall(`${channel}: not allowed from this page`)
      }
      const parsed = invokeRequestSchemas[channel].safeParse(request)
      if (!parsed.success) {
        log.warn('refused a malformed request', { channel, issues: z.prettifyError(parsed.error) })
        throw new RejectedIpcCall(`${channel}: malformed request`)
      }
      const handler = handlers[channel] as (request: unknown) => unknown
      return handler(parsed.data)
    })
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel)
  }
}
