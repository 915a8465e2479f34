/** The one sidebar / task pane: three tabs (WAI-ARIA tabs pattern: arrow keys move between tabs). */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { HostApi } from '../hostApi';
import type { WorkbookChanges } from '../hostApi';
import { localToday } from '../format';
import { ConnectPlan } from './ConnectPlan';
import { ConvertFormulas, opensOnConvertFormulas } from './ConvertFormulas';
import { MonthlyReview, type ReviewState } from './MonthlyReview';
import { OneOnOne, type OneOnOneRequest } from './OneOnOne';
import { messageOf, type NoticeState } from './Notice';
import { QuarterPrep } from './QuarterPrep';
import { SelfTest, opensOnSelfTest } from './SelfTest';
import { Templates } from './Templates';

export type TabId = 'monthly' | 'oneonone' | 'quarter' | 'connect' | 'templates';
const TABS: { id: TabId; label: string }[] = [
  // Short labels: five tabs share one line of a 300 px sidebar (each panel's heading says the rest).
  { id: 'monthly', label: 'Review' },
  { id: 'quarter', label: 'Quarter' },
  { id: 'connect', label: 'Connect' },
  { id: 'oneonone', label: '1:1' },
  { id: 'templates', label: 'Templates' },
];

/** Lets the page (the Excel ribbon's commands) show what it did in the Templates tab. */
export interface AppControl {
  showTemplateNotice(notice: NoticeState): void;
  /** The Excel ribbon's "Run self-test": the Templates tab's "Check this installation", started. */
  startSelfTest(): void;
}

export function App({
  host,
  onControl,
  changes,
}: {
  host: HostApi;
  onControl?: (control: AppControl) => void;
  /** The workbook's changes, when the page's host pushes them (Excel, the preview): the review refreshes. */
  changes?: WorkbookChanges;
}) {
  const [tab, setTab] = useState<TabId>('monthly');
  const [review, setReview] = useState<ReviewState>({ data: null, loading: true, error: null });
  const [templateNotice, setTemplateNotice] = useState<NoticeState | null>(null);
  // The rep the review's coaching summary asked a 1:1 for (a new object per click).
  const [oneOnOne, setOneOnOne] = useState<OneOnOneRequest | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  // Each request to run the self-test (the Sheets menu's page, the Excel ribbon) is a new number.
  const [selfTestStart, setSelfTestStart] = useState(0);
  useEffect(() => {
    if (!opensOnSelfTest()) return;
    setTab('templates');
    setSelfTestStart((n) => n + 1);
  }, []);
  // The Sheets menu's "Convert Excel formulas…" opens the sidebar on the Templates tab's conversion section.
  useEffect(() => {
    if (opensOnConvertFormulas()) setTab('templates');
  }, []);

  // The CSF Tracker the user chose when the workbook has more than one (its table's name); default the first.
  const chosenTracker = useRef<string | undefined>(undefined);
  const load = useCallback(
    async (period?: number, tracker?: string) => {
      if (tracker !== undefined) chosenTracker.current = tracker;
      setReview((r) => ({ ...r, loading: true, error: null }));
      try {
        const data = await host.loadReview({
          today: localToday(),
          ...(period === undefined ? {} : { period }),
          ...(chosenTracker.current === undefined ? {} : { tracker: chosenTracker.current }),
        });
        setReview({ data, loading: false, error: null });
      } catch (error) {
        // A chosen tracker that has gone: the next load (Refresh, Try again) reads the first one there is.
        chosenTracker.current = undefined;
        setReview((r) => ({ ...r, loading: false, error: messageOf(error) }));
      }
    },
    [host],
  );

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    onControl?.({
      showTemplateNotice: (notice) => {
        setTab('templates');
        setTemplateNotice(notice);
        // The ribbon inserted a template: the review reads it (a tracker where there was none).
        if (notice.kind === 'done') void load();
      },
      startSelfTest: () => {
        setTab('templates');
        setSelfTestStart((n) => n + 1);
      },
    });
  }, [onControl]);

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const next =
      e.key === 'ArrowRight'
        ? index + 1
        : e.key === 'ArrowLeft'
          ? index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    const i = (next + TABS.length) % TABS.length;
    setTab(TABS[i].id);
    tabRefs.current[i]?.focus();
  };

  return (
    <main class="app">
      <h1 class="visually-hidden">SE Toolkit</h1>
      <div role="tablist" aria-label="SE Toolkit" class="tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <section
          key={t.id}
          role="tabpanel"
          id={`panel-${t.id}`}
          aria-labelledby={`tab-${t.id}`}
          hidden={tab !== t.id}
          class="panel"
        >
          {t.id === 'monthly' ? (
            <MonthlyReview
              host={host}
              review={review}
              load={load}
              changes={changes}
              onOpenOneOnOne={(rep) => {
                setOneOnOne({ rep });
                setTab('oneonone');
              }}
            />
          ) : null}
          {t.id === 'oneonone' ? (
            <OneOnOne host={host} active={tab === 'oneonone'} request={oneOnOne} />
          ) : null}
          {t.id === 'quarter' ? <QuarterPrep host={host} data={review.data} /> : null}
          {t.id === 'connect' ? (
            // The review reads the tracker the connect wrote: load it again.
            <ConnectPlan host={host} onConnected={() => void load()} />
          ) : null}
          {t.id === 'templates' && tab === 'templates' ? (
            <Templates
              host={host}
              notice={templateNotice}
              setNotice={setTemplateNotice}
              // The review reads the inserted sheets (a tracker, a log's open actions, a funnel's coaching focus):
              // load it again; drafts are kept per month.
              onInserted={() => void load()}
            />
          ) : null}
          {/* Below the template list; kept mounted while hidden, so a scan's list survives a tab switch. */}
          {t.id === 'templates' ? <ConvertFormulas host={host} /> : null}
          {/* Kept mounted while hidden, so a report survives a tab switch. */}
          {t.id === 'templates' ? <SelfTest host={host} start={selfTestStart} /> : null}
        </section>
      ))}
    </main>
  );
}
