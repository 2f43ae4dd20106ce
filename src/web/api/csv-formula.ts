/**
 * CSV injection: a spreadsheet runs a cell that starts with =, +, -, @ (or a tab or carriage return
 * before one) as a formula. Text that others wrote (a username, a route someone asked for) gets a
 * leading apostrophe, which Excel and LibreOffice show as plain text (OWASP's advice).
 * @example inertCell("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 */
export const inertCell = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
