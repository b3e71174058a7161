// What each panel call does. The registrar has already checked the sender and the request shape.
import type { AnswerOutcome } from '@shared/answer'
import { cutText } from '@shared/cut-text'
import { isOpenableLink } from '@shared/openable-link'
import { escapeControls } from '@shared/single-line'
import type { InvokeHandlers } from '../ipc/register-handlers'
import type { Logger } from '../log/logger'
import { answerQuestion } from './answer-question'
import { type AppView, panelStateOf } from './app-view'
import { isAllowedExternalUrl } from './external-links'
import { webUrlFor } from './panel-state'

export interface PanelHandlerDeps {
  view: AppView
  shell: Pick<Electron.Shell, 'openExternal'>
  /** Main's clipboard: the popup's page has no clipboard permission. */
  clipboard: Pick<Electron.Clipboard, 'writeText'>
  hidePanel: () => void
  /** Something the panel shows changed: push a fresh state soon. */
  changed: () => void
  /** The panel had these questions on screen (diagnostics measures created → shown). */
  onSeen?: (questionIds: string[]) => void
  log: Logger
}

const NOT_SET_UP: AnswerOutcome = {
  kind: 'refused',
  reason: 'not-open',
  message: 'The notifier is not set up yet.',
}

export type PanelChannel =
  | 'panel:get-state'
  | 'question:answer'
  | 'question:mark-seen'
  | 'question:open-in-web-app'
  | 'question:open-link'
  | 'feed:reconnect-now'
  | 'panel:hide'

export function createPanelHandlers({
  view,
  shell,
  clipboard,
  hidePanel,
  changed,
  onSeen,
  log,
}: PanelHandlerDeps): Pick<InvokeHandlers, PanelChannel> {
  return {
    'panel:get-state': () => panelStateOf(view),

    'question:answer': ({ questionId, answer }) => {
      const { core, answers } = view
      if (!core) return NOT_SET_UP
      return answerQuestion({ core, answers, changed }, questionId, answer)
    },

    'question:mark-seen': ({ questionIds }) => {
      view.core?.store.markSeen(questionIds)
      onSeen?.(questionIds)
      return undefined
    },

    'question:open-in-web-app': async ({ questionId, draft }) => {
      // The typed answer goes along to paste there; it also stays in the panel's field.
      if (draft) await copy(clipboard, draft, log)
      const question = view.core?.store.get(questionId)?.question
      const url = question ? webUrlFor(view.webAppUrl, question) : null
      // Read per call: signing in to another server changes the one origin links may go to.
      const allowedOrigin = view.webAppUrl && new URL(view.webAppUrl).origin
      if (!url || !isAllowedExternalUrl(url, allowedOrigin)) {
        log.warn('links: not opening the web app for this question', { questionId, url })
        return false
      }
      await shell.openExternal(url)
      return true
    },

    'question:open-link': async ({ questionId, url }) => {
      // The panel renders untrusted text: it may open a link only while showing its question.
      if (!view.core?.store.get(questionId) || !isOpenableLink(url)) {
        // The address came from untrusted text: kept to one line and short in the log.
        log.warn('links: not opening a link of this question', {
          questionId,
          url: escapeControls(cutText(url, 300)),
        })
        return false
      }
      await shell.openExternal(url)
      return true
    },

    'feed:reconnect-now': () => {
      view.core?.nudge('user')
      return undefined
    },

    'panel:hide': () => {
      hidePanel()
      return undefined
    },
  }
}

/** Electron 45's clipboard resolves once the text is written; a failure costs the copy, not the link. */
async function copy(clipboard: PanelHandlerDeps['clipboard'], text: string, log: Logger): Promise<void> {
  try {
    await clipboard.writeText(text)
  } catch (error) {
    log.warn('links: could not put the typed answer on the clipboard', { error: String(error) })
  }
}
