import { describe, expect, it } from 'vitest'
import { displayOrder, groupQuestions } from './group-questions'
import { panelItem } from './testing/panel-item'

const item = panelItem

const beta = { productId: 'beta', productName: 'Beta' }
const story = { storyId: 's1', storyCode: 'ST-1', storyTitle: 'Login' }
const idea = { ideaId: 'i1', ideaCode: 'ID-1', ideaTitle: 'Dark mode' }

describe('groupQuestions', () => {
  it('orders products, topics and questions by their newest question', () => {
    const groups = groupQuestions([
      item('alpha-story-old', 1, story),
      item('beta-general', 5, beta),
      item('alpha-idea', 3, idea),
      item('alpha-story-new', 7, story),
      item('alpha-general', 2),
    ])
    expect(groups.map((group) => group.productName)).toEqual(['Alpha', 'Beta'])
    expect(groups[0]?.topics.map((topic) => topic.topic)).toEqual([
      { kind: 'story', code: 'ST-1', title: 'Login' },
      { kind: 'idea', code: 'ID-1', title: 'Dark mode' },
      { kind: 'product' },
    ])
    expect(displayOrder(groups).map((entry) => entry.question.id)).toEqual([
      'alpha-story-new',
      'alpha-story-old',
      'alpha-idea',
      'alpha-general',
      'beta-general',
    ])
  })

  it('files a question with both a story and an idea under its story, as the web link does', () => {
    const [group] = groupQuestions([item('both', 1, { ...story, ...idea })])
    expect(group?.topics[0]?.key).toBe('story:s1')
  })

  it('keeps a question with an unreadable date instead of dropping it', () => {
    const order = displayOrder(groupQuestions([item('bad', 0, { createdAt: 'not a date' }), item('good', 1)]))
    expect(order.map((entry) => entry.question.id)).toEqual(['good', 'bad'])
  })
})
