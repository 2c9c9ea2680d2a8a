// Who is signed in to the demo's merchant site: a cookie naming the user, set when a scenario is
// opened (a fresh sign-up, or Ada for the upgrade) and read back on the success page. A real site
// would use its own login; the demo has no passwords, so opening a scenario is the sign-in.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const COOKIE = 'acme_user';
const userIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

export function newUserId(): string {
  return `user_${randomBytes(8).toString('hex')}`;
}

export function signInCookie(userId: string): string {
  return `${COOKIE}=${userId}; Path=/; HttpOnly; SameSite=Lax`;
}

export function signedInUser(request: IncomingMessage): string | null {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = pair.trim().split('=');
    if (name === COOKIE && value !== undefined && userIdPattern.test(value)) return value;
  }
  return null;
}
