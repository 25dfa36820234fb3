-- An instance claims an e-mail of the outbox before it sends it: who holds the claim, until when, and the
-- concurrency token every claim changes, so two web instances never both send one e-mail.
ALTER TABLE "OutboxEmails" ADD "ClaimedBy" character varying(200);

ALTER TABLE "OutboxEmails" ADD "ClaimedUntilUtc" timestamp with time zone;

ALTER TABLE "OutboxEmails" ADD "Version" integer NOT NULL DEFAULT 0;

-- The default only filled the rows already queued; the model, like EF's create script, has none.
ALTER TABLE "OutboxEmails" ALTER COLUMN "Version" DROP DEFAULT;
