-- Events: events as content, registrations (with their codes and waitlist order) and each event's seat counter.

CREATE TABLE "EventRegistrations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_EventRegistrations" PRIMARY KEY,
    "EventId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "NormalizedEmail" TEXT NOT NULL,
    "Phone" TEXT NULL,
    "AnswersJson" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "RegisteredBy" TEXT NULL,
    "OrganisationId" TEXT NULL,
    "PersonId" TEXT NULL,
    "Code" TEXT NOT NULL,
    "ConfirmationHash" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "QueuedUtc" TEXT NULL,
    "ConfirmedUtc" TEXT NULL,
    "CancelledUtc" TEXT NULL,
    "CheckedInUtc" TEXT NULL,
    "CheckedInBy" TEXT NULL,
    "ReminderSentUtc" TEXT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "Events" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Events" PRIMARY KEY AUTOINCREMENT,
    "TitleEn" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Description" TEXT NULL,
    "StartsUtc" TEXT NOT NULL,
    "EndsUtc" TEXT NOT NULL,
    "Place" TEXT NULL,
    "Locality" TEXT NULL,
    "OnlineUrl" TEXT NULL,
    "Organiser" TEXT NULL,
    "Capacity" INTEGER NULL,
    "RegistrationOpensUtc" TEXT NULL,
    "RegistrationClosesUtc" TEXT NULL,
    "Audience" TEXT NOT NULL,
    "AudienceKey" TEXT NULL,
    "QuestionsJson" TEXT NOT NULL,
    "FeeNote" TEXT NULL,
    "ProgrammeKey" TEXT NULL,
    "ContentItemId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Latest" INTEGER NOT NULL,
    "Published" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "OwnerId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    "ModifiedBy" TEXT NULL,
    "PublishedUtc" TEXT NULL,
    "DeletedUtc" TEXT NULL
);

CREATE TABLE "EventSeats" (
    "EventId" TEXT NOT NULL CONSTRAINT "PK_EventSeats" PRIMARY KEY,
    "Taken" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_EventRegistrations_ActiveEmail" ON "EventRegistrations" ("EventId", "NormalizedEmail") WHERE "Status" <> 'Cancelled';

CREATE UNIQUE INDEX "IX_EventRegistrations_Code" ON "EventRegistrations" ("Code");

CREATE INDEX "IX_EventRegistrations_EventId_Status_QueuedUtc" ON "EventRegistrations" ("EventId", "Status", "QueuedUtc");

CREATE INDEX "IX_EventRegistrations_UserId" ON "EventRegistrations" ("UserId");

CREATE UNIQUE INDEX "IX_Events_ContentItemId_Version" ON "Events" ("ContentItemId", "Version");

CREATE UNIQUE INDEX "IX_Events_LatestItem" ON "Events" ("ContentItemId") WHERE "Latest" AND "DeletedUtc" IS NULL;

CREATE UNIQUE INDEX "IX_Events_LatestSlug" ON "Events" ("Slug") WHERE "Latest" AND "DeletedUtc" IS NULL;

CREATE INDEX "IX_Events_OwnerId" ON "Events" ("OwnerId");

CREATE INDEX "IX_Events_Published_StartsUtc" ON "Events" ("Published", "StartsUtc");

CREATE INDEX "IX_Events_Slug_Published" ON "Events" ("Slug", "Published");
