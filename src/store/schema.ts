// The Kysely view of every persisted table, as the newest migration leaves it. Owns types only;
// the tables themselves are created by the frozen files in migrations/.
//
// PERSISTED SHAPES ONLY GROW: add columns (nullable or with a default) and add tables; never
// rename, retype or repurpose an existing column, table or meta key. Old rows and older
// instances still read them. Times are ISO-8601 UTC text (`Date#toISOString()`), so both
// dialects return the same string.

export interface GatehouseMetaTable {
  /** A stable, namespaced key such as `installation_id`. */
  readonly key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  gatehouse_meta: GatehouseMetaTable;
}
