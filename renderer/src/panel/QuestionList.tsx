import type { AnswerInput, Answering } from '@shared/answer'
import { type ReactNode, useId } from 'react'
import { useI18n } from '../common/i18n'
import { answersInWebApp, canAnswerHere } from './can-answer'
import type { ProductGroup } from './group-questions'
import { QuestionCard } from './QuestionCard'
import { TopicHeading } from './TopicHeading'
import type { Answers } from './use-answers'
import type { QuestionFocus } from './use-question-focus'

interface QuestionListProps {
  groups: ProductGroup[]
  count: number
  now: number
  focus: QuestionFocus
  answers: Answers
  answering: Answering
  onAnswer(questionId: string, answer: AnswerInput): void
  onOpen(questionId: string, draft: string | undefined): void
}

export function QuestionList(props: QuestionListProps) {
  const { groups, count, now, focus, answers, answering, onAnswer, onOpen } = props
  const { t } = useI18n()
  let position = 0
  return (
    <section className="question-list" aria-label={t('panel.list.label')}>
      {groups.map((product) => (
        <ProductSection key={product.key} name={product.productName ?? t('panel.group.unknownProduct')}>
          {product.topics.map((topic) => (
            <section key={topic.key} className="topic-group">
              <TopicHeading topic={topic.topic} />
              <ul className="question-items">
                {topic.items.map((item) => {
                  position += 1
                  const id = item.question.id
                  return (
                    <li key={id}>
                      <QuestionCard
                        item={item}
                        label={t('panel.question.label', { index: position, count })}
                        current={focus.currentId === id}
                        onFocus={() => focus.focused(id)}
                        answerable={canAnswerHere(item, answers, answering)}
                        webOnly={answersInWebApp(item, answers, answering)}
                        handingOver={answers.isHandingOver(id)}
                        handOverFailed={answers.handOverFailed(id)}
                        now={now}
                        onAnswer={(answer) => onAnswer(id, answer)}
                        onOpen={(draft) => onOpen(id, draft)}
                      />
                    </li>
                  )
                })}
              </ul>
            </section>
          ))}
        </ProductSection>
      ))}
    </section>
  )
}

function ProductSection({ name, children }: { name: string; children: ReactNode }) {
  const headingId = useId()
  return (
    <section className="product-group" aria-labelledby={headingId}>
      <h2 className="product-name" id={headingId} dir="auto">
        {name}
      </h2>
      {children}
    </section>
  )
}
