-- Outbox: an e-mail may carry a calendar file (an invitation or its cancellation) as invite.ics.
ALTER TABLE "OutboxEmails" ADD "Calendar" TEXT NULL;
