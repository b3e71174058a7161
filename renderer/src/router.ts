// The page's route lives in its hash (shared/route.ts): followed here, and set when a view switches.
import { hashOf, type Route, routeOf } from '@shared/route'
import { useEffect, useState } from 'react'

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
