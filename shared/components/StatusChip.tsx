/** Status as text plus a mark and a colour, never colour alone. */
import type { CsfStatus } from '../../src/measures/measure';

type ChipStatus = CsfStatus | 'flagged' | '';

const marks: Record<ChipStatus, { mark: string; cls: string; text: string }> = {
  'Off track': { mark: '✕', cls: 'off', text: 'Off track' },
  'At risk': { mark: '!', cls: 'risk', text: 'At risk' },
  'On track': { mark: '✓', cls: 'on', text: 'On track' },
  'Awaiting actual': { mark: '…', cls: 'wait', text: 'Awaiting actual' },
  flagged: { mark: '⚠', cls: 'flag', text: 'Check the tracker' },
  '': { mark: '–', cls: 'none', text: 'No data yet' },
};

export function StatusChip({ status }: { status: ChipStatus }) {
  const m = marks[status] ?? marks[''];
  return (
    <span class={`chip chip-${m.cls}`}>
      <span aria-hidden="true">{m.mark} </span>
      {m.text}
    </span>
  );
}
