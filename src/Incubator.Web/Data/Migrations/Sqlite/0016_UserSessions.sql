-- Server-side sessions (one per sign-in, ended by signing out or by any security change of the account) and the
-- disabled flag an administrator sets on an account. Existing accounts stay enabled.
ALTER TABLE "AspNetUsers" ADD COLUMN "Disabled" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "AspNetUsers" ADD COLUMN "DisabledUtc" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "DisabledById" TEXT NULL;

CREATE TABLE "UserSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_UserSessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "LastSeenUtc" TEXT NOT NULL,
    "IpAddress" TEXT NULL,
    "UserAgent" TEXT NULL,
    "EndedUtc" TEXT NULL,
    "EndReason" TEXT NULL,
    CONSTRAINT "FK_UserSessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_UserSessions_UserId_CreatedUtc" ON "UserSessions" ("UserId", "CreatedUtc");
