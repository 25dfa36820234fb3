-- Targets: the numbered lines of provincial plans, set by recipes, each with the indicator (JSON) that computes
-- its value from live data.
CREATE TABLE "Targets" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_Targets" PRIMARY KEY,
    "TitleVi" TEXT NOT NULL,
    "TitleEn" TEXT NULL,
    "Plan" TEXT NOT NULL,
    "Baseline" TEXT NOT NULL,
    "Min" TEXT NOT NULL,
    "Max" TEXT NOT NULL,
    "UnitVi" TEXT NOT NULL,
    "UnitEn" TEXT NULL,
    "StartYear" INTEGER NOT NULL,
    "DeadlineYear" INTEGER NOT NULL,
    "IndicatorJson" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    "UpdatedUtc" TEXT NOT NULL
);

CREATE INDEX "IX_Targets_Plan_Order" ON "Targets" ("Plan", "Order");
