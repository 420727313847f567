-- CreateEnum
CREATE TYPE "QuarantineStatus" AS ENUM ('QUARANTINED', 'RELEASED', 'DELETED');

-- CreateEnum
CREATE TYPE "SenderRuleKind" AS ENUM ('ALLOW', 'BLOCK');

-- AlterEnum
ALTER TYPE "PrincipalKind" ADD VALUE 'CLEANMAIL';

-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "cleanmailPasswordHash" TEXT;

-- CreateTable
CREATE TABLE "QuarantinedMessage" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "raw" BYTEA NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sender" TEXT,
    "senderName" TEXT,
    "subject" TEXT,
    "sentAt" TIMESTAMP(3),
    "preview" TEXT,
    "malformed" BOOLEAN NOT NULL DEFAULT false,
    "score" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "QuarantineStatus" NOT NULL DEFAULT 'QUARANTINED',
    "decidedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "reportedAt" TIMESTAMP(3),

    CONSTRAINT "QuarantinedMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SenderRule" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "pattern" TEXT NOT NULL,
    "kind" "SenderRuleKind" NOT NULL,
    "discarded" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SenderRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CleanmailLink" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "CleanmailLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CleanmailReport" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "messages" INTEGER NOT NULL,

    CONSTRAINT "CleanmailReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuarantinedMessage_mailboxId_status_receivedAt_idx" ON "QuarantinedMessage"("mailboxId", "status", "receivedAt");

-- CreateIndex
CREATE INDEX "QuarantinedMessage_status_expiresAt_idx" ON "QuarantinedMessage"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "QuarantinedMessage_reportedAt_status_idx" ON "QuarantinedMessage"("reportedAt", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SenderRule_mailboxId_pattern_key" ON "SenderRule"("mailboxId", "pattern");

-- CreateIndex
CREATE UNIQUE INDEX "CleanmailLink_tokenHash_key" ON "CleanmailLink"("tokenHash");

-- CreateIndex
CREATE INDEX "CleanmailLink_mailboxId_createdAt_idx" ON "CleanmailLink"("mailboxId", "createdAt");

-- CreateIndex
CREATE INDEX "CleanmailReport_mailboxId_sentAt_idx" ON "CleanmailReport"("mailboxId", "sentAt");

-- AddForeignKey
ALTER TABLE "QuarantinedMessage" ADD CONSTRAINT "QuarantinedMessage_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SenderRule" ADD CONSTRAINT "SenderRule_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleanmailLink" ADD CONSTRAINT "CleanmailLink_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleanmailReport" ADD CONSTRAINT "CleanmailReport_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
