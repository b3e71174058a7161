// The answer request against real loopback servers: it goes to the server's own origin or nowhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordersPerTest } from '../../../test/support/header-recorder'
import { HttpAnswerSender } from './http-answer-sender'

const TOKEN = 'tok-answer-origin-5521'
const recorders = recordersPerTest({ beforeEach, afterEach })

const answer = { idempotencyKey: 'k1', questionId: 'q1', answer: 'Ja' }

describe('HttpAnswerSender', () => {
  it('posts to the answer path on the server, with the credentials', async () => {
    const sender = new HttpAnswerSender({
      serverUrl: recorders.server().origin,
      auth: { kind: 'bearer', token: TOKEN },
    })
    expect(await sender.send(answer)).toMatchObject({ kind: 'refused', reason: 'answer-in-web-app' })
    expect(recorders.server().requests).toMatchObject([
      { method: 'POST', url: '/api/questions/q1/answer', headers: { authorization: `Bearer ${TOKEN}` } },
    ])
  })

  it('never sends the credentials to another origin named by the answer path', async () => {
    const other = recorders.elsewhere().origin.replace('http://', '')
    for (const answerPath of [`//${other}/{id}`, `/\\${other}/{id}`, `/\t/${other}/{id}`]) {
      const attempt = async () =>
        new HttpAnswerSender({
          serverUrl: recorders.server().origin,
          auth: { kind: 'bearer', token: TOKEN },
          answerPath,
        }).send(answer)
      await expect(attempt(), answerPath).rejects.toThrow(/leaves the server/)
    }
    expect(recorders.elsewhere().requests).toEqual([])
    expect(recorders.server().requests).toEqual([])
  })
})
