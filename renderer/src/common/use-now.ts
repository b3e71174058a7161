import { useEffect, useState } from 'react'

/** The wall clock, re-read every `intervalMs`, for countdowns that must move while the panel is open. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
