// `npm run db:seed`: puts the demo data into DATABASE_URL, unless it is there already.
import { createPrismaClient } from "@/lib/db";
import { isSeeded, seedDemo } from "./seed.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Sett DATABASE_URL.");
  process.exit(2);
}
const db = createPrismaClient(url);
if (await isSeeded(db)) console.log("Demodata finnes allerede.");
else {
  await seedDemo(db);
  console.log("La inn demodata.");
}
await db.$disconnect();
