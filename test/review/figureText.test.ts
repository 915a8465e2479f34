/**
 * Finance-grade wording of a CSF's figures: the examples issue 9 gives ("+12 k€ favourable", "11 k€ over
 * budget", "8% over budget", "Max 17.8 k€ a month to stay in budget", a rate's needed average as a rate), and the
 * formats it asks for (thousands separators, no "1.2k k€", no fractional appointments).
 */
import {
  differenceText,
  figureStyle,
  forecastGapText,
  neededText,
  numberText,
  pairText,
  shareText,
  valueText,
  varianceText,
} from '../../src/review/figureText';

const keur = figureStyle('k€');
const count = figureStyle('count');
const rate = figureStyle('%');

describe('one decimal rule per CSF', () => {
  it('reads the kind from the unit, and from whole-number months for other units', () => {
    expect(keur).toEqual({ kind: 'amount', suffix: 'k€', money: true });
    expect(count).toEqual({ kind: 'count', suffix: '', money: false });
    expect(rate).toEqual({ kind: 'percent', suffix: '', money: false });
    expect(figureStyle('calls', [10, 12, null, 9])).toEqual({ kind: 'count', suffix: 'calls', money: false });
    expect(figureStyle('hours', [10.5, 12])).toEqual({ kind: 'amount', suffix: 'hours', money: false });
    expect(figureStyle('USD', [10, 12]).money).toBe(true);
  });

  it('thousands separators, never a "k" shorthand on top of the unit', () => {
    expect(valueText(1200, keur)).toBe('1,200 k€');
    expect(valueText(1262.4, keur)).toBe('1,262 k€');
    expect(valueText(3_400_000, figureStyle('€'))).toBe('3,400,000 €');
    expect(valueText(17.8, keur)).toBe('17.8 k€');
    expect(valueText(11, keur)).toBe('11 k€');
  });

  it('counts are whole (no fractional appointments), rates are % with one decimal', () => {
    expect(valueText(1182.857142857, count)).toBe('1,183');
    expect(valueText(103.6, count)).toBe('104');
    expect(valueText(0.05, rate)).toBe('5.0%');
    expect(valueText(0.4 / 7, rate)).toBe('5.7%');
    expect(numberText(-0.0004, count)).toBe('0');
    expect(numberText(-4, count)).toBe('−4');
  });

  it('the unit once per row', () => {
    expect(pairText(454, 560, count)).toBe('454 of 560');
    expect(pairText(1262, 1210, keur)).toBe('1,262 of 1,210 k€');
    expect(pairText(0.06, 0.05, rate, 'vs')).toBe('6.0% vs 5.0%');
  });
});

describe('variance with its side, in words', () => {
  it('up: +12 k€ favourable, −106 unfavourable', () => {
    expect(varianceText(12, true, 'up', keur)).toBe('+12 k€ favourable');
    expect(varianceText(-106, false, 'up', count)).toBe('−106 unfavourable');
    expect(varianceText(0, true, 'up', count)).toBe('on target');
  });

  it('a cost: 11 k€ over budget, 4 k€ under budget', () => {
    expect(varianceText(11, false, 'down', keur)).toBe('11 k€ over budget');
    expect(varianceText(-4, true, 'down', keur)).toBe('4 k€ under budget');
    expect(varianceText(0, true, 'down', keur)).toBe('on budget');
  });

  it('a rate differs in points; range says whether it is within tolerance', () => {
    expect(varianceText(0.4 / 7 - 0.05, false, 'down', rate)).toBe('+0.7 pt unfavourable');
    expect(differenceText(-0.003, rate)).toBe('−0.3 pt');
    expect(varianceText(7, true, 'range', keur)).toBe('+7 k€, within tolerance');
    expect(varianceText(-20, false, 'range', keur)).toBe('−20 k€, outside tolerance');
  });
});

describe('forecast against the annual target', () => {
  it('8% over budget for a cost; 21% short for a flow; points for a rate', () => {
    // 259.2 against 240: 19.2 / 240 = 8%.
    expect(forecastGapText(19.2, 240, 'down', keur)).toBe('8% over budget');
    // 757.7 against 960: 202.3 / 960 = 21%.
    expect(forecastGapText(757.7 - 960, 960, 'up', count)).toBe('21% short');
    expect(forecastGapText(60, 1200, 'up', keur)).toBe('5% ahead');
    expect(forecastGapText(0.004, 0.05, 'down', rate)).toBe('0.4 pt above target');
    expect(forecastGapText(0, 1200, 'up', keur)).toBe('on target');
    expect(shareText(1, 1000)).toBe('<1%');
    expect(shareText(1, 0)).toBeNull();
  });
});

describe('what each remaining month needs', () => {
  it('Max 17.8 k€ a month to stay in budget for a down Sum CSF', () => {
    // (240 − 151) / 5 = 17.8
    expect(neededText(17.8, 'Sum', 'down', keur)).toBe('Max 17.8 k€ a month to stay in budget');
    expect(neededText(0, 'Sum', 'down', keur)).toBe('The annual budget is already used up');
  });

  it('a rate’s needed average as a rate: 6.3%', () => {
    // SPEC §0: rates 5%, 6%, 4% toward 6%: (6% × 12 − 15%) / 9 = 6.33%.
    expect(neededText((0.06 * 12 - 0.15) / 9, 'Average', 'up', rate)).toBe(
      '6.3% a month on average to reach target',
    );
    expect(neededText(0.04, 'Average', 'down', rate)).toBe(
      'Max 4.0% a month on average to stay within target',
    );
  });

  it('a flow: 120 a month; a level: the change per month; 0 once reached', () => {
    expect(neededText(120, 'Sum', 'up', count)).toBe('120 a month to reach target');
    // SPEC §0: headcount 100, 110, 120 toward 200: (200 − 120) / 9 = 8.89 a month.
    expect(neededText(80 / 9, 'Last', 'up', figureStyle('FTE', [100, 110, 120]))).toBe(
      '+9 FTE a month to reach target',
    );
    expect(neededText(80 / 9, 'Last', 'up', figureStyle('FTE', [100.5]))).toBe(
      '+8.9 FTE a month to reach target',
    );
    expect(neededText(0, 'Sum', 'up', count)).toBe('Target reached');
    expect(neededText(null, 'Sum', 'up', count)).toBeNull();
  });
});
