/**
 * A LIKE/ILIKE pattern that finds `text` anywhere, with the user's % and _ taken literally: use it
 * with `ESCAPE '\'` and as a bound parameter, never spliced into the SQL.
 * @example containsPattern("50%_off") // "%50\\%\\_off%"
 */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, "\\$&")}%`;
