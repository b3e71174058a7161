import type { SettingsState } from '@shared/ipc/settings-state'
import { type Dispatch, type SetStateAction, useEffect, useState } from 'react'
import type { NotifierApi } from '../notifier-api'

/**
 * The latest SettingsState: main's pushes (a change from any window) and the answers to our own
 * calls both land here; the initial fetch never overwrites a newer push.
 */
export function useSettingsState(
  api: NotifierApi,
): [SettingsState | null, Dispatch<SetStateAction<SettingsState | null>>] {
  const [state, setState] = useState<SettingsState | null>(null)
  useEffect(() => {
    let pushed = false
    const unsubscribe = api.onSettings((next) => {
      pushed = true
      setState(next)
    })
    void api.getSettings().then((initial) => {
      if (!pushed) setState(initial)
    })
    return unsubscribe
  }, [api])
  return [state, setState]
}
