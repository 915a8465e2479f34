/** Status as text plus a mark and a colour, never colour alone. */
import type { Status } from '../../src/measures/status';

const marks: Record<Status | '', { mark: string; cls: string; text: string }> = {
  'Off track': { mark: '✕', cls: 'off', text: 'Off track' },
  'At risk': { mark: '!', cls: 'risk', text: 'At risk' },
  'On track': { mark: '✓', cls: 'on', text: 'On track' },
  '': { mark: '–', cls: 'none', text: 'No data yet' },
};

export function StatusChip({ status }: { status: Status | '' }) {
  const m = marks[status] ?? marks[''];
  return (
    <span class={`chip chip-${m.cls}`}>
      <span aria-hidden="true">{m.mark} </span>
      {m.text}
    </span>
  );
}
