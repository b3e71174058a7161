import type { PanelState } from '@shared/ipc/panel-state'
import { useEffect, useState } from 'react'
import type { NotifierApi } from '../notifier-api'

/** The latest state main pushed; the initial fetch never overwrites a newer push. */
export function usePanelState(api: NotifierApi): PanelState | null {
  const [state, setState] = useState<PanelState | null>(null)
  useEffect(() => {
    let pushed = false
    const unsubscribe = api.onState((next) => {
      pushed = true
      setState(next)
    })
    void api.getState().then((initial) => {
      if (!pushed) setState(initial)
    })
    return unsubscribe
  }, [api])
  return state
}
