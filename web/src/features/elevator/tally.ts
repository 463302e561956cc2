// Civil Code art. 278: at least 2/3 of the owners and of the exclusive area take part; of those
// taking part, at least 3/4 of the owners and of the area agree. The api decides; these exact
// ratios (areas in hundredths of m², as BigInt) only colour the bars the same way.

/** "86.5" / "86.50" → 8650n */
export function hundredths(value: string): bigint {
  const [whole = '0', fraction = ''] = value.trim().split('.');
  return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
}

/** part / whole ≥ num / den, exactly; false when whole is 0. */
export function reaches(part: bigint, whole: bigint, num: bigint, den: bigint): boolean {
  return whole > 0n && part * den >= whole * num;
}

export function percent(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  return Number((part * 10000n) / whole) / 100;
}

/** Decimal area as typed by a person: up to 6 digits and two decimals, > 0. */
export const AREA_PATTERN = /^(?!0+(\.0+)?$)\d{1,6}(\.\d{1,2})?$/;
