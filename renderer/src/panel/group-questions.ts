// The panel's list order: products, then stories or ideas within them, newest first at every level.
import type { PanelQuestion } from '@shared/ipc/panel-state'
import type { Question } from '@shared/question'

/** What a question is about: a story, an idea, or the product as a whole. */
export type Topic =
  | { kind: 'story'; code: string | null; title: string | null }
  | { kind: 'idea'; code: string | null; title: string | null }
  | { kind: 'product' }

export interface TopicGroup {
  key: string
  topic: Topic
  items: PanelQuestion[]
}

export interface ProductGroup {
  key: string
  productName: string | null
  topics: TopicGroup[]
}

export function groupQuestions(items: readonly PanelQuestion[]): ProductGroup[] {
  const newestFirst = [...items].sort((a, b) => createdAt(b.question) - createdAt(a.question))
  // Maps keep insertion order, so each group lands where its newest question puts it.
  const products = new Map<string, ProductGroup & { byTopic: Map<string, TopicGroup> }>()
  for (const item of newestFirst) {
    const { question } = item
    let product = products.get(question.productId)
    if (!product) {
      product = { key: question.productId, productName: question.productName, topics: [], byTopic: new Map() }
      products.set(question.productId, product)
    }
    const key = topicKey(question)
    let topic = product.byTopic.get(key)
    if (!topic) {
      topic = { key, topic: topicOf(question), items: [] }
      product.byTopic.set(key, topic)
      product.topics.push(topic)
    }
    topic.items.push(item)
  }
  return [...products.values()].map(({ key, productName, topics }) => ({ key, productName, topics }))
}

/** The order ↑/↓ walk through: the order on screen. */
export function displayOrder(groups: readonly ProductGroup[]): PanelQuestion[] {
  return groups.flatMap((product) => product.topics.flatMap((topic) => topic.items))
}

function topicKey(question: Question): string {
  if (question.storyId) return `story:${question.storyId}`
  if (question.ideaId) return `idea:${question.ideaId}`
  return 'product'
}

function topicOf(question: Question): Topic {
  if (question.storyId) return { kind: 'story', code: question.storyCode, title: question.storyTitle }
  if (question.ideaId) return { kind: 'idea', code: question.ideaCode, title: question.ideaTitle }
  return { kind: 'product' }
}

function createdAt(question: Question): number {
  const time = Date.parse(question.createdAt)
  return Number.isNaN(time) ? 0 : time
}
