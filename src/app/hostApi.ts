/**
 * The HostApi: everything the sidebar / task pane can ask of its host, as plain JSON in and out (ISO date
 * strings, never Date objects: a Date in a the Apps Script client bridge payload makes the call fail). One table of tasks
 * is the single source: Excel and the preview call it directly (asyncHost), Sheets runs it synchronously in
 * generated top-level server functions (runHostCall) that the sidebar reaches through a typed proxy.
 */
import type { SyncWorkbook, Workbook } from '../workbook';
import { ReviewError } from '../review/reviewError';
import {
  loadReviewTask,
  prepareQuarterTask,
  saveReviewTask,
  type LoadReviewRequest,
  type PrepareQuarterRequest,
  type PrepareQuarterResult,
  type ReviewData,
  type SaveReviewRequest,
  type SaveReviewResult,
} from './review';
import { detectPlans, planConnect } from '../connect';
import {
  connectPlanTask,
  scanPlanTask,
  type ConnectCore,
  type ConnectPlanRequest,
  type ConnectPlanResult,
  type ScanPlanRequest,
  type ScanPlanResult,
} from './connect';
import {
  loadOneOnOneTask,
  saveOneOnOneTask,
  type LoadOneOnOneRequest,
  type OneOnOneLoad,
  type SaveOneOnOneRequest,
  type SaveOneOnOneResult,
} from './coaching';
import { HOST_METHODS, type HostMethod } from './hostMethods';
import { runAsync, runSync, type Task } from './task';

export { HOST_METHODS, serverFunctionName, type HostMethod } from './hostMethods';
import {
  insertTemplateTask,
  templateChoices,
  type InsertTemplateRequest,
  type InsertTemplateResult,
  type TemplateChoice,
} from './templates';
import { openSheetTask, type OpenSheetRequest, type OpenSheetResult } from './sheets';
import {
  convertFormulaNamesTask,
  scanFormulaNamesTask,
  seFunctionNames,
  type ConvertFormulaNamesRequest,
  type ConvertFormulaNamesResult,
  type ScanFormulaNamesRequest,
  type ScanFormulaNamesResult,
} from './convertFormulas';
import { runSelfTestTask, type RunSelfTestRequest, type SelfTestReport } from './selfTest';

export interface HostApi {
  templateChoices(request: Record<string, never>): Promise<TemplateChoice[]>;
  insertTemplate(request: InsertTemplateRequest): Promise<InsertTemplateResult>;
  loadReview(request: LoadReviewRequest): Promise<ReviewData>;
  saveReview(request: SaveReviewRequest): Promise<SaveReviewResult>;
  prepareQuarter(request: PrepareQuarterRequest): Promise<PrepareQuarterResult>;
  scanPlan(request: ScanPlanRequest): Promise<ScanPlanResult>;
  connectPlan(request: ConnectPlanRequest): Promise<ConnectPlanResult>;
  loadOneOnOne(request: LoadOneOnOneRequest): Promise<OneOnOneLoad>;
  saveOneOnOne(request: SaveOneOnOneRequest): Promise<SaveOneOnOneResult>;
  openSheet(request: OpenSheetRequest): Promise<OpenSheetResult>;
  scanFormulaNames(request: ScanFormulaNamesRequest): Promise<ScanFormulaNamesResult>;
  convertFormulaNames(request: ConvertFormulaNamesRequest): Promise<ConvertFormulaNamesResult>;
  runSelfTest(request: RunSelfTestRequest): Promise<SelfTestReport>;
}

/** The core of Connect my plan (src/connect), as the tasks take it. */
const CONNECT_CORE: ConnectCore = { detectPlans, planConnect };

// The task table below must cover exactly the methods of ./hostMethods (checked both ways at compile time).
type SameKeys = [HostMethod] extends [keyof HostApi]
  ? [keyof HostApi] extends [HostMethod]
    ? true
    : false
  : false;
