-- Check-ins: each organisation's progress report per period (one per organisation and period) and the late reminders sent.

CREATE TABLE "CheckInReminders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CheckInReminders" PRIMARY KEY AUTOINCREMENT,
    "OrganisationId" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "SentUtc" TEXT NOT NULL
);

CREATE TABLE "CheckIns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CheckIns" PRIMARY KEY AUTOINCREMENT,
    "OrganisationId" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "PeriodStart" TEXT NOT NULL,
    "Revenue" INTEGER NOT NULL,
    "Employees" INTEGER NOT NULL,
    "WomenEmployees" INTEGER NOT NULL,
    "NewJobs" INTEGER NOT NULL,
    "FundingGrant" INTEGER NOT NULL,
    "FundingEquity" INTEGER NOT NULL,
    "FundingLoan" INTEGER NOT NULL,
    "Customers" INTEGER NOT NULL,
    "ProductsLaunched" INTEGER NOT NULL,
    "IpFilings" INTEGER NOT NULL,
    "IpGranted" INTEGER NOT NULL,
    "Exports" INTEGER NOT NULL,
    "Comment" TEXT NULL,
    "SubmittedBy" TEXT NULL,
    "SubmittedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_CheckInReminders_OrganisationId_Period" ON "CheckInReminders" ("OrganisationId", "Period");

CREATE UNIQUE INDEX "IX_CheckIns_OrganisationId_Period" ON "CheckIns" ("OrganisationId", "Period");

CREATE INDEX "IX_CheckIns_OrganisationId_PeriodStart" ON "CheckIns" ("OrganisationId", "PeriodStart");
