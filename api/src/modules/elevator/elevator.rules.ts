/**
 * 加装电梯 consent tally, after Civil Code art. 278 (《民法典》第二百七十八条):
 * the decision needs owners holding at least 2/3 of the exclusive area AND at least 2/3 of the
 * owners to take part in the vote, and then the agreement of owners holding at least 3/4 of the
 * participating area AND at least 3/4 of the participating owners. "以上" includes the threshold.
 *
 * Areas are exact: hundredths of a square metre as bigint, compared by cross-multiplication,
 * never with floating point.
 */
export enum ElevatorVote {
  AGREE = 'AGREE',
  DISAGREE = 'DISAGREE',
  ABSTAIN = 'ABSTAIN',
  NOT_VOTED = 'NOT_VOTED',
}

export interface ConsentLine {
  /** Exclusive area in 0.01 m². */
  areaCenti: bigint;
  vote: ElevatorVote;
}

export interface Tally {
  /** Owners of the building: the register's units, or the declared number of households if more. */
  totalHouseholds: number;
  /** Units entered in the register (with their exclusive area). */
  registeredHouseholds: number;
  /** Every household of the building is in the register, so the total area is known. */
  registerComplete: boolean;
  totalAreaCenti: bigint;
  participatingOwners: number;
  participatingAreaCenti: bigint;
  agreeOwners: number;
  agreeAreaCenti: bigint;
  disagreeOwners: number;
  abstainOwners: number;
  notVotedOwners: number;
  participationMet: boolean;
  approvalMet: boolean;
  approved: boolean;
}

/** n/d ≥ num/den, exactly. */
const atLeast = (n: bigint, d: bigint, num: bigint, den: bigint) => d > 0n && n * den >= num * d;

/**
 * `declaredHouseholds`: how many households the building has (the matter's householdsAffected).
 * Households missing from the register count as not taking part, and since their area is not
 * known the area threshold cannot be shown met: participation needs a complete register.
 */
export function tallyElevatorConsent(lines: readonly ConsentLine[], declaredHouseholds?: number | null): Tally {
  let totalAreaCenti = 0n;
  let participatingAreaCenti = 0n;
  let agreeAreaCenti = 0n;
  let participatingOwners = 0;
  let agreeOwners = 0;
  let disagreeOwners = 0;
  let abstainOwners = 0;
  let notVotedOwners = 0;
  for (const l of lines) {
    if (l.areaCenti < 0n) throw new RangeError('area must not be negative');
    totalAreaCenti += l.areaCenti;
    if (l.vote === ElevatorVote.NOT_VOTED) {
      notVotedOwners++;
      continue;
    }
    // Abstaining is taking part without agreeing.
    participatingOwners++;
    participatingAreaCenti += l.areaCenti;
    if (l.vote === ElevatorVote.AGREE) {
      agreeOwners++;
      agreeAreaCenti += l.areaCenti;
    } else if (l.vote === ElevatorVote.DISAGREE) disagreeOwners++;
    else abstainOwners++;
  }
  const registeredHouseholds = lines.length;
  const totalHouseholds = Math.max(registeredHouseholds, declaredHouseholds ?? 0);
  notVotedOwners += totalHouseholds - registeredHouseholds;
  const registerComplete = registeredHouseholds > 0 && registeredHouseholds === totalHouseholds;
  const participationMet =
    registerComplete &&
    atLeast(BigInt(participatingOwners), BigInt(totalHouseholds), 2n, 3n) &&
    atLeast(participatingAreaCenti, totalAreaCenti, 2n, 3n);
  const approvalMet =
    atLeast(BigInt(agreeOwners), BigInt(participatingOwners), 3n, 4n) && atLeast(agreeAreaCenti, participatingAreaCenti, 3n, 4n);
  return {
    totalHouseholds,
    registeredHouseholds,
    registerComplete,
    totalAreaCenti,
    participatingOwners,
    participatingAreaCenti,
    agreeOwners,
    agreeAreaCenti,
    disagreeOwners,
    abstainOwners,
    notVotedOwners,
    participationMet,
    approvalMet,
    approved: participationMet && approvalMet,
  };
}

/** "86.5" / "86.50" → 8650n. Accepts at most two decimals; anything else is an error. */
export function areaToCenti(text: string): bigint {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not an area in m² with at most two decimals: ${text}`);
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** 8650n → "86.50" */
export function centiToArea(centi: bigint): string {
  const negative = centi < 0n;
  const abs = negative ? -centi : centi;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
