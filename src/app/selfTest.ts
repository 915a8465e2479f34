/**
 * The self-test ("SE Toolkit ▸ Run self-test"): proves a build in the user's real workbook, in the host's own
 * engine. It adds a scratch sheet, writes every custom function the add-in registered as a formula with known
 * inputs and reads back what the host computed; inserts each template on scratch copies (their names
 * numbered, never a user's), loads the monthly review and prepares a quarter from the scratch CSF Tracker;
 * compares everything with values worked out from the spec (src/selfTest); then removes every sheet and name it
 * made, even after a failed check, and says whether the workbook has exactly the sheets and names it had.
 *
 * One task over the Workbook port for every host (see ./task): Sheets runs it synchronously, Excel and the
 * preview asynchronously. It never writes to a sheet or name it did not make, and never saves a review (a save
 * goes to the user's Review Log).
 */
import { TEMPLATES } from '../templates';
import { PlanBuilder } from '../templates/planBuilder';
import { rangeA1 } from '../templates/a1';
import type { PlanCell, PlanValue } from '../templates/sheetPlan';
import { CSF_NAMES } from '../templates/csfTracker';
import { SCORECARD_NAMES } from '../templates/seScorecard';
import { FUNNEL_NAMES } from '../templates/activityFunnel';
import { baseRangeName, planForSheet } from '../workbook';
import type { CellBlock } from '../connect/types';
import type { SeFunctionName } from '../values/excelFunctionNames';
import { ReviewError } from '../review/reviewError';
import { FUNCTION_CASES, sameResult, type CaseArg, type FunctionCase } from '../selfTest/cases';
import {
  EXPECTED_FOCUS,
  EXPECTED_QUARTER_COUNTS,
  EXPECTED_REVIEW,
  EXPECTED_SCORES,
  QUARTER,
  REVIEW_PERIOD,
} from '../selfTest/reviewCases';
import { buildInfo } from '../selfTest/build';
import type { SelfTestCheck, SelfTestReport } from '../selfTest/report';
import { seFunctionNames } from './convertFormulas';
import { loadReviewTask, prepareQuarterTask, savedAtText, type HostClock } from './review';
import { call, type Task } from './task';

export type { SelfTestCheck, SelfTestReport } from '../selfTest/report';

export interface RunSelfTestRequest extends HostClock {
  /** The host's clock (ISO 8601 with its offset): names the scratch sheets and dates the report. */
  now: string;
  /** Which host, its version and where it runs; default: what the host's entry said (useSelfTestHost). */
  host?: SelfTestHost;
  /** How formulas name the functions: 'sheets' (SE_SCORE) or 'excel' (SE.SCORE); default: the host's. */
  naming?: 'sheets' | 'excel';
  /** The functions the add-in registered; default: the host's registry (useSeFunctionNames), else the build's. */
  functions?: SeFunctionName[];
}

export interface SelfTestHost {
  name: string;
  version: string;
  platform?: string;
  naming?: 'sheets' | 'excel';
}

let thisHost: SelfTestHost | null = null;

/**
 * Called by each host's entry: Sheets at load (Apps Script has no version API), Excel when Office is ready
 * (Office.context.diagnostics). The UI's request carries only the clock.
 */
export function useSelfTestHost(host: SelfTestHost): void {
  thisHost = { ...host };
}

/** The values a host shows while a custom function is still being computed. */
const CALCULATING = new Set(['#BUSY!', '#GETTING_DATA', 'Loading...', 'Loading…']);
/**
 * How often the results are read while the host is still computing them (the port has no wait: each read is a
 * round trip to the host, which is what gives it time).
 */
const MAX_READS = 40;
/** Where each case's inputs go: right of the widest result (SE_PHASE's 12), inside a new sheet's 26 columns. */
const INPUT_COL = 13;
const RESULT_COLS = 12;

interface Made {
  sheet: string;
  names: string[];
}

/** The formula text of one case as the host names the function. */
export function caseFormula(
  c: FunctionCase,
  naming: 'sheets' | 'excel',
  excelId: string,
  argCells: (i: number) => string,
): string {
  const name = naming === 'excel' ? `SE.${excelId}` : c.fn;
  const args = c.args.map((a, i) => (typeof a === 'object' ? argCells(i) : literal(a)));
  return `=${name}(${args.join(', ')})`;
}

