-- Segments and mailings: saved filters, mailings, their recipients, and the outbox's extra headers (List-Unsubscribe).

ALTER TABLE "OutboxEmails" ADD "Headers" TEXT NULL;

CREATE TABLE "Mailings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Mailings" PRIMARY KEY,
    "SegmentId" TEXT NOT NULL,
    "SubjectVi" TEXT NOT NULL,
    "SubjectEn" TEXT NULL,
    "BodyVi" TEXT NOT NULL,
    "BodyEn" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "SentUtc" TEXT NULL,
    "SentBy" TEXT NULL,
    "FinishedUtc" TEXT NULL
);

CREATE TABLE "Segments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Segments" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "FilterJson" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL
);

CREATE TABLE "MailingRecipients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MailingRecipients" PRIMARY KEY AUTOINCREMENT,
    "MailingId" TEXT NOT NULL,
    "PersonId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "OrganisationName" TEXT NULL,
    "Language" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "QueuedUtc" TEXT NULL,
    "OutboxEmailId" INTEGER NULL,
    "UnsubscribedUtc" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_MailingRecipients_Mailings_MailingId" FOREIGN KEY ("MailingId") REFERENCES "Mailings" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_MailingRecipients_MailingId_Email" ON "MailingRecipients" ("MailingId", "Email");

CREATE INDEX "IX_MailingRecipients_PersonId" ON "MailingRecipients" ("PersonId");

CREATE INDEX "IX_MailingRecipients_QueuedUtc" ON "MailingRecipients" ("QueuedUtc");

CREATE INDEX "IX_MailingRecipients_State_Id" ON "MailingRecipients" ("State", "Id");

CREATE INDEX "IX_Mailings_Status" ON "Mailings" ("Status");
