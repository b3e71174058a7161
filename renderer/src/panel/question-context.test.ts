import { describe, expect, it } from 'vitest'
import { contextView, MAX_CONFLICT_FILES, MAX_OTHER_ENTRIES } from './question-context'

describe('contextView', () => {
  it('shows a merge conflict: the pull request, the files, the sprint run', () => {
    expect(
      contextView({
        pr_url: 'https://github.com/acme/shop/pull/12',
        conflict_files: ['src/a.ts', 'src/b.ts'],
        sprint_run_id: 'run-7',
      }),
    ).toEqual({
      pullRequestUrl: 'https://github.com/acme/shop/pull/12',
      conflictFiles: ['src/a.ts', 'src/b.ts'],
      moreConflictFiles: 0,
      sprintRunId: 'run-7',
      other: [],
      moreOther: 0,
    })
  })

  it('lists unknown keys, and known keys of an unexpected shape, as compact text', () => {
    const view = contextView({ base: 'main', attempts: 3, nested: { a: [1, null] }, sprint_run_id: { x: 1 } })
    expect(view.sprintRunId).toBeNull()
    expect(view.other).toEqual([
      { key: 'base', value: 'main' },
      { key: 'attempts', value: '3' },
      { key: 'nested', value: '{"a":[1,null]}' },
      { key: 'sprint_run_id', value: '{"x":1}' },
    ])
  })

  it('bounds what it shows and counts the rest', () => {
    const files = Array.from({ length: MAX_CONFLICT_FILES + 5 }, (_, index) => `f${index}.ts`)
    const many = Object.fromEntries(
      Array.from({ length: MAX_OTHER_ENTRIES + 3 }, (_, index) => [`k${index}`, index]),
    )
    const view = contextView({
      conflict_files: files,
      ...many,
      long: 'x'.repeat(5000),
      [`${'k'.repeat(100)}`]: 1,
    })
    expect(view.conflictFiles).toHaveLength(MAX_CONFLICT_FILES)
    expect(view.moreConflictFiles).toBe(5)
    expect(view.other).toHaveLength(MAX_OTHER_ENTRIES)
    expect(view.moreOther).toBe(5)
    const bounded = contextView({ long: 'x'.repeat(5000), [`${'k'.repeat(100)}`]: 1 })
    expect(bounded.other.map(({ key, value }) => [key.length, value.length])).toEqual([
      [4, 200],
      [60, 1],
    ])
  })
})
