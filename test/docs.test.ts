/** The README's function reference is generated from the JSDoc; a stale copy would document the wrong thing. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

it('README.md holds the function reference as generated from src/functions', () => {
  const root = join(__dirname, '..');
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  // --check exits non-zero (and execFileSync throws with its output) when the README is out of date.
  const out = execFileSync(tsx, ['scripts/docs.ts', '--check'], { cwd: root, encoding: 'utf8' });
  expect(out).toContain('up to date');
});
