/**
 * Connect my plan (issue 11, item 5): detection takes under 1 s for a 50,000-row long table and for a
 * 2,000 x 40 wide sheet. The fastest of five runs is compared, so a busy machine does not decide the result.
 */
import { performance } from 'node:perf_hooks';
import { longTable, wideSheet } from '../../bench/connect';
import { detectPlans } from '../../src/connect/detect';
import type { ScanSheet } from '../../src/connect/types';

function fastest(sheet: ScanSheet): { ms: number; found: number } {
  let ms = Infinity;
  let found = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    found = detectPlans([sheet]).measures.length;
    ms = Math.min(ms, performance.now() - t);
  }
  return { ms, found };
}

describe('detection speed', () => {
  it('a 50,000-row long table in under 1 s, every series found', () => {
    const { ms, found } = fastest(longTable());
    // 4 regions x 3 measures, each with its budget and actual lines.
    expect(found).toBe(12);
    expect(ms).toBeLessThan(1000);
  });

  it('a 2,000 x 40 wide sheet in under 1 s, every account found', () => {
    const { ms, found } = fastest(wideSheet());
    expect(found).toBe(1000);
    expect(ms).toBeLessThan(1000);
  });
});
