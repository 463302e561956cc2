import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context';
import { badInput, conflict } from '../../errors';
import { mutate } from '../../events/event.service';
import { User } from '../auth/user.entity';
import { EventType, MatterCategory, MatterStatus } from '../common/enums';
import { authorizeMatter, loadVisibleMatter } from '../../policy';
import type { Matter } from '../matter/matter.entity';
import { recordMatterEvent } from '../matter/matter.service';
import type { RecordElevatorConsentInput } from './dto/elevator.inputs';
import { ElevatorConsent } from './elevator.entity';
import { areaToCenti, tallyElevatorConsent, type Tally } from './elevator.rules';

export async function elevatorTally(em: EntityManager, matterId: string): Promise<Tally> {
  return tallyOf(await em.find(ElevatorConsent, { matter: matterId }));
}

export function tallyOf(consents: readonly ElevatorConsent[]): Tally {
  return tallyElevatorConsent(consents.map((r) => ({ areaCenti: areaToCenti(String(r.area)), vote: r.vote })));
}

export class ElevatorService {
  constructor(private readonly ctx: Context) {}

  async record(input: RecordElevatorConsentInput): Promise<ElevatorConsent> {
    let centi: bigint;
    try {
      centi = areaToCenti(input.area);
    } catch {
      throw badInput('area must be a positive number of m² with at most two decimals', 'area');
    }
    if (centi <= 0n || centi > 1_000_000n) throw badInput('area must be between 0.01 and 10000 m²', 'area');
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
      const tally = await elevatorTally(em, matter.id);
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
}
