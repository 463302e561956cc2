import { randomUUID } from 'node:crypto';
import { Entity, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Matter } from '../matter/matter.entity';

/**
 * 随时说事: a matter reported by a resident from the public page. Only a hash of the tracking
 * code is kept, so the table cannot be used to look matters up.
 */
@Entity({ tableName: 'public_report' })
export class PublicReport {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @OneToOne(() => Matter, { ref: true, owner: true, unique: true, deleteRule: 'cascade' })
  matter!: Ref<Matter>;

  @Property({ type: 'text', unique: true })
  trackingCodeHash!: string;

  /** When the resident agreed to the processing of what they sent (the consent text's version). */
  @Property({ type: 'timestamptz' })
  consentedAt!: Date;

  @Property({ type: 'text' })
  consentVersion!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
