import { describe, expect, it } from 'vitest';
import { areaToCenti, centiToArea, ElevatorVote as V, tallyElevatorConsent, type ConsentLine } from './elevator.rules';

const line = (area: string, vote: V): ConsentLine => ({ areaCenti: areaToCenti(area), vote });
const many = (n: number, area: string, vote: V) => Array.from({ length: n }, () => line(area, vote));

describe('elevator consent tally (Civil Code art. 278)', () => {
  it('approves when 2/3 take part and 3/4 of those agree, by owners and by area', () => {
    const t = tallyElevatorConsent([...many(9, '80.00', V.AGREE), ...many(3, '80.00', V.NOT_VOTED)]);
    expect(t).toMatchObject({ totalHouseholds: 12, participatingOwners: 9, agreeOwners: 9, participationMet: true, approvalMet: true, approved: true });
    expect(centiToArea(t.totalAreaCenti)).toBe('960.00');
  });

  it('counts exactly two thirds as enough to take part (以上 includes the threshold)', () => {
    // 8 of 12 owners, 8/12 of the area.
    const t = tallyElevatorConsent([...many(8, '75.00', V.AGREE), ...many(4, '75.00', V.NOT_VOTED)]);
    expect(t.participationMet).toBe(true);
    const below = tallyElevatorConsent([...many(7, '75.00', V.AGREE), ...many(5, '75.00', V.NOT_VOTED)]);
    expect(below.participationMet).toBe(false);
    expect(below.approved).toBe(false);
  });

  it('counts exactly three quarters of participants as approval', () => {
    const t = tallyElevatorConsent([...many(6, '90.00', V.AGREE), ...many(2, '90.00', V.DISAGREE)]);
    expect(t.approvalMet).toBe(true);
    const below = tallyElevatorConsent([...many(5, '90.00', V.AGREE), ...many(2, '90.00', V.DISAGREE)]);
    // 5/7 < 3/4
    expect(below.approvalMet).toBe(false);
  });

  it('treats abstention as taking part without agreeing', () => {
    const t = tallyElevatorConsent([...many(6, '80.00', V.AGREE), ...many(3, '80.00', V.ABSTAIN)]);
    expect(t.participatingOwners).toBe(9);
    expect(t.abstainOwners).toBe(3);
    expect(t.approvalMet).toBe(false); // 6/9 < 3/4
  });

  it('needs both owners and area: many small flats agreeing cannot outvote large ones by head count alone', () => {
    // 9 owners agree with 50 m² each (450), 3 disagree with 200 m² each (600): owners 9/12 = 3/4, area 450/1050 < 3/4.
    const t = tallyElevatorConsent([...many(9, '50.00', V.AGREE), ...many(3, '200.00', V.DISAGREE)]);
    expect(t.participationMet).toBe(true);
    expect(t.approvalMet).toBe(false);
  });

  it('needs both owners and area for participation too', () => {
    // 9 of 12 owners take part, but the 3 absent hold most of the area.
    const t = tallyElevatorConsent([...many(9, '40.00', V.AGREE), ...many(3, '300.00', V.NOT_VOTED)]);
    expect(t.participationMet).toBe(false);
  });

  it('uses exact decimal arithmetic at the boundary', () => {
    // Participating area exactly 2/3 of the total in hundredths: 200.01 + 200.01 of 600.03.
    const t = tallyElevatorConsent([line('200.01', V.AGREE), line('200.01', V.AGREE), line('200.01', V.NOT_VOTED)]);
    expect(t.participationMet).toBe(true);
    const short = tallyElevatorConsent([line('200.00', V.AGREE), line('200.01', V.AGREE), line('200.02', V.NOT_VOTED)]);
    expect(short.participationMet).toBe(false);
  });

  it('approves nothing without households or participants', () => {
    expect(tallyElevatorConsent([]).approved).toBe(false);
    expect(tallyElevatorConsent(many(3, '80.00', V.NOT_VOTED)).approvalMet).toBe(false);
  });

  it('parses and prints areas exactly', () => {
    expect(areaToCenti('86.5')).toBe(8650n);
    expect(areaToCenti('86')).toBe(8600n);
    expect(centiToArea(8605n)).toBe('86.05');
    expect(() => areaToCenti('86.555')).toThrow(RangeError);
    expect(() => areaToCenti('-1')).toThrow(RangeError);
  });
});
