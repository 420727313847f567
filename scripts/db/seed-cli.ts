// `npm run db:seed`: puts the demo data into DATABASE_URL, unless it is there already.
import { createPrismaClient } from "@/lib/db";
import { seedDemo } from "./seed.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Sett DATABASE_URL.");
  process.exit(2);
}
const db = createPrismaClient(url);
console.log((await seedDemo(db)) ? "La inn demodata." : "Demodata finnes allerede.");
await db.$disconnect();
