/** MM_STATE_URL as it may be shown in a log line or an error: never with its password. */
export function describeStateUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unreadable URL)";
  }
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\/[^\s]+$/.test(url);