const hostMethodsMatch: SameKeys = true;
void hostMethodsMatch;
type RequestOf<M extends HostMethod> = Parameters<HostApi[M]>[0];
type ResultOf<M extends HostMethod> = Awaited<ReturnType<HostApi[M]>>;

// eslint-disable-next-line require-yield -- a task that needs no workbook operation
function* choicesTask(): Task<TemplateChoice[]> {
  return templateChoices();
}

const tasks: { [M in HostMethod]: (request: RequestOf<M>) => Task<ResultOf<M>> } = {
  templateChoices: () => choicesTask(),
  insertTemplate: (r) => insertTemplateTask(r),
  loadReview: (r) => loadReviewTask(r),
  saveReview: (r) => saveReviewTask(r),
  prepareQuarter: (r) => prepareQuarterTask(r),
  scanPlan: (r) => scanPlanTask(r, CONNECT_CORE),
  connectPlan: (r) => connectPlanTask(r, CONNECT_CORE),
  loadOneOnOne: (r) => loadOneOnOneTask(r),
  saveOneOnOne: (r) => saveOneOnOneTask(r),
  openSheet: (r) => openSheetTask(r),
  scanFormulaNames: (r) => scanFormulaNamesTask(r, seFunctionNames()),
  convertFormulaNames: (r) => convertFormulaNamesTask(r, seFunctionNames()),
  runSelfTest: (r) => runSelfTestTask(r),
};

/**
 * What reaches the UI when a call fails: a ReviewError's words as they are (they say what to fix); anything
 * else is a bug of ours, reported as one sentence without a stack trace.
 */
export function failureMessage(method: string, error: unknown): string {
  if (error instanceof ReviewError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `SE Toolkit could not ${describe(method)}: ${detail}`;
}

function describe(method: string): string {
  switch (method) {
    case 'insertTemplate':
      return 'insert the template';
    case 'loadReview':
      return 'load the review';
    case 'saveReview':
      return 'save the review';
    case 'prepareQuarter':
      return 'prepare the quarter';
    case 'scanPlan':
      return 'scan the workbook for a plan';
    case 'connectPlan':
      return 'connect the plan';
    case 'loadOneOnOne':
      return 'load the 1:1';
    case 'saveOneOnOne':
      return 'save the 1:1';
    case 'openSheet':
      return 'open the sheet';
    case 'scanFormulaNames':
      return 'scan the workbook for formulas to convert';
    case 'convertFormulaNames':
      return 'convert the formulas';
    case 'runSelfTest':
      return 'run the self-test';
    default:
      return 'do that';
  }
}

function taskFor(method: string, request: unknown): Task<unknown> {
  if (!(HOST_METHODS as readonly string[]).includes(method)) throw new Error(`no host method "${method}"`);
  const make = tasks[method as HostMethod] as (r: unknown) => Task<unknown>;
  return make(request ?? {});
}

/** Excel and the preview: the HostApi as direct (asynchronous) calls over the workbook. */
export function asyncHost(workbook: Workbook): HostApi {
  const api = {} as Record<HostMethod, (request: unknown) => Promise<unknown>>;
  for (const method of HOST_METHODS) {
    api[method] = async (request) => {
      try {
        return await runAsync(taskFor(method, request), workbook);
      } catch (error) {
        // Only words cross to the UI (the cause option is ES2022, beyond the add-ins' ES2020 target).
        // eslint-disable-next-line preserve-caught-error
        throw new Error(failureMessage(method, error));
      }
    };
  }
  return api as unknown as HostApi;
}

/** Sheets: one server call, run synchronously (the Apps Script client bridge needs a plain value back, not a promise). */
export function runHostCall(workbook: SyncWorkbook, method: string, request: unknown): unknown {
  try {
    return runSync(taskFor(method, request), workbook);
  } catch (error) {
    // Only words cross the Apps Script client bridge to the failure handler; a stack would add nothing the user can act on.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(failureMessage(method, error));
  }
}
