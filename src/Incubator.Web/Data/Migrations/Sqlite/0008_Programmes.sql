-- Support programmes (a content type with versions), applications with attachments, reviews and expert links,
-- disbursement milestones, reports, and the per-programme ledger that approvals commit their amounts to.
CREATE TABLE "Applications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Applications" PRIMARY KEY,
    "ProgrammeId" TEXT NOT NULL,
    "RoundKey" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "OrganisationKind" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "AnswersJson" TEXT NOT NULL,
    "RequestedAmount" INTEGER NULL,
    "ReopenedFields" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "SubmittedUtc" TEXT NULL,
    "DecisionNumber" TEXT NULL,
    "DecisionDate" TEXT NULL,
    "ApprovedAmount" INTEGER NULL,
    "DecidedUtc" TEXT NULL,
    "AppliedInProduction" INTEGER NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "ExpertLinks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ExpertLinks" PRIMARY KEY AUTOINCREMENT,
    "ReviewerId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL
);

CREATE TABLE "ProgrammeLedgers" (
    "ProgrammeId" TEXT NOT NULL CONSTRAINT "PK_ProgrammeLedgers" PRIMARY KEY,
    "Committed" INTEGER NOT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "Programmes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Programmes" PRIMARY KEY AUTOINCREMENT,
    "NameEn" TEXT NULL,
    "LegalBasis" TEXT NOT NULL,
    "SupportType" TEXT NOT NULL,
    "Description" TEXT NULL,
    "EligibleKinds" TEXT NOT NULL,
    "EligibleLocalities" TEXT NOT NULL,
    "MaxOrganisationAgeYears" INTEGER NULL,
    "Budget" INTEGER NOT NULL,
    "MaxPerApplication" INTEGER NOT NULL,
    "CoFundingShare" TEXT NOT NULL,
    "Workflow" TEXT NOT NULL,
    "Targets" TEXT NOT NULL,
    "RoundsJson" TEXT NOT NULL,
    "FormJson" TEXT NOT NULL,
    "RubricJson" TEXT NOT NULL,
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

CREATE TABLE "ApplicationAttachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApplicationAttachments" PRIMARY KEY AUTOINCREMENT,
    "ApplicationId" TEXT NOT NULL,
    "FieldKey" TEXT NOT NULL,
    "StoredName" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    "UploadedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ApplicationAttachments_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ApplicationReports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApplicationReports" PRIMARY KEY AUTOINCREMENT,
    "ApplicationId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "MilestoneId" INTEGER NULL,
    "Text" TEXT NOT NULL,
    "AppliedInProduction" INTEGER NULL,
    "SubmittedUtc" TEXT NOT NULL,
    "SubmittedBy" TEXT NOT NULL,
    CONSTRAINT "FK_ApplicationReports_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DisbursementMilestones" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DisbursementMilestones" PRIMARY KEY AUTOINCREMENT,
    "ApplicationId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "DueOn" TEXT NOT NULL,
    "ReportDueOn" TEXT NULL,
    "PaidUtc" TEXT NULL,
    CONSTRAINT "FK_DisbursementMilestones_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Reviews" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Reviews" PRIMARY KEY AUTOINCREMENT,
    "ApplicationId" TEXT NOT NULL,
    "ReviewerId" TEXT NOT NULL,
    "AssignedUtc" TEXT NOT NULL,
    "AssignedBy" TEXT NULL,
    "NoConflictDeclaredUtc" TEXT NULL,
    "ScoresJson" TEXT NULL,
    "Comment" TEXT NULL,
    "SubmittedUtc" TEXT NULL,
    CONSTRAINT "FK_Reviews_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ApplicationAttachments_ApplicationId" ON "ApplicationAttachments" ("ApplicationId");

CREATE UNIQUE INDEX "IX_ApplicationAttachments_StoredName" ON "ApplicationAttachments" ("StoredName");

CREATE INDEX "IX_ApplicationReports_ApplicationId" ON "ApplicationReports" ("ApplicationId");

CREATE INDEX "IX_Applications_OrganisationId" ON "Applications" ("OrganisationId");

CREATE INDEX "IX_Applications_OwnerId" ON "Applications" ("OwnerId");

CREATE INDEX "IX_Applications_ProgrammeId_Status" ON "Applications" ("ProgrammeId", "Status");

CREATE INDEX "IX_DisbursementMilestones_ApplicationId" ON "DisbursementMilestones" ("ApplicationId");

CREATE INDEX "IX_ExpertLinks_OrganisationId" ON "ExpertLinks" ("OrganisationId");

CREATE UNIQUE INDEX "IX_ExpertLinks_ReviewerId_OrganisationId" ON "ExpertLinks" ("ReviewerId", "OrganisationId");

CREATE UNIQUE INDEX "IX_Programmes_ContentItemId_Version" ON "Programmes" ("ContentItemId", "Version");

CREATE UNIQUE INDEX "IX_Programmes_LatestItem" ON "Programmes" ("ContentItemId") WHERE "Latest" AND "DeletedUtc" IS NULL;

CREATE UNIQUE INDEX "IX_Programmes_LatestSlug" ON "Programmes" ("Slug") WHERE "Latest" AND "DeletedUtc" IS NULL;

CREATE INDEX "IX_Programmes_OwnerId" ON "Programmes" ("OwnerId");

CREATE INDEX "IX_Programmes_Published_Slug" ON "Programmes" ("Published", "Slug");

CREATE UNIQUE INDEX "IX_Reviews_ApplicationId_ReviewerId" ON "Reviews" ("ApplicationId", "ReviewerId");

CREATE INDEX "IX_Reviews_ReviewerId" ON "Reviews" ("ReviewerId");
