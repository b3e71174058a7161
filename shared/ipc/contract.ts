// The one list of IPC channels between main and the panel, with their types and the schema
// main validates each request with. A channel without a schema fails to compile.
import { z } from 'zod'
import type { AnswerOutcome } from '../answer'
import type { PanelState } from './panel-state'

const questionId = z.string().min(1).max(200)

const answerInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('option'), option: z.string().min(1).max(4000) }),
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(4000) }),
])

/** Request schemas of the renderer → main calls (`ipcRenderer.invoke` / `ipcMain.handle`). */
export const invokeRequestSchemas = {
  'panel:get-state': z.undefined(),
  'question:answer': z.object({ questionId, answer: answerInputSchema }).strict(),
  'question:mark-seen': z.object({ questionIds: z.array(questionId).max(500) }).strict(),
  'question:open-in-web-app': z.object({ questionId }).strict(),
  'feed:reconnect-now': z.undefined(),
  'panel:hide': z.undefined(),
} as const

/** What each call answers with. */
export interface InvokeResponses {
  'panel:get-state': PanelState
  'question:answer': AnswerOutcome
  'question:mark-seen': undefined
  'question:open-in-web-app': boolean
  'feed:reconnect-now': undefined
  'panel:hide': undefined
}

export type InvokeChannel = keyof typeof invokeRequestSchemas
export type InvokeRequest<C extends InvokeChannel> = z.infer<(typeof invokeRequestSchemas)[C]>
export type InvokeResponse<C extends InvokeChannel> = InvokeResponses[C]

/** Main → renderer pushes (`webContents.send` / `ipcRenderer.on`). */
export interface PushPayloads {
  'panel:state': PanelState
  /** A toast was clicked: scroll to and focus this question. */
  'panel:focus-question': { questionId: string }
}
export type PushChannel = keyof PushPayloads

// Compile-time check: every channel with a schema has a response type and the other way round.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
export type ContractIsComplete = Assert<Same<InvokeChannel, keyof InvokeResponses>>
