/**
 * Excel number formats, rendered as Excel, Google Sheets and LibreOffice show a cell: sections for positive,
 * negative, zero and text (`#,##0;[Red](#,##0);"-";@`), colours (`[Red]`), currency symbols (`[$€-407]`),
 * quoted and escaped literals, padding (`_)`), thousands separators and scaling (`#,##0,"k"`), percentages,
 * scientific notation, dates and times (`d-mmm-yy`, `mmmm yyyy`, `h:mm AM/PM`, `[h]:mm`). The grid shows a
 * cell's value through it; the cell keeps its value.
 *
 * Unsupported pieces (fractions `# ?/?`, conditions other than simple comparisons) fall back to General rather
 * than to a wrong number.
 */

export interface Rendered {
  text: string;
  /** A colour the format asks for (`[Red]`), as CSS. */
  color?: string;
}

const COLORS: Record<string, string> = {
  black: '#000000',
  blue: '#0000ff',
  cyan: '#00ffff',
  green: '#008000',
  magenta: '#ff00ff',
  red: '#ff0000',
  white: '#ffffff',
  yellow: '#ffff00',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Splits a format into its sections at the semicolons outside quotes, brackets and escapes. */
export function sections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      cur += format.slice(i, stop + 1);
      i = stop;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      cur += format.slice(i, i + 2);
      i++;
    } else if (ch === '[') {
      const end = format.indexOf(']', i);
      const stop = end < 0 ? format.length : end;
      cur += format.slice(i, stop + 1);
      i = stop;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'color'; color: string }
  | { kind: 'condition'; op: string; value: number }
  | { kind: 'elapsed'; unit: 'h' | 'm' | 's'; width: number };

