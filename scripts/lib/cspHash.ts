import { createHash } from 'node:crypto';

/** A CSP hash source ('sha256-…') for an inline script, style or style attribute. */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
