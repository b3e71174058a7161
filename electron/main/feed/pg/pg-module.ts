// node-postgres, loaded by the first PostgreSQL connection (feed, answer, access check) and never in SSE mode.
import type pg from 'pg'
import { loadOnce } from '../../common/load-once'

export const pgModule = loadOnce<typeof pg>(async () => (await import('pg')).default)
