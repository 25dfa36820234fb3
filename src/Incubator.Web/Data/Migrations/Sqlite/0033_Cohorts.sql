-- Cohorts: incubation intakes, their milestones, their members, each member's progress per milestone and the overdue reminders sent.

CREATE TABLE "Cohorts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Cohorts" PRIMARY KEY,
    "Key" TEXT NOT NULL,
    "NameVi" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL,
    "StartsOn" TEXT NOT NULL,
    "EndsOn" TEXT NOT NULL,
    "ProgrammeKey" TEXT NULL,
    "Cadence" TEXT NOT NULL,
    "LeadUserId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "CohortMembers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CohortMembers" PRIMARY KEY AUTOINCREMENT,
    "CohortId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "JoinedOn" TEXT NOT NULL,
    "JoinedUtc" TEXT NOT NULL,
    "AddedBy" TEXT NULL,
    "Status" TEXT NOT NULL,
    "EndedOn" TEXT NULL,
    "EndedUtc" TEXT NULL,
    "Reason" TEXT NULL,
    "RowVersion" INTEGER NOT NULL,
    CONSTRAINT "FK_CohortMembers_Cohorts_CohortId" FOREIGN KEY ("CohortId") REFERENCES "Cohorts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CohortMilestones" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CohortMilestones" PRIMARY KEY AUTOINCREMENT,
    "CohortId" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "TitleVi" TEXT NOT NULL,
    "TitleEn" TEXT NOT NULL,
    "DueOn" TEXT NOT NULL,
    "Evidence" TEXT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_CohortMilestones_Cohorts_CohortId" FOREIGN KEY ("CohortId") REFERENCES "Cohorts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CohortReminders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CohortReminders" PRIMARY KEY AUTOINCREMENT,
    "MemberId" INTEGER NOT NULL,
    "MilestoneKey" TEXT NOT NULL,
    "SentUtc" TEXT NOT NULL,
    CONSTRAINT "FK_CohortReminders_CohortMembers_MemberId" FOREIGN KEY ("MemberId") REFERENCES "CohortMembers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MemberMilestones" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MemberMilestones" PRIMARY KEY AUTOINCREMENT,
    "MemberId" INTEGER NOT NULL,
    "MilestoneKey" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Evidence" TEXT NULL,
    "WaivedReason" TEXT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL,
    CONSTRAINT "FK_MemberMilestones_CohortMembers_MemberId" FOREIGN KEY ("MemberId") REFERENCES "CohortMembers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_CohortMembers_CohortId_OrganisationId" ON "CohortMembers" ("CohortId", "OrganisationId");

CREATE INDEX "IX_CohortMembers_OrganisationId" ON "CohortMembers" ("OrganisationId");

CREATE UNIQUE INDEX "IX_CohortMilestones_CohortId_Key" ON "CohortMilestones" ("CohortId", "Key");

CREATE UNIQUE INDEX "IX_CohortReminders_MemberId_MilestoneKey" ON "CohortReminders" ("MemberId", "MilestoneKey");

CREATE UNIQUE INDEX "IX_Cohorts_Key" ON "Cohorts" ("Key");

CREATE UNIQUE INDEX "IX_MemberMilestones_MemberId_MilestoneKey" ON "MemberMilestones" ("MemberId", "MilestoneKey");
