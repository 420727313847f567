-- AlterTable
ALTER TABLE "QuarantinedMessage" ADD COLUMN     "refusedAttachments" TEXT[] DEFAULT ARRAY[]::TEXT[];
