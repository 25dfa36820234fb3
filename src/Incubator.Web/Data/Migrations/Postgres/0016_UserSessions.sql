-- Server-side sessions (one per sign-in, ended by signing out or by any security change of the account) and the
-- disabled flag an administrator sets on an account. Existing accounts stay enabled; the default only fills them.
ALTER TABLE "AspNetUsers" ADD COLUMN "Disabled" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "AspNetUsers" ALTER COLUMN "Disabled" DROP DEFAULT;
ALTER TABLE "AspNetUsers" ADD COLUMN "DisabledUtc" timestamp with time zone NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "DisabledById" character varying(450) NULL;

CREATE TABLE "UserSessions" (
    "Id" character varying(64) NOT NULL,
    "UserId" character varying(450) NOT NULL,
    "Kind" character varying(10) NOT NULL,
    "CreatedUtc" timestamp with time zone NOT NULL,
    "LastSeenUtc" timestamp with time zone NOT NULL,
    "IpAddress" character varying(64) NULL,
    "UserAgent" character varying(300) NULL,
    "EndedUtc" timestamp with time zone NULL,
    "EndReason" character varying(40) NULL,
    CONSTRAINT "PK_UserSessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_UserSessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_UserSessions_UserId_CreatedUtc" ON "UserSessions" ("UserId", "CreatedUtc");
