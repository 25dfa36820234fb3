-- Operations: each web instance's heartbeat, and the leases by which a singleton job (the scheduled backup) runs on
-- one instance at a time, with how its last run ended.
CREATE TABLE "InstanceHeartbeats" (
    "InstanceId" TEXT NOT NULL CONSTRAINT "PK_InstanceHeartbeats" PRIMARY KEY,
    "Machine" TEXT NOT NULL,
    "ProcessId" INTEGER NOT NULL,
    "Version" TEXT NOT NULL,
    "StartedUtc" TEXT NOT NULL,
    "SeenUtc" TEXT NOT NULL
);

CREATE TABLE "JobLeases" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_JobLeases" PRIMARY KEY,
    "Owner" TEXT NULL,
    "LeasedUntilUtc" TEXT NULL,
    "LastRunUtc" TEXT NULL,
    "LastResult" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE INDEX "IX_InstanceHeartbeats_SeenUtc" ON "InstanceHeartbeats" ("SeenUtc");
