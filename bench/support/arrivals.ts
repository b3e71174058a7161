// Matches events to the sample that caused them: the loop registers an id before it acts, the
// clients mark when their copy of that id arrived, and the loop waits until every client has.
import { now } from './timing'

export class Arrivals<Name extends string> {
  private readonly open = new Map<
    string,
    { times: Partial<Record<Name, number>>; resolve: (times: Record<Name, number>) => void }
  >()

  constructor(private readonly names: readonly Name[]) {}

  /** Starts a sample; resolves with every client's arrival time once all have arrived. */
  expect(id: string): Promise<Record<Name, number>> {
    return new Promise((resolve) => {
      this.open.set(id, { times: {}, resolve })
    })
  }

  /** Records an arrival; ids nobody waits for (snapshots, late copies) are ignored. */
  mark(id: string, name: Name, at = now()): void {
    const entry = this.open.get(id)
    if (!entry || entry.times[name] !== undefined) return
    entry.times[name] = at
    if (this.names.every((each) => entry.times[each] !== undefined)) {
      this.open.delete(id)
      entry.resolve(entry.times as Record<Name, number>)
    }
  }

  /** Forgets a sample that timed out, so a late arrival cannot complete it. */
  drop(id: string): void {
    this.open.delete(id)
  }
}
