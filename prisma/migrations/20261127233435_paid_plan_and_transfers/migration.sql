-- CreateEnum
CREATE TYPE "BroadbandEventKind" AS ENUM ('ENDED', 'ACTIVE');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('PENDING', 'ACCEPTED', 'EXPIRED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "TransferStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED', 'CANCELLED', 'EXPIRED');

-- CreateTable
CREATE TABLE "BroadbandEvent" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "kind" "BroadbandEventKind" NOT NULL,
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "BroadbandEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaidPlanOffer" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "status" "OfferStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadline" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "priceOre" INTEGER NOT NULL,

    CONSTRAINT "PaidPlanOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaidPeriod" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "priceOre" INTEGER NOT NULL,

    CONSTRAINT "PaidPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "customerId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "totalOre" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "id" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "daysInMonth" INTEGER NOT NULL,
    "amountOre" INTEGER NOT NULL,

    CONSTRAINT "InvoiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailboxTransfer" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "fromCustomerId" UUID NOT NULL,
    "toCustomerId" UUID NOT NULL,
    "status" "TransferStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "MailboxTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BroadbandEvent_customerId_effectiveAt_idx" ON "BroadbandEvent"("customerId", "effectiveAt");

-- CreateIndex
CREATE INDEX "BroadbandEvent_appliedAt_effectiveAt_idx" ON "BroadbandEvent"("appliedAt", "effectiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "BroadbandEvent_source_externalId_key" ON "BroadbandEvent"("source", "externalId");

-- CreateIndex
CREATE INDEX "PaidPlanOffer_customerId_status_idx" ON "PaidPlanOffer"("customerId", "status");

-- CreateIndex
CREATE INDEX "PaidPlanOffer_status_deadline_idx" ON "PaidPlanOffer"("status", "deadline");

-- CreateIndex
CREATE INDEX "PaidPeriod_customerId_startsAt_idx" ON "PaidPeriod"("customerId", "startsAt");

-- CreateIndex
CREATE INDEX "PaidPeriod_mailboxId_endsAt_idx" ON "PaidPeriod"("mailboxId", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_customerId_month_key" ON "Invoice"("customerId", "month");

-- CreateIndex
CREATE INDEX "MailboxTransfer_toCustomerId_status_idx" ON "MailboxTransfer"("toCustomerId", "status");

-- CreateIndex
CREATE INDEX "MailboxTransfer_fromCustomerId_status_idx" ON "MailboxTransfer"("fromCustomerId", "status");

-- AddForeignKey
ALTER TABLE "BroadbandEvent" ADD CONSTRAINT "BroadbandEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaidPlanOffer" ADD CONSTRAINT "PaidPlanOffer_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaidPeriod" ADD CONSTRAINT "PaidPeriod_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailboxTransfer" ADD CONSTRAINT "MailboxTransfer_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- R-PAY-2: at most one pending offer per mailbox; R-TR-1: at most one pending move per mailbox.
CREATE UNIQUE INDEX "PaidPlanOffer_one_pending_per_mailbox" ON "PaidPlanOffer" ("mailboxId") WHERE status = 'PENDING';
CREATE UNIQUE INDEX "MailboxTransfer_one_pending_per_mailbox" ON "MailboxTransfer" ("mailboxId") WHERE status = 'PENDING';
-- A mailbox is paid for by one customer at a time: at most one open paid period.
CREATE UNIQUE INDEX "PaidPeriod_one_open_per_mailbox" ON "PaidPeriod" ("mailboxId") WHERE "endsAt" IS NULL;
