-- CreateEnum
CREATE TYPE "LoginProtocol" AS ENUM ('IMAP', 'POP3', 'SMTP', 'WEBMAIL', 'PORTAL');

-- CreateTable
CREATE TABLE "LoginEvent" (
    "id" BIGSERIAL NOT NULL,
    "mailboxId" UUID NOT NULL,
    "protocol" "LoginProtocol" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LoginEvent_mailboxId_at_idx" ON "LoginEvent"("mailboxId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "LoginEvent_mailboxId_protocol_at_key" ON "LoginEvent"("mailboxId", "protocol", "at");

-- AddForeignKey
ALTER TABLE "LoginEvent" ADD CONSTRAINT "LoginEvent_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
