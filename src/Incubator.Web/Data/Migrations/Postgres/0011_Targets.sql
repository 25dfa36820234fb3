-- Targets: the numbered lines of provincial plans, set by recipes, each with the indicator (JSON) that computes
-- its value from live data.
CREATE TABLE "Targets" (
    "Key" character varying(64) NOT NULL,
    "TitleVi" character varying(500) NOT NULL,
    "TitleEn" character varying(500),
    "Plan" character varying(300) NOT NULL,
    "Baseline" numeric(18,4) NOT NULL,
    "Min" numeric(18,4) NOT NULL,
    "Max" numeric(18,4) NOT NULL,
    "UnitVi" character varying(64) NOT NULL,
    "UnitEn" character varying(64),
    "StartYear" integer NOT NULL,
    "DeadlineYear" integer NOT NULL,
    "IndicatorJson" text NOT NULL,
    "Order" integer NOT NULL,
    "UpdatedUtc" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Targets" PRIMARY KEY ("Key")
);

CREATE INDEX "IX_Targets_Plan_Order" ON "Targets" ("Plan", "Order");
