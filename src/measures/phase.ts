/** Phasing an annual total into period targets that add up to it exactly; behind SE_PHASE and the templates. */

/**
 * Splits `total` in proportion to `weights`. Without `decimals` the parts are exact shares and the last part
 * absorbs floating-point rounding, so the parts add up to the total. With `decimals`, every part has at most
 * that many decimals and they still add up: the largest-remainder method, ties to the earliest periods (so
 * 1000 over 12 whole periods is four 84s, then eight 83s). Returns null when the total itself has more
 * decimals than `decimals`, which no rounding of the parts could add up to, and 'too large' when the total
 * holds more than 2^53 units of the last decimal.
 */
export interface PhaseProfile {
  weights: readonly number[];
  /** Their sum, finite. */
  sum: number;
}

/**
 * A weights profile ready to phase many totals: summed once. {1e308, 1e308} sums to Infinity and every share
 * would be 0, so such weights are first scaled by their largest (a positive factor keeps the proportions).
 */
export function phaseProfile(rawWeights: readonly number[]): PhaseProfile {
  const n = rawWeights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += rawWeights[i];
  if (Number.isFinite(sum)) return { weights: rawWeights, sum };
  let maxWeight = 0;
  for (let i = 0; i < n; i++) maxWeight = Math.max(maxWeight, Math.abs(rawWeights[i]));
  const weights = rawWeights.map((w) => w / maxWeight);
  sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  return { weights, sum };
}

export function phaseTotal(
  total: number,
  profile: PhaseProfile | readonly number[],
  decimals: number | null,
): number[] | null | 'too large' {
  const { weights, sum: weightSum } = 'sum' in profile ? profile : phaseProfile(profile);
  const n = weights.length;
  const parts = new Array<number>(n);
  if (decimals === null) {
    let sofar = 0;
    for (let i = 0; i < n - 1; i++) {
      parts[i] = (weights[i] / weightSum) * total;
      sofar += parts[i];
    }
    parts[n - 1] = total - sofar;
    return parts;
  }
  const scale = 10 ** decimals;
  const exactUnits = total * scale;
  const units = Math.round(exactUnits);
  // Float noise (1260.0000000000002) is not a decimal the user typed; anything larger is.
  // Beyond 2^53 whole units, integers are no longer exact and no rounding could add up.
  if (!Number.isSafeInteger(units)) return 'too large';
  if (Math.abs(exactUnits - units) > 1e-9 * Math.max(1, Math.abs(exactUnits))) return null;
  const sign = units < 0 ? -1 : 1;
  const whole = Math.abs(units);
  const floors = new Array<number>(n);
  const remainders = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const raw = (weights[i] / weightSum) * whole;
    // A share that is an integer up to float noise (83.99999999999999) counts as that integer.
    const nearest = Math.round(raw);
    const f = Math.abs(raw - nearest) <= 1e-9 * Math.max(1, raw) ? nearest : Math.floor(raw);
    floors[i] = f;
    remainders[i] = Math.max(0, raw - f);
    given += f;
  }
  let left = whole - given;
  if (left < 0) {
    // Only possible when float noise rounded several shares up; fall back to plain floors.
    given = 0;
    for (let i = 0; i < n; i++) {
      const raw = (weights[i] / weightSum) * whole;
      floors[i] = Math.floor(raw);
      remainders[i] = raw - floors[i];
      given += floors[i];
    }
    left = whole - given;
  }
  const order = remainders.map((_, i) => i).sort((a, b) => remainders[b] - remainders[a] || a - b);
  // The leftover units go out in one pass (O(periods), whatever the total): every period gets the same
  // whole number of rounds, and the remaining few go to the largest remainders, ties to the earliest.
  const rounds = Math.floor(left / n);
  const extra = left - rounds * n;
  for (let k = 0; k < n; k++) floors[order[k]] += rounds + (k < extra ? 1 : 0);
  for (let i = 0; i < n; i++) parts[i] = (sign * floors[i]) / scale;
  return parts;
}
