/**
 * LibreOffice Calc as a third formula engine: find (or install) `soffice`, and recalculate .xlsx files with it
 * headless, each run in its own fresh user profile so parallel and CI runs never share one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const INSTALL_HINT =
  'LibreOffice Calc is needed for the .xlsx recalculation tests. Install it with:\n' +
  '  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-calc\n' +
  '(macOS: brew install --cask libreoffice), or put `soffice` on PATH.';

function which(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : null;
}

/**
 * The `soffice` to run. When it is missing and this process may use apt (root, apt-get present), installs
 * libreoffice-calc; otherwise throws with the install command. Never returns without a LibreOffice.
 */
export function ensureSoffice(log: (line: string) => void = () => undefined): string {
  const present = which('soffice');
  if (present !== null) return present;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || which('apt-get') === null)
    throw new Error(`soffice was not found on PATH and cannot be installed from here.\n${INSTALL_HINT}`);
  log('soffice not found: installing libreoffice-calc with apt-get (a few minutes)…');
  const install = spawnSync(
    'sh',
    [
      '-c',
      'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-calc',
    ],
    { encoding: 'utf8', timeout: 15 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 },
  );
  if (install.status !== 0)
    throw new Error(
      `installing libreoffice-calc failed (status ${install.status}, ${install.error?.message ?? 'no spawn error'}):\n` +
        `${install.stderr.slice(-2000)}\n${INSTALL_HINT}`,
    );
  const installed = which('soffice');
  if (installed === null)
    throw new Error(`apt-get installed libreoffice-calc but soffice is still not on PATH.\n${INSTALL_HINT}`);
  return installed;
}

/**
 * A user profile that makes LibreOffice recalculate every formula of an .xlsx on load (Tools ▸ Options ▸ Calc ▸
 * Formula ▸ "Recalculation on file load" ▸ Excel 2007 and newer: Always). The shipped default (1) is "never":
 * LibreOffice would show the cached results the file carries, and the test would compare HyperFormula with itself.
 */
const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Long enough for a thousand trackers on a busy machine. */
const CONVERT_TIMEOUT = 10 * 60 * 1000;

export interface RecalcResult {
  /** Output files, in input order. */
  outputs: string[];
  millis: number;
}

/**
 * Opens each input in one headless LibreOffice, recalculating every formula, and saves it as .xlsx into a new
 * folder: the cached values in the outputs are LibreOffice's own.
 */
export async function convertWithLibreOffice(soffice: string, inputs: string[]): Promise<RecalcResult> {
  const work = await mkdtemp(join(tmpdir(), 'se-lo-'));
  const profile = join(work, 'profile');
  const outDir = join(work, 'out');
  await mkdir(join(profile, 'user'), { recursive: true });
  await mkdir(outDir);
  await writeFile(join(profile, 'user', 'registrymodifications.xcu'), ALWAYS_RECALCULATE);
  const started = Date.now();
  const run = await new Promise<{
    status: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
    error?: Error;
  }>((resolve) => {
    const child = spawn(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--nologo',
        '--nolockcheck',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        outDir,
        ...inputs,
      ],
      { env: { ...process.env, HOME: work }, timeout: CONVERT_TIMEOUT },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => resolve({ status: null, signal: null, stdout, stderr, error }));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  const millis = Date.now() - started;
  const outputs = inputs.map((i) => join(outDir, basename(i)));
  const missing = outputs.filter((o) => !existsSync(o));
  if (run.status !== 0 || missing.length > 0)
    throw new Error(
      `soffice --convert-to failed (status ${run.status}, signal ${run.signal}, ${missing.length} missing output(s))\n` +
        `${run.error?.message ?? ''}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`,
    );
  return { outputs, millis };
}

/**
 * The same, with the inputs shared among `processes` LibreOffice runs at once (each with its own profile):
 * on a machine with several cores, several workbooks recalculate side by side.
 */
export async function convertInParallel(
  soffice: string,
  inputs: string[],
  processes: number,
): Promise<RecalcResult> {
  const started = Date.now();
  const groups = Array.from({ length: Math.max(1, processes) }, (_, k) =>
    inputs.filter((_, i) => i % Math.max(1, processes) === k),
  ).filter((g) => g.length > 0);
  const results = await Promise.all(groups.map((g) => convertWithLibreOffice(soffice, g)));
  const outputs = inputs.map((input) => {
    const k = groups.findIndex((g) => g.includes(input));
    return results[k].outputs[groups[k].indexOf(input)];
  });
  return { outputs, millis: Date.now() - started };
}
