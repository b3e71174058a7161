// Plays the agents and the team: a few realistic questions at the start, a new one now and then,
// and every third turn an open question answered by a teammate in Scrum4Me (its row updated in
// PostgreSQL, as Scrum4Me's own answer does), so the app sees questions close by themselves too.
import type { World } from '../test/support/fixtures'
import { insertQuestion } from '../test/support/fixtures'
import { withClient } from '../test/support/pg-client'

interface ScriptedQuestion {
  product: keyof Pick<World['products'], 'alpha' | 'beta'>
  story?: keyof World['stories']
  idea?: keyof World['ideas']
  question: string
  /** null: a free-text answer. */
  options: string[] | null
}

const SCRIPT: ScriptedQuestion[] = [
  {
    product: 'alpha',
    story: 'st101',
    question: 'Magic link of wachtwoord als standaard bij inloggen met e-mail?',
    options: ['Magic link', 'Wachtwoord', 'Allebei, de gebruiker kiest'],
  },
  {
    product: 'beta',
    story: 'st201',
    question: 'Welk scheidingsteken gebruikt de CSV-export?',
    options: ['Komma', 'Puntkomma', 'Tab'],
  },
  {
    product: 'alpha',
    idea: 'bobsIdea',
    question: 'Hoe noemen we de instelling voor het thema in het menu?',
    options: null,
  },
  {
    product: 'alpha',
    story: 'st102',
    question: 'Mag een reset-link na één keer klikken nog een tweede keer werken?',
    options: ['Ja', 'Nee'],
  },
  {
    product: 'beta',
    story: 'st201',
    question: 'Datums in de export als ISO 8601 of als dd-mm-jjjj?',
    options: ['ISO 8601', 'dd-mm-jjjj'],
  },
  {
    product: 'alpha',
    story: 'st101',
    question: 'Hoe lang blijft een sessie geldig zonder activiteit?',
    options: ['8 uur', '24 uur', '30 dagen'],
  },
  {
    product: 'beta',
    story: 'st201',
    question: 'Een export van 50.000 rijen duurt 40 s. Op de achtergrond draaien en mailen als hij klaar is?',
    options: ['Ja, op de achtergrond', 'Nee, maximaal 10.000 rijen'],
  },
  {
    product: 'alpha',
    story: 'st102',
    question: 'Er zijn twee e-mailteksten voor de reset. Welke houden we?',
    options: ['De korte', 'De uitgebreide'],
  },
]

/** Asked at once, so the first look already has something to answer. */
const OPENING_QUESTIONS = 3
/** Every n-th turn a teammate answers instead of an agent asking. */
const ANSWER_ELSEWHERE_EVERY = 3
const ANSWERED_ELSEWHERE_TEXT = 'Besproken in de stand-up'

// The oldest open question of the demo's products, answered with its first option when it has a list.
const ANSWER_ELSEWHERE_SQL = `
  UPDATE claude_questions
  SET status = 'answered', answered_at = now(), answered_by = $2,
      answer = coalesce(CASE WHEN jsonb_typeof(options) = 'array' THEN options->>0 END, $3)
  WHERE id = (SELECT id FROM claude_questions WHERE status = 'open' AND product_id = ANY($1::text[])
              ORDER BY created_at LIMIT 1)
  RETURNING question`

export interface QuestionGeneratorOptions {
  databaseUrl: string
  world: World
  /** Who the agents ask. */
  askedOf: string
  everyMs: number
  say: (line: string) => void
}

export class QuestionGenerator {
  private timer: NodeJS.Timeout | undefined
  private turn = 0
  private asked = 0
  private running: Promise<void> = Promise.resolve()

  constructor(private readonly options: QuestionGeneratorOptions) {}

  /** Asks the opening questions, then takes a turn every `everyMs`. */
  async start(): Promise<void> {
    for (let i = 0; i < OPENING_QUESTIONS; i++) await this.ask()
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.takeTurn())
    }, this.options.everyMs)
  }

  /** No new turn starts; the one under way finishes. */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.running
  }

  private async takeTurn(): Promise<void> {
    this.turn += 1
    try {
      if (this.turn % ANSWER_ELSEWHERE_EVERY === 0) await this.answerElsewhere()
      else await this.ask()
    } catch (error) {
      // PostgreSQL going down with a Ctrl-C, say: the demo goes on, or is ending anyway.
      this.options.say(`could not take a turn: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  private async ask(): Promise<void> {
    const { world, databaseUrl, askedOf } = this.options
    const scripted = SCRIPT[this.asked % SCRIPT.length] as ScriptedQuestion
    this.asked += 1
    await insertQuestion(databaseUrl, {
      productId: world.products[scripted.product],
      storyId: scripted.story ? world.stories[scripted.story] : null,
      ideaId: scripted.idea ? world.ideas[scripted.idea] : null,
      askedBy: askedOf,
      question: scripted.question,
      options: scripted.options,
    })
    this.options.say(`an agent asks: ${scripted.question}`)
  }

  private async answerElsewhere(): Promise<void> {
    const { world, databaseUrl } = this.options
    const products = [world.products.alpha, world.products.beta]
    const { rows } = await withClient(databaseUrl, (client) =>
      client.query<{ question: string }>(ANSWER_ELSEWHERE_SQL, [
        products,
        world.users.ann,
        ANSWERED_ELSEWHERE_TEXT,
      ]),
    )
    const answered = rows[0]
    if (answered) this.options.say(`a teammate answered in Scrum4Me: ${answered.question}`)
    else await this.ask()
  }
}
