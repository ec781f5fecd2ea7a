import { customType } from 'drizzle-orm/pg-core';

/**
 * A `jsonb` column that hands back exactly what was stored.
 *
 * drizzle-orm 0.45's own `jsonb()` calls `JSON.parse` again on any value that
 * arrives as a string, although node-postgres and PGlite have already parsed
 * the jsonb: a stored JSON string `"123"` came back as the number 123 and
 * `"true"` as `true`. Both drivers parse jsonb themselves, so this column only
 * serialises on the way in. The SQL type (and so the migration) is unchanged.
 */
export const jsonb = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});
