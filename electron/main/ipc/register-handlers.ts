// Binds the IPC contract to handlers. Every call is checked twice before a handler runs: it must
// come from our own page, and its request must match the channel's schema.
import {
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  invokeRequestSchemas,
} from '@shared/ipc/contract'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { z } from 'zod'
import type { Logger } from '../log/logger'

export type InvokeHandlers = {
  [C in InvokeChannel]: (request: InvokeRequest<C>) => InvokeResponse<C> | Promise<InvokeResponse<C>>
}

/** Thrown back to the renderer; says nothing about our internals. */
export class RejectedIpcCall extends Error {}

/** Registers the channels `handlers` has; the app passes them all (`satisfies InvokeHandlers`). */
export function registerInvokeHandlers<C extends InvokeChannel>(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Pick<InvokeHandlers, C>,
  isOwnPage: (url: string) => boolean,
  log: Logger,
): () => void {
  const channels = (Object.keys(invokeRequestSchemas) as InvokeChannel[]).filter(
    (channel): channel is C => channel in handlers,
  )
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, request: unknown) => {
      const url = event.senderFrame?.url ?? ''
      if (!isOwnPage(url)) {
        log.warn('refused a call from a foreign frame', { channel, url })
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
