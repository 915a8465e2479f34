import { describeValue } from '../../src/values/describe';

describe('describeValue', () => {
  it('cuts long text at 40 characters with an ellipsis', () => {
    expect(describeValue('x'.repeat(50))).toBe(JSON.stringify(`${'x'.repeat(40)}…`));
    expect(describeValue('x'.repeat(40))).toBe(JSON.stringify('x'.repeat(40)));
  });
  it('never splits an emoji (a surrogate pair) at the cut (issue 10, item 13)', () => {
    const text = `${'x'.repeat(39)}😀${'y'.repeat(10)}`;
    const shown = JSON.parse(describeValue(text)) as string;
    expect(shown).toBe(`${'x'.repeat(39)}…`);
    // No lone surrogate anywhere.
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(shown)).toBe(false);
    const whole = JSON.parse(describeValue(`${'x'.repeat(38)}😀${'y'.repeat(10)}`)) as string;
    expect(whole).toBe(`${'x'.repeat(38)}😀…`);
  });
});
