/** ISO 8601 in UTC to the second (`2024-01-08T00:00:00Z`), as APIs take it in query strings. */
export const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
