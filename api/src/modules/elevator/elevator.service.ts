import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context';
import { badInput, conflict } from '../../errors';
import { mutate } from '../../events/event.service';
import { User } from '../auth/user.entity';
import { EventType, MatterCategory, MatterStatus } from '../common/enums';
import { authorizeMatter, loadVisibleMatter } from '../../policy';
import type { Matter } from '../matter/matter.entity';
import { recordMatterEvent } from '../matter/matter.service';
import type { RecordElevatorConsentInput, SetElevatorRegisterInput } from './dto/elevator.inputs';
import { ElevatorConsent } from './elevator.entity';
import { areaToCenti, centiToArea, ElevatorVote, tallyElevatorConsent, type Tally } from './elevator.rules';

export async function elevatorTally(em: EntityManager, matter: Matter): Promise<Tally> {
  return tallyOf(await em.find(ElevatorConsent, { matter: matter.id }), matter.householdsAffected);
}

export function tallyOf(consents: readonly ElevatorConsent[], declaredHouseholds?: number | null): Tally {
  return tallyElevatorConsent(
    consents.map((r) => ({ areaCenti: areaToCenti(String(r.area)), vote: r.vote })),
    declaredHouseholds,
  );
}

function checkedArea(area: string): bigint {
  let centi: bigint;
  try {
    centi = areaToCenti(area);
  } catch {
    throw badInput('area must be a positive number of m² with at most two decimals', 'area');
  }
  if (centi <= 0n || centi > 1_000_000n) throw badInput('area must be between 0.01 and 10000 m²', 'area');
  return centi;
}

export class ElevatorService {
  constructor(private readonly ctx: Context) {}

  async record(input: RecordElevatorConsentInput): Promise<ElevatorConsent> {
    checkedArea(input.area);
    return mutate(this.ctx, async (em, events) => {
      const matter: Matter = await loadVisibleMatter(this.ctx, input.matterId, em);
      const viewer = await authorizeMatter(this.ctx, 'recordElevatorConsent', matter, em);
      if (matter.category !== MatterCategory.ELEVATOR_INSTALLATION) {
        throw badInput('Consent is tallied for elevator-installation matters only', 'matterId');
      }
      if (matter.status === MatterStatus.CLOSED || matter.status === MatterStatus.WITHDRAWN) {
        throw conflict(`The matter is ${matter.status}; its tally can no longer change`, { status: matter.status });
      }
      const unit = input.unit.trim();
      let consent = await em.findOne(ElevatorConsent, { matter, unit });
      const previous = consent?.vote ?? null;
      consent ??= em.create(ElevatorConsent, { matter, unit, floor: input.floor, area: '0', ownerName: '', vote: input.vote, updatedAt: this.ctx.clock.now() });
      consent.floor = input.floor;
      consent.area = input.area;
      consent.ownerName = input.ownerName.trim();
      consent.vote = input.vote;
      consent.note = input.note?.trim() || null;
      consent.recordedBy = em.getReference(User, viewer.userId, { wrapped: true });
      consent.updatedAt = this.ctx.clock.now();
      await em.flush();
      // A vote for a unit missing from the register adds it: the register is every unit seen.
      if (!previous && matter.householdsAffected !== null && matter.householdsAffected !== undefined) {
        const registered = await em.count(ElevatorConsent, { matter });
        if (registered > matter.householdsAffected) matter.householdsAffected = registered;
      }
      const tally = await elevatorTally(em, matter);
      await recordMatterEvent(em, events, matter, EventType.ELEVATOR_CONSENT_RECORDED, viewer.userId, {
        unit,
        vote: input.vote,
        previousVote: previous,
        totalHouseholds: tally.totalHouseholds,
        agreeOwners: tally.agreeOwners,
        approved: tally.approved,
      });
      return consent;
    });
  }

  /**
   * 楼栋业主名册: the building's units with their exclusive areas, entered (or pasted from the
   * property register) as a whole. Votes already recorded stay with their unit; a unit with a
   * recorded vote cannot be dropped. The matter's householdsAffected becomes the number of units.
   */
  async setRegister(input: SetElevatorRegisterInput): Promise<ElevatorConsent[]> {
    const units = input.units.map((u) => ({ ...u, unit: u.unit.trim(), ownerName: u.ownerName.trim() }));
    for (const u of units) checkedArea(u.area);
    const seen = new Set<string>();
    for (const u of units) {
      if (!u.unit || !u.ownerName) throw badInput('Each unit needs its number and its owner', 'units');
      if (seen.has(u.unit)) throw badInput(`Unit ${u.unit} is listed twice`, 'units');
      seen.add(u.unit);
    }
    return mutate(this.ctx, async (em, events) => {
      const matter: Matter = await loadVisibleMatter(this.ctx, input.matterId, em);
      const viewer = await authorizeMatter(this.ctx, 'setElevatorRegister', matter, em);
      if (matter.category !== MatterCategory.ELEVATOR_INSTALLATION) {
        throw badInput('The register is kept for elevator-installation matters only', 'matterId');
      }
      if (matter.status === MatterStatus.CLOSED || matter.status === MatterStatus.WITHDRAWN) {
        throw conflict(`The matter is ${matter.status}; its register can no longer change`, { status: matter.status });
      }
      const existing = new Map((await em.find(ElevatorConsent, { matter })).map((c) => [c.unit, c]));
      const dropped = [...existing.values()].filter((c) => !seen.has(c.unit));
      const votedDropped = dropped.filter((c) => c.vote !== ElevatorVote.NOT_VOTED);
      if (votedDropped.length) {
        throw badInput(`Units with a recorded vote cannot leave the register: ${votedDropped.map((c) => c.unit).join(', ')}`, 'units');
      }
      for (const c of dropped) em.remove(c);
      const now = this.ctx.clock.now();
      const rows = units.map((u) => {
        const row =
          existing.get(u.unit) ??
          em.create(ElevatorConsent, { matter, unit: u.unit, floor: u.floor, area: u.area, ownerName: u.ownerName, vote: ElevatorVote.NOT_VOTED, updatedAt: now });
        row.floor = u.floor;
        row.area = u.area;
        row.ownerName = u.ownerName;
        row.recordedBy ??= em.getReference(User, viewer.userId, { wrapped: true });
        return row;
      });
      const previousHouseholds = matter.householdsAffected ?? null;
      matter.householdsAffected = rows.length;
      await em.flush();
      const tally = await elevatorTally(em, matter);
      await recordMatterEvent(em, events, matter, EventType.ELEVATOR_REGISTER_UPDATED, viewer.userId, {
        units: rows.length,
        totalArea: centiToArea(tally.totalAreaCenti),
        added: rows.filter((r) => !existing.has(r.unit)).length,
        removed: dropped.length,
        previousHouseholds,
      });
      return rows.sort((a, b) => a.floor - b.floor || a.unit.localeCompare(b.unit));
    });
  }
}
