/**
 * A run failure the framework explains itself: its message is a catalogue message, stored with the run
 * in Dutch and English; `.message` is the English text, for logs and the CLI.
 */
import { renderMessage, type Message } from "../../ground/i18n/message.ts";

export class PipelineError extends Error {
  constructor(readonly text: Message) {
    super(renderMessage("en", text));
  }
}
