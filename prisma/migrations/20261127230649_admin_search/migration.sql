-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "deactivatedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "OutgoingMail_to_createdAt_idx" ON "OutgoingMail"("to", "createdAt");

-- Search in the admin view (issue 5): partial matches on every address ever issued, customer
-- names, contact e-mail and phone numbers (digits only), by trigram; customer numbers by prefix.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Address_address_trgm_idx" ON "Address" USING gin ("address" gin_trgm_ops);
CREATE INDEX "Customer_name_trgm_idx" ON "Customer" USING gin ("name" gin_trgm_ops);
CREATE INDEX "Customer_email_trgm_idx" ON "Customer" USING gin ("email" gin_trgm_ops);
CREATE INDEX "Customer_phone_digits_trgm_idx" ON "Customer" USING gin ((regexp_replace("phone", '\D', '', 'g')) gin_trgm_ops);
CREATE INDEX "Customer_customerNumber_prefix_idx" ON "Customer" ("customerNumber" text_pattern_ops);
