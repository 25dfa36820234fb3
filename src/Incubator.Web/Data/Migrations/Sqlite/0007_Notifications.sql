-- In-app notifications, written by workflow notify steps next to the e-mail they queue.
CREATE TABLE "Notifications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Template" TEXT NOT NULL,
    "ItemId" TEXT NOT NULL,
    "ItemTitle" TEXT NOT NULL,
    "Link" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "ReadUtc" TEXT NULL
);

CREATE INDEX "IX_Notifications_UserId_ReadUtc" ON "Notifications" ("UserId", "ReadUtc");
