-- Requests to delete an account and its personal data; kept after the deletion as the proof it was carried out.
CREATE TABLE "DeletionRequests" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DeletionRequests" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "RequestedUtc" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CompletedUtc" TEXT NULL,
    "CompletedBy" TEXT NULL,
    "Note" TEXT NULL
);

CREATE INDEX "IX_DeletionRequests_Status_RequestedUtc" ON "DeletionRequests" ("Status", "RequestedUtc");
CREATE INDEX "IX_DeletionRequests_UserId" ON "DeletionRequests" ("UserId");
