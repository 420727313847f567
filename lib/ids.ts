// Ids arrive from forms and URLs; anything that is not a UUID cannot name a row, and must not
// reach a uuid column (PostgreSQL would answer with an error, not "not found").
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);
