/** One line for logs and the UI: the message plus the system code when the message lacks it. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' && !error.message.includes(code)
      ? `${error.message} (${code})`
      : error.message
  }
  return String(error)
}

/** Once we aborted, the socket's error ("aborted") only echoes us: the abort's reason is the cause. */
export function describeAttemptError(error: unknown, signal: AbortSignal): string {
  return describeError(signal.aborted ? signal.reason : error)
}
