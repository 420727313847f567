-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "deadline" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OutgoingMail" ALTER COLUMN "subject" DROP NOT NULL,
ALTER COLUMN "text" DROP NOT NULL,
ALTER COLUMN "html" DROP NOT NULL;
