-- An instance claims an e-mail of the outbox before it sends it: who holds the claim, until when, and the
-- concurrency token every claim changes, so two web instances never both send one e-mail.
ALTER TABLE "OutboxEmails" ADD "ClaimedBy" TEXT NULL;

ALTER TABLE "OutboxEmails" ADD "ClaimedUntilUtc" TEXT NULL;

ALTER TABLE "OutboxEmails" ADD "Version" INTEGER NOT NULL DEFAULT 0;
