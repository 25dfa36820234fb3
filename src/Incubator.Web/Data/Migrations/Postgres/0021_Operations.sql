-- Operations: each web instance's heartbeat, and the leases by which a singleton job (the scheduled backup) runs on
-- one instance at a time, with how its last run ended.
CREATE TABLE "InstanceHeartbeats" (
    "InstanceId" character varying(200) NOT NULL,
    "Machine" character varying(200) NOT NULL,
    "ProcessId" integer NOT NULL,
    "Version" character varying(200) NOT NULL,
    "StartedUtc" timestamp with time zone NOT NULL,
    "SeenUtc" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_InstanceHeartbeats" PRIMARY KEY ("InstanceId")
);

CREATE TABLE "JobLeases" (
    "Name" character varying(100) NOT NULL,
    "Owner" character varying(200),
    "LeasedUntilUtc" timestamp with time zone,
    "LastRunUtc" timestamp with time zone,
    "LastResult" character varying(4000),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_JobLeases" PRIMARY KEY ("Name")
);

CREATE INDEX "IX_InstanceHeartbeats_SeenUtc" ON "InstanceHeartbeats" ("SeenUtc");
