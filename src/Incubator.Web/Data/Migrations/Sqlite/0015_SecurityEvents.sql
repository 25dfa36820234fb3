-- The audit of security events: sign-ins, second factors, password, e-mail, role and account changes, personal data.
CREATE TABLE "SecurityEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SecurityEvents" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "Email" TEXT NULL,
    "ActorId" TEXT NULL,
    "AtUtc" TEXT NOT NULL,
    "IpAddress" TEXT NULL,
    "UserAgent" TEXT NULL,
    "Detail" TEXT NULL
);

CREATE INDEX "IX_SecurityEvents_AtUtc" ON "SecurityEvents" ("AtUtc");
CREATE INDEX "IX_SecurityEvents_UserId_AtUtc" ON "SecurityEvents" ("UserId", "AtUtc");
