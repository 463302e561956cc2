import { Migration } from '@mikro-orm/migrations';
import { randomUUID } from 'node:crypto';
import { DEFAULT_ROUTING_RULES } from '../../modules/matter/routing.service';

/** The routing rules (分流规则) every deployment starts with; admins may add more per community. */
export class Migration20261127094500_default_routing_rules extends Migration {
  override async up(): Promise<void> {
    for (const r of DEFAULT_ROUTING_RULES) {
      this.addSql(
        this.getKnex()
          .insert({
            id: randomUUID(),
            community_id: null,
            category: r.category ?? null,
            risk_flag: r.riskFlag ?? null,
            scale: r.scale ?? null,
            organization_kinds: `{${r.organizationKinds.join(',')}}`,
            note: r.note ?? null,
          })
          .into('routing_rule')
          .toQuery(),
      );
    }
  }

  override async down(): Promise<void> {
    this.addSql('delete from routing_rule where community_id is null');
  }
}
