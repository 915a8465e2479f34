/** The README's function reference is generated from the JSDoc; a stale copy would document the wrong thing. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

it('README.md holds the function reference as generated from src/functions', () => {
  const root = join(__dirname, '..');
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  // --check exits non-zero (and execFileSync throws with its output) when the README is out of date.
  const out = execFileSync(tsx, ['scripts/docs.ts', '--check'], { cwd: root, encoding: 'utf8' });
  expect(out).toContain('up to date');
});

/** GitHub's heading ids: lower case, punctuation dropped (letters, digits, `_`, `-` and spaces kept), spaces → `-`. */
function githubSlug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

it('every link inside README.md leads to a heading, and every file it names exists', () => {
  const root = join(__dirname, '..');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const prose = readme.replace(/```[\s\S]*?```/g, '');
  const seen = new Map<string, number>();
  const ids = new Set<string>();
  for (const [, text] of prose.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = githubSlug(text.trim());
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    ids.add(n === 0 ? slug : `${slug}-${n}`);
  }
  const anchors = [...prose.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
  expect(anchors.length).toBeGreaterThan(10);
  expect(anchors.filter((a) => !ids.has(a))).toEqual([]);
  const files = [...prose.matchAll(/(?:src|href)="([^"#:]+)"/g)].map((m) => m[1]);
  expect(files.length).toBeGreaterThanOrEqual(3);
  expect(files.filter((f) => !existsSync(join(root, f)))).toEqual([]);
});
