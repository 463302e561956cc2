import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127083051_initial } from './Migration20261127083051_initial';
import { Migration20261127094500_default_routing_rules } from './Migration20261127094500_default_routing_rules';

/** Every migration, in order. A new migration is added here as well as in this folder. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261127083051_initial', class: Migration20261127083051_initial },
  { name: 'Migration20261127094500_default_routing_rules', class: Migration20261127094500_default_routing_rules },
];
