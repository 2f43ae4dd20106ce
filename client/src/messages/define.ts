/**
 * One part of the UI catalogue: every key in Dutch and English, `en` typed against `nl`. The same
 * helper as the server catalogue's (src/ground/i18n/define-messages.ts); test/unit/i18n.test.ts checks
 * both for empty texts and mismatched placeholders.
 */
export { defineMessages } from "../../../src/ground/i18n/define-messages.ts";
