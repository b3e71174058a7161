// The one list of IPC channels between main and our two windows, with their types, the schema
// main validates each request with and the windows each may be used by. A channel without a
// schema or without its windows fails to compile.
import { z } from 'zod'
import type { AnswerOutcome } from '../answer'
import type { Diagnostics } from '../diagnostics'
import { keySchemas } from '../settings'
import { type ConnectionTestResult, connectionDraftSchema, type FailedConnectionTest } from '../setup'
import type { PanelState } from './panel-state'
import type { SettingsState } from './settings-state'
import type { SignInResult } from './sign-in'

const questionId = z.string().min(1).max(200)

const answerInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('option'), option: z.string().min(1).max(4000) }),
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(4000) }),
])

/** Every preference but the connection, which changes only through a tested save or a sign-out. */
const { connection: _connection, ...preferenceSchemas } = keySchemas
const settingsPatchSchema = z.object(preferenceSchemas).partial().strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

/** The settings window's sections; the window opens on one of them. */
export const SETTINGS_SECTIONS = ['connection', 'notifications', 'general', 'diagnostics'] as const
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number]

/** Request schemas of the renderer → main calls (`ipcRenderer.invoke` / `ipcMain.handle`). */
export const invokeRequestSchemas = {
  'panel:get-state': z.undefined(),
  'question:answer': z.object({ questionId, answer: answerInputSchema }).strict(),
  'question:mark-seen': z.object({ questionIds: z.array(questionId).max(500) }).strict(),
  /** `draft`: the typed answer, put on the clipboard to paste in the web app. */
  'question:open-in-web-app': z
    .object({ questionId, draft: z.string().min(1).max(4000).optional() })
    .strict(),
  /** A link written in a question, after a click on it; main opens https links only. */
  'question:open-link': z.object({ questionId, url: z.string().min(1).max(4096) }).strict(),
  'feed:reconnect-now': z.undefined(),
  'panel:hide': z.undefined(),
  'settings:get': z.undefined(),
  'settings:update': settingsPatchSchema,
  'connection:test': connectionDraftSchema,
  /** Tests first and saves only on success, unless the user insists after a failed test. */
  'connection:save': connectionDraftSchema.extend({ insist: z.boolean() }).strict(),
  'session:sign-out': z.undefined(),
  /** Opens the server's own login page in the sign-in window; saves and connects once signed in. */
  'session:sign-in': z.object({ serverUrl: z.string().min(1).max(2048) }).strict(),
  /** "Sign in again" after a sign-out by the server: the same window, for the saved server. */
  'session:sign-in-again': z.undefined(),
  'diagnostics:get': z.undefined(),
  'window:open-settings': z.object({ section: z.enum(SETTINGS_SECTIONS) }).strict(),
  'app:open-logs': z.undefined(),
  /** The tray's "Pause notifications", from the settings window; 'resume' ends a pause. */
  'notifications:pause': z.object({ length: z.enum(['hour', 'tomorrow', 'resume']) }).strict(),
} as const

/**
 * Our two windows, each with its own preload: the tray popup, which renders untrusted question
 * text, and the settings window (settings, setup, diagnostics).
 */
export type WindowName = 'panel' | 'settings'

/** Which windows may make each call; main refuses it from any other (ipc/register-handlers.ts). */
export const invokeChannelWindows = {
  /** The settings window lists the products to mute from the panel state. */
  'panel:get-state': ['panel', 'settings'],
  'question:answer': ['panel'],
  'question:mark-seen': ['panel'],
  'question:open-in-web-app': ['panel'],
  'question:open-link': ['panel'],
  'feed:reconnect-now': ['panel'],
  'panel:hide': ['panel'],
  'settings:get': ['settings'],
  'settings:update': ['settings'],
  'connection:test': ['settings'],
  'connection:save': ['settings'],
  'session:sign-out': ['settings'],
  'session:sign-in': ['settings'],
  /** The panel's signed-out banner offers it too: it opens a window of ours, nothing more. */
  'session:sign-in-again': ['panel', 'settings'],
  'diagnostics:get': ['settings'],
  /** The panel's gear and "Set up", and the setup's way on to the settings. */
  'window:open-settings': ['panel', 'settings'],
  'app:open-logs': ['settings'],
  'notifications:pause': ['settings'],
} as const satisfies { [C in InvokeChannel]: readonly WindowName[] }

/** The calls every one of the windows `W` may make (a union `W` gets only the shared ones). */
export type InvokeChannelOf<W extends WindowName> = {
  [C in InvokeChannel]: [W] extends [(typeof invokeChannelWindows)[C][number]] ? C : never
}[InvokeChannel]

/** What each call answers with. */
export interface InvokeResponses {
  'panel:get-state': PanelState
  'question:answer': AnswerOutcome
  'question:mark-seen': undefined
  'question:open-in-web-app': boolean
  /** False when the link was not opened (not https, or the question is gone). */
  'question:open-link': boolean
  'feed:reconnect-now': undefined
  'panel:hide': undefined
  'settings:get': SettingsState
  'settings:update': SettingsState
  'connection:test': ConnectionTestResult
  'connection:save': ConnectionSaveResult
  'session:sign-out': SettingsState
  'session:sign-in': SignInResult
  'session:sign-in-again': SignInResult
  'diagnostics:get': Diagnostics
  'window:open-settings': undefined
  /** False when there is no log file to show. */
  'app:open-logs': boolean
  'notifications:pause': undefined
}

/** Saved, or the failed test that stopped the save. */
export type ConnectionSaveResult =
  | { saved: true; settings: SettingsState }
  | { saved: false; test: FailedConnectionTest }

export type InvokeChannel = keyof typeof invokeRequestSchemas
export type InvokeRequest<C extends InvokeChannel> = z.infer<(typeof invokeRequestSchemas)[C]>
export type InvokeResponse<C extends InvokeChannel> = InvokeResponses[C]

/** Main → renderer pushes (`webContents.send` / `ipcRenderer.on`). */
export interface PushPayloads {
  'panel:state': PanelState
  /** A toast was clicked: scroll to and focus this question. */
  'panel:focus-question': { questionId: string }
  /** Settings changed (here or in another window): the settings views re-render. */
  'settings:state': SettingsState
}
export type PushChannel = keyof PushPayloads

/** Which windows hear each push: the popup never gets the settings state. */
interface PushWindows {
  /** The settings window lists the products to mute and shows the pause from it. */
  'panel:state': WindowName
  'panel:focus-question': 'panel'
  'settings:state': 'settings'
}

/** The pushes every one of the windows `W` hears. */
export type PushChannelOf<W extends WindowName> = {
  [C in PushChannel]: [W] extends [PushWindows[C]] ? C : never
}[PushChannel]

// Compile-time check: every channel with a schema has a response type and the other way round.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
export type ContractIsComplete = Assert<Same<InvokeChannel, keyof InvokeResponses>>
export type PushWindowsAreComplete = Assert<Same<PushChannel, keyof PushWindows>>
