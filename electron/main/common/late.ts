// For wiring with a cycle in it: a value made after the things that call it. Reading it before it
// is bound is a wiring mistake, so it throws instead of quietly acting on nothing.
export interface Late<T> {
  get(): T
  bind(value: T): void
}

export function late<T>(what: string): Late<T> {
  let value: { bound: T } | null = null
  return {
    get: () => {
      if (!value) throw new Error(`${what} is used before it is made`)
      return value.bound
    },
    bind: (bound) => {
      value = { bound }
    },
  }
}
