import type { SettingsState } from '@shared/ipc/settings-state'
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
    'settings:update': (request) => {
      calls.push(request)
      return { settings: {} } as SettingsState
    },
    'window:open-settings': (request) => {
      calls.push(request)
      return undefined
    },
  } satisfies Partial<InvokeHandlers>
}

/** The handlers above, registered on a fresh stand-in; what they were called with and what was logged. */
function registered() {
  const calls: unknown[] = []
  const logged: string[] = []
  const { ipcMain, call, callers } = fakeIpcMain()
  registerInvokeHandlers(
    ipcMain,
    handlers(calls),
    callers,
    createLineLogger((line) => logged.push(line)),
  )
  return { calls, logged, call }
}

describe('registerInvokeHandlers', () => {
  it('runs a valid call from our own page', async () => {
    const { calls, call } = registered()
    const request = { questionId: 'q1', answer: { kind: 'option', option: 'Ja' } }
    expect(await call('question:answer', request)).toEqual({ kind: 'sent' })
    expect(calls).toEqual([request])
  })

  it('refuses calls from any other frame, before the handler runs', () => {
    const { calls, logged, call } = registered()
    const request = { questionId: 'q1', answer: { kind: 'option', option: 'Ja' } }
    expect(() => call('question:answer', request, { url: 'https://evil.example/' })).toThrow(RejectedIpcCall)
    expect(() => call('question:answer', request, { url: '' })).toThrow(RejectedIpcCall)
    expect(calls).toEqual([])
    expect(logged.join('\n')).toMatch(/foreign frame.*evil\.example/)
  })

  it("refuses a settings call from the popup's webContents and runs it from the settings window", async () => {
    const { calls, logged, call } = registered()
    // Same origin, same page: only the window tells the popup from the settings window.
    expect(() => call('settings:update', { language: 'nl' }, { window: 'panel' })).toThrow(RejectedIpcCall)
    expect(calls).toEqual([])
    expect(logged.join('\n')).toMatch(/refused a call from the panel window.*settings:update/)
    expect(await call('settings:update', { language: 'nl' }, { window: 'settings' })).toEqual({
      settings: {},
    })
    expect(calls).toEqual([{ language: 'nl' }])
  })

  it('refuses a panel call from the settings window, and any call from a webContents not ours', () => {
    const { calls, call } = registered()
    const answer = { questionId: 'q1', answer: { kind: 'option', option: 'Ja' } }
    expect(() => call('question:answer', answer, { window: 'settings' })).toThrow(RejectedIpcCall)
    expect(() => call('question:answer', answer, { window: null })).toThrow(RejectedIpcCall)
    expect(() => call('window:open-settings', { section: 'general' }, { window: null })).toThrow(
      RejectedIpcCall,
    )
    expect(calls).toEqual([])
  })

  it('runs a call both windows may make from either', async () => {
    const { calls, call } = registered()
    await call('window:open-settings', { section: 'general' }, { window: 'panel' })
    await call('window:open-settings', { section: 'connection' }, { window: 'settings' })
    expect(calls).toEqual([{ section: 'general' }, { section: 'connection' }])
  })

  it('refuses a call from an iframe inside our own window, even at our own URL', () => {
    const { calls, call } = registered()
    expect(() => call('settings:update', { language: 'nl' }, { window: 'settings', subframe: true })).toThrow(
      RejectedIpcCall,
    )
    expect(calls).toEqual([])
  })

  it.each([
    ['question:answer', { questionId: 'q1', answer: { kind: 'html', html: '<b>' } }],
    ['question:answer', { questionId: '', answer: { kind: 'text', text: 'x' } }],
    ['question:answer', { questionId: 'q1', answer: { kind: 'text', text: 'x'.repeat(4001) } }],
    ['question:answer', { questionId: 'q1', answer: { kind: 'text', text: 'x' }, extra: 1 }],
    ['question:mark-seen', { questionIds: 'q1' }],
    ['question:mark-seen', null],
  ])('refuses a malformed %s request', (channel, request) => {
    const { calls, call } = registered()
    expect(() => call(channel, request)).toThrow(RejectedIpcCall)
    expect(calls).toEqual([])
  })

  it('registers every channel of the contract and removes them all again', () => {
    const { ipcMain, handlers: registered, callers } = fakeIpcMain()
    const unregister = registerInvokeHandlers(
      ipcMain,
      handlers([]),
      callers,
      createLineLogger(() => {}),
    )
    expect([...registered.keys()].sort()).toEqual([
      'feed:reconnect-now',
      'panel:get-state',
      'panel:hide',
      'question:answer',
      'question:mark-seen',
      'question:open-in-web-app',
      'settings:update',
      'window:open-settings',
    ])
    unregister()
    expect(registered.size).toBe(0)
  })
})
