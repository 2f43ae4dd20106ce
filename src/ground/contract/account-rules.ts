/**
 * What makes a username and a password acceptable, shared by the server (src/engine/auth/users.ts,
 * the request schemas in requests/users.ts) and the admin's account page, which shows the rules as
 * they are typed. No zod here: the client bundles this file.
 */

/** Long enough to resist guessing at the login throttle's pace; no composition rules (NIST 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer is refused before hashing, so a huge body cannot tie up the password hasher. */
export const MAX_PASSWORD_LENGTH = 1024;
export const MAX_USERNAME_LENGTH = 64;
/** Lower-case letters, digits, ".", "_" and "-", starting with a letter or digit; 2 to 64 characters. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Counted in characters as a person sees them (code points), not UTF-16 units. */
export const passwordLength = (password: string): number => [...password].length;

export const isValidUsername = (username: string): boolean => USERNAME_PATTERN.test(username);
export const isLongEnoughPassword = (password: string): boolean => passwordLength(password) >= MIN_PASSWORD_LENGTH;
