import { describe, expect, it } from 'vitest'
import { createLineLogger } from '../log/logger'
import { type InvokeHandlers, RejectedIpcCall, registerInvokeHandlers } from './register-handlers'
import { fakeIpcMain } from './testing/fake-ipc-main'

function handlers(calls: unknown[]) {
  return {
    'panel:get-state': () => {
      throw new Error('not used')
    },
    'question:answer': (request) => {
      calls.push(request)
      return { kind: 'sent' }
    },
    'question:mark-seen': (request) => {
      calls.push(request)
      return undefined
    },
    'question:open-in-web-app': () => true,
    'feed:reconnect-now': () => undefined,
    'panel:hide': () => undefined,
  } satisfies Partial<InvokeHandlers>
}

const isOwnPage = (url: string) => url.startsWith('app://panel/')

describe('registerInvokeHandlers', () => {
  it('runs a valid call from our own page', async () => {
    const calls: unknown[] = []
    const { ipcMain, call } = fakeIpcMain()
    registerInvokeHandlers(
      ipcMain,
      handlers(calls),
      isOwnPage,
      createLineLogger(() => {}),
    )
    const request = { questionId: 'q1', answer: { kind: 'option', option: 'Ja' } }
    expect(await call('question:answer', request)).toEqual({ kind: 'sent' })
    expect(calls).toEqual([request])
  })

  it('refuses calls from any other frame, before the handler runs', () => {
    const calls: unknown[] = []
    const logged: string[] = []
    const { ipcMain, call } = fakeIpcMain()
    registerInvokeHandlers(
      ipcMain,
      handlers(calls),
      isOwnPage,
      createLineLogger((line) => logged.push(line)),
    )
    const request = { questionId: 'q1', answer: { kind: 'option', option: 'Ja' } }
    expect(() => call('question:answer', request, 'https://evil.example/')).toThrow(RejectedIpcCall)
    expect(() => call('question:answer', request, '')).toThrow(RejectedIpcCall)
    expect(calls).toEqual([])
    expect(logged.join('\n')).toMatch(/foreign frame.*evil\.example/)
  })

  it.each([
    ['question:answer', { questionId: 'q1', answer: { kind: 'html', html: '<b>' } }],
    ['question:answer', { questionId: '', answer: { kind: 'text', text: 'x' } }],
    ['question:answer', { questionId: 'q1', answer: { kind: 'text', text: 'x'.repeat(4001) } }],
    ['question:answer', { questionId: 'q1', answer: { kind: 'text', text: 'x' }, extra: 1 }],
    ['question:mark-seen', { questionIds: 'q1' }],
    ['question:mark-seen', null],
  ])('refuses a malformed %s request', (channel, request) => {
    const calls: unknown[] = []
    const { ipcMain, call } = fakeIpcMain()
    registerInvokeHandlers(
      ipcMain,
      handlers(calls),
      isOwnPage,
      createLineLogger(() => {}),
    )
    expect(() => call(channel, request)).toThrow(RejectedIpcCall)
    expect(calls).toEqual([])
  })

  it('registers every channel of the contract and removes them all again', () => {
    const { ipcMain, handlers: registered } = fakeIpcMain()
    const unregister = registerInvokeHandlers(
      ipcMain,
      handlers([]),
      isOwnPage,
      createLineLogger(() => {}),
    )
    expect([...registered.keys()].sort()).toEqual([
      'feed:reconnect-now',
      'panel:get-state',
      'panel:hide',
      'question:answer',
      'question:mark-seen',
      'question:open-in-web-app',
    ])
    unregister()
    expect(registered.size).toBe(0)
  })
})
