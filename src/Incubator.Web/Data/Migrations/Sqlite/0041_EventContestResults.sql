-- Events: what each entry of a contest's round won (a prize, sent to the national contest, applied in production).
CREATE TABLE "EventContestResults" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EventContestResults" PRIMARY KEY AUTOINCREMENT,
    "EventId" TEXT NOT NULL,
    "ApplicationId" TEXT NOT NULL,
    "Prize" TEXT NOT NULL,
    "SentToNational" INTEGER NOT NULL,
    "AppliedInProduction" INTEGER NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL
);

CREATE UNIQUE INDEX "IX_EventContestResults_EventId_ApplicationId" ON "EventContestResults" ("EventId", "ApplicationId");