/** A section's tokens: literals (quoted, escaped, currency, padding), colours, conditions and format codes. */
function tokenize(section: string): Token[] {
  const out: Token[] = [];
  const literal = (text: string): void => {
    const last = out[out.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else out.push({ kind: 'literal', text });
  };
  const code = (text: string): void => {
    const last = out[out.length - 1];
    if (last?.kind === 'code') last.text += text;
    else out.push({ kind: 'code', text });
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    const ampm = /^(am\/pm|a\/p)/i.exec(section.slice(i));
    if (ampm !== null) {
      code(ampm[1]);
      i += ampm[1].length - 1;
    } else if ((ch === 'E' || ch === 'e') && /[+-]/.test(section[i + 1] ?? '')) {
      code(section.slice(i, i + 2));
      i++;
    } else if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      literal(section.slice(i + 1, stop));
      i = stop;
    } else if (ch === '\\') {
      literal(section[i + 1] ?? '');
      i++;
    } else if (ch === '_') {
      literal(' ');
      i++;
    } else if (ch === '*') {
      i++; // fill: repeats its character to the cell's width, which a text has none of
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      i = end < 0 ? section.length : end;
      const lower = inner.toLowerCase();
      const cond = /^(<=|>=|<>|<|>|=)\s*(-?[\d.]+(?:e[+-]?\d+)?)$/i.exec(inner);
      if (COLORS[lower] !== undefined) out.push({ kind: 'color', color: COLORS[lower] });
      else if (/^color\d+$/.test(lower)) continue;
      else if (cond !== null) out.push({ kind: 'condition', op: cond[1], value: Number(cond[2]) });
      else if (inner.startsWith('$')) {
        const symbol = inner.slice(1).split('-')[0];
        if (symbol !== '') literal(symbol);
      } else if (/^(h+|m+|s+)$/i.test(inner))
        out.push({ kind: 'elapsed', unit: lower[0] as 'h' | 'm' | 's', width: inner.length });
      // Anything else in brackets (a locale, a calendar) changes nothing shown here.
    } else if (
      /[$\-+/():!^&'~{}<>= ,]/.test(ch) &&
      !(ch === ',' && /[#0?]/.test(section[i - 1] ?? '') && /[#0?]/.test(section[i + 1] ?? ''))
    ) {
      // Characters Excel shows as themselves (a comma after a digit placeholder is a separator or a scaling).
      if (ch === ',' && /[#0?.]/.test(section.slice(0, i).replace(/,+$/, '').slice(-1))) code(ch);
      else if (ch === '/' && isFractionSlash(section, i)) code(ch);
      else literal(ch);
    } else code(ch);
  }
  return out;
}

/** A slash between digit placeholders is a fraction (`# ?/?`), otherwise (dates) a literal. */
function isFractionSlash(section: string, i: number): boolean {
  return /[#0?]/.test(section[i - 1] ?? '') && /[#0?\d]/.test(section[i + 1] ?? '');
}

const isDateCode = (codes: string): boolean => /[ymdhs]|am\/pm|a\/p/i.test(codes.replace(/e[+-]/gi, ''));

function general(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e11) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [m, e] = v.toExponential(5).split('e');
    const mantissa = m.includes('.') ? m.replace(/\.?0+$/, '') : m;
    const exp = Number(e);
    return `${mantissa}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // Up to 10 significant digits, as a default-width column shows (Excel rounds to what fits).
  return String(Number(v.toPrecision(10)));
}

/** Rounds half away from zero at `decimals`, as Excel does (toFixed rounds 1.005 down: binary fractions). */
function roundAway(v: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(v) * factor;
  const rounded = Math.round(Number(scaled.toPrecision(15)));
  return (Math.sign(v) * rounded) / factor;
}

/** Digits of a non-negative number with exactly `decimals` decimals (no exponent, however large). */
function fixed(v: number, decimals: number): string {
  const r = roundAway(v, decimals);
  if (Math.abs(r) < 1e21) return r.toFixed(decimals);
  return BigInt(Math.round(r)).toString() + (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A number through the digit placeholders of a section (its literals in place), or null if unsupported. */
function renderNumber(v: number, tokens: Token[]): string | null {
  const codes = tokens
    .filter((t) => t.kind === 'code')
    .map((t) => (t as { text: string }).text)
    .join('');
  if (codes.includes('/')) return null; // fractions
  let value = v;
  const percents = (codes.match(/%/g) ?? []).length;
  value *= 100 ** percents;
  const sci = /[eE]([+-])/.exec(codes);
  const firstDigit = codes.search(/[#0?]/);
  if (firstDigit < 0) {
    // No digit placeholder: the literals alone (e.g. "-" for zero).
    return tokens
      .map((t) =>
        t.kind === 'literal'
          ? t.text
          : t.kind === 'code'
            ? t.text.replace(/[,%]/g, (c) => (c === '%' ? '%' : ''))
            : '',
      )
      .join('');
  }
  const numberPart = sci === null ? codes : codes.slice(0, sci.index);
  // Trailing commas after the last placeholder divide by a thousand each.
  const scaling = /([#0?.])(,+)(?![#0?])/.exec(numberPart);
  if (scaling !== null && !/[#0?]/.test(numberPart.slice(scaling.index + scaling[0].length)))
    value /= 1000 ** scaling[2].length;
  const dot = numberPart.indexOf('.');
  const intPattern = dot < 0 ? numberPart : numberPart.slice(0, dot);
  const fracPattern = dot < 0 ? '' : numberPart.slice(dot + 1).replace(/[^#0?]/g, '');
  const intMin = (intPattern.match(/[0?]/g) ?? []).length;
  const fracMax = fracPattern.length;
  const fracMin = (fracPattern.match(/0/g) ?? []).length;
  const grouped = /[#0?],+[#0?]/.test(intPattern);

  let body: string;
  if (sci !== null) {
    const expPattern = codes.slice(sci.index + 2).replace(/[^0#?]/g, '');
    let exp = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
    let mantissa = value / 10 ** exp;
    if (Math.abs(roundAway(mantissa, fracMax)) >= 10) {
      exp += 1;
      mantissa = value / 10 ** exp;
    }
    let m = fixed(Math.abs(mantissa), fracMax);
    if (fracMax > fracMin)
      m = m
        .replace(new RegExp(`0{1,${fracMax - fracMin}}$`), '')
        .replace(/\.$/, fracMin === 0 && !fracPattern.includes('#') ? '' : '.');
    const expText = String(Math.abs(exp)).padStart(Math.max(1, expPattern.length), '0');
    body = `${m}E${exp < 0 ? '-' : sci[1] === '+' ? '+' : ''}${expText}`;
  } else {
    const text = fixed(Math.abs(value), fracMax);
    let [int, frac = ''] = text.split('.');
    if (fracMax > fracMin) frac = frac.replace(new RegExp(`0{0,${fracMax - fracMin}}$`), '');
    if (int === '0' && intMin === 0) int = '';
    int = int.padStart(intMin, '0');
    if (grouped) int = group(int);
    body = dot >= 0 ? `${int}.${frac}` : int;
  }
  // What is written before the first placeholder, the number, what is written after the last (% and literals
  // where they stand; a comma outside the digits is no separator).
  const items: { ch: string; literal: boolean }[] = [];
  for (const t of tokens) {
    if (t.kind === 'literal') for (const ch of t.text) items.push({ ch, literal: true });
    else if (t.kind === 'code') for (const ch of t.text) items.push({ ch, literal: false });
  }
  const isDigit = (i: number): boolean => !items[i].literal && /[#0?.]/.test(items[i].ch);
  let first = items.findIndex((_, i) => isDigit(i));
  let last = -1;
  for (let i = items.length - 1; i >= 0; i--)
    if (isDigit(i)) {
      last = i;
      break;
    }
  if (first < 0) first = last = items.length;
  const side = (from: number, to: number): string =>
    items
      .slice(from, to)
      .map((it) => (it.literal ? it.ch : it.ch === ',' ? '' : it.ch))
      .join('');
  const afterText = side(last + 1, items.length).replace(/^[,]+/, '');
  return `${side(0, first)}${body}${afterText}`;
}

/** Excel's serial day as its calendar parts (1900 system; day 60 is Excel's 29 February 1900). */
function dateParts(serial: number): {
  y: number;
  mo: number;
  d: number;
  wd: number;
  h: number;
  mi: number;
  s: number;
  frac: number;
} {
  const days = Math.floor(serial);
  // To the microsecond, then whole seconds cut (not rounded) as LibreOffice shows them: 29:59.9999 is 29:59.
  const time = Math.round((serial - days) * 86400 * 1e6) / 1e6;
  let y: number;
  let mo: number;
  let d: number;
  let wd: number;
  if (days === 60) {
    [y, mo, d, wd] = [1900, 2, 29, 3];
  } else {
    const ms = Date.UTC(1899, 11, days < 60 ? 31 : 30) + days * 86400000;
    const date = new Date(ms);
    [y, mo, d, wd] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay()];
  }
  const secs = Math.floor(time);
  return {
    y,
    mo,
    d,
    wd,
    h: Math.floor(secs / 3600),
    mi: Math.floor((secs % 3600) / 60),
    s: secs % 60,
    frac: time - secs,
  };
}

function renderDate(v: number, tokens: Token[]): string | null {
  if (v < 0 || v >= 2958466) return null;
  const codes = tokens.map((t) => (t.kind === 'code' ? t.text : '')).join('');
  const ampm = /am\/pm|a\/p/i.test(codes);
  const p = dateParts(v);
  let out = '';
  // Which m's are minutes: right after an h, or right before an s.
  const all: { t: Token; text: string }[] = tokens.map((t) => ({ t, text: t.kind === 'code' ? t.text : '' }));
  let lastUnit = '';
  for (let k = 0; k < all.length; k++) {
    const { t } = all[k];
    if (t.kind === 'literal') {
      out += t.text;
      continue;
    }
    if (t.kind === 'elapsed') {
      const total = v * 24 * (t.unit === 'h' ? 1 : t.unit === 'm' ? 60 : 3600);
      out += String(Math.floor(total + 1e-9)).padStart(t.width, '0');
      lastUnit = t.unit;
      continue;
    }
    if (t.kind !== 'code') continue;
    const text = t.text;
    let i = 0;
    while (i < text.length) {
      const rest = text.slice(i);
      const run = /^([yY]+|[mM]+|[dD]+|[hH]+|[sS]+)/.exec(rest);
      if (/^am\/pm/i.test(rest)) {
        out += p.h < 12 ? 'AM' : 'PM';
        i += 5;
        continue;
      }
      if (/^a\/p/i.test(rest)) {
        out += p.h < 12 ? 'A' : 'P';
        i += 3;
        continue;
      }
      if (run === null) {
        if (rest[0] === '.' && lastUnit === 's') {
          const zeros = /^\.(0+)/.exec(rest)?.[1].length ?? 0;
          out += `.${Math.round(p.frac * 10 ** zeros)
            .toString()
            .padStart(zeros, '0')}`;
          i += 1 + zeros;
          continue;
        }
        out += rest[0];
        i++;
        continue;
      }
      const r = run[1];
      const n = r.length;
      const c = r[0].toLowerCase();
      if (c === 'y') out += n <= 2 ? String(p.y % 100).padStart(2, '0') : String(p.y);
      else if (c === 'd') {
        if (n === 1) out += String(p.d);
        else if (n === 2) out += String(p.d).padStart(2, '0');
        else if (n === 3) out += DAYS[p.wd].slice(0, 3);
        else out += DAYS[p.wd];
      } else if (c === 'h') {
        const h = ampm ? ((p.h + 11) % 12) + 1 : p.h;
        out += n >= 2 ? String(h).padStart(2, '0') : String(h);
      } else if (c === 's') out += n >= 2 ? String(p.s).padStart(2, '0') : String(p.s);
      else {
        const nextUnit =
          /^[^hHdDyYmM]*[sS]/.test(text.slice(i + n)) || nextCodeStartsWithS(all, k, text.slice(i + n));
        const minutes = n <= 2 && (lastUnit === 'h' || nextUnit);
        if (minutes) out += n === 2 ? String(p.mi).padStart(2, '0') : String(p.mi);
        else if (n === 1) out += String(p.mo);
        else if (n === 2) out += String(p.mo).padStart(2, '0');
        else if (n === 3) out += MONTHS[p.mo - 1].slice(0, 3);
        else if (n === 5) out += MONTHS[p.mo - 1][0];
        else out += MONTHS[p.mo - 1];
        lastUnit = minutes ? 'm' : 'mo';
        i += n;
        continue;
      }
      lastUnit = c;
      i += n;
    }
  }
  return out;
}

function nextCodeStartsWithS(all: { t: Token; text: string }[], k: number, restOfThis: string): boolean {
  if (restOfThis.trim() !== '' && /[a-zA-Z]/.test(restOfThis)) return false;
  for (let j = k + 1; j < all.length; j++) {
    const t = all[j].t;
    if (t.kind === 'code') return /^[^a-zA-Z]*[sS]/.test(t.text);
    if (t.kind === 'elapsed') return t.unit === 's';
  }
  return false;
}

function compare(v: number, op: string, n: number): boolean {
  switch (op) {
    case '<':
      return v < n;
    case '<=':
      return v <= n;
    case '>':
      return v > n;
    case '>=':
      return v >= n;
    case '=':
      return v === n;
    default:
      return v !== n;
  }
}

/** A cell's value as the hosts show it under `format` (General when none). */
export function formatValue(v: number | string | boolean | null, format: string | undefined): Rendered {
  if (v === null) return { text: '' };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  const fmt = format === undefined || format === '' || /^general$/i.test(format) ? null : format;
  const parts = fmt === null ? [] : sections(fmt);
  if (typeof v === 'string') {
    const textSection = parts.length >= 4 ? parts[3] : parts.find((p) => p.includes('@'));
    if (textSection === undefined) return { text: v };
    const tokens = tokenize(textSection);
    const color = tokens.find((t) => t.kind === 'color') as { color: string } | undefined;
    const text = tokens
      .map((t) => (t.kind === 'literal' ? t.text : t.kind === 'code' ? t.text.replace(/@/g, v) : ''))
      .join('');
    return color === undefined ? { text } : { text, color: color.color };
  }
  if (!Number.isFinite(v)) return { text: '#NUM!' };
  if (fmt === null) return { text: general(v) };

  // Which section: conditions when written, else positive / negative / zero.
  const tokenized = parts.slice(0, 3).map(tokenize);
  let index = 0;
  let negativeSign = false;
  const conditions = tokenized.map(
    (t) => t.find((x) => x.kind === 'condition') as { op: string; value: number } | undefined,
  );
  if (conditions.some((c) => c !== undefined)) {
    index = conditions.findIndex((c, i) =>
      c === undefined ? i === tokenized.length - 1 || i === 2 : compare(v, c.op, c.value),
    );
    if (index < 0) index = tokenized.length - 1;
    negativeSign = v < 0 && conditions[index] === undefined;
  } else if (v < 0 && tokenized.length >= 2) index = 1;
  else if (v === 0 && tokenized.length >= 3) index = 2;
  else negativeSign = v < 0;
  const tokens = tokenized[index] ?? [];
  const color = (tokens.find((t) => t.kind === 'color') as { color: string } | undefined)?.color;
  const codes = tokens.map((t) => (t.kind === 'code' ? t.text : '')).join('');
  const value = tokenized.length >= 2 && index === 1 ? Math.abs(v) : negativeSign ? Math.abs(v) : v;
  let text: string | null;
  if (/^general$/i.test(codes.trim()) || (codes.trim() === '' && tokens.every((t) => t.kind !== 'literal')))
    text = general(value);
  else if (/general/i.test(codes)) {
    text = tokens
      .map((t) =>
        t.kind === 'literal' ? t.text : t.kind === 'code' ? t.text.replace(/general/i, general(value)) : '',
      )
      .join('');
  } else if (isDateCode(codes) || tokens.some((t) => t.kind === 'elapsed')) text = renderDate(value, tokens);
  else text = renderNumber(value, tokens);
  if (text === null) return { text: general(v) };
  if (negativeSign && /[1-9]/.test(text)) text = `-${text}`;
  return color === undefined ? { text } : { text, color };
}
