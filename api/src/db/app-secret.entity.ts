import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Keys the api instances of one deployment must share and nobody needs to configure (e.g. the
 * key that signs evidence-file links): made once by whichever instance asks first.
 */
@Entity({ tableName: 'app_secret' })
export class AppSecret {
  @PrimaryKey({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  value!: string;
}
