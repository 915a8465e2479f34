/**
 * Connect my plan in LibreOffice (issue 11, "Done when" 2, third engine): a batch of random plans from the
 * property test's generator (another seed), each detected and connected into a full CSF Tracker, written to
 * .xlsx with its links sheet and source sheets, and recalculated in one LibreOffice run: every monthly target
 * and actual cell of the tracker gives the series back exactly, blank where it has no figure.
 */
import fc from 'fast-check';
import { detectPlans } from '../../src/connect/detect';
import type { ConnectChoice } from '../../src/connect/types';
import { connect, recalcLibreOffice, type Connected } from '../connect/harness';
import { buildSources as sourcesOf, caseArb, expectedFigure, LAYOUTS, type Case } from './connectCases';

const SEED = 20_261_201;
const CASES = 42;

const cases: Case[] = fc.sample(caseArb, { numRuns: CASES, seed: SEED });

function connected(c: Case): Connected {
  return connect(
    // buildSources is deterministic: the scan inside connect() sees the same sheets.
    sourcesOf(c),
    (scan) =>
      c.measures.map((m, i): ConnectChoice => {
        const found = scan.measures.find((x) => x.label === m.label);
        if (found === undefined) throw new Error(`${m.label} not detected (${c.layout}/${c.header})`);
        return {
          measure: found.key,
          row: { kind: 'new', team: `Team ${i}`, csf: m.label },
          direction: 'up',
          aggregation: 'Sum',
          input: 'Per month',
          unit: '',
        };
      }),
    c.fy,
    c.year,
  );
}

describe('Connect my plan: random plans recalculated by LibreOffice', () => {
  it(`${CASES} random plans: every tracker month cell equals the series`, async () => {
    // Every layout is in the batch.
    for (const l of LAYOUTS) expect(cases.some((c) => c.layout === l)).toBe(true);
    const batch = cases.map((c, k) => ({
      name: `case${k}`,
      connected: connected(c),
      rows: c.measures.map((_, i) => 7 + i),
    }));
    // The scan found what the generator laid out.
    for (const c of cases)
      expect(detectPlans(sourcesOf(c)).measures.length).toBeGreaterThanOrEqual(c.measures.length);
    const got = await recalcLibreOffice(batch);
    const problems: string[] = [];
    cases.forEach((c, k) => {
      const months = got.get(`case${k}`)?.tracker;
      if (months === undefined) throw new Error(`case${k} not recalculated`);
      c.measures.forEach((m, i) => {
        for (let p = 1; p <= 12; p++)
          for (const [line, cells] of [
            ['plan', months[i].targets],
            ['actual', months[i].actuals],
          ] as const) {
            const want = expectedFigure(c, m, line, p);
            const v = cells[p - 1];
            const ok =
              want === null
                ? v === '' || v === null
                : typeof v === 'number' && Math.abs(v - want) <= 1e-9 * Math.max(1, Math.abs(want));
            if (!ok)
              problems.push(
                `case${k} ${c.layout}/${c.header} ${m.label} ${line} period ${p}: got ${JSON.stringify(v)}, want ${want}`,
              );
          }
      });
    });
    expect(problems).toEqual([]);
  }, 600_000);
});
