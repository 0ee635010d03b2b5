// Many short lines written as few large writes: one write per line costs more than
// validating it. Lines still go out without delay when the input pauses (a flush is
// scheduled for when the event loop idles), and a full destination is waited for, so at
// most one batch is held in memory however slow the reader is.

const BATCH = 64 * 1024

export class BatchedOutput {
  #text = ''
  #idle: NodeJS.Immediate | undefined
  #pending: void | Promise<void> = undefined

  constructor(private readonly write: (s: string) => void | Promise<void>) {}

  async line(text: string): Promise<void> {
    if (this.#pending) await this.#pending
    this.#pending = undefined
    this.#text += `${text}\n`
    if (this.#text.length >= BATCH) await this.flush()
    else this.#idle ??= setImmediate(() => this.#send())
  }

  /** Writes what is held and waits until the destination takes more. */
  async flush(): Promise<void> {
    this.#send()
    if (this.#pending) await this.#pending
    this.#pending = undefined
  }

  #send(): void {
    if (this.#idle) clearImmediate(this.#idle)
    this.#idle = undefined
    if (this.#text === '') return
    const text = this.#text
    this.#text = ''
    this.#pending = this.write(text)
  }
}
