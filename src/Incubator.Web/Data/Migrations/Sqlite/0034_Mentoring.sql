-- Mentoring: mentors' details for matching, startups' stated needs, and mentor matches (one open match per startup and mentor).

CREATE TABLE "MentorDetails" (
    "MentorId" TEXT NOT NULL CONSTRAINT "PK_MentorDetails" PRIMARY KEY,
    "UserId" TEXT NULL,
    "Expertise" TEXT NOT NULL,
    "Sectors" TEXT NOT NULL,
    "Stages" TEXT NOT NULL,
    "Languages" TEXT NOT NULL,
    "HoursPerMonth" INTEGER NOT NULL,
    "AcceptsRequests" INTEGER NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "MentorMatches" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MentorMatches" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "MentorId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "RequestedBy" TEXT NULL,
    "RequestedUtc" TEXT NOT NULL,
    "DecidedUtc" TEXT NULL,
    "DecidedBy" TEXT NULL,
    "HoursAllocated" INTEGER NOT NULL,
    "Reasons" TEXT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "OrganisationNeeds" (
    "OrganisationId" TEXT NOT NULL CONSTRAINT "PK_OrganisationNeeds" PRIMARY KEY,
    "Needs" TEXT NOT NULL,
    "Note" TEXT NULL,
    "UpdatedUtc" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_MentorDetails_UserId" ON "MentorDetails" ("UserId");

CREATE INDEX "IX_MentorMatches_MentorId_Status" ON "MentorMatches" ("MentorId", "Status");

CREATE UNIQUE INDEX "IX_MentorMatches_Open" ON "MentorMatches" ("OrganisationId", "MentorId") WHERE "Status" IN ('Requested', 'Active');

CREATE INDEX "IX_MentorMatches_Status_RequestedUtc" ON "MentorMatches" ("Status", "RequestedUtc");
