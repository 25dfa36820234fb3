-- The officers' queue: the staff user an application is assigned to, when it entered its current status (so the
-- queue can count the days it waits there), and the filters an officer saves as named views of their own.
ALTER TABLE "Applications" ADD "AssigneeId" TEXT NULL;

ALTER TABLE "Applications" ADD "StatusChangedUtc" TEXT NULL;

CREATE TABLE "ApplicationQueueViews" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApplicationQueueViews" PRIMARY KEY AUTOINCREMENT,
    "OwnerId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Query" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ApplicationQueueViews_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Applications_AssigneeId" ON "Applications" ("AssigneeId");

CREATE UNIQUE INDEX "IX_ApplicationQueueViews_OwnerId_Name" ON "ApplicationQueueViews" ("OwnerId", "Name");

-- Submitted applications already on the site: their last change is the nearest record of when their status began.
UPDATE "Applications" SET "StatusChangedUtc" = "UpdatedUtc" WHERE "Status" <> 'draft';
