/** A Scrum4Me agent question as the app shows it: already validated, camelCase, free of wire quirks. */
export interface Question {
  id: string
  productId: string
  productName: string | null
  storyId: string | null
  storyCode: string | null
  storyTitle: string | null
  taskId: string | null
  ideaId: string | null
  ideaCode: string | null
  ideaTitle: string | null
  assigneeId: string | null
  /** Untrusted text written by an AI agent: render as text, never as markup. */
  text: string
  /** Multiple-choice answers; null means the answer is free text. */
  options: string[] | null
  /** Structured context some questions carry instead of options (e.g. a merge conflict). */
  context: Record<string, unknown> | null
  createdAt: string
  expiresAt: string
}

/** Server statuses; anything but `open` is not answerable. Unknown strings are kept as-is. */
export type QuestionStatus = 'open' | 'answered' | 'cancelled' | 'expired' | 'closed' | (string & {})
