-- Office hours: mentors' slots, bookings (one booking that is not cancelled per slot), the hours each allocation has booked,
-- reminders sent once per booking, and session action items.

CREATE TABLE "BookingReminders" (
    "BookingId" TEXT NOT NULL CONSTRAINT "PK_BookingReminders" PRIMARY KEY,
    "SentUtc" TEXT NOT NULL
);

CREATE TABLE "HoursAllowances" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_HoursAllowances" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "MinutesBooked" INTEGER NOT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "MentorBookings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MentorBookings" PRIMARY KEY,
    "SlotId" TEXT NOT NULL,
    "MentorId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "MatchId" TEXT NOT NULL,
    "AllowanceKey" TEXT NOT NULL,
    "Topic" TEXT NOT NULL,
    "StartsUtc" TEXT NOT NULL,
    "EndsUtc" TEXT NOT NULL,
    "Minutes" INTEGER NOT NULL,
    "BookedBy" TEXT NOT NULL,
    "BookedUtc" TEXT NOT NULL,
    "CancelledUtc" TEXT NULL,
    "CancelledBy" TEXT NULL,
    "Sequence" INTEGER NOT NULL,
    "LoggedUtc" TEXT NULL,
    "LoggedBy" TEXT NULL,
    "Notes" TEXT NULL,
    "MinutesSpent" INTEGER NULL,
    "NoShow" TEXT NULL,
    "Stars" INTEGER NULL,
    "RatingComment" TEXT NULL,
    "RatedUtc" TEXT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "MentorSlots" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MentorSlots" PRIMARY KEY,
    "MentorId" TEXT NOT NULL,
    "StartsUtc" TEXT NOT NULL,
    "EndsUtc" TEXT NOT NULL,
    "Place" TEXT NULL,
    "OnlineUrl" TEXT NULL,
    "SeriesId" TEXT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CancelledUtc" TEXT NULL
);

CREATE TABLE "SessionActionItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SessionActionItems" PRIMARY KEY AUTOINCREMENT,
    "BookingId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "DueOn" TEXT NOT NULL,
    "Owner" TEXT NOT NULL,
    "FollowUpId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "DoneUtc" TEXT NULL
);

CREATE UNIQUE INDEX "IX_MentorBookings_Held" ON "MentorBookings" ("SlotId") WHERE "CancelledUtc" IS NULL;

CREATE INDEX "IX_MentorBookings_MentorId_StartsUtc" ON "MentorBookings" ("MentorId", "StartsUtc");

CREATE INDEX "IX_MentorBookings_OrganisationId_StartsUtc" ON "MentorBookings" ("OrganisationId", "StartsUtc");

CREATE INDEX "IX_MentorSlots_MentorId_StartsUtc" ON "MentorSlots" ("MentorId", "StartsUtc");

CREATE INDEX "IX_MentorSlots_SeriesId" ON "MentorSlots" ("SeriesId");

CREATE INDEX "IX_SessionActionItems_BookingId" ON "SessionActionItems" ("BookingId");

CREATE INDEX "IX_SessionActionItems_OrganisationId_DoneUtc" ON "SessionActionItems" ("OrganisationId", "DoneUtc");
