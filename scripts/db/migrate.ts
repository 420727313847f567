// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the URL given as argument).
import { applyMigrations } from "./migrations.ts";

const url = process.argv[2] ?? process.env.DATABASE_URL;
if (!url) {
  console.error("Sett DATABASE_URL, eller gi adressen som argument.");
  process.exit(2);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `Migrerte: ${applied.join(", ")}` : "Databasen er oppdatert.");
