// SSE mode: whether the connected server takes answers. Checked when the feed connects, again after
// any connection that ended other than as part of normal life (a planned close, a refresh for a new
// question), and corrected by every real answer, which has the final word. pg mode always can.
import type { Answering } from '@shared/answer'
import type { FeedState } from '@shared/feed-state'
import { Listeners } from '../common/listeners'
import type { Logger } from '../log/logger'
import type { SendResult } from './answer-sender'
import type { HttpAnswerSender } from './http-answer-sender'

const WORDS: Record<Answering, string> = {
  available: 'the server takes answers',
  'web-only': 'the server has no answer route; questions are answered in Scrum4Me',
  unknown: 'could not tell whether the server takes answers; the first answer will',
}

export class AnsweringWatch {
  private current: Answering = 'unknown'
  private checkDue = true
  /** Bumped by every verdict, so a check that started before a real answer cannot overrule it. */
  private verdicts = 0
  private readonly stopChecks = new AbortController()
  private readonly listeners = new Listeners<Answering>()

  constructor(
    private readonly sender: Pick<HttpAnswerSender, 'checkAnswering'>,
    private readonly log: Logger,
  ) {}

  get answering(): Answering {
    return this.current
  }

  onChange(listener: (answering: Answering) => void): () => void {
    return this.listeners.add(listener)
  }

  feedChanged(state: FeedState): void {
    if (state.state === 'connected') {
      if (this.checkDue) void this.check()
    } else if (state.state !== 'connecting' && !state.expected) {
      this.checkDue = true
    }
  }

  answerSettled(result: SendResult): void {
    if (result.kind === 'sent') this.settle('available')
    else if (result.reason === 'answer-in-web-app') this.settle('web-only')
  }

  close(): void {
    this.stopChecks.abort()
  }

  private async check(): Promise<void> {
    this.checkDue = false
    const before = this.verdicts
    const found = await this.sender.checkAnswering(this.stopChecks.signal)
    if (this.stopChecks.signal.aborted || this.verdicts !== before) return
    this.log.info(WORDS[found])
    // An unclear reply keeps what is known and asks again on the next connection.
    if (found === 'unknown') this.checkDue = true
    else this.settle(found)
  }

  private settle(answering: Answering): void {
    this.verdicts += 1
    if (answering === this.current) return
    this.current = answering
    this.listeners.emit(answering)
  }
}
