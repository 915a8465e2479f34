/**
 * Application services are written once as tasks: generators that yield the Workbook operations they need as
 * data and get the results back. A task runs synchronously over a SyncWorkbook (Apps Script, whose services
 * are synchronous and whose the Apps Script client bridge needs a plain value back, not a promise) or asynchronously over
 * a Workbook (Excel, the preview). The app's logic is the same code in both.
 */
import type { SyncWorkbook, Workbook } from '../workbook';

type Op = keyof SyncWorkbook;

export type PortCall = { [K in Op]: { op: K; args: Parameters<SyncWorkbook[K]> } }[Op];

export type Task<T> = Generator<PortCall, T, unknown>;

/** One Workbook operation inside a task: `const table = yield* call('readTable', name);` */
export function* call<K extends Op>(
  op: K,
  ...args: Parameters<SyncWorkbook[K]>
): Generator<PortCall, ReturnType<SyncWorkbook[K]>, unknown> {
  return (yield { op, args } as PortCall) as ReturnType<SyncWorkbook[K]>;
}

export function runSync<T>(task: Task<T>, workbook: SyncWorkbook): T {
  let step = task.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = (workbook[step.value.op] as (...args: unknown[]) => unknown)(...step.value.args);
    } catch (error) {
      step = task.throw(error);
      continue;
    }
    step = task.next(result);
  }
  return step.value;
}

export async function runAsync<T>(task: Task<T>, workbook: Workbook): Promise<T> {
  let step = task.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = await (workbook[step.value.op] as (...args: unknown[]) => Promise<unknown>)(
        ...step.value.args,
      );
    } catch (error) {
      step = task.throw(error);
      continue;
    }
    step = task.next(result);
  }
  return step.value;
}
