// The shape of a window's IPC, without Electron: the APIs are written against it
// (panel-api.ts, settings-api.ts), so the renderer can take their types without Node's.
import type {
  InvokeChannelOf,
  InvokeRequest,
  InvokeResponse,
  PushChannelOf,
  PushPayloads,
  WindowName,
} from '@shared/ipc/contract'

export interface WindowBridge<W extends WindowName> {
  invoke<C extends InvokeChannelOf<W>>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>
  /** Listeners return their own unsubscribe, so a view's effect cannot leak them. */
  subscribe<C extends PushChannelOf<W>>(channel: C, listener: (payload: PushPayloads[C]) => void): () => void
}
