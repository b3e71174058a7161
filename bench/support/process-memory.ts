// Memory of another process as the kernel sees it (Linux /proc): resident set now and its high-water mark.
import { readFileSync } from 'node:fs'

export interface ProcessMemory {
  /** VmRSS, in MiB. */
  rssMb: number
  /** VmHWM: the highest VmRSS since the process started, in MiB. */
  peakMb: number
}

/** Null once the process is gone, or where there is no /proc. */
export function readProcessMemory(pid: number): ProcessMemory | null {
  let status: string
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return null
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1])
  const rss = kib('VmRSS')
  const peak = kib('VmHWM')
  return Number.isFinite(rss) && Number.isFinite(peak) ? { rssMb: rss / 1024, peakMb: peak / 1024 } : null
}