function literal(a: Exclude<CaseArg, { cells: PlanValue[][] }>): string {
  if (typeof a === 'string') return `"${a.replace(/"/g, '""')}"`;
  if (typeof a === 'boolean') return a ? 'TRUE' : 'FALSE';
  return String(a);
}

function shown(v: PlanValue | undefined): string {
  if (v === null || v === undefined || v === '') return 'blank';
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function* runSelfTestTask(request: RunSelfTestRequest): Task<SelfTestReport> {
  if (typeof request?.today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(request.today))
    throw new ReviewError('The self-test must be told what day it is (today, as yyyy-mm-dd).');
  const ranAt = savedAtText(request.now, request.today);
  const host = request.host ?? thisHost;
  const naming = (request.naming ?? host?.naming) === 'excel' ? 'excel' : 'sheets';
  const build = buildInfo();
  const registered = seFunctionNames();
  const functions = Array.isArray(request.functions)
    ? request.functions
    : registered.length > 0
      ? registered
      : (build?.functions ?? []);
  const clock = /(\d{2}):(\d{2})/.exec(ranAt.slice(10));
  const time = clock === null ? '00.00' : `${clock[1]}.${clock[2]}`;
  const checks: SelfTestCheck[] = [];
  const made: Made[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const sheetsBefore = yield* call('sheetNames');
  const namesBefore = yield* call('namedRangeNames');
  // The sheet the user is on, to bring back at the end (inserting sheets may show them).
  let userSheet: string | null;
  try {
    userSheet = (yield* call('selection'))?.sheet ?? null;
  } catch {
    userSheet = null; // the host has no selection to give: nothing to bring back
  }
  try {
    yield* functionChecks(functions, naming, `SE self-test ${time}`, made, check);
    const tables = yield* templateChecks(request, time, made, check);
    const tableOf = (base: string) => tables.find((n) => baseRangeName(n) === base) ?? null;
    yield* computedColumnChecks(tableOf(SCORECARD_NAMES.table), tableOf(FUNNEL_NAMES.table), check);
    const tracker = tableOf(CSF_NAMES.table);
    if (tracker !== null) {
      yield* reviewChecks(request, tracker, check);
      yield* quarterChecks(request, tracker, made, check);
    }
  } catch (error) {
    check('Self-test', false, `stopped early: ${messageOf(error)}`);
  }
  const cleanup = yield* removeAll(made, sheetsBefore, namesBefore);
  if (userSheet !== null && sheetsBefore.includes(userSheet)) {
    try {
      yield* call('activateSheet', userSheet);
    } catch {
      // Showing the user's sheet again is a courtesy; the report is what matters.
    }
  }
  check(
    'Clean up',
    cleanup.leftOver.length === 0,
    cleanup.leftOver.length === 0
      ? `removed ${made.length} scratch sheet${made.length === 1 ? '' : 's'} and ${made.reduce((n, m) => n + m.names.length, 0)} names; the workbook has the sheets and names it had`
      : `left: ${cleanup.leftOver.join('; ')}${cleanup.errors.length > 0 ? ` (${cleanup.errors.join('; ')})` : ''}`,
  );
  return {
    host: host?.name || 'unknown host',
    hostVersion: host?.version || 'not reported',
    platform: host?.platform ?? '',
    addinVersion: build?.version ?? 'development (not a built bundle)',
    naming,
    ranAt,
    passed: checks.every((c) => c.ok),
    checks,
    cleanedUp: cleanup.leftOver.length === 0,
    leftOver: cleanup.leftOver,
  };
}

/** Every registered function, each case a formula on one scratch sheet, read back from the host's engine. */
function* functionChecks(
  functions: readonly SeFunctionName[],
  naming: 'sheets' | 'excel',
  sheetName: string,
  made: Made[],
  check: (name: string, ok: boolean, detail: string) => void,
): Task<void> {
  if (functions.length === 0) {
    check('Custom functions', false, 'the add-in did not say which functions it registered');
    return;
  }
  const nameOf = (f: SeFunctionName) => (naming === 'excel' ? `SE.${f.excelId}` : f.sheetsName);
  const registered = new Set(functions.map((f) => f.sheetsName));
  for (const c of FUNCTION_CASES)
    if (!registered.has(c.fn))
      check(c.fn, false, `the self-test has a case for ${c.fn}, but the add-in registers no such function`);
  const cases: { c: FunctionCase; f: SeFunctionName; row: number }[] = [];
  let row = 2;
  for (const f of functions) {
    const own = FUNCTION_CASES.filter((c) => c.fn === f.sheetsName);
    if (own.length === 0) check(nameOf(f), false, 'the self-test has no case for this function');
    for (const c of own) {
      cases.push({ c, f, row });
      const inputRows = Math.max(1, ...c.args.map((a) => (typeof a === 'object' ? a.cells.length : 1)));
      row += Math.max(c.expected.length, inputRows) + 1;
    }
  }
  if (cases.length === 0) return;
  const label = (x: { c: FunctionCase; f: SeFunctionName }) => `${nameOf(x.f)}: ${x.c.title}`;

  // The sheet: its name is new (the adapter takes the next free one if a user has it).
  let sheet: string;
  try {
    const plan = new PlanBuilder(sheetName)
      .value(0, 0, 'SE Toolkit self-test: a scratch sheet, removed when the test ends.')
      .build();
    const inserted = yield* call('insertSheet', plan);
    made.push({ sheet: inserted.name, names: inserted.namedRanges });
    sheet = inserted.name;
    check('Scratch sheet for the functions', true, `added "${sheet}"`);
  } catch (error) {
    check('Scratch sheet for the functions', false, messageOf(error));
    for (const x of cases) check(label(x), false, 'not run: the scratch sheet could not be added');
    return;
  }

  // Inputs as constants right of the results, each case's formula at the left of its rows.
  const blocks: CellBlock[] = [];
  const formulas: string[] = [];
  for (const x of cases) {
    let col = INPUT_COL;
    const refs: string[] = [];
    for (const a of x.c.args) {
      if (typeof a !== 'object') {
        refs.push('');
        continue;
      }
      const width = Math.max(...a.cells.map((r) => r.length));
      blocks.push({
        sheet,
        row: x.row,
        col,
        cells: a.cells.map((r) => r.map((value): PlanCell => ({ value }))),
      });
      refs.push(rangeA1({ row: x.row, col, rows: a.cells.length, cols: width }));
      col += width;
    }
    const formula = caseFormula(x.c, naming, x.f.excelId, (i) => refs[i]);
    formulas.push(formula);
    blocks.push({ sheet, row: x.row, col: 0, cells: [[{ formula }]] });
  }
  try {
    yield* call('writeBlocks', blocks, []);
    check('Write the function formulas', true, `${cases.length} formulas on "${sheet}"`);
  } catch (error) {
    check('Write the function formulas', false, messageOf(error));
    for (const x of cases) check(label(x), false, 'not run: the formulas could not be written');
    return;
  }

  // Read back what the host computed; custom functions may still be calculating (Excel: #BUSY!).
  let values: PlanValue[][] = [];
  try {
    for (let read = 0; read < MAX_READS; read++) {
      values = (yield* call('readBlock', sheet, 0, 0, row, RESULT_COLS)).values;
      if (!values.some((r) => r.some((v) => typeof v === 'string' && CALCULATING.has(v)))) break;
    }
  } catch (error) {
    for (const x of cases) check(label(x), false, `could not read the result back: ${messageOf(error)}`);
    return;
  }
  cases.forEach((x, i) => {
    const wrong: string[] = [];
    x.c.expected.forEach((line, r) =>
      line.forEach((want, col) => {
        const got = values[x.row + r]?.[col] ?? null;
        const at = rangeA1({ row: x.row + r, col, rows: 1, cols: 1 });
        if (typeof got === 'string' && CALCULATING.has(got))
          wrong.push(`${at} was still being calculated after ${MAX_READS} reads (it showed ${shown(got)})`);
        else if (!sameResult(want, got, x.c.digits))
          wrong.push(`${at} expected ${shown(want)}, found ${shown(got)}`);
      }),
    );
    const result =
      x.c.expected.length === 1 && x.c.expected[0].length === 1
        ? shown(values[x.row]?.[0] ?? null)
        : `${x.c.expected.length}x${x.c.expected[0].length} as expected`;
    check(
      label(x),
      wrong.length === 0,
      wrong.length === 0
        ? `${formulas[i]} gave ${result}`
        : `${formulas[i]}: ${wrong.slice(0, 3).join('; ')}${wrong.length > 3 ? ` and ${wrong.length - 3} more` : ''}`,
    );
  });
}

/** Each template inserted (with its examples) as a scratch copy; the names the copies got come back. */
function* templateChecks(
  request: RunSelfTestRequest,
  time: string,
  made: Made[],
  check: (name: string, ok: boolean, detail: string) => void,
): Task<string[]> {
  const year = Number(request.today.slice(0, 4));
  const copies: string[] = [];
  for (const template of TEMPLATES) {
    const name = `Template ${template.title}`;
    try {
      const taken = yield* call('namedRangeNames');
      const sheets = yield* call('sheetNames');
      // A scratch name of its own, so its names are numbered (SE_CSF_Table_2), never the first copy's. Excel
      // allows 31 characters: a taken name gets a number in the prefix, not " (2)" at the end.
      let sheetName = `SE test ${time} ${template.title}`;
      for (let k = 2; sheets.some((n) => sameName(n, sheetName)); k++)
        sheetName = `SE test ${time}-${k} ${template.title}`;
      const plan = planForSheet(template.render({ examples: true, year }), sheetName, taken);
      const inserted = yield* call('insertSheet', plan);
      made.push({ sheet: inserted.name, names: inserted.namedRanges });
      const names = yield* call('namedRangeNames');
      const missing = inserted.namedRanges.filter((n) => !names.some((m) => sameName(m, n)));
      const wanted = plan.cells[0]?.[0];
      const title = wanted !== undefined && 'value' in wanted ? wanted.value : null;
      const found = (yield* call('readBlock', inserted.name, 0, 0, 1, 1)).values[0]?.[0] ?? null;
      const problems = [
        ...(inserted.namedRanges.length !== plan.namedRanges.length
          ? [`${plan.namedRanges.length} names wanted, ${inserted.namedRanges.length} made`]
          : []),
        ...(missing.length > 0 ? [`names not in the workbook: ${missing.join(', ')}`] : []),
        ...(title !== null && found !== title ? [`A1 expected ${shown(title)}, found ${shown(found)}`] : []),
      ];
      check(
        name,
        problems.length === 0,
        problems.length === 0
          ? `inserted as "${inserted.name}" with ${inserted.namedRanges.length} name${inserted.namedRanges.length === 1 ? '' : 's'}`
          : `inserted as "${inserted.name}", but ${problems.join('; ')}`,
      );
      copies.push(...inserted.namedRanges);
    } catch (error) {
      check(name, false, messageOf(error));
    }
  }
  return copies;
}

/** A table read by its name: the row whose `keyHeader` cell is `key`, its cell under `header` (null if none). */
function cellOf(
  table: { values: PlanValue[][] } | null,
  keyHeader: string,
  key: string,
  header: string,
): PlanValue | undefined {
  const head = table?.values[0] ?? [];
  const k = head.indexOf(keyHeader);
  const c = head.indexOf(header);
  if (table === null || k < 0 || c < 0) return undefined;
  return table.values.find((r) => r[k] === key)?.[c] ?? null;
}

/** Columns the templates compute with the host's own formulas: the SE Scorecard's scores, the funnel's focus. */
function* computedColumnChecks(
  scorecard: string | null,
  funnel: string | null,
  check: (name: string, ok: boolean, detail: string) => void,
): Task<void> {
  const columns = [
    {
      name: "The scratch SE Scorecard's SE scores (the host's formulas)",
      table: scorecard,
      keyHeader: 'Plan or initiative',
      header: 'SE score (0-100)',
      expected: EXPECTED_SCORES.map((e) => ({ key: e.plan, value: e.score as PlanValue })),
    },
    {
      name: "The scratch Activity Funnel's coaching focus (the host's formulas)",
      table: funnel,
      keyHeader: 'Rep',
      header: 'Coaching focus (leakiest step)',
      expected: EXPECTED_FOCUS.map((e) => ({ key: e.rep, value: e.focus as PlanValue })),
    },
  ];
  for (const col of columns) {
    if (col.table === null) continue; // its insert failed, and said so
    try {
      const read = yield* call('readTable', col.table);
      const wrong: string[] = [];
      for (const e of col.expected) {
        const got = cellOf(read, col.keyHeader, e.key, col.header);
        if (got === undefined) {
          wrong.push(`the table ${col.table} has no "${col.keyHeader}" and "${col.header}" columns`);
          break;
        }
        if (!sameResult(e.value, got, 9))
          wrong.push(`${e.key} expected ${shown(e.value)}, found ${shown(got)}`);
      }
      check(
        col.name,
        wrong.length === 0,
        wrong.length === 0
          ? col.expected
              .map((e) => `${e.key} ${typeof e.value === 'string' ? e.value : String(e.value)}`)
              .join(', ')
          : wrong.join('; '),
      );
    } catch (error) {
      check(col.name, false, messageOf(error));
    }
  }
}

/** The review of the scratch tracker's July, and the tracker's own Status column, against the worked values. */
function* reviewChecks(
  request: RunSelfTestRequest,
  tracker: string,
  check: (name: string, ok: boolean, detail: string) => void,
): Task<void> {
  const name = `Monthly review of the scratch CSF Tracker (period ${REVIEW_PERIOD})`;
  try {
    const data = yield* loadReviewTask({ today: request.today, tracker, period: REVIEW_PERIOD });
    const csfs = data.teams.flatMap((t) => t.csfs);
    const wrong: string[] = [];
    for (const want of EXPECTED_REVIEW) {
      const got = csfs.find((c) => c.csf.replace(/^Example: /, '') === want.csf);
      if (got === undefined) {
        wrong.push(`${want.csf} is missing`);
        continue;
      }
      if (got.status !== want.status) wrong.push(`${want.csf} expected ${want.status}, found ${got.status}`);
      if (want.ytdActual !== null && !sameResult(want.ytdActual, got.ytdActual, 9))
        wrong.push(`${want.csf} YTD actual expected ${want.ytdActual}, found ${shown(got.ytdActual)}`);
      if (want.ytdTarget !== null && !sameResult(want.ytdTarget, got.ytdTarget, 9))
        wrong.push(`${want.csf} YTD target expected ${want.ytdTarget}, found ${shown(got.ytdTarget)}`);
    }
    if (csfs.length !== EXPECTED_REVIEW.length)
      wrong.push(`${EXPECTED_REVIEW.length} CSFs expected, found ${csfs.length}`);
    check(
      name,
      wrong.length === 0,
      wrong.length === 0
        ? `read "${data.trackerSheet}": ${EXPECTED_REVIEW.map((c) => `${c.csf} ${c.status}`).join(', ')}`
        : wrong.join('; '),
    );
  } catch (error) {
    check(name, false, messageOf(error));
  }

  // The tracker's own Status column: the host's formulas, not the review's model.
  const own = "The scratch CSF Tracker's Status column (the host's formulas)";
  try {
    const table = yield* call('readTable', tracker);
    const header = table?.values[0] ?? [];
    const statusCol = header.findIndex((h) => h === 'Status');
    const csfCol = header.findIndex((h) => h === 'CSF');
    if (table === null || statusCol < 0 || csfCol < 0) {
      check(own, false, `the table ${tracker} has no CSF and Status columns`);
      return;
    }
    const wrong: string[] = [];
    for (const want of EXPECTED_REVIEW) {
      const line = table.values.find(
        (r) => typeof r[csfCol] === 'string' && (r[csfCol] as string).replace(/^Example: /, '') === want.csf,
      );
      const got = line?.[statusCol] ?? null;
      if (got !== want.status) wrong.push(`${want.csf} expected ${want.status}, found ${shown(got)}`);
    }
    check(own, wrong.length === 0, wrong.length === 0 ? 'every example row as expected' : wrong.join('; '));
  } catch (error) {
    check(own, false, messageOf(error));
  }
}

/** A quarter prepared from the scratch tracker (a new sheet, under a free name), its summary read back. */
function* quarterChecks(
  request: RunSelfTestRequest,
  tracker: string,
  made: Made[],
  check: (name: string, ok: boolean, detail: string) => void,
): Task<void> {
  const name = `Quarterly review Q${QUARTER} of the scratch CSF Tracker`;
  try {
    const result = yield* prepareQuarterTask({
      today: request.today,
      tracker,
      quarter: QUARTER,
      addUnderNewName: true,
    });
    if (result.status !== 'created') {
      check(name, false, `no sheet was prepared: ${result.message}`);
      return;
    }
    made.push({ sheet: result.sheetName, names: [] });
    const e = EXPECTED_QUARTER_COUNTS;
    const counts = `${e.onTrack} of ${e.judged} CSFs on track, ${e.atRisk} at risk, ${e.offTrack} off track.`;
    const first = result.summary[0] ?? '';
    // The summary's first line is the sheet's row 5 (under the title, its note and "Summary").
    const cell = (yield* call('readBlock', result.sheetName, 4, 0, 1, 1)).values[0]?.[0] ?? null;
    const problems = [
      ...(first.endsWith(counts) ? [] : [`the summary says "${first}", expected it to end "${counts}"`]),
      ...(cell === first ? [] : [`the sheet's summary cell holds ${shown(cell)}`]),
    ];
    check(
      name,
      problems.length === 0,
      problems.length === 0 ? `prepared "${result.sheetName}": ${first}` : problems.join('; '),
    );
  } catch (error) {
    check(name, false, messageOf(error));
  }
}

/**
 * Removes every sheet and name the test made, newest first, each on its own (one failing does not keep the
 * rest), then compares the workbook's sheets and names with what it had before; a leftover that is the test's
 * own is tried once more.
 */
function* removeAll(
  made: readonly Made[],
  sheetsBefore: readonly string[],
  namesBefore: readonly string[],
): Task<{ leftOver: string[]; errors: string[] }> {
  const errors: string[] = [];
  const remove = function* (m: Made): Task<void> {
    try {
      yield* call('removeSheet', m.sheet, m.names);
    } catch (error) {
      errors.push(`removing "${m.sheet}": ${messageOf(error)}`);
    }
  };
  for (const m of [...made].reverse()) yield* remove(m);
  let left = yield* leftOver(sheetsBefore, namesBefore);
  if (left.sheets.length + left.names.length > 0) {
    for (const m of [...made].reverse()) {
      const sheetLeft = left.sheets.some((s) => s === m.sheet);
      const namesLeft = m.names.filter((n) => left.names.some((l) => sameName(l, n)));
      if (sheetLeft || namesLeft.length > 0) yield* remove({ sheet: m.sheet, names: namesLeft });
    }
    left = yield* leftOver(sheetsBefore, namesBefore);
  }
  return {
    leftOver: [
      ...left.sheets.map((s) => `the sheet "${s}"`),
      ...left.missingSheets.map((s) => `the sheet "${s}" is gone`),
      ...left.names.map((n) => `the name ${n}`),
      ...left.missingNames.map((n) => `the name ${n} is gone`),
    ],
    errors,
  };
}

function* leftOver(
  sheetsBefore: readonly string[],
  namesBefore: readonly string[],
): Task<{ sheets: string[]; names: string[]; missingSheets: string[]; missingNames: string[] }> {
  try {
    const sheets = yield* call('sheetNames');
    const names = yield* call('namedRangeNames');
    return {
      sheets: sheets.filter((s) => !sheetsBefore.includes(s)),
      names: names.filter((n) => !namesBefore.includes(n)),
      missingSheets: sheetsBefore.filter((s) => !sheets.includes(s)),
      missingNames: namesBefore.filter((n) => !names.includes(n)),
    };
  } catch (error) {
    return {
      sheets: [`(the workbook could not be read: ${messageOf(error)})`],
      names: [],
      missingSheets: [],
      missingNames: [],
    };
  }
}
