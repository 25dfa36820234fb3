-- Mentoring: mentors' details for matching, startups' stated needs, and mentor matches (one open match per startup and mentor).

CREATE TABLE "MentorDetails" (
    "MentorId" character varying(32) NOT NULL,
    "UserId" character varying(450),
    "Expertise" text[] NOT NULL,
    "Sectors" text[] NOT NULL,
    "Stages" text[] NOT NULL,
    "Languages" text[] NOT NULL,
    "HoursPerMonth" integer NOT NULL,
    "AcceptsRequests" boolean NOT NULL,
    "UpdatedUtc" timestamp with time zone NOT NULL,
    "RowVersion" integer NOT NULL,
    CONSTRAINT "PK_MentorDetails" PRIMARY KEY ("MentorId")
);

CREATE TABLE "MentorMatches" (
    "Id" character varying(32) NOT NULL,
    "OrganisationId" character varying(32) NOT NULL,
    "MentorId" character varying(32) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "RequestedBy" character varying(450),
    "RequestedUtc" timestamp with time zone NOT NULL,
    "DecidedUtc" timestamp with time zone,
    "DecidedBy" character varying(450),
    "HoursAllocated" integer NOT NULL,
    "Reasons" character varying(2000),
    "RowVersion" integer NOT NULL,
    CONSTRAINT "PK_MentorMatches" PRIMARY KEY ("Id")
);

CREATE TABLE "OrganisationNeeds" (
    "OrganisationId" character varying(32) NOT NULL,
    "Needs" text[] NOT NULL,
    "Note" character varying(2000),
    "UpdatedUtc" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_OrganisationNeeds" PRIMARY KEY ("OrganisationId")
);

CREATE UNIQUE INDEX "IX_MentorDetails_UserId" ON "MentorDetails" ("UserId");

CREATE INDEX "IX_MentorMatches_MentorId_Status" ON "MentorMatches" ("MentorId", "Status");

CREATE UNIQUE INDEX "IX_MentorMatches_Open" ON "MentorMatches" ("OrganisationId", "MentorId") WHERE "Status" IN ('Requested', 'Active');

CREATE INDEX "IX_MentorMatches_Status_RequestedUtc" ON "MentorMatches" ("Status", "RequestedUtc");
