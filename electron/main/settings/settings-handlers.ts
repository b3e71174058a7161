// What the settings and setup views' calls do. The registrar has already checked the sender and
// the request shape; secrets go in, never out.

import type { Diagnostics } from '@shared/diagnostics'
import type { SettingsSection } from '@shared/ipc/contract'
import type { ConnectionDraft } from '@shared/setup'
import type { InvokeHandlers } from '../ipc/register-handlers'
import type { NotificationPause } from '../notify/notification-pause'
import type { SettingsController } from './settings-controller'

export type SettingsChannel =
  | 'settings:get'
  | 'settings:update'
  | 'connection:test'
  | 'connection:save'
  | 'session:sign-out'
  | 'diagnostics:get'
  | 'window:open-settings'
  | 'app:open-logs'
  | 'notifications:pause'

export interface SettingsHandlerDeps {
  controller: SettingsController
  diagnostics: () => Diagnostics
  openSettings: (section: SettingsSection) => void
  /** False when there is no log file to show. */
  openLogs: () => Promise<boolean>
  pause: Pick<NotificationPause, 'pause' | 'resume'>
}

export function createSettingsHandlers({
  controller,
  diagnostics,
  openSettings,
  openLogs,
  pause,
}: SettingsHandlerDeps): Pick<InvokeHandlers, SettingsChannel> {
  return {
    'settings:get': () => controller.state(),
    'settings:update': (patch) => controller.update(patch),
    'connection:test': (draft) => controller.test(draft),
    'connection:save': ({ insist, ...draft }) => controller.save(withKnownExpiry(draft), insist),
    'session:sign-out': () => controller.signOut(),
    'diagnostics:get': () => diagnostics(),
    'window:open-settings': ({ section }) => {
      openSettings(section)
      return undefined
    },
    'app:open-logs': () => openLogs(),
    'notifications:pause': ({ length }) => {
      if (length === 'resume') pause.resume()
      else pause.pause(length)
      return undefined
    },
  }
}

/**
 * `sessionExpiresAt` is what "Sign in with Scrum4Me" learnt of its cookies (sign-in/): a cookie typed
 * in has no known expiry, so the old one must not stay with it. An empty secret keeps the stored one.
 */
function withKnownExpiry(draft: ConnectionDraft): ConnectionDraft {
  const { connection } = draft
  if (connection.kind !== 'sse' || draft.secret.trim() === '' || !connection.sessionExpiresAt) return draft
  const { sessionExpiresAt: _unknownNow, ...rest } = connection
  return { ...draft, connection: rest }
}
