/**
 * A text for people, kept as a catalogue key with its parameters until the answer's language is known.
 * Parameters may themselves be messages (a 400's detail quotes its reason).
 */
import type { Lang } from "./accept-language.ts";
import { serverMessages, type DutchText, type ServerMessageKey } from "./catalogue.ts";

/** A text that is not in the catalogue but exists in both languages (zod's own messages) is `{nl, en}`. */
export type MessageParam = string | number | Message | { readonly nl: string; readonly en: string };
export interface Message {
  readonly key: ServerMessageKey;
  readonly params: Readonly<Record<string, MessageParam>>;
}

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
/** No second argument for a text without placeholders; exactly its placeholders otherwise. */
type ParamsArg<K extends ServerMessageKey> = [Placeholders<DutchText<K>>] extends [never] ? [] : [params: Record<Placeholders<DutchText<K>>, MessageParam>];

/**
 * @example throw new NotFound(msg("unknown.indicator", { id: quoted(id) }));
 */
export function msg<K extends ServerMessageKey>(key: K, ...[params]: ParamsArg<K>): Message {
  return { key, params: params ?? {} };
}

export function renderMessage(lang: Lang, message: Message): string {
  return serverMessages[lang][message.key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = message.params[name];
    if (value === undefined) return whole;
    if (typeof value !== "object") return String(value);
    return "key" in value ? renderMessage(lang, value) : value[lang];
  });
}

const ZOD_PREFIX = "mm-i18n:";

/**
 * A catalogue message as a zod `error`: zod keeps issue messages as strings, so the key and parameters
 * travel encoded and `parseInput` turns them back into a message in the request's language.
 * @example z.coerce.number({ error: reason("param.year") })
 */
export function reason<K extends ServerMessageKey>(key: K, ...params: ParamsArg<K>): string {
  return ZOD_PREFIX + JSON.stringify(msg(key, ...params));
}

/** The message `reason()` encoded, or null for a text zod wrote itself. */
export function decodeReason(text: string): Message | null {
  return text.startsWith(ZOD_PREFIX) ? (JSON.parse(text.slice(ZOD_PREFIX.length)) as Message) : null;
}
