// One page, three faces: main opens the settings window on `#settings/<section>` or `#setup`
// (electron/main/window/settings-window.ts); the tray popup has no hash.
import { SETTINGS_SECTIONS, type SettingsSection } from '@shared/ipc/contract'
import { useEffect, useState } from 'react'

export type Route = { view: 'panel' } | { view: 'setup' } | { view: 'settings'; section: SettingsSection }

export function routeOf(hash: string): Route {
  const path = hash.replace(/^#\/?/, '')
  if (path === '') return { view: 'panel' }
  if (path === 'setup') return { view: 'setup' }
  const [first, second] = path.split('/')
  if (first === 'settings') {
    const section = SETTINGS_SECTIONS.find((candidate) => candidate === second)
    // An unknown or missing section is still the settings window: start at the top.
    return { view: 'settings', section: section ?? 'connection' }
  }
  return { view: 'panel' }
}

export function hashOf(route: Route): string {
  if (route.view === 'panel') return ''
  return route.view === 'setup' ? '#setup' : `#settings/${route.section}`
}

/** The current route; follows main re-opening the window on another section (a hash change). */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.hash))
  useEffect(() => {
    const follow = () => setRoute(routeOf(window.location.hash))
    window.addEventListener('hashchange', follow)
    return () => window.removeEventListener('hashchange', follow)
  }, [])
  return route
}

/** Switching sections inside the page: the address follows, without a history entry per tab. */
export function replaceRoute(route: Route): void {
  window.history.replaceState(null, '', hashOf(route) || window.location.pathname)
  window.dispatchEvent(new HashChangeEvent('hashchange'))
}
