/**
 * What happens to an open action or commitment: Leave open, Done or Carry over, as one radio group. The monthly
 * review's open actions and the 1:1's commitments use the same choices and the same words.
 */
export type ActionChoice = '' | 'Done' | 'Carried over';

const CHOICES: { value: ActionChoice; label: string }[] = [
  { value: '', label: 'Leave open' },
  { value: 'Done', label: 'Done' },
  { value: 'Carried over', label: 'Carry over' },
];

export function ActionChoices({
  name,
  value,
  disabled = false,
  onChange,
}: {
  /** The radio group's name, unique on the page. */
  name: string;
  value: ActionChoice;
  disabled?: boolean;
  onChange: (value: ActionChoice) => void;
}) {
  return (
    <div class="choices">
      {CHOICES.map((c) => (
        <label class="inline" key={c.value}>
          <input
            type="radio"
            name={name}
            value={c.value}
            disabled={disabled}
            checked={value === c.value}
            onChange={() => onChange(c.value)}
          />
          {` ${c.label}`}
        </label>
      ))}
    </div>
  );
}
